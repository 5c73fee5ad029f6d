#pragma once
// Spark's ANSI interval types (YearMonthIntervalType: int months; DayTimeIntervalType: long
// microseconds), each with a start and an end field that decide how values print and parse:
// `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '14' MONTH`, `INTERVAL '1 02:03:04.5' DAY TO
// SECOND`, `INTERVAL '90' MINUTE` (IntervalUtils.toYearMonthIntervalString /
// toDayTimeIntervalString, castStringToYMInterval / castStringToDTInterval).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::stdlib {

/// Year-month fields.
enum YmField : int { kYear = 0, kMonth = 1 };
/// Day-time fields.
enum DtField : int { kDay = 0, kHour = 1, kMinute = 2, kSecond = 3 };

/// `year`, `month`; `day`, `hour`, `minute`, `second`.
const char* ymFieldName(int field);
const char* dtFieldName(int field);
/// The field of a unit name (`year` / `years`, ...); -1 when it is none of the type's.
int ymFieldOf(std::string_view unit);
int dtFieldOf(std::string_view unit);

/// `INTERVAL '<value>' <FIELDS>`, as CAST(... AS STRING) and show() print it.
std::string formatYearMonthInterval(int32_t months, int start, int end);
std::string formatDayTimeInterval(int64_t micros, int start, int end);
/// The quoted value alone (`1-2`, `1 02:03:04.5`).
std::string yearMonthIntervalValue(int32_t months, int start, int end);
std::string dayTimeIntervalValue(int64_t micros, int start, int end);

/// Parses the value text of an interval of the given fields (`[+|-]y-m`, `[+|-]d hh:mm:ss.f`,
/// ...), or a whole `INTERVAL '...' FIELDS` literal whose fields match; nullopt when the text
/// does not fit (Spark's non-ANSI CAST gives NULL) or a value is out of range.
std::optional<int32_t> parseYearMonthInterval(std::string_view s, int start, int end);
std::optional<int64_t> parseDayTimeInterval(std::string_view s, int start, int end);

/// interval * number or interval / number (Spark's Multiply/DivideYM/DTInterval): an integral
/// factor `n` (or, `fractional`, the double `d`); division rounds HALF_UP, products of doubles
/// too. `yearMonth` keeps the result within an int. Throws std::invalid_argument with Spark's
/// error class on overflow and division by zero.
int64_t scaleInterval(int64_t value, int64_t n, double d, bool fractional, bool divide,
                      bool yearMonth);

}  // namespace sluice::stdlib
