#include "stdlib/datetime_abi.h"

#include <chrono>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "stdlib/datetime.h"
#include "stdlib/datetime_units.h"
#include "stdlib/kernel_error.h"
#include "stdlib/timestamp_ntz.h"

namespace {

namespace sl = sluice::stdlib;

const char* const kDefaultFormat = "yyyy-MM-dd HH:mm:ss";

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}

uint8_t put(StringArena* a, const std::string& r, StringView* out) {
  char* p = a->allocate(r.size());
  if (!r.empty()) std::memcpy(p, r.data(), r.size());
  *out = StringView{p, static_cast<int64_t>(r.size())};
  return 1;
}

// The compiled pattern for `text`, cached per thread: kernels call per row with (nearly
// always) one literal pattern. Bounded so patterns taken from data cannot grow it without
// limit. An invalid pattern (only possible when it comes from data: constant ones are checked
// at code generation) is recorded as the kernel's error (Spark fails the query) and nullptr
// returned, so the row's result is NULL.
const sl::DateTimePattern* pattern(std::string_view text) {
  thread_local std::unordered_map<std::string, std::optional<sl::DateTimePattern>> cache;
  thread_local std::unordered_map<std::string, std::string> errors;
  auto it = cache.find(std::string(text));
  if (it == cache.end()) {
    if (cache.size() >= 256) cache.clear(), errors.clear();
    std::string err;
    it = cache.emplace(std::string(text), sl::DateTimePattern::compile(text, &err)).first;
    if (!it->second) errors[it->first] = err;
  }
  if (!it->second) sluice::raiseKernelError(errors[it->first]);
  return it->second ? &*it->second : nullptr;
}

bool parseFmt(const char* s, int64_t n, std::string_view fmt, int64_t* micros,
              const sl::Zone& zone = sl::Zone::utc()) {
  const sl::DateTimePattern* p = pattern(fmt);
  return p && p->parse(sv(s, n), micros, zone);
}

// The zone of a `_tz` entry point's id (cached per thread); an unknown id (possible only for
// ids from data: the session zone is checked by SET) fails the query and reads as UTC.
const sl::Zone& zoneOf(const char* z, int64_t n) {
  if (const sl::Zone* zone = sl::Zone::findCached(sv(z, n))) return *zone;
  sluice::raiseKernelError("Invalid time zone id: '" + std::string(sv(z, n)) + "'");
  return sl::Zone::utc();
}

}  // namespace

