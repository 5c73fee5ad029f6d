#pragma once
// Spark's sequence(start, stop, step) over dates and timestamps (TemporalSequenceImpl): the
// i-th element is start + i * step with the step's months added on the calendar (day of
// month clamped) and its days on the wall clock of the session zone, so a month step from
// January 31 gives February 29, March 31, ...; elements stop at `stop`.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/timezone.h"

namespace sluice::stdlib {

/// How the step was typed; it decides how Spark prints it in errors and, for dates, how a
/// day-time interval splits into days.
enum class SequenceStepKind { Calendar, YearMonth, DayTime };

struct SequenceStep {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
  SequenceStepKind kind = SequenceStepKind::Calendar;
  std::string typeName = "interval";  ///< the step's SQL type, as errors name it
};

/// The elements (days for dates, microseconds for timestamps); throws std::invalid_argument
/// with Spark's text for a step the stop cannot be reached by ("Illegal sequence boundaries"),
/// a step finer than a day over dates, and more than Spark's maximum array length.
std::vector<int64_t> temporalSequence(int64_t start, int64_t stop, const SequenceStep& step,
                                      bool dates, const Zone& zone);

}  // namespace sluice::stdlib
