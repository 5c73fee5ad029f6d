#include "planner/types.h"

#include <algorithm>
#include <cctype>

#include "frontend/text.h"
#include "planner/timestamp_ntz.h"

namespace sluice {
namespace {

TypePtr make(TypeId id) {
  return std::make_shared<DataType>(id);
}

// Field names that are not plain identifiers need backquotes in DDL.
std::string quoteIfNeeded(const std::string& n) {
  bool plain = !n.empty() && !std::isdigit(static_cast<unsigned char>(n[0]));
  for (char c : n) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return n;
  std::string out = "`";
  for (char c : n) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

std::string upperDdl(const DataType& t) {
  switch (t.id()) {
    case TypeId::Struct: {
      std::string s = "STRUCT<";
      for (size_t i = 0; i < t.fields().size(); ++i) {
        if (i) s += ", ";
        s += quoteIfNeeded(t.fields()[i].name) + ": " + upperDdl(*t.fields()[i].type);
      }
      return s + ">";
    }
    case TypeId::Array:
      return "ARRAY<" + upperDdl(*t.elementType()) + ">";
    case TypeId::Map:
      return "MAP<" + upperDdl(*t.keyType()) + ", " + upperDdl(*t.valueType()) + ">";
    default: {
      return asciiUpper(t.toString());
    }
  }
}

}  // namespace

std::string DataType::toString() const {
  switch (id_) {
    case TypeId::Null:
      return "void";
    case TypeId::Boolean:
      return "boolean";
    case TypeId::Byte:
      return "tinyint";
    case TypeId::Short:
      return "smallint";
    case TypeId::Int:
      return "int";
    case TypeId::Long:
      return "bigint";
    case TypeId::Float:
      return "float";
    case TypeId::Double:
      return "double";
    case TypeId::Decimal:
      return "decimal(" + std::to_string(precision_) + "," + std::to_string(scale_) + ")";
    case TypeId::String:
      return "string";
    case TypeId::Binary:
      return "binary";
    case TypeId::Date:
      return "date";
    case TypeId::Timestamp:
      return isNtz(*this) ? "timestamp_ntz" : "timestamp";
    case TypeId::Interval:
      return "interval";
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval: {
      static const char* const ym[] = {"year", "month"};
      static const char* const dt[] = {"day", "hour", "minute", "second"};
      const char* const* names = id_ == TypeId::YearMonthInterval ? ym : dt;
      std::string s = std::string("interval ") + names[precision_];
      if (scale_ != precision_) s += std::string(" to ") + names[scale_];
      return s;
    }
    case TypeId::Struct: {
      std::string s = "struct<";
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (i) s += ",";
        s += fields_[i].name + ":" + fields_[i].type->toString();
      }
      return s + ">";
    }
    case TypeId::Array:
      return "array<" + a_->toString() + ">";
    case TypeId::Map:
      return "map<" + a_->toString() + "," + b_->toString() + ">";
  }
  return "?";
}

std::string DataType::toDdl() const {
  if (id_ != TypeId::Struct) return upperDdl(*this);
  std::string s;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i) s += ", ";
    s += quoteIfNeeded(fields_[i].name) + " " + upperDdl(*fields_[i].type);
  }
  return s;
}

bool DataType::equals(const DataType& o) const {
  if (id_ != o.id_) return false;
  switch (id_) {
    case TypeId::Timestamp:  // TIMESTAMP_NTZ is not TIMESTAMP
      return isNtz(*this) == isNtz(o);
    case TypeId::Decimal:
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
      return precision_ == o.precision_ && scale_ == o.scale_;
    case TypeId::Struct:
      if (fields_.size() != o.fields_.size()) return false;
      for (size_t i = 0; i < fields_.size(); ++i) {
        if (fields_[i].name != o.fields_[i].name || !fields_[i].type->equals(*o.fields_[i].type))
          return false;
      }
      return true;
    case TypeId::Array:
      return a_->equals(*o.a_);
    case TypeId::Map:
      return a_->equals(*o.a_) && b_->equals(*o.b_);
    default:
      return true;
  }
}

