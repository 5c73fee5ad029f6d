#include <gtest/gtest.h>

#include "planner/functions/test_util.h"
#include "planner/functions/window_spec.h"

namespace sluice {
namespace {

using namespace sluice::testing;

ExprPtr interval(int64_t micros) {
  return makeLiteral(Value::interval({0, 0, micros}), DataType::interval());
}

TEST(Datetime, Parsing) {
  EXPECT_EQ(fold("to_timestamp", {litS("2017-08-01 10:20:30")}), "2017-08-01 10:20:30");
  EXPECT_EQ(fold("to_timestamp", {litS("01/08/2017 10:20"), litS("dd/MM/yyyy HH:mm")}),
            "2017-08-01 10:20:00");
  EXPECT_EQ(fold("to_timestamp",
                 {litS("2017-08-01T10:20:30.123+02:00"), litS("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")}),
            "2017-08-01 08:20:30.123");
  EXPECT_EQ(fold("to_timestamp", {litS("bogus")}), "NULL");
  EXPECT_EQ(fold("to_timestamp", {litS("2017-13-01"), litS("yyyy-MM-dd")}), "NULL");
  EXPECT_THROW(fold("to_timestamp", {litS("x"), litS("yyyy-qq")}), AnalysisError);
  EXPECT_EQ(fold("to_date", {litS("2017-08-01 10:20:30")}), "2017-08-01");
  EXPECT_EQ(fold("to_date", {litS("08/01/2017"), litS("MM/dd/yyyy")}), "2017-08-01");
  EXPECT_EQ(fold("to_date", {litTs("2017-08-01 23:59:59")}), "2017-08-01");
  EXPECT_EQ(typeOf("to_date", {litS("x")}), "date");
  EXPECT_EQ(bindError("to_timestamp", {litB(true)}),
            "function to_timestamp expects string, date or timestamp, got boolean for argument 1");
  EXPECT_EQ(fold("to_unix_timestamp", {litS("1970-01-02 00:00:00")}), "86400");
  EXPECT_FALSE(call("unix_timestamp", {})->deterministic());
}

TEST(Datetime, Formatting) {
  EXPECT_EQ(fold("date_format", {litTs("2017-08-01 10:20:30"), litS("yyyy/MM/dd HH:mm")}),
            "2017/08/01 10:20");
  EXPECT_EQ(
      fold("date_format", {litTs("2017-08-01 10:20:30.5"), litS("EEE, d MMM yyyy hh:mm:ss.SSS a")}),
      "Tue, 1 Aug 2017 10:20:30.500 AM");
  EXPECT_EQ(fold("date_format", {litS("2017-08-01"), litS("yyyy")}), "2017");
  EXPECT_EQ(fold("from_unixtime", {lit(0)}), "1970-01-01 00:00:00");
  EXPECT_EQ(fold("from_unixtime", {litL(86400), litS("yyyy-MM-dd")}), "1970-01-02");
}

TEST(Datetime, FieldsAndArithmetic) {
  auto ts = litTs("2017-08-01 10:20:30");
  EXPECT_EQ(fold("year", {ts}), "2017");
  EXPECT_EQ(fold("month", {ts}), "8");
  EXPECT_EQ(fold("day", {ts}), "1");
  EXPECT_EQ(fold("dayofweek", {ts}), "3");  // Tuesday; 1 = Sunday
  EXPECT_EQ(fold("hour", {ts}), "10");
  EXPECT_EQ(fold("minute", {ts}), "20");
  EXPECT_EQ(fold("second", {ts}), "30");
  EXPECT_EQ(fold("quarter", {ts}), "3");
  EXPECT_EQ(fold("year", {litS("2020-02-29")}), "2020");
  EXPECT_EQ(fold("date_add", {litDate("2020-02-28"), lit(2)}), "2020-03-01");
  EXPECT_EQ(fold("date_sub", {litDate("2020-03-01"), lit(1)}), "2020-02-29");
  EXPECT_EQ(fold("datediff", {litDate("2020-03-01"), litDate("2020-02-01")}), "29");
  EXPECT_EQ(fold("add_months", {litDate("2020-01-31"), lit(1)}), "2020-02-29");
  EXPECT_EQ(fold("last_day", {litDate("2020-02-10")}), "2020-02-29");
  EXPECT_EQ(fold("date_trunc", {litS("HOUR"), ts}), "2017-08-01 10:00:00");
  EXPECT_EQ(fold("date_trunc", {litS("month"), ts}), "2017-08-01 00:00:00");
  EXPECT_EQ(fold("date_trunc", {litS("week"), ts}), "2017-07-31 00:00:00");
  EXPECT_EQ(fold("date_trunc", {litS("bogus"), ts}), "NULL");
  EXPECT_EQ(fold("trunc", {litDate("2017-08-15"), litS("year")}), "2017-01-01");
  EXPECT_EQ(fold("+", {ts, interval(3600000000LL)}), "2017-08-01 11:20:30");
  EXPECT_EQ(fold("-", {ts, interval(3600000000LL)}), "2017-08-01 09:20:30");
}

TEST(Datetime, CurrentTime) {
  auto e = call("current_timestamp", {});
  EXPECT_EQ(e->type->toString(), "timestamp");
  EXPECT_FALSE(e->deterministic());
  EXPECT_FALSE(e->foldable());
  EXPECT_FALSE(e->nullable);
  EXPECT_EQ(typeOf("current_date", {}), "date");
}

TEST(Datetime, Window) {
  auto ts = col("start_time", DataType::timestamp());
  auto w = call("window", {ts, litS("1 hour")});
  EXPECT_EQ(w->type->toString(), "struct<start:timestamp,end:timestamp>");
  EXPECT_FALSE(w->foldable());
  WindowSpec spec = windowSpecOf(*w);
  EXPECT_EQ(spec.windowMicros, 3600000000LL);
  EXPECT_EQ(spec.slideMicros, 3600000000LL);
  EXPECT_EQ(spec.startMicros, 0);
  auto sliding = call("window", {ts, litS("10 minutes"), interval(300000000LL), litS("1 minute")});
  spec = windowSpecOf(*sliding);
  EXPECT_EQ(spec.slideMicros, 300000000LL);
  EXPECT_EQ(spec.startMicros, 60000000LL);
  // A literal window over a constant timestamp still is not folded.
  EXPECT_FALSE(call("window", {litTs("2020-01-01 00:00:00"), litS("1 hour")})->foldable());
  EXPECT_EQ(bindError("window", {ts, litS("0 seconds")}),
            "The window duration ('0 seconds') must be greater than 0.");
  EXPECT_EQ(bindError("window", {ts, litS("1 minute"), litS("1 hour")}),
            "The slide duration ('1 hour') must be less than or equal to the windowDuration "
            "('1 minute').");
  EXPECT_EQ(bindError("window", {ts, litS("1 month")}),
            "Intervals greater than a month is not supported ('1 month').");
  EXPECT_EQ(bindError("window", {ts, litS("soon")}),
            "The provided interval (soon) did not correspond to a valid interval string.");
  EXPECT_EQ(bindError("window", {ts, col("d", DataType::string())}).substr(0, 56),
            "function window expects a foldable string or interval wi");
  EXPECT_EQ(bindError("window", {ts, litS("1 hour"), litS("10 minutes"), litS("10 minutes")}),
            "The absolute value of start time ('10 minutes') must be less than the slideDuration "
            "('10 minutes').");
  EXPECT_EQ(bindError("window", {col("x", DataType::arrayOf(DataType::integer())), litS("1 hour")}),
            "function window expects timestamp or timestamp_ntz, got array<int> for argument 1");
}

}  // namespace
}  // namespace sluice
