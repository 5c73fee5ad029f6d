#pragma once
// TIMESTAMP_NTZ kernels (planner/timestamp_ntz.h): a wall-clock time held as micros read as UTC.
#include <cstdint>
#include <string_view>

namespace sluice::stdlib {

/// Spark's CAST(string AS TIMESTAMP_NTZ) (stringToTimestampWithoutTimeZone): the text CAST(..
/// AS TIMESTAMP) reads, as a wall-clock time; a zone suffix is checked and ignored, or
/// refused when !allowZone (TIMESTAMP_NTZ '...' literals, JSON / CSV fields).
bool parseTimestampNtz(std::string_view s, int64_t* micros, bool allowZone = true);

}  // namespace sluice::stdlib

extern "C" {
/// CAST(string AS TIMESTAMP_NTZ); 0 (NULL) when the text is not a timestamp.
uint8_t sluice_cast_str_to_timestamp_ntz(const char* s, int64_t n, int64_t* out);
/// TIMESTAMP_LTZ -> TIMESTAMP_NTZ: the instant's wall-clock time in the zone.
int64_t sluice_dt_ltz_to_ntz_tz(int64_t micros, const char* z, int64_t zLen);
/// TIMESTAMP_NTZ -> TIMESTAMP_LTZ: the instant of that wall-clock time in the zone (a time in
/// a DST gap moves forward by the gap, one in an overlap takes the earlier offset).
int64_t sluice_dt_ntz_to_ltz_tz(int64_t local, const char* z, int64_t zLen);
}
