#include "stdlib/ansi_errors.h"

#include "stdlib/kernel_error.h"
#include "stdlib/strings.h"

namespace sluice::stdlib {
namespace {

constexpr std::string_view kBypass =
    " If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.";

std::string_view view(const char* p, int64_t n) {
  return n > 0 ? std::string_view(p, static_cast<size_t>(n)) : std::string_view();
}

}  // namespace

std::string ansiArithmeticOverflow(std::string_view typeName, std::string_view tryFunction) {
  std::string m = "[ARITHMETIC_OVERFLOW] " + std::string(typeName) + " overflow.";
  if (!tryFunction.empty())
    m += " Use '" + std::string(tryFunction) + "' to tolerate overflow and return NULL instead.";
  return m + std::string(kBypass);
}

std::string ansiDecimalOutOfRange(std::string_view value, int precision, int scale) {
  return "[NUMERIC_VALUE_OUT_OF_RANGE] " +
         (value.empty() ? std::string("The result") : std::string(value)) +
         " cannot be represented as Decimal(" + std::to_string(precision) + ", " +
         std::to_string(scale) + ")." + std::string(kBypass);
}

std::string ansiDivideByZero() {
  return "[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 and "
         "return NULL instead." +
         std::string(kBypass);
}

std::string ansiCastInvalidInput(std::string_view text, std::string_view toSqlType) {
  return "[CAST_INVALID_INPUT] The value '" + quoteBytesForError(text) +
         "' of the type \"STRING\" cannot be cast to \"" + std::string(toSqlType) +
         "\" because it is malformed. Correct the value as per the syntax, or change its target "
         "type. Use `try_cast` to tolerate malformed input and return NULL instead." +
         std::string(kBypass);
}

std::string ansiCastOverflow(std::string_view sqlValue, std::string_view fromSqlType,
                             std::string_view toSqlType) {
  return "[CAST_OVERFLOW] The value " + std::string(sqlValue) + " of the type \"" +
         std::string(fromSqlType) + "\" cannot be cast to \"" + std::string(toSqlType) +
         "\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead." +
         std::string(kBypass);
}

std::string ansiIntegralSqlValue(int64_t v, std::string_view sqlType) {
  const std::string s = std::to_string(v);
  if (sqlType == "BIGINT") return s + "L";
  if (sqlType == "SMALLINT") return s + "S";
  if (sqlType == "TINYINT") return s + "Y";
  return s;
}

std::string ansiFractionalSqlValue(double v, bool isFloat) {
  return formatDouble(v, isFloat) + (isFloat ? "F" : "D");
}

std::string ansiDecimalSqlValue(int128 unscaled, int scale) {
  return decimalToString(unscaled, scale) + "BD";
}

std::string ansiInvalidArrayIndex(int64_t index, int64_t size, bool elementAt) {
  const std::string n = std::to_string(size);
  if (elementAt)
    return "[INVALID_ARRAY_INDEX_IN_ELEMENT_AT] The index " + std::to_string(index) +
           " is out of bounds. The array has " + n +
           " elements. Use `try_element_at` to tolerate accessing element at invalid index and "
           "return NULL instead." +
           std::string(kBypass);
  return "[INVALID_ARRAY_INDEX] The index " + std::to_string(index) +
         " is out of bounds. The array has " + n +
         " elements. Use the SQL function `get()` to tolerate accessing element at invalid index "
         "and return NULL instead." +
         std::string(kBypass);
}

std::string ansiCannotParseTimestamp(std::string_view text) {
  return "[CANNOT_PARSE_TIMESTAMP] Text '" + quoteBytesForError(text) +
         "' could not be parsed. Use `try_to_timestamp` to tolerate invalid input string and "
         "return NULL instead." +
         std::string(kBypass);
}

}  // namespace sluice::stdlib

using namespace sluice::stdlib;

extern "C" void sluice_ansi_cast_invalid(const char* text, int64_t len, const char* to,
                                         int64_t toLen) {
  try {
    sluice::raiseKernelError(ansiCastInvalidInput(view(text, len), view(to, toLen)));
  } catch (...) {
    sluice::recordKernelException();
  }
}

namespace {

// CAST_OVERFLOW, or NUMERIC_VALUE_OUT_OF_RANGE for a decimal target (toPrecision >= 0).
void castOverflow(const std::string& sqlValue, const std::string& plain, const char* from,
                  int64_t fromLen, const char* to, int64_t toLen, int32_t toPrecision,
                  int32_t toScale) {
  if (toPrecision >= 0)
    sluice::raiseKernelError(ansiDecimalOutOfRange(plain, toPrecision, toScale));
  else
    sluice::raiseKernelError(ansiCastOverflow(sqlValue, view(from, fromLen), view(to, toLen)));
}

}  // namespace

extern "C" void sluice_ansi_cast_overflow_i64(int64_t v, const char* from, int64_t fromLen,
                                              const char* to, int64_t toLen, int32_t toPrecision,
                                              int32_t toScale) {
  try {
    castOverflow(ansiIntegralSqlValue(v, view(from, fromLen)), std::to_string(v), from, fromLen, to,
                 toLen, toPrecision, toScale);
  } catch (...) {
    sluice::recordKernelException();
  }
}

extern "C" void sluice_ansi_cast_overflow_f64(double v, int8_t isFloat, const char* from,
                                              int64_t fromLen, const char* to, int64_t toLen,
                                              int32_t toPrecision, int32_t toScale) {
  try {
    castOverflow(ansiFractionalSqlValue(v, isFloat != 0), formatDouble(v, isFloat != 0), from,
                 fromLen, to, toLen, toPrecision, toScale);
  } catch (...) {
    sluice::recordKernelException();
  }
}

extern "C" void sluice_ansi_cast_overflow_dec(__int128 unscaled, int32_t scale, const char* from,
                                              int64_t fromLen, const char* to, int64_t toLen,
                                              int32_t toPrecision, int32_t toScale) {
  try {
    castOverflow(ansiDecimalSqlValue(unscaled, scale), decimalToString(unscaled, scale), from,
                 fromLen, to, toLen, toPrecision, toScale);
  } catch (...) {
    sluice::recordKernelException();
  }
}

extern "C" void sluice_ansi_array_index(int64_t index, int64_t size, int8_t elementAt) {
  try {
    sluice::raiseKernelError(ansiInvalidArrayIndex(index, size, elementAt != 0));
  } catch (...) {
    sluice::recordKernelException();
  }
}

extern "C" void sluice_ansi_cannot_parse_timestamp(const char* text, int64_t len) {
  try {
    sluice::raiseKernelError(ansiCannotParseTimestamp(view(text, len)));
  } catch (...) {
    sluice::recordKernelException();
  }
}