extern "C" {

uint8_t sluice_dt_parse_fmt(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                            int64_t* out) {
  return parseFmt(s, n, sv(fmt, fmtLen), out) ? 1 : 0;
}
uint8_t sluice_dt_parse_date_fmt(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                                 int32_t* out) {
  int64_t us;
  if (!parseFmt(s, n, sv(fmt, fmtLen), &us)) return 0;
  *out = static_cast<int32_t>(sl::floorDiv(us, sl::kMicrosPerDay));
  return 1;
}
int64_t sluice_dt_date_to_timestamp(int32_t days) {
  return days * sl::kMicrosPerDay;
}
int32_t sluice_dt_timestamp_to_date(int64_t micros) {
  return static_cast<int32_t>(sl::floorDiv(micros, sl::kMicrosPerDay));
}
int64_t sluice_dt_timestamp_identity(int64_t micros) {
  return micros;
}
int32_t sluice_dt_date_identity(int32_t days) {
  return days;
}

uint8_t sluice_dt_unix_seconds_str(const char* s, int64_t n, int64_t* out) {
  return sluice_dt_unix_seconds_fmt(s, n, kDefaultFormat,
                                    static_cast<int64_t>(std::strlen(kDefaultFormat)), out);
}
uint8_t sluice_dt_unix_seconds_fmt(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                                   int64_t* out) {
  int64_t us;
  if (!parseFmt(s, n, sv(fmt, fmtLen), &us)) return 0;
  *out = sl::floorDiv(us, sl::kMicrosPerSecond);
  return 1;
}
int64_t sluice_dt_unix_seconds_date(int32_t days) {
  return sl::floorDiv(days * sl::kMicrosPerDay, sl::kMicrosPerSecond);
}
int64_t sluice_dt_unix_seconds_timestamp(int64_t micros) {
  return sl::floorDiv(micros, sl::kMicrosPerSecond);
}

uint8_t sluice_dt_from_unixtime(StringArena* a, int64_t seconds, StringView* out) {
  return sluice_dt_from_unixtime_fmt(a, seconds, kDefaultFormat,
                                     static_cast<int64_t>(std::strlen(kDefaultFormat)), out);
}
uint8_t sluice_dt_from_unixtime_fmt(StringArena* a, int64_t seconds, const char* fmt,
                                    int64_t fmtLen, StringView* out) {
  int64_t us;
  if (__builtin_mul_overflow(seconds, sl::kMicrosPerSecond, &us)) return 0;
  return sluice_dt_date_format(a, us, fmt, fmtLen, out);
}
uint8_t sluice_dt_date_format(StringArena* a, int64_t micros, const char* fmt, int64_t fmtLen,
                              StringView* out) {
  const sl::DateTimePattern* p = pattern(sv(fmt, fmtLen));
  return p ? put(a, p->format(micros), out) : 0;
}

uint8_t sluice_dt_date_trunc(const char* unit, int64_t unitLen, int64_t micros, int64_t* out) {
  return sl::truncTimestamp(sv(unit, unitLen), micros, out) ? 1 : 0;
}
uint8_t sluice_dt_trunc_date(int32_t days, const char* unit, int64_t unitLen, int32_t* out) {
  int64_t d;
  if (!sl::truncDate(sv(unit, unitLen), days, &d)) return 0;
  *out = static_cast<int32_t>(d);
  return 1;
}

int32_t sluice_dt_year(int32_t days) {
  return sl::yearOf(days);
}
int32_t sluice_dt_quarter(int32_t days) {
  return sl::quarterOf(days);
}
int32_t sluice_dt_month(int32_t days) {
  return sl::monthOf(days);
}
int32_t sluice_dt_dayofmonth(int32_t days) {
  return sl::dayOfMonth(days);
}
int32_t sluice_dt_dayofweek(int32_t days) {
  return sl::dayOfWeek(days);
}
int32_t sluice_dt_dayofyear(int32_t days) {
  return sl::dayOfYear(days);
}
int32_t sluice_dt_hour(int64_t micros) {
  return sl::hourOf(micros);
}
int32_t sluice_dt_minute(int64_t micros) {
  return sl::minuteOf(micros);
}
int32_t sluice_dt_second(int64_t micros) {
  return sl::secondOf(micros);
}

int32_t sluice_dt_date_add(int32_t days, int32_t n) {
  return static_cast<int32_t>(static_cast<uint32_t>(days) + static_cast<uint32_t>(n));
}
int32_t sluice_dt_date_sub(int32_t days, int32_t n) {
  return static_cast<int32_t>(static_cast<uint32_t>(days) - static_cast<uint32_t>(n));
}
int32_t sluice_dt_datediff(int32_t end, int32_t start) {
  return static_cast<int32_t>(static_cast<uint32_t>(end) - static_cast<uint32_t>(start));
}
int32_t sluice_dt_add_months(int32_t days, int32_t months) {
  return static_cast<int32_t>(sl::addMonths(days, months));
}
int32_t sluice_dt_last_day(int32_t days) {
  return static_cast<int32_t>(sl::addMonths(days - sl::dayOfMonth(days) + 1, 1) - 1);
}

int64_t sluice_dt_date_to_timestamp_fmt(int32_t days, const char*, int64_t) {
  return sluice_dt_date_to_timestamp(days);
}
int64_t sluice_dt_timestamp_identity_fmt(int64_t micros, const char*, int64_t) {
  return micros;
}
int32_t sluice_dt_date_identity_fmt(int32_t days, const char*, int64_t) {
  return days;
}
int32_t sluice_dt_timestamp_to_date_fmt(int64_t micros, const char*, int64_t) {
  return sluice_dt_timestamp_to_date(micros);
}
int64_t sluice_dt_unix_seconds_date_fmt(int32_t days, const char*, int64_t) {
  return sluice_dt_unix_seconds_date(days);
}
int64_t sluice_dt_unix_seconds_timestamp_fmt(int64_t micros, const char*, int64_t) {
  return sluice_dt_unix_seconds_timestamp(micros);
}

int64_t sluice_dt_timestamp_seconds(int64_t seconds) {
  int64_t us = 0;
  if (!sluice::stdlib::integralSecondsToMicros(seconds, &us))
    sluice::raiseKernelError("long overflow: timestamp_seconds(" + std::to_string(seconds) + ")");
  return us;
}

uint8_t sluice_dt_timestamp_seconds_double(double seconds, int64_t* out) {
  const std::optional<int64_t> us = sluice::stdlib::fractionalSecondsToMicros(seconds);
  if (!us) return 0;
  *out = *us;
  return 1;
}

int64_t sluice_dt_timestamp_seconds_decimal(__int128 unscaled, int32_t scale) {
  int64_t us = 0;
  if (const char* err = sluice::stdlib::decimalSecondsToMicros(unscaled, scale, &us)) {
    sluice::raiseKernelError(std::string(err) + " (timestamp_seconds of a decimal)");
    return 0;
  }
  return us;
}

uint8_t sluice_cast_str_to_timestamp_tz(const char* s, int64_t n, const char* z, int64_t zLen,
                                        int64_t* out) {
  return sl::parseTimestamp(sv(s, n), out, zoneOf(z, zLen)) ? 1 : 0;
}
void sluice_cast_timestamp_to_str_tz(StringArena* a, int64_t micros, const char* z, int64_t zLen,
                                     StringView* out) {
  put(a, sl::formatTimestamp(micros, zoneOf(z, zLen)), out);
}
uint8_t sluice_dt_parse_fmt_tz(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                               const char* z, int64_t zLen, int64_t* out) {
  return parseFmt(s, n, sv(fmt, fmtLen), out, zoneOf(z, zLen)) ? 1 : 0;
}
uint8_t sluice_dt_parse_date_fmt_tz(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                                    const char* z, int64_t zLen, int32_t* out) {
  const sl::Zone& zone = zoneOf(z, zLen);
  int64_t us;
  if (!parseFmt(s, n, sv(fmt, fmtLen), &us, zone)) return 0;
  *out = static_cast<int32_t>(sl::localDateOf(us, zone));
  return 1;
}
int64_t sluice_dt_date_to_timestamp_tz(int32_t days, const char* z, int64_t zLen) {
  return sl::startOfDay(days, zoneOf(z, zLen));
}
int32_t sluice_dt_timestamp_to_date_tz(int64_t micros, const char* z, int64_t zLen) {
  return static_cast<int32_t>(sl::localDateOf(micros, zoneOf(z, zLen)));
}
int64_t sluice_dt_ltz_to_ntz_tz(int64_t micros, const char* z, int64_t zLen) {
  return zoneOf(z, zLen).toLocal(micros);
}
int64_t sluice_dt_ntz_to_ltz_tz(int64_t local, const char* z, int64_t zLen) {
  return zoneOf(z, zLen).toUtc(local);
}
int64_t sluice_dt_date_to_timestamp_fmt_tz(int32_t days, const char*, int64_t, const char* z,
                                           int64_t zLen) {
  return sluice_dt_date_to_timestamp_tz(days, z, zLen);
}
int32_t sluice_dt_timestamp_to_date_fmt_tz(int64_t micros, const char*, int64_t, const char* z,
                                           int64_t zLen) {
  return sluice_dt_timestamp_to_date_tz(micros, z, zLen);
}
uint8_t sluice_dt_unix_seconds_str_tz(const char* s, int64_t n, const char* z, int64_t zLen,
                                      int64_t* out) {
  return sluice_dt_unix_seconds_fmt_tz(
      s, n, kDefaultFormat, static_cast<int64_t>(std::strlen(kDefaultFormat)), z, zLen, out);
}
uint8_t sluice_dt_unix_seconds_fmt_tz(const char* s, int64_t n, const char* fmt, int64_t fmtLen,
                                      const char* z, int64_t zLen, int64_t* out) {
  int64_t us;
  if (!parseFmt(s, n, sv(fmt, fmtLen), &us, zoneOf(z, zLen))) return 0;
  *out = sl::floorDiv(us, sl::kMicrosPerSecond);
  return 1;
}
int64_t sluice_dt_unix_seconds_date_tz(int32_t days, const char* z, int64_t zLen) {
  return sl::floorDiv(sl::startOfDay(days, zoneOf(z, zLen)), sl::kMicrosPerSecond);
}
int64_t sluice_dt_unix_seconds_date_fmt_tz(int32_t days, const char*, int64_t, const char* z,
                                           int64_t zLen) {
  return sluice_dt_unix_seconds_date_tz(days, z, zLen);
}
uint8_t sluice_dt_from_unixtime_tz(StringArena* a, int64_t seconds, const char* z, int64_t zLen,
                                   StringView* out) {
  return sluice_dt_from_unixtime_fmt_tz(
      a, seconds, kDefaultFormat, static_cast<int64_t>(std::strlen(kDefaultFormat)), z, zLen, out);
}
uint8_t sluice_dt_from_unixtime_fmt_tz(StringArena* a, int64_t seconds, const char* fmt,
                                       int64_t fmtLen, const char* z, int64_t zLen,
                                       StringView* out) {
  int64_t us;
  if (__builtin_mul_overflow(seconds, sl::kMicrosPerSecond, &us)) return 0;
  return sluice_dt_date_format_tz(a, us, fmt, fmtLen, z, zLen, out);
}
uint8_t sluice_dt_date_format_tz(StringArena* a, int64_t micros, const char* fmt, int64_t fmtLen,
                                 const char* z, int64_t zLen, StringView* out) {
  const sl::DateTimePattern* p = pattern(sv(fmt, fmtLen));
  return p ? put(a, p->format(micros, zoneOf(z, zLen)), out) : 0;
}
uint8_t sluice_dt_date_trunc_tz(const char* unit, int64_t unitLen, int64_t micros, const char* z,
                                int64_t zLen, int64_t* out) {
  return sl::truncTimestamp(sv(unit, unitLen), micros, out, zoneOf(z, zLen)) ? 1 : 0;
}
int32_t sluice_dt_hour_tz(int64_t micros, const char* z, int64_t zLen) {
  return sl::hourOf(zoneOf(z, zLen).toLocal(micros));
}
int32_t sluice_dt_minute_tz(int64_t micros, const char* z, int64_t zLen) {
  return sl::minuteOf(zoneOf(z, zLen).toLocal(micros));
}
int32_t sluice_dt_second_tz(int64_t micros, const char* z, int64_t zLen) {
  return sl::secondOf(zoneOf(z, zLen).toLocal(micros));
}
int32_t sluice_dt_local_date_tz(int64_t micros, const char* z, int64_t zLen) {
  return static_cast<int32_t>(sl::localDateOf(micros, zoneOf(z, zLen)));
}
int64_t sluice_dt_to_local_tz(int64_t micros, const char* z, int64_t zLen) {
  return zoneOf(z, zLen).toLocal(micros);
}
int64_t sluice_dt_timestamp_add_interval(int64_t micros, int32_t months, int32_t days, int64_t us,
                                         const char* z, int64_t zLen) {
  return sl::timestampAddInterval(micros, months, days, us,
                                  zLen > 0 ? zoneOf(z, zLen) : sl::Zone::utc());
}

uint8_t sluice_dt_timestampadd_tz(const char* unit, int64_t unitLen, int64_t quantity,
                                  int64_t micros, const char* z, int64_t zLen, int64_t* out) {
  const auto u = sl::parseDateTimeUnit(sv(unit, unitLen));
  if (!u) return 0;
  *out = sl::timestampAdd(*u, quantity, micros, zLen > 0 ? zoneOf(z, zLen) : sl::Zone::utc());
  return 1;
}
uint8_t sluice_dt_timestampadd(const char* unit, int64_t unitLen, int64_t quantity, int64_t micros,
                               int64_t* out) {
  return sluice_dt_timestampadd_tz(unit, unitLen, quantity, micros, nullptr, 0, out);
}
uint8_t sluice_dt_timestampdiff_tz(const char* unit, int64_t unitLen, int64_t start, int64_t end,
                                   const char* z, int64_t zLen, int64_t* out) {
  const auto u = sl::parseDateTimeUnit(sv(unit, unitLen));
  if (!u) return 0;
  *out = sl::timestampDiff(*u, start, end, zLen > 0 ? zoneOf(z, zLen) : sl::Zone::utc());
  return 1;
}
uint8_t sluice_dt_timestampdiff(const char* unit, int64_t unitLen, int64_t start, int64_t end,
                                int64_t* out) {
  return sluice_dt_timestampdiff_tz(unit, unitLen, start, end, nullptr, 0, out);
}

int64_t sluice_dt_now_micros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // extern "C"
