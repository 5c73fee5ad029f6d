#pragma once
// Time zones as Spark resolves them (DateTimeUtils.getZoneId: java.time.ZoneId.of with
// ZoneId.SHORT_IDS): region ids from the system tz database (Debian's tzdata through Abseil),
// `Z`, `UTC` / `GMT` / `UT` alone or followed by an offset, offsets `+h`, `+hh`, `+hh:mm`,
// `+hhmm`, `+hh:mm:ss` (up to 18 hours), and Java's three-letter short ids (PST, CET, ...).
//
// Session time zone (spark.sql.session.timeZone): expressions that depend on it carry its id
// (Expr::timeZone); kernels resolve the id to a Zone once per thread and id text (cached), so
// a per-row call costs a short compare. Conversions follow java.time: a wall-clock time in a
// DST gap moves forward by the gap's length, one in an overlap takes the earlier offset.
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/time/time.h"

namespace sluice::stdlib {

class Zone {
 public:
  /// The zone for `id` (see above), or nullptr if Java would refuse it. Zones are created once
  /// per distinct id and live for the whole process (pointers stay valid). Thread-safe.
  static const Zone* find(std::string_view id);
  /// find() through a per-thread cache of the last id looked up (for per-row kernel calls).
  static const Zone* findCached(std::string_view id);
  /// UTC (the default session zone).
  static const Zone& utc();
  /// The zone of `id`; an empty id is UTC. Throws std::invalid_argument("Invalid time zone
  /// id: ...") for an unknown id.
  static const Zone& of(std::string_view id);

  /// The id as given (what current_timezone() returns).
  const std::string& id() const { return id_; }
  /// A fixed offset of zero: every conversion is the identity.
  bool isUtc() const { return fixed_ && offset_ == 0; }

  /// Offset from UTC in seconds at the UTC instant `utcMicros`.
  int32_t offsetSeconds(int64_t utcMicros) const;
  /// The wall-clock time (as micros since the local epoch) at instant `utcMicros`.
  int64_t toLocal(int64_t utcMicros) const {
    return fixed_ ? utcMicros + offset_ * int64_t{1000000}
                  : utcMicros + offsetSeconds(utcMicros) * int64_t{1000000};
  }
  /// The instant of wall-clock time `localMicros` (java.time's ZonedDateTime.of rules).
  int64_t toUtc(int64_t localMicros) const;
  /// The same, but a time in an overlap keeps `preferredOffset` when it is one of the two
  /// (ZonedDateTime's withEarlier/LaterOffsetAtOverlap, truncatedTo).
  int64_t toUtc(int64_t localMicros, int32_t preferredOffset) const;
  /// The short name at an instant for the `z` pattern letter (`PST`, `CEST`, `UTC`; an offset
  /// id such as `+01:00` for fixed offsets, as Java prints them).
  std::string shortName(int64_t utcMicros) const;
  /// The id java.time prints for the `VV` pattern letter (region id or normalized offset).
  const std::string& normalizedId() const { return normalized_; }

 private:
  Zone() = default;
  std::string id_;
  std::string normalized_;
  bool fixed_ = true;
  int32_t offset_ = 0;  ///< fixed zones: their offset in seconds
  absl::TimeZone tz_;   ///< region zones
};

/// The system's time zone id as the JVM finds it (`TZ`, /etc/timezone, the /etc/localtime
/// link), for SET TIME ZONE LOCAL; "UTC" when none is found.
std::string systemZoneId();

/// `+hh:mm` (or `+hh:mm:ss` when there are seconds) of an offset; `Z` for zero when `zForZero`.
std::string formatOffsetId(int32_t seconds, bool zForZero);

}  // namespace sluice::stdlib
