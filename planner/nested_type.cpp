#include "planner/nested_type.h"

#include "planner/timestamp_ntz.h"

namespace sluice {

std::optional<stdlib::NestedType> nestedTypeOf(const DataType& t) {
  stdlib::NestedType n;
  using K = stdlib::NestedKind;
  switch (t.id()) {
    case TypeId::Null:
      n.kind = K::Null;
      break;
    case TypeId::Boolean:
      n.kind = K::Boolean;
      break;
    case TypeId::Byte:
      n.kind = K::Byte;
      break;
    case TypeId::Short:
      n.kind = K::Short;
      break;
    case TypeId::Int:
      n.kind = K::Int;
      break;
    case TypeId::Long:
      n.kind = K::Long;
      break;
    case TypeId::Float:
      n.kind = K::Float;
      break;
    case TypeId::Double:
      n.kind = K::Double;
      break;
    case TypeId::Decimal:
      n.kind = K::Decimal;
      n.precision = t.precision();
      n.scale = t.scale();
      break;
    case TypeId::String:
      n.kind = K::String;
      break;
    case TypeId::Binary:
      n.kind = K::Binary;
      break;
    case TypeId::Date:
      n.kind = K::Date;
      break;
    case TypeId::Timestamp:
      n.kind = K::Timestamp;
      n.precision = isNtz(t) ? 1 : 0;
      break;
    case TypeId::Struct:
      n.kind = K::Struct;
      for (const auto& f : t.fields()) {
        n.fieldNames.push_back(f.name);
        n.anySpecialName |= f.name.find_first_of("\\\"") != std::string::npos;
        auto child = nestedTypeOf(*f.type);
        if (!child) return std::nullopt;
        n.children.push_back(std::move(*child));
      }
      break;
    case TypeId::Array:
      n.kind = K::Array;
      if (auto e = nestedTypeOf(*t.elementType()))
        n.children.push_back(std::move(*e));
      else
        return std::nullopt;
      break;
    case TypeId::Map:
      n.kind = K::Map;
      for (const TypePtr& c : {t.keyType(), t.valueType()}) {
        auto child = nestedTypeOf(*c);
        if (!child) return std::nullopt;
        n.children.push_back(std::move(*child));
      }
      break;
    case TypeId::Interval:
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
      return std::nullopt;
  }
  return n;
}

}  // namespace sluice
