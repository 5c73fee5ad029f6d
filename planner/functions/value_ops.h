#pragma once
// Internal to planner/functions: operations on constant Values shared by fold functions and
// castValue (ordering, equality, decimal conversion, Spark's CAST-to-string form).
#include <string>
#include <string_view>

#include "planner/value.h"

namespace sluice::valueops {

/// Spark's ordering of two non-NULL values of the same type: NaN is larger than any other
/// double and equal to itself, -0.0 == 0.0, strings/binary compare bytewise unsigned, NULL
/// elements inside arrays/structs sort first. Maps compare element-wise (for equality only).
int compare(const Value& a, const Value& b, const DataType& type);
/// compare(...) == 0.
inline bool equal(const Value& a, const Value& b, const DataType& type) {
  return compare(a, b, type) == 0;
}
/// Wraps an int64 result to the width of an integral type (Spark's non-ANSI overflow).
int64_t wrapTo(TypeId id, int64_t v);
/// The text CAST(v AS STRING) produces (nested NULLs print as `null`, like Spark 3).
/// Timestamps are shown in time zone `zone` (UTC when empty).
std::string castToString(const Value& v, const DataType& type, std::string_view zone = {});

}  // namespace sluice::valueops
