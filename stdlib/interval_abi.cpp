#include "stdlib/interval_abi.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/datetime.h"
#include "stdlib/interval.h"
#include "stdlib/kernel_error.h"
#include "stdlib/nested.h"
#include "stdlib/sequence_temporal.h"

namespace {

namespace sl = sluice::stdlib;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}

void put(StringArena* a, const std::string& r, StringView* out) {
  char* p = a->allocate(r.size());
  if (!r.empty()) std::memcpy(p, r.data(), r.size());
  *out = StringView{p, static_cast<int64_t>(r.size())};
}

const sl::Zone& zoneOf(const char* z, int64_t n) {
  if (n <= 0) return sl::Zone::utc();
  if (const sl::Zone* zone = sl::Zone::findCached(sv(z, n))) return *zone;
  sluice::raiseKernelError("Invalid time zone id: '" + std::string(sv(z, n)) + "'");
  return sl::Zone::utc();
}

}  // namespace

extern "C" {

void sluice_cast_ym_to_str(StringArena* a, int32_t months, int32_t start, int32_t end,
                           StringView* out) {
  put(a, sl::formatYearMonthInterval(months, start, end), out);
}
void sluice_cast_dt_to_str(StringArena* a, int64_t micros, int32_t start, int32_t end,
                           StringView* out) {
  put(a, sl::formatDayTimeInterval(micros, start, end), out);
}
uint8_t sluice_cast_str_to_ym(const char* s, int64_t n, int32_t start, int32_t end, int32_t* out) {
  const auto v = sl::parseYearMonthInterval(sv(s, n), start, end);
  if (!v) return 0;
  *out = *v;
  return 1;
}
uint8_t sluice_cast_str_to_dt(const char* s, int64_t n, int32_t start, int32_t end, int64_t* out) {
  const auto v = sl::parseDayTimeInterval(sv(s, n), start, end);
  if (!v) return 0;
  *out = *v;
  return 1;
}
uint8_t sluice_session_gap_micros(const char* s, int64_t n, int64_t* out) {
  const auto v = sl::parseInterval(sv(s, n));
  if (!v || v->months != 0) return 0;
  *out = v->days * sl::kMicrosPerDay + v->micros;
  return 1;
}
int64_t sluice_dt_timestamp_add_daytime(int64_t micros, int64_t us, const char* z, int64_t zLen) {
  return sl::timestampAddDayTime(micros, us, zoneOf(z, zLen));
}
int64_t sluice_dt_subtract_timestamps(int64_t end, int64_t start, const char* z, int64_t zLen) {
  return sl::subtractTimestamps(end, start, zoneOf(z, zLen));
}
int64_t sluice_dt_timestamp_add_months(int64_t micros, int32_t months, const char* z,
                                       int64_t zLen) {
  return sl::timestampAddInterval(micros, months, 0, 0, zoneOf(z, zLen));
}
int32_t sluice_dt_date_add_interval(int32_t days, int32_t months, int32_t addDays, int64_t us,
                                    const char* z, int64_t zLen) {
  return static_cast<int32_t>(sl::dateAddInterval(days, months, addDays, us, zoneOf(z, zLen)));
}
int64_t sluice_interval_scale_i64(int64_t value, int64_t n, uint8_t divide, uint8_t ym) {
  try {
    return sl::scaleInterval(value, n, 0, false, divide != 0, ym != 0);
  } catch (const std::invalid_argument& e) {
    sluice::raiseKernelError(e.what());
    return 0;
  }
}
int64_t sluice_interval_scale_f64(int64_t value, double d, uint8_t divide, uint8_t ym) {
  try {
    return sl::scaleInterval(value, 0, d, true, divide != 0, ym != 0);
  } catch (const std::invalid_argument& e) {
    sluice::raiseKernelError(e.what());
    return 0;
  }
}
const void* sluice_seq_temporal(StringArena* a, int64_t start, int64_t stop, int32_t months,
                                int32_t days, int64_t micros, int32_t kind, uint8_t dates,
                                const char* tn, int64_t tnLen, const char* z, int64_t zLen) {
  sl::SequenceStep step{months, days, micros, static_cast<sl::SequenceStepKind>(kind),
                        std::string(sv(tn, tnLen))};
  std::vector<int64_t> xs;
  try {
    xs = sl::temporalSequence(start, stop, step, dates != 0, zoneOf(z, zLen));
  } catch (const std::invalid_argument& e) {
    sluice::raiseKernelError(e.what());
    return nullptr;
  }
  auto* arr = static_cast<sluice::ArrayData*>(a->allocateAligned(sizeof(sluice::ArrayData)));
  auto* slots = static_cast<sluice::Slot*>(
      a->allocateAligned(sizeof(sluice::Slot) * std::max<size_t>(xs.size(), 1)));
  for (size_t i = 0; i < xs.size(); ++i) {
    if (dates)
      slots[i].set(static_cast<int32_t>(xs[i]));
    else
      slots[i].set(xs[i]);
  }
  *arr = sluice::ArrayData{static_cast<int64_t>(xs.size()), nullptr, slots};
  return arr;
}
}
