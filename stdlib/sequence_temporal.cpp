#include "stdlib/sequence_temporal.h"

#include <stdexcept>

#include "stdlib/datetime.h"

namespace sluice::stdlib {
namespace {

constexpr int64_t kMaxLength = 2147483632;  // Spark's MAX_ROUNDED_ARRAY_LENGTH

// Spark prints the step as the value it was given: a calendar interval as its text, a
// year-month interval as its months, a day-time interval as its microseconds.
std::string stepText(const SequenceStep& s) {
  switch (s.kind) {
    case SequenceStepKind::YearMonth:
      return std::to_string(s.months);
    case SequenceStepKind::DayTime:
      return std::to_string(s.micros);
    case SequenceStepKind::Calendar:
      break;
  }
  std::string out;
  auto add = [&](int64_t v, const char* unit) {
    if (v) out += (out.empty() ? "" : " ") + std::to_string(v) + " " + unit;
  };
  add(s.months / 12, "years");
  add(s.months % 12, "months");
  add(s.days, "days");
  add(s.micros / 3600000000LL, "hours");
  add(s.micros / 60000000LL % 60, "minutes");
  if (const int64_t us = s.micros % 60000000LL) {
    std::string sec = std::to_string(us < 0 ? -us : us);
    sec.insert(0, sec.size() < 7 ? 7 - sec.size() : 0, '0');
    sec.insert(sec.size() - 6, ".");
    while (sec.back() == '0') sec.pop_back();
    if (sec.back() == '.') sec.pop_back();
    out += (out.empty() ? "" : " ") + std::string(us < 0 ? "-" : "") + sec + " seconds";
  }
  return out.empty() ? "0 seconds" : out;
}

// Spark's getSequenceLength: the boundaries must be reachable with the step's sign.
int64_t checkedLength(int64_t start, int64_t stop, int64_t estimatedStep, const std::string& by) {
  const bool ok = (estimatedStep > 0 && start <= stop) || (estimatedStep < 0 && start >= stop) ||
                  (estimatedStep == 0 && start == stop);
  if (!ok)
    throw std::invalid_argument("Illegal sequence boundaries: " + std::to_string(start) + " to " +
                                std::to_string(stop) + " by " + by);
  const __int128 n = start == stop ? 1 : 1 + (static_cast<__int128>(stop) - start) / estimatedStep;
  if (n > kMaxLength)
    throw std::invalid_argument("Too long sequence: " + std::to_string(static_cast<int64_t>(n)) +
                                ". Should be <= " + std::to_string(kMaxLength));
  return static_cast<int64_t>(n);
}

}  // namespace

std::vector<int64_t> temporalSequence(int64_t start, int64_t stop, const SequenceStep& step,
                                      bool dates, const Zone& zone) {
  int32_t months = step.months, days = step.days;
  int64_t micros = step.micros;
  if (dates && step.kind == SequenceStepKind::DayTime) {  // whole days, then the rest
    days = static_cast<int32_t>(micros / kMicrosPerDay);
    micros %= kMicrosPerDay;
  }
  std::vector<int64_t> out;
  if (dates && months == 0 && days == 0)
    throw std::invalid_argument("sequence step must be an " + step.typeName +
                                " of day granularity if start and end values are dates");
  if (dates && months == 0 && micros == 0) {  // whole days: an integral sequence of days
    const int64_t n = checkedLength(start, stop, days, std::to_string(days));
    for (int64_t i = 0; i < n; ++i) out.push_back(start + i * days);
    return out;
  }
  const int64_t from = dates ? startOfDay(start, zone) : start;
  const int64_t to = dates ? startOfDay(stop, zone) : stop;
  // Months count as 28 days: the estimate bounds the length from above (Spark's rule).
  const int64_t estimated = micros + months * 28 * kMicrosPerDay + days * kMicrosPerDay;
  (void)checkedLength(from, to, estimated, stepText(step));
  if (estimated == 0) return {start};  // a zero step reaches only its start (== stop)
  // The loop ends at stop, not at the estimate: a day across a DST change is shorter.
  const bool down = estimated < 0;
  int64_t t = from;
  for (int64_t i = 0; down ? t >= to : t <= to;) {
    if (static_cast<int64_t>(out.size()) >= kMaxLength)
      throw std::invalid_argument("Too long sequence: longer than " + std::to_string(kMaxLength) +
                                  " elements");
    out.push_back(dates ? localDateOf(t, zone) : t);
    ++i;
    t = timestampAddInterval(from, static_cast<int32_t>(i * months), static_cast<int32_t>(i * days),
                             i * micros, zone);
  }
  return out;
}

}  // namespace sluice::stdlib
