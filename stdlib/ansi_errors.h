#pragma once
// The errors of Spark's ANSI mode (spark.sql.ansi.enabled), worded as Spark words them with
// its error class first: one text for constant folding (planner/functions/ansi.cpp throws it)
// and generated code (codegen/ansi_codegen.cpp records it through the extern "C" entry points
// below, which build the message from the run-time value).
#include <cstdint>
#include <string>
#include <string_view>

#include "stdlib/decimal.h"

namespace sluice::stdlib {

/// `[ARITHMETIC_OVERFLOW] <what> overflow. Use 'try_...' ...`: `typeName` is Spark's word
/// for the integral type ("integer", "long", ...); `tryFunction` the try_ variant to suggest
/// (empty: none).
std::string ansiArithmeticOverflow(std::string_view typeName, std::string_view tryFunction);
/// `[NUMERIC_VALUE_OUT_OF_RANGE] <value> cannot be represented as Decimal(p, s)`: a decimal
/// result (`value` empty: an arithmetic result, not shown) or cast that does not fit.
std::string ansiDecimalOutOfRange(std::string_view value, int precision, int scale);
/// `[DIVIDE_BY_ZERO] Division by zero. ...`
std::string ansiDivideByZero();
/// `[CAST_INVALID_INPUT] The value '<text>' of the type "STRING" cannot be cast to "<to>"
/// because it is malformed. ...`
std::string ansiCastInvalidInput(std::string_view text, std::string_view toSqlType);
/// `[CAST_OVERFLOW] The value <sqlValue> of the type "<from>" cannot be cast to "<to>" due to
/// an overflow. ...`; `sqlValue` as Spark's toSQLValue writes it (`300`, `300L`, `1.0E10D`).
/// (A cast to a decimal that does not fit is ansiDecimalOutOfRange, as in Spark.)
std::string ansiCastOverflow(std::string_view sqlValue, std::string_view fromSqlType,
                             std::string_view toSqlType);
/// Spark's toSQLValue of an integral value of SQL type `sqlType` (suffix L, S or Y).
std::string ansiIntegralSqlValue(int64_t v, std::string_view sqlType);
/// ... of a double or float (Java's toString and a D or F suffix).
std::string ansiFractionalSqlValue(double v, bool isFloat);
/// ... of a decimal (its digits and BD).
std::string ansiDecimalSqlValue(int128 unscaled, int scale);
/// `[INVALID_ARRAY_INDEX]` (`a[i]`, 0-based) or `[INVALID_ARRAY_INDEX_IN_ELEMENT_AT]`
/// (element_at, 1-based): `index` as the user wrote it, `size` the array's length.
std::string ansiInvalidArrayIndex(int64_t index, int64_t size, bool elementAt);
/// `[CANNOT_PARSE_TIMESTAMP] Text '<text>' could not be parsed. ...` (to_date, to_timestamp,
/// unix_timestamp and to_unix_timestamp of a string that does not match the pattern).
std::string ansiCannotParseTimestamp(std::string_view text);

}  // namespace sluice::stdlib

// Generated code's entry points: each records its error for takeKernelError (the first of a
// kernel call wins). Type names are Spark's SQL names in upper case (`INT`, `DECIMAL(10,2)`).
extern "C" {
void sluice_ansi_cast_invalid(const char* text, int64_t len, const char* to, int64_t toLen);
// The cast overflows take the target's decimal precision and scale (precision -1: the target
// is not a decimal).
void sluice_ansi_cast_overflow_i64(int64_t v, const char* from, int64_t fromLen, const char* to,
                                   int64_t toLen, int32_t toPrecision, int32_t toScale);
void sluice_ansi_cast_overflow_f64(double v, int8_t isFloat, const char* from, int64_t fromLen,
                                   const char* to, int64_t toLen, int32_t toPrecision,
                                   int32_t toScale);
void sluice_ansi_cast_overflow_dec(__int128 unscaled, int32_t scale, const char* from,
                                   int64_t fromLen, const char* to, int64_t toLen,
                                   int32_t toPrecision, int32_t toScale);
void sluice_ansi_array_index(int64_t index, int64_t size, int8_t elementAt);
void sluice_ansi_cannot_parse_timestamp(const char* text, int64_t len);
}
