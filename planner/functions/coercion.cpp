// Spark's non-ANSI TypeCoercion (findTightestCommonType, findWiderTypeForTwo,
// findCommonTypeForBinaryComparison, implicitCast) and Cast.canCast.
#include <algorithm>

#include "planner/functions/registry.h"
#include "planner/timestamp_ntz.h"

namespace sluice {
namespace {

// Spark's numericPrecedence for non-decimal numerics.
int numericRank(TypeId id) {
  switch (id) {
    case TypeId::Byte:
      return 0;
    case TypeId::Short:
      return 1;
    case TypeId::Int:
      return 2;
    case TypeId::Long:
      return 3;
    case TypeId::Float:
      return 4;
    case TypeId::Double:
      return 5;
    default:
      return -1;
  }
}

TypePtr rankType(int r) {
  static const TypePtr types[] = {DataType::byte(),      DataType::shortType(),
                                  DataType::integer(),   DataType::bigint(),
                                  DataType::floatType(), DataType::doubleType()};
  return types[r];
}

bool isAtomic(const DataType& t) {
  return !t.isComplex() && t.id() != TypeId::Null && t.id() != TypeId::Interval;
}

// DecimalType.isWiderThan(integral): can hold every value of the integral type.
bool decimalWiderThan(const DataType& d, const DataType& integral) {
  TypePtr f = DataType::decimalFor(integral);
  return d.precision() - d.scale() >= f->precision() - f->scale() && d.scale() >= f->scale();
}

// findWiderDateTimeType: TIMESTAMP (LTZ) over TIMESTAMP_NTZ over DATE.
TypePtr widerDatetime(const DataType& a, const DataType& b) {
  auto ltz = [](const DataType& t) { return t.id() == TypeId::Timestamp && !isNtz(t); };
  if (ltz(a) || ltz(b)) return DataType::timestamp();
  if (isNtz(a) || isNtz(b)) return timestampNtzType();
  return DataType::date();
}

using Merge = TypePtr (*)(const TypePtr&, const TypePtr&);

// findTypeForComplex / findWiderTypeForTwoComplex: element-wise merge of complex types.
TypePtr mergeComplex(const TypePtr& a, const TypePtr& b, Merge merge) {
  if (a->id() != b->id()) return nullptr;
  switch (a->id()) {
    case TypeId::Array: {
      TypePtr e = merge(a->elementType(), b->elementType());
      return e ? DataType::arrayOf(e, a->containsNull() || b->containsNull()) : nullptr;
    }
    case TypeId::Map: {
      TypePtr k = merge(a->keyType(), b->keyType());
      TypePtr v = merge(a->valueType(), b->valueType());
      return k && v ? DataType::mapOf(k, v, a->containsNull() || b->containsNull()) : nullptr;
    }
    case TypeId::Struct: {
      if (a->fields().size() != b->fields().size()) return nullptr;
      std::vector<StructField> fields;
      for (size_t i = 0; i < a->fields().size(); ++i) {
        const auto& fa = a->fields()[i];
        const auto& fb = b->fields()[i];
        // Field names must match case-insensitively (spark.sql.caseSensitive=false).
        if (a->fieldIndex(fb.name) != static_cast<int>(i)) return nullptr;
        TypePtr t = merge(fa.type, fb.type);
        if (!t) return nullptr;
        fields.push_back({fa.name, t, fa.nullable || fb.nullable});
      }
      return DataType::structOf(std::move(fields));
    }
    default:
      return nullptr;
  }
}

TypePtr tightest(const TypePtr& a, const TypePtr& b) {
  // Equal nested types still merge their nullability (a NULL field of one side must be read as
  // such from the common type).
  if (a->equals(*b)) return a->isComplex() ? mergeComplex(a, b, tightest) : a;
  if (a->id() == TypeId::Null) return b;
  if (b->id() == TypeId::Null) return a;
  if (a->isIntegral() && b->id() == TypeId::Decimal && decimalWiderThan(*b, *a)) return b;
  if (b->isIntegral() && a->id() == TypeId::Decimal && decimalWiderThan(*a, *b)) return a;
  const int ra = numericRank(a->id()), rb = numericRank(b->id());
  if (ra >= 0 && rb >= 0) return rankType(std::max(ra, rb));
  if (a->isDatetime() && b->isDatetime()) return widerDatetime(*a, *b);
  // ANSI intervals of one kind: the widest fields of both.
  if (a->isAnsiInterval() && a->id() == b->id()) {
    const int start = std::min(a->intervalStart(), b->intervalStart());
    const int end = std::max(a->intervalEnd(), b->intervalEnd());
    return a->id() == TypeId::YearMonthInterval ? DataType::yearMonthInterval(start, end)
                                                : DataType::dayTimeInterval(start, end);
  }
  return mergeComplex(a, b, tightest);
}

TypePtr widerDecimal(const TypePtr& a, const TypePtr& b) {
  TypePtr da = a->isIntegral() ? DataType::decimalFor(*a) : a;
  TypePtr db = b->isIntegral() ? DataType::decimalFor(*b) : b;
  if (da->id() != TypeId::Decimal || db->id() != TypeId::Decimal) {
    if ((a->isFractional() && b->id() == TypeId::Decimal) ||
        (a->id() == TypeId::Decimal && b->isFractional()))
      return DataType::doubleType();
    return nullptr;
  }
  const int scale = std::max(da->scale(), db->scale());
  const int range = std::max(da->precision() - da->scale(), db->precision() - db->scale());
  return DataType::decimal(std::min(range + scale, 38), std::min(scale, 38));
}

TypePtr stringPromotion(const TypePtr& a, const TypePtr& b) {
  auto ok = [](const DataType& t) {
    return isAtomic(t) && t.id() != TypeId::Binary && t.id() != TypeId::Boolean;
  };
  if (a->id() == TypeId::String && ok(*b)) return a;
  if (b->id() == TypeId::String && ok(*a)) return b;
  return nullptr;
}

TypePtr wider(const TypePtr& a, const TypePtr& b) {
  if (TypePtr t = tightest(a, b)) return t;
  if (TypePtr t = widerDecimal(a, b)) return t;
  if (TypePtr t = stringPromotion(a, b)) return t;
  return mergeComplex(a, b, wider);
}

// Cast.forceNullable: casts that can turn a non-null value into NULL.
bool forceNullable(const DataType& from, const DataType& to) {
  if (from.id() == TypeId::Null) return true;
  if (from.id() == TypeId::String) return to.id() != TypeId::Binary && to.id() != TypeId::String;
  if (from.isDatetime() && to.isNumeric()) return true;  // date -> numeric is NULL
  if (to.id() == TypeId::Decimal) return true;           // may overflow
  if (from.isFractional() && to.isIntegral()) return false;
  return false;
}

}  // namespace

TypePtr commonType(const TypePtr& a, const TypePtr& b) {
  return wider(a, b);
}

TypePtr comparisonType(const TypePtr& a, const TypePtr& b) {
  const TypeId x = a->id(), y = b->id();
  if (x == TypeId::String && y == TypeId::String) return a;
  if (x == TypeId::String && y == TypeId::Null) return a;
  if (x == TypeId::Null && y == TypeId::String) return b;
  if ((x == TypeId::String && y == TypeId::Decimal) ||
      (x == TypeId::Decimal && y == TypeId::String))
    return DataType::doubleType();
  // Boolean compared with a number: Spark's BooleanEquality casts the boolean (true = 1,
  // false = 0, true = 2 is false).
  if (x == TypeId::Boolean && b->isNumeric()) return b;
  if (y == TypeId::Boolean && a->isNumeric()) return a;
  // String compared with an atomic value: the string is cast to the other type.
  if (x == TypeId::String && isAtomic(*b)) return b;
  if (y == TypeId::String && isAtomic(*a)) return a;
  if (TypePtr t = tightest(a, b)) return t;
  if (TypePtr t = widerDecimal(a, b)) return t;
  return mergeComplex(a, b, comparisonType);
}

bool canImplicitCast(const TypePtr& from, const TypePtr& to) {
  const DataType& f = *from;
  const DataType& t = *to;
  if (f.equals(t) || f.id() == TypeId::Null) return true;
  if (f.isNumeric() && t.isNumeric()) return true;
  if (f.isDatetime() && t.isDatetime()) return true;
  if (f.isAnsiInterval() && f.id() == t.id()) return true;
  if (f.id() == TypeId::String) {
    return t.isNumeric() || t.isDatetime() || t.id() == TypeId::Binary;
  }
  if (t.id() == TypeId::String) return isAtomic(f);
  if (f.id() == TypeId::Array && t.id() == TypeId::Array)
    return canImplicitCast(f.elementType(), t.elementType());
  if (f.id() == TypeId::Map && t.id() == TypeId::Map)
    return canImplicitCast(f.keyType(), t.keyType()) &&
           canImplicitCast(f.valueType(), t.valueType());
  if (f.id() == TypeId::Struct && t.id() == TypeId::Struct) {
    if (f.fields().size() != t.fields().size()) return false;
    for (size_t i = 0; i < f.fields().size(); ++i) {
      if (f.fields()[i].name != t.fields()[i].name ||
          !canImplicitCast(f.fields()[i].type, t.fields()[i].type))
        return false;
    }
    return true;
  }
  return false;
}

bool canCast(const TypePtr& from, const TypePtr& to) {
  const DataType& f = *from;
  const DataType& t = *to;
  if (f.equals(t) || f.id() == TypeId::Null) return true;
  if (t.id() == TypeId::String) return true;
  switch (t.id()) {
    case TypeId::Binary:
      return f.id() == TypeId::String || f.isIntegral();
    case TypeId::Boolean:
      return f.id() == TypeId::String || (f.isDatetime() && !isNtz(f)) || f.isNumeric();
    case TypeId::Timestamp:
      // TIMESTAMP_NTZ converts only to and from text, dates and the other timestamp type.
      if (isNtz(t) || isNtz(f))
        return f.id() == TypeId::String || f.id() == TypeId::Date || f.id() == TypeId::Timestamp;
      return f.id() == TypeId::String || f.id() == TypeId::Boolean || f.id() == TypeId::Date ||
             f.isNumeric();
    case TypeId::Date:
      return f.id() == TypeId::String || f.id() == TypeId::Timestamp;
    case TypeId::Interval:
      return f.id() == TypeId::String;
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
      // Text, intervals of the same kind, and integers into a single-field interval.
      return f.id() == TypeId::String || f.id() == t.id() ||
             (f.isIntegral() && t.intervalStart() == t.intervalEnd());
    default:
      break;
  }
  if (f.isAnsiInterval()) return t.isIntegral() && f.intervalStart() == f.intervalEnd();
  if (t.isNumeric())
    return f.id() == TypeId::String || f.id() == TypeId::Boolean || (f.isDatetime() && !isNtz(f)) ||
           f.isNumeric();
  if (f.id() == TypeId::Array && t.id() == TypeId::Array)
    return canCast(f.elementType(), t.elementType());
  if (f.id() == TypeId::Map && t.id() == TypeId::Map)
    return canCast(f.keyType(), t.keyType()) && !forceNullable(*f.keyType(), *t.keyType()) &&
           canCast(f.valueType(), t.valueType());
  if (f.id() == TypeId::Struct && t.id() == TypeId::Struct) {
    if (f.fields().size() != t.fields().size()) return false;
    for (size_t i = 0; i < f.fields().size(); ++i)
      if (!canCast(f.fields()[i].type, t.fields()[i].type)) return false;
    return true;
  }
  return false;
}

}  // namespace sluice
