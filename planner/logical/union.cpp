// Union's output: the first input's columns with every input's NULLs admitted.
#include "planner/logical/union.h"

namespace sluice {
namespace {

// `a` with the nested nullability of a structurally equal `b` merged in; `a` itself when
// nothing changes or the types differ. DataType::equals ignores nullability, so without this
// a reader of the first input's non-nullable array elements would skip another input's NULLs.
TypePtr mergeNullability(const TypePtr& a, const TypePtr& b) {
  if (!a->equals(*b)) return a;
  switch (a->id()) {
    case TypeId::Array: {
      TypePtr e = mergeNullability(a->elementType(), b->elementType());
      const bool n = a->containsNull() || b->containsNull();
      if (e == a->elementType() && n == a->containsNull()) return a;
      return DataType::arrayOf(e, n);
    }
    case TypeId::Map: {
      TypePtr v = mergeNullability(a->valueType(), b->valueType());
      const bool n = a->containsNull() || b->containsNull();
      if (v == a->valueType() && n == a->containsNull()) return a;
      return DataType::mapOf(a->keyType(), v, n);
    }
    case TypeId::Struct: {
      std::vector<StructField> fields = a->fields();
      bool changed = false;
      for (size_t i = 0; i < fields.size(); ++i) {
        TypePtr t = mergeNullability(fields[i].type, b->fields()[i].type);
        const bool n = fields[i].nullable || b->fields()[i].nullable;
        changed |= t != fields[i].type || n != fields[i].nullable;
        fields[i].type = t;
        fields[i].nullable = n;
      }
      return changed ? DataType::structOf(std::move(fields)) : a;
    }
    default:
      return a;
  }
}

}  // namespace

std::vector<Attribute> Union::output() const {
  auto out = children()[0]->output();
  for (size_t i = 1; i < children().size(); ++i) {
    auto o = children()[i]->output();
    for (size_t c = 0; c < out.size() && c < o.size(); ++c) {
      out[c].nullable |= o[c].nullable;
      out[c].type = mergeNullability(out[c].type, o[c].type);
    }
  }
  return out;
}

}  // namespace sluice
