#include <gtest/gtest.h>

#include "planner/functions/test_util.h"
#include "planner/timestamp_ntz.h"

namespace sluice {
namespace {

using namespace sluice::testing;

TEST(Cast, StringToNumbers) {
  EXPECT_EQ(castStr(litS("12"), DataType::integer()), "12");
  EXPECT_EQ(castStr(litS(" 12 "), DataType::integer()), "12");
  EXPECT_EQ(castStr(litS("abc"), DataType::integer()), "NULL");
  EXPECT_EQ(castStr(litS("1.9"), DataType::integer()), "1");
  EXPECT_EQ(castStr(litS("-1.9"), DataType::bigint()), "-1");
  EXPECT_EQ(castStr(litS("3000000000"), DataType::integer()), "NULL");
  EXPECT_EQ(castStr(litS("128"), DataType::byte()), "NULL");
  EXPECT_EQ(castStr(litS(""), DataType::integer()), "NULL");
  EXPECT_EQ(castStr(litS("1e3"), DataType::doubleType()), "1000.0");
  EXPECT_EQ(castStr(litS("Infinity"), DataType::doubleType()), "Infinity");
  EXPECT_EQ(castStr(litS("-inf"), DataType::doubleType()), "-Infinity");
  EXPECT_EQ(castStr(litS("nan"), DataType::doubleType()), "NaN");
  EXPECT_EQ(castStr(litS("1.5x"), DataType::doubleType()), "NULL");
  EXPECT_EQ(castStr(litS("1.25"), DataType::decimal(3, 1)), "1.3");
  EXPECT_EQ(castStr(litS("-1.25"), DataType::decimal(3, 1)), "-1.3");
  EXPECT_EQ(castStr(litS("1000"), DataType::decimal(3, 1)), "NULL");
}

TEST(Cast, Booleans) {
  EXPECT_EQ(castStr(litS("yes"), DataType::boolean()), "true");
  EXPECT_EQ(castStr(litS(" T "), DataType::boolean()), "true");
  EXPECT_EQ(castStr(litS("0"), DataType::boolean()), "false");
  EXPECT_EQ(castStr(litS("maybe"), DataType::boolean()), "NULL");
  EXPECT_EQ(castStr(lit(2), DataType::boolean()), "true");
  EXPECT_EQ(castStr(litB(true), DataType::integer()), "1");
}

TEST(Cast, Numerics) {
  EXPECT_EQ(castStr(litD(1.9), DataType::integer()), "1");
  EXPECT_EQ(castStr(litD(-1.9), DataType::integer()), "-1");
  EXPECT_EQ(castStr(litD(1e20), DataType::integer()), "2147483647");
  EXPECT_EQ(castStr(litD(NAN), DataType::integer()), "0");
  EXPECT_EQ(castStr(lit(300), DataType::byte()), "44");
  EXPECT_EQ(castStr(litD(2.5), DataType::decimal(5, 0)), "3");
  EXPECT_EQ(castStr(litD(0.125), DataType::decimal(5, 2)), "0.13");
  EXPECT_EQ(castStr(litDec("123.456", 6, 3), DataType::integer()), "123");
  EXPECT_EQ(castStr(litDec("123.456", 6, 3), DataType::decimal(3, 1)), "NULL");
  EXPECT_EQ(castStr(litDec("123.456", 6, 3), DataType::doubleType()), "123.456");
  EXPECT_EQ(castStr(lit(5), DataType::decimal(3, 2)), "5.00");
  EXPECT_EQ(castStr(litL(1), DataType::floatType()), "1.0");
}

TEST(Cast, DatesAndTimestamps) {
  EXPECT_EQ(castStr(litS("2020-01-02"), DataType::date()), "2020-01-02");
  EXPECT_EQ(castStr(litS("2020-1-2"), DataType::date()), "2020-01-02");
  EXPECT_EQ(castStr(litS("2020-01"), DataType::date()), "2020-01-01");
  EXPECT_EQ(castStr(litS("2020-01-02T10:00:00"), DataType::date()), "2020-01-02");
  EXPECT_EQ(castStr(litS("2020-02-30"), DataType::date()), "NULL");
  EXPECT_EQ(castStr(litS("20-01-02"), DataType::date()), "NULL");
  EXPECT_EQ(castStr(litS("2020-01-02 03:04:05"), DataType::timestamp()), "2020-01-02 03:04:05");
  EXPECT_EQ(castStr(litS("2020-01-02T03:04:05.123456"), DataType::timestamp()),
            "2020-01-02 03:04:05.123456");
  EXPECT_EQ(castStr(litS("2020-01-02T03:04:05Z"), DataType::timestamp()), "2020-01-02 03:04:05");
  EXPECT_EQ(castStr(litS("2020-01-02T03:04:05+01:00"), DataType::timestamp()),
            "2020-01-02 02:04:05");
  EXPECT_EQ(castStr(litS("2020-01-02 03:04:05 UTC"), DataType::timestamp()), "2020-01-02 03:04:05");
  EXPECT_EQ(castStr(litS("2020-01-02"), DataType::timestamp()), "2020-01-02 00:00:00");
  EXPECT_EQ(castStr(litS("2020-01-02 25:00:00"), DataType::timestamp()), "NULL");
  EXPECT_EQ(castStr(litS("garbage"), DataType::timestamp()), "NULL");
  EXPECT_EQ(castStr(lit(86400), DataType::timestamp()), "1970-01-02 00:00:00");
  EXPECT_EQ(castStr(litD(1.5), DataType::timestamp()), "1970-01-01 00:00:01.5");
  EXPECT_EQ(castStr(litTs("1970-01-01 00:00:01.5"), DataType::doubleType()), "1.5");
  EXPECT_EQ(castStr(litTs("1969-12-31 23:59:59.5"), DataType::bigint()), "-1");
  EXPECT_EQ(castStr(litDate("2020-01-02"), DataType::timestamp()), "2020-01-02 00:00:00");
  EXPECT_EQ(castStr(litTs("2020-01-02 23:00:00"), DataType::date()), "2020-01-02");
  EXPECT_EQ(castStr(litDate("2020-01-02"), DataType::integer()), "NULL");
}

// TIMESTAMP_NTZ holds its wall clock as UTC micros: text keeps it (a zone suffix is ignored),
// dates are its midnight, and only the LTZ conversions read the zone.
TEST(Cast, TimestampNtz) {
  const DataType& ntz = *timestampNtzType();
  const DataType& ltz = *DataType::timestamp();
  const DataType& str = *DataType::string();
  auto fromText = [&](const char* s, std::string_view zone) {
    return castValue(Value::bytes(s), str, ntz, zone);
  };
  const Value wall = fromText("2020-03-08 02:30:00+01:00", "America/Los_Angeles");
  EXPECT_EQ(castValue(wall, ntz, str, "America/Los_Angeles").asString(), "2020-03-08 02:30:00");
  EXPECT_TRUE(fromText("junk", "UTC").isNull());
  EXPECT_TRUE(fromText("2020-03-08 02:30:00 Nowhere/City", "UTC").isNull());
  // 02:30 does not exist in Los Angeles that day: as an instant it is 03:30 PDT (10:30 UTC).
  const Value instant = castValue(wall, ntz, ltz, "America/Los_Angeles");
  EXPECT_EQ(castValue(instant, ltz, str, "UTC").asString(), "2020-03-08 10:30:00");
  EXPECT_EQ(castValue(instant, ltz, ntz, "America/Los_Angeles").asInt(),
            fromText("2020-03-08 03:30:00", "UTC").asInt());
  EXPECT_EQ(castValue(instant, ltz, ntz, "UTC").asInt(),
            fromText("2020-03-08 10:30:00", "UTC").asInt());
  EXPECT_EQ(castValue(wall, ntz, *DataType::date(), "Asia/Tokyo").asInt(),
            castValue(Value::bytes("2020-03-08"), str, *DataType::date(), "UTC").asInt());
  const Value day = castValue(Value::bytes("2020-03-08"), str, *DataType::date(), "UTC");
  EXPECT_EQ(castValue(castValue(day, *DataType::date(), ntz, "Asia/Tokyo"), ntz, str, "Asia/Tokyo")
                .asString(),
            "2020-03-08 00:00:00");
  EXPECT_EQ(wall.toString(ntz, "Asia/Tokyo"), "2020-03-08 02:30:00");
  EXPECT_EQ(wall.toSqlLiteral(ntz), "TIMESTAMP_NTZ '2020-03-08 02:30:00'");
}

TEST(Cast, StringsBinaryComplex) {
  EXPECT_EQ(castStr(litD(1.0), DataType::string()), "1.0");
  EXPECT_EQ(castStr(litD(1e10), DataType::string()), "1.0E10");
  EXPECT_EQ(castStr(litS("ab"), DataType::binary()), "ab");
  EXPECT_EQ(castValue(Value::integer(258), *DataType::integer(), *DataType::binary()).asString(),
            std::string("\0\0\1\2", 4));
  auto arr = DataType::arrayOf(DataType::integer());
  Value a = Value::list({Value::integer(1), Value()});
  EXPECT_EQ(castValue(a, *arr, *DataType::string()).asString(), "[1, null]");
  auto arrS = DataType::arrayOf(DataType::string());
  Value as = castValue(a, *arr, *arrS);
  EXPECT_EQ(as.asList()[0].asString(), "1");
  EXPECT_TRUE(as.asList()[1].isNull());
  auto st = DataType::structOf({{"a", DataType::integer()}, {"b", DataType::string()}});
  Value s = Value::list({Value::integer(1), Value::bytes("x")});
  EXPECT_EQ(castValue(s, *st, *DataType::string()).asString(), "{1, x}");
  auto mt = DataType::mapOf(DataType::string(), DataType::integer());
  Value m = Value::list({Value::bytes("k"), Value::integer(1)});
  EXPECT_EQ(castValue(m, *mt, *DataType::string()).asString(), "{k -> 1}");
  EXPECT_EQ(castStr(litS("1 hour 30 minutes"), DataType::interval()), "1 hours 30 minutes");
}

TEST(Evaluate, CastAndGetField) {
  EXPECT_EQ(evaluateConstant(makeCast(litS("7"), DataType::integer())).asInt(), 7);
  auto st = DataType::structOf({{"a", DataType::integer()}, {"b", DataType::string()}});
  auto s = makeLiteral(Value::list({Value::integer(1), Value::bytes("x")}), st);
  EXPECT_EQ(evaluateConstant(makeGetField(s, "b")).asString(), "x");
  EXPECT_TRUE(evaluateConstant(makeGetField(makeNull(st), "b")).isNull());
}

}  // namespace
}  // namespace sluice
