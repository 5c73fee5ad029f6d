// The C entry points generated code calls (cast_abi.h, datetime_abi.h, math_abi.h,
// hash_abi.h, strings_abi.h): results, NULL reporting, arena ownership, nested results.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "stdlib/cast_abi.h"
#include "stdlib/datetime_abi.h"
#include "stdlib/hash_abi.h"
#include "stdlib/interval_abi.h"
#include "stdlib/kernel_error.h"
#include "stdlib/math_abi.h"
#include "stdlib/nested.h"
#include "stdlib/strings_abi.h"
#include "stdlib/timestamp_ntz.h"

namespace sluice {
namespace {

int64_t len(const char* s) {
  return static_cast<int64_t>(std::strlen(s));
}

TEST(AbiEntryPoints, SessionGapsAreFixedDurationsOrNull) {
  int64_t us = 0;
  EXPECT_EQ(sluice_session_gap_micros("5 minutes", len("5 minutes"), &us), 1);
  EXPECT_EQ(us, 300'000'000);
  EXPECT_EQ(sluice_session_gap_micros("1 day 1.5 seconds", len("1 day 1.5 seconds"), &us), 1);
  EXPECT_EQ(us, 86'401'500'000);
  EXPECT_EQ(sluice_session_gap_micros("-1 minute", len("-1 minute"), &us), 1);
  EXPECT_EQ(us, -60'000'000);  // negative: the row is dropped by the caller
  EXPECT_EQ(sluice_session_gap_micros("soon", 4, &us), 0);
  EXPECT_EQ(sluice_session_gap_micros("1 month", len("1 month"), &us), 0);
}

// TIMESTAMP_NTZ: text keeps its wall clock (a zone suffix ignored); LTZ <-> NTZ moves by the
// zone's offset, and a wall clock in a DST gap moves forward by the gap.
TEST(AbiEntryPoints, TimestampNtzConversions) {
  int64_t ntz = 0, ltz = 0;
  const char* text = "2020-03-08 02:30:00+01:00";
  ASSERT_EQ(sluice_cast_str_to_timestamp_ntz(text, len(text), &ntz), 1);
  ASSERT_EQ(sluice_cast_str_to_timestamp("2020-03-08 02:30:00", 19, &ltz), 1);
  EXPECT_EQ(ntz, ltz);  // the UTC reading of the same wall clock
  EXPECT_EQ(sluice_cast_str_to_timestamp_ntz("junk", 4, &ntz), 0);
  const char* la = "America/Los_Angeles";
  const int64_t hour = 3'600'000'000;
  EXPECT_EQ(sluice_dt_ntz_to_ltz_tz(ltz, la, len(la)), ltz + 8 * hour);  // 03:30 PDT = 10:30Z
  EXPECT_EQ(sluice_dt_ltz_to_ntz_tz(ltz + 8 * hour, la, len(la)), ltz + hour);
  EXPECT_EQ(sluice_dt_ltz_to_ntz_tz(0, "UTC", 3), 0);
}

TEST(AbiEntryPoints, CastsReportNullThroughTheirReturn) {
  int32_t i = 0;
  EXPECT_EQ(sluice_cast_str_to_i32("42", 2, &i), 1);
  EXPECT_EQ(i, 42);
  EXPECT_EQ(sluice_cast_str_to_i32("x", 1, &i), 0);
  int8_t b = 0;
  EXPECT_EQ(sluice_cast_str_to_i8("200", 3, &b), 0);
  __int128 d = 0;
  EXPECT_EQ(sluice_cast_str_to_decimal("1.255", 5, 4, 2, &d), 1);
  EXPECT_EQ(static_cast<int64_t>(d), 126);                         // HALF_UP
  EXPECT_EQ(sluice_cast_str_to_decimal("123.4", 5, 4, 2, &d), 0);  // overflow
  int64_t ts = 0;
  EXPECT_EQ(sluice_cast_str_to_timestamp("1970-01-01 00:00:01", 19, &ts), 1);
  EXPECT_EQ(ts, 1000000);
  StringArena arena;
  StringView out{};
  sluice_cast_decimal_to_str(&arena, -5, 2, &out);
  EXPECT_EQ(out.view(), "-0.05");
  sluice_cast_f64_to_str(&arena, 1e21, &out);
  EXPECT_EQ(out.view(), "1.0E21");
  sluice_cast_timestamp_to_str(&arena, 1500000, &out);
  EXPECT_EQ(out.view(), "1970-01-01 00:00:01.5");
  EXPECT_EQ(sluice_cast_decimal_to_timestamp(12345, 2, &ts), 1);
  EXPECT_EQ(ts, 123450000);
  EXPECT_EQ(sluice_cast_i64_to_timestamp(INT64_MAX / 2), INT64_MAX);  // saturates
}

TEST(AbiEntryPoints, DatetimePatternsAreCachedAndInvalidOnesAreKernelErrors) {
  int64_t us = 0;
  const char* fmt = "dd/MM/yyyy HH:mm";
  for (int k = 0; k < 3; ++k) {
    EXPECT_EQ(sluice_dt_parse_fmt("02/01/1970 00:01", 16, fmt, len(fmt), &us), 1);
    EXPECT_EQ(us, 86400000000LL + 60000000LL);
  }
  StringArena arena;
  StringView out{};
  EXPECT_EQ(sluice_dt_date_format(&arena, us, "yyyy", 4, &out), 1);
  EXPECT_EQ(out.view(), "1970");
  EXPECT_FALSE(hasKernelError());
  EXPECT_EQ(sluice_dt_date_format(&arena, us, "yyyy-qq", 7, &out), 0);
  EXPECT_TRUE(takeKernelError().has_value());
  EXPECT_EQ(sluice_dt_from_unixtime(&arena, INT64_MAX, &out), 0);  // overflow: NULL
  EXPECT_FALSE(hasKernelError());
  EXPECT_EQ(sluice_dt_date_trunc("week", 4, 86400000000LL * 3, &us), 1);
  EXPECT_EQ(sluice_dt_date_trunc("nope", 4, 0, &us), 0);
  EXPECT_EQ(sluice_dt_year(-1), 1969);
  EXPECT_EQ(sluice_dt_hour(-1), 23);
}

TEST(AbiEntryPoints, MathAndDecimalArithmetic) {
  EXPECT_EQ(sluice_math_round_f64(2.5, 0), 3.0);
  EXPECT_EQ(sluice_math_bround_f64(2.5, 0), 2.0);
  EXPECT_EQ(sluice_math_round_i64(15, -1, 0), 20);
  EXPECT_EQ(sluice_math_round_i64(25, -1, 1), 20);
  double r = 0;
  EXPECT_EQ(sluice_math_ln(0, &r), 0);
  EXPECT_EQ(sluice_math_log(10, 100, &r), 1);
  EXPECT_DOUBLE_EQ(r, 2.0);
  __int128 d = 0;
  EXPECT_EQ(sluice_decimal_arith('/', 1, 0, 3, 0, 38, 6, &d), 1);
  EXPECT_EQ(static_cast<int64_t>(d), 333333);
  EXPECT_EQ(sluice_decimal_arith('/', 1, 0, 0, 0, 38, 6, &d), 0);
  EXPECT_EQ(sluice_math_round_decimal(1250, 3, 1, 0, 4, 1, &d), 1);
  EXPECT_EQ(static_cast<int64_t>(d), 13);
  EXPECT_EQ(static_cast<int64_t>(sluice_math_floor_decimal(-1250, 3)), -2);
}

TEST(AbiEntryPoints, HashesMatchSpark) {
  EXPECT_EQ(sluice_hash_murmur3_bytes("ABC", 3, 42), -757602832);
  EXPECT_EQ(sluice_hash_murmur3_int(1, 42), -559580957);
  EXPECT_EQ(sluice_hash_murmur3_double(-0.0, 42), sluice_hash_murmur3_double(0.0, 42));
  EXPECT_EQ(sluice_hash_xxhash64_bytes("ABC", 3, 42), 4105715581806190027LL);
}

TEST(AbiEntryPoints, SplitBuildsAnArrayInTheArena) {
  StringArena arena;
  const char* s = "a1b22c";
  const auto* arr = static_cast<const ArrayData*>(sluice_str_split(&arena, s, len(s), "\\d+", 3));
  ASSERT_NE(arr, nullptr);
  ASSERT_EQ(arr->length, 3);
  EXPECT_EQ(arr->nulls, nullptr);
  EXPECT_EQ(arr->values[0].as<StringView>().view(), "a");
  EXPECT_EQ(arr->values[1].as<StringView>().view(), "b");
  EXPECT_EQ(arr->values[2].as<StringView>().view(), "c");
  EXPECT_EQ(reinterpret_cast<uintptr_t>(arr) % 16, 0u);
  arr = static_cast<const ArrayData*>(sluice_str_split_limit(&arena, s, len(s), "\\d+", 3, 2));
  ASSERT_EQ(arr->length, 2);
  EXPECT_EQ(arr->values[1].as<StringView>().view(), "b22c");
  // A regex from data that does not compile: NULL and a kernel error.
  EXPECT_EQ(sluice_str_split(&arena, s, len(s), "(", 1), nullptr);
  EXPECT_TRUE(takeKernelError().has_value());
}

TEST(AbiEntryPoints, ConcatWsSkipsNullArguments) {
  StringArena arena;
  const StringView args[] = {{"a", 1}, {nullptr, -1}, {"", 0}, {"c", 1}};
  StringView out{};
  sluice_str_concat_ws(&arena, ", ", 2, args, 4, &out);
  EXPECT_EQ(out.view(), "a, , c");
  sluice_str_concat_ws(&arena, "-", 1, args + 1, 1, &out);
  EXPECT_EQ(out.view(), "");
}

}  // namespace
}  // namespace sluice
