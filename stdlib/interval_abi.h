#pragma once
// C entry points for ANSI intervals in generated code (stdlib/interval.h): casts to and from
// text, timestamp / date arithmetic with intervals, interval * / number. Conventions as
// cast_abi.h; errors are kernel errors (Spark fails the query) and return 0.
#include <cstdint>

#include "stdlib/abi_types.h"

extern "C" {
using sluice::StringArena;
using sluice::StringView;

void sluice_cast_ym_to_str(StringArena* a, int32_t months, int32_t start, int32_t end,
                           StringView* out);
void sluice_cast_dt_to_str(StringArena* a, int64_t micros, int32_t start, int32_t end,
                           StringView* out);
/// NULL (0) for text that is not an interval of the type.
uint8_t sluice_cast_str_to_ym(const char* s, int64_t n, int32_t start, int32_t end, int32_t* out);
uint8_t sluice_cast_str_to_dt(const char* s, int64_t n, int32_t start, int32_t end, int64_t* out);
/// A session window gap given as text ('5 minutes', Spark's interval strings) in
/// microseconds; NULL (0) for text that is not an interval or that has months (a session gap
/// is a fixed duration).
uint8_t sluice_session_gap_micros(const char* s, int64_t n, int64_t* out);
/// timestamp + day-time interval and timestamp - timestamp on the wall clock of the zone.
int64_t sluice_dt_timestamp_add_daytime(int64_t micros, int64_t us, const char* z, int64_t zLen);
int64_t sluice_dt_subtract_timestamps(int64_t end, int64_t start, const char* z, int64_t zLen);
/// timestamp + months on the wall clock of the zone (zLen 0: UTC).
int64_t sluice_dt_timestamp_add_months(int64_t micros, int32_t months, const char* z, int64_t zLen);
/// date + calendar interval (Spark's non-ANSI DateAddInterval).
int32_t sluice_dt_date_add_interval(int32_t days, int32_t months, int32_t addDays, int64_t us,
                                    const char* z, int64_t zLen);
/// interval * n, interval / n (integral n) and with a double factor; ym: year-month range.
int64_t sluice_interval_scale_i64(int64_t value, int64_t n, uint8_t divide, uint8_t ym);
int64_t sluice_interval_scale_f64(int64_t value, double d, uint8_t divide, uint8_t ym);
/// sequence(start, stop, step) over dates (`dates`: days as i64) or timestamps (micros):
/// an array of dates (int slots) or timestamps (long slots) in the arena (sequence_temporal.h;
/// `kind`: SequenceStepKind, `tn`: the step's type name); nullptr and a kernel error for
/// Spark's refusals.
const void* sluice_seq_temporal(StringArena* a, int64_t start, int64_t stop, int32_t months,
                                int32_t days, int64_t micros, int32_t kind, uint8_t dates,
                                const char* tn, int64_t tnLen, const char* z, int64_t zLen);
}
