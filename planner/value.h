#pragma once
// Constant values (literals and constant-folding results). A Value is interpreted through its
// DataType: all integral types, date and timestamp are stored as int64, float/double as
// double, decimal as its unscaled __int128, string/binary as bytes, struct/array as a list
// of element values, map as a flat list [k0, v0, k1, v1, ...].
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "planner/types.h"

namespace sluice {

/// Spark's CalendarInterval.
struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
  bool operator==(const Interval&) const = default;
};

class Value {
 public:
  using List = std::vector<Value>;
  using Rep = std::variant<std::monostate, bool, int64_t, double, __int128, std::string, Interval,
                           std::shared_ptr<const List>>;

  Value() = default;  ///< NULL
  static Value null() { return Value(); }
  static Value boolean(bool b) { return Value(Rep(b)); }
  static Value integer(int64_t v) { return Value(Rep(v)); }
  static Value real(double v) { return Value(Rep(v)); }
  static Value decimal(__int128 unscaled) { return Value(Rep(unscaled)); }
  static Value bytes(std::string s) { return Value(Rep(std::move(s))); }
  static Value interval(Interval i) { return Value(Rep(i)); }
  static Value list(List items) {
    return Value(Rep(std::make_shared<const List>(std::move(items))));
  }

  bool isNull() const { return std::holds_alternative<std::monostate>(rep_); }
  bool asBool() const { return std::get<bool>(rep_); }
  int64_t asInt() const { return std::get<int64_t>(rep_); }
  double asDouble() const { return std::get<double>(rep_); }
  __int128 asDecimal() const { return std::get<__int128>(rep_); }
  const std::string& asString() const { return std::get<std::string>(rep_); }
  const Interval& asInterval() const { return std::get<Interval>(rep_); }
  const List& asList() const { return *std::get<std::shared_ptr<const List>>(rep_); }
  const Rep& rep() const { return rep_; }

  /// Display form as Spark's `show()` prints it (no quotes): 1, 1.5, abc, 2020-01-01 00:00:00,
  /// {a, 1}, [1, 2], {k -> v}, NULL.
  std::string toString(const DataType& type) const { return toString(type, {}); }
  /// The same with timestamps shown in time zone `zone` (an id; empty for UTC), as Spark's
  /// show() does in the session time zone.
  std::string toString(const DataType& type, std::string_view zone) const;
  /// SQL literal form used in plans: 1, 1L, 'abc', TIMESTAMP '...', X'0A', null.
  std::string toSqlLiteral(const DataType& type) const;

  bool operator==(const Value& o) const;

 private:
  explicit Value(Rep r) : rep_(std::move(r)) {}
  Rep rep_;
};

/// Spark's interval display: `1 months 2 days 3.5 seconds` style (`INTERVAL '...'` less).
std::string formatInterval(const Interval& i);
/// Spark's double display (`1.0`, `1.5E10`, `NaN`, `Infinity`).
std::string formatDouble(double v, bool isFloat);

}  // namespace sluice
