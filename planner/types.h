#pragma once
// Spark SQL's data types. Types are immutable and shared (`TypePtr`); compare them with
// `equals`, not pointer identity.
#include <memory>
#include <string>
#include <vector>

namespace sluice {

enum class TypeId {
  Null,  ///< Spark's NullType ("void"): the type of an untyped NULL literal
  Boolean,
  Byte,   ///< tinyint
  Short,  ///< smallint
  Int,
  Long,  ///< bigint
  Float,
  Double,
  Decimal,  ///< decimal(precision, scale), precision <= 38
  String,
  Binary,
  Date,       ///< days since 1970-01-01
  Timestamp,  ///< microseconds since the epoch, UTC session time zone
  Interval,   ///< CalendarInterval: months, days, microseconds
  /// ANSI interval year to month (YearMonthIntervalType): int months; start / end fields
  /// (stdlib/interval.h: 0 year, 1 month) say how it prints.
  YearMonthInterval,
  /// ANSI interval day to second (DayTimeIntervalType): long microseconds; start / end fields
  /// 0 day, 1 hour, 2 minute, 3 second.
  DayTimeInterval,
  Struct,
  Array,
  Map,
};

class DataType;
using TypePtr = std::shared_ptr<const DataType>;

/// A named struct field.
struct StructField {
  std::string name;      ///< field name as declared (lookups are case-insensitive)
  TypePtr type;          ///< field type
  bool nullable = true;  ///< Spark's StructField.nullable
};

/// One Spark data type. Construct with the static factories.
class DataType {
 public:
  TypeId id() const { return id_; }
  int precision() const { return precision_; }      ///< Decimal only
  int scale() const { return scale_; }              ///< Decimal only
  int intervalStart() const { return precision_; }  ///< ANSI intervals: the start field
  int intervalEnd() const { return scale_; }        ///< ANSI intervals: the end field
  const std::vector<StructField>& fields() const { return fields_; }  ///< Struct only
  const TypePtr& elementType() const { return a_; }                   ///< Array only
  const TypePtr& keyType() const { return a_; }                       ///< Map only
  const TypePtr& valueType() const { return b_; }                     ///< Map only
  bool containsNull() const { return containsNull_; }  ///< Array elements / Map values nullable

  /// Spark's simpleString / catalogString: `int`, `decimal(10,2)`, `struct<a:int,b:string>`.
  std::string toString() const;
  /// DDL form accepted by parseSchema for struct fields: `a INT, b STRUCT<c: STRING>`.
  std::string toDdl() const;
  /// Structural equality (field names compared exactly, nullability ignored).
  bool equals(const DataType& other) const;
  /// Index of a struct field by case-insensitive name, or -1.
  int fieldIndex(const std::string& name) const;

  bool isNumeric() const;   ///< tinyint .. double, decimal
  bool isIntegral() const;  ///< tinyint .. bigint
  bool isFractional() const { return id_ == TypeId::Float || id_ == TypeId::Double; }
  bool isComplex() const {
    return id_ == TypeId::Struct || id_ == TypeId::Array || id_ == TypeId::Map;
  }
  bool isDatetime() const { return id_ == TypeId::Date || id_ == TypeId::Timestamp; }
  /// YearMonthInterval or DayTimeInterval.
  bool isAnsiInterval() const {
    return id_ == TypeId::YearMonthInterval || id_ == TypeId::DayTimeInterval;
  }
  /// Can be compared with <, ordered in ORDER BY, used as a grouping key (maps cannot).
  bool isOrderable() const;

  static TypePtr null();
  static TypePtr boolean();
  static TypePtr byte();
  static TypePtr shortType();
  static TypePtr integer();
  static TypePtr bigint();
  static TypePtr floatType();
  static TypePtr doubleType();
  static TypePtr decimal(int precision, int scale);
  static TypePtr string();
  static TypePtr binary();
  static TypePtr date();
  static TypePtr timestamp();
  static TypePtr interval();
  /// interval year [to month] / interval month (fields 0 year, 1 month).
  static TypePtr yearMonthInterval(int start = 0, int end = 1);
  /// interval day to second and its narrower forms (fields 0 day .. 3 second).
  static TypePtr dayTimeInterval(int start = 0, int end = 3);
  static TypePtr structOf(std::vector<StructField> fields);
  static TypePtr arrayOf(TypePtr element, bool containsNull = true);
  static TypePtr mapOf(TypePtr key, TypePtr value, bool valueContainsNull = true);

  /// Decimal wide enough for an integral type (Spark's DecimalType.forType).
  static TypePtr decimalFor(const DataType& integral);

  explicit DataType(TypeId id) : id_(id) {}

 private:
  TypeId id_;
  int precision_ = 0, scale_ = 0;
  std::vector<StructField> fields_;
  TypePtr a_, b_;
  bool containsNull_ = true;
};

inline bool sameType(const TypePtr& a, const TypePtr& b) {
  return a->equals(*b);
}

}  // namespace sluice