int DataType::fieldIndex(const std::string& name) const {
  // Exact match first so structs with fields differing only by case stay addressable.
  for (size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i].name == name) return static_cast<int>(i);
  for (size_t i = 0; i < fields_.size(); ++i)
    if (equalsIgnoreCase(fields_[i].name, name)) return static_cast<int>(i);
  return -1;
}

bool DataType::isNumeric() const {
  switch (id_) {
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
    case TypeId::Float:
    case TypeId::Double:
    case TypeId::Decimal:
      return true;
    default:
      return false;
  }
}

bool DataType::isIntegral() const {
  return id_ == TypeId::Byte || id_ == TypeId::Short || id_ == TypeId::Int || id_ == TypeId::Long;
}

bool DataType::isOrderable() const {
  switch (id_) {
    case TypeId::Map:
    case TypeId::Interval:
      return false;
    case TypeId::Array:
      return a_->isOrderable();
    case TypeId::Struct:
      return std::all_of(fields_.begin(), fields_.end(),
                         [](const StructField& f) { return f.type->isOrderable(); });
    default:
      return true;
  }
}

#define SLUICE_SINGLETON(fn, id)               \
  TypePtr DataType::fn() {                     \
    static const TypePtr t = make(TypeId::id); \
    return t;                                  \
  }
SLUICE_SINGLETON(null, Null)
SLUICE_SINGLETON(boolean, Boolean)
SLUICE_SINGLETON(byte, Byte)
SLUICE_SINGLETON(shortType, Short)
SLUICE_SINGLETON(integer, Int)
SLUICE_SINGLETON(bigint, Long)
SLUICE_SINGLETON(floatType, Float)
SLUICE_SINGLETON(doubleType, Double)
SLUICE_SINGLETON(string, String)
SLUICE_SINGLETON(binary, Binary)
SLUICE_SINGLETON(date, Date)
SLUICE_SINGLETON(timestamp, Timestamp)
SLUICE_SINGLETON(interval, Interval)
#undef SLUICE_SINGLETON

TypePtr DataType::yearMonthInterval(int start, int end) {
  auto t = std::make_shared<DataType>(TypeId::YearMonthInterval);
  t->precision_ = start;
  t->scale_ = end;
  return t;
}

TypePtr DataType::dayTimeInterval(int start, int end) {
  auto t = std::make_shared<DataType>(TypeId::DayTimeInterval);
  t->precision_ = start;
  t->scale_ = end;
  return t;
}

TypePtr DataType::decimal(int precision, int scale) {
  auto t = std::make_shared<DataType>(TypeId::Decimal);
  t->precision_ = precision;
  t->scale_ = scale;
  return t;
}

TypePtr DataType::structOf(std::vector<StructField> fields) {
  auto t = std::make_shared<DataType>(TypeId::Struct);
  t->fields_ = std::move(fields);
  return t;
}

TypePtr DataType::arrayOf(TypePtr element, bool containsNull) {
  auto t = std::make_shared<DataType>(TypeId::Array);
  t->a_ = std::move(element);
  t->containsNull_ = containsNull;
  return t;
}

TypePtr DataType::mapOf(TypePtr key, TypePtr value, bool valueContainsNull) {
  auto t = std::make_shared<DataType>(TypeId::Map);
  t->a_ = std::move(key);
  t->b_ = std::move(value);
  t->containsNull_ = valueContainsNull;
  return t;
}

TypePtr DataType::decimalFor(const DataType& integral) {
  switch (integral.id()) {
    case TypeId::Byte:
      return decimal(3, 0);
    case TypeId::Short:
      return decimal(5, 0);
    case TypeId::Int:
      return decimal(10, 0);
    case TypeId::Long:
      return decimal(20, 0);
    case TypeId::Float:
      return decimal(14, 7);
    case TypeId::Double:
      return decimal(30, 15);
    default:
      return decimal(38, 18);
  }
}

}  // namespace sluice
