// Generator rows (one input row -> zero or more output rows). A generator's Resolution lists
// the produced columns in `generatorOutput`; its `result` is the struct of those columns.
// Generators are never folded.
#include "planner/functions/registry_rows.h"

namespace sluice {
namespace {

using namespace fnrow;

Resolution finish(std::vector<StructField> out) {
  Resolution r;
  r.generatorOutput = std::move(out);
  r.result = DataType::structOf(r.generatorOutput);
  return r;
}

// explode / posexplode (outer: every produced column may be NULL).
TypeRule explodeRule(bool withPos, bool outer) {
  return [withPos, outer](const ResolveContext& c) {
    const TypePtr& t = c.type(0);
    std::vector<StructField> out;
    if (withPos) out.push_back({"pos", DataType::integer(), outer});
    if (t->id() == TypeId::Array) {
      out.push_back({"col", t->elementType(), outer || t->containsNull()});
    } else if (t->id() == TypeId::Map) {
      out.push_back({"key", t->keyType(), outer});
      out.push_back({"value", t->valueType(), outer || t->containsNull()});
    } else {
      failArg(c, 0, "array or map");
    }
    Resolution r = finish(std::move(out));
    r.argTypes.resize(1);
    return r;
  };
}

TypeRule inlineRule(bool outer) {
  return [outer](const ResolveContext& c) {
    const TypePtr& t = c.type(0);
    if (t->id() != TypeId::Array || t->elementType()->id() != TypeId::Struct)
      failArg(c, 0, "array<struct>");
    std::vector<StructField> out = t->elementType()->fields();
    for (auto& f : out) f.nullable = f.nullable || outer || t->containsNull();
    Resolution r = finish(std::move(out));
    r.argTypes.resize(1);
    return r;
  };
}

}  // namespace

void registerGeneratorFunctions(FunctionRegistry& r) {
  generator(r, "explode", "any -> ?").rule(explodeRule(false, false));
  generator(r, "explode_outer", "any -> ?").rule(explodeRule(false, true));
  generator(r, "posexplode", "any -> ?").rule(explodeRule(true, false));
  generator(r, "posexplode_outer", "any -> ?").rule(explodeRule(true, true));
  generator(r, "inline", "any -> ?").rule(inlineRule(false));
  generator(r, "inline_outer", "any -> ?").rule(inlineRule(true));
  // stack(n, v1, ...): the binder rewrites it into inline (Binder::Impl::bindStack).
  generator(r, "stack", "int, any... -> ?").arity(2, -1).rule([](const ResolveContext& c) {
    c.fail(-1, "stack() is only allowed at the top of a SELECT item, in LATERAL VIEW or in FROM");
    return Resolution();
  });
  generator(r, "json_tuple", "string, string... -> ?")
      .arity(2, -1)
      .then([](const ResolveContext& c, Resolution& res) {
        std::vector<StructField> out;
        for (size_t i = 1; i < c.args.size(); ++i)
          out.push_back({"c" + std::to_string(i - 1), DataType::string(), true});
        std::vector<TypePtr> casts = res.argTypes;
        res = finish(std::move(out));
        res.argTypes = std::move(casts);
      });
}

}  // namespace sluice
