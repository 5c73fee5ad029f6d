#include "runtime/table.h"

#include <gtest/gtest.h>

#include <cstring>

#include "frontend/error.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

template <typename T>
RowSlot slot(T v) {
  RowSlot s{};
  std::memcpy(s.bytes, &v, sizeof(T));
  return s;
}

Table sample() {
  TableBuilder b({"id", "name", "score"},
                 {DataType::integer(), DataType::string(), DataType::doubleType()});
  const std::string longName = "a name that is far too long";
  const RowSlot r1[] = {slot<int32_t>(1), slot(StringView{"ann", 3}), slot(1.5)};
  const uint8_t n1[] = {0, 0, 0};
  b.emitRow(r1, n1);
  const RowSlot r2[] = {slot<int32_t>(-20),
                        slot(StringView{longName.data(), static_cast<int64_t>(longName.size())}),
                        slot(0.0)};
  const uint8_t n2[] = {0, 0, 1};
  b.emitRow(r2, n2);
  return b.finish();
}

TEST(Table, TypedAccess) {
  const Table t = sample();
  ASSERT_EQ(t.rows(), 2);
  ASSERT_EQ(t.columns(), 3);
  EXPECT_EQ(t.columnName(1), "name");
  EXPECT_EQ(t.columnType(0), "int");
  EXPECT_EQ(t.column("SCORE"), 2);
  EXPECT_EQ(t.column("nope"), -1);
  EXPECT_EQ(t.getInt(1, 0), -20);
  EXPECT_EQ(t.getString(0, 1), "ann");
  EXPECT_DOUBLE_EQ(t.getDouble(0, 2), 1.5);
  EXPECT_DOUBLE_EQ(t.getDouble(0, 0), 1.0);
  EXPECT_TRUE(t.isNull(1, 2));
  EXPECT_FALSE(t.isNull(0, 2));
  EXPECT_EQ(t.getString(1, 2), "NULL");
  EXPECT_EQ(t.getString(0, 0), "1");
  EXPECT_THROW(t.getInt(0, 1), std::logic_error);
  EXPECT_THROW(t.isNull(2, 0), std::out_of_range);
}

TEST(Table, ShowLikeSpark) {
  EXPECT_EQ(sample().show(),
            "+---+--------------------+-----+\n"
            "| id|                name|score|\n"
            "+---+--------------------+-----+\n"
            "|  1|                 ann|  1.5|\n"
            "|-20|a name that is fa...| NULL|\n"
            "+---+--------------------+-----+\n");
}

TEST(Table, ShowWithoutTruncationLeftAligns) {
  EXPECT_EQ(sample().show(1, 0),
            "+---+----+-----+\n"
            "|id |name|score|\n"
            "+---+----+-----+\n"
            "|1  |ann |1.5  |\n"
            "+---+----+-----+\n"
            "only showing top 1 row\n");
}

TEST(Table, CsvWithHeaderQuotingAndEmptyNulls) {
  TableBuilder b({"id", "note"}, {DataType::integer(), DataType::string()});
  const std::string quoted = "say \"hi\", then\nleave";
  const RowSlot r1[] = {slot<int32_t>(1),
                        slot(StringView{quoted.data(), static_cast<int64_t>(quoted.size())})};
  const uint8_t n1[] = {0, 0};
  b.emitRow(r1, n1);
  const RowSlot r2[] = {slot<int32_t>(2), slot(StringView{"", 0})};
  const uint8_t n2[] = {0, 1};
  b.emitRow(r2, n2);
  EXPECT_EQ(b.finish().toCsv(),
            "id,note\n"
            "1,\"say \"\"hi\"\", then\nleave\"\n"
            "2,\n");
}

TEST(Table, JsonLinesOmitNullsAndQuoteStrings) {
  EXPECT_EQ(sample().toJsonLines(),
            "{\"id\":1,\"name\":\"ann\",\"score\":1.5}\n"
            "{\"id\":-20,\"name\":\"a name that is far too long\"}\n");
}

TEST(Table, EmptyTable) {
  TableBuilder b({"a"}, {DataType::boolean()});
  EXPECT_EQ(b.finish().show(), "+---+\n|  a|\n+---+\n+---+\n");
  EXPECT_EQ(Table().rows(), 0);
}

TEST(Table, BuilderIsReusable) {
  TableBuilder b({"a"}, {DataType::boolean()});
  const RowSlot r[] = {slot<uint8_t>(1)};
  const uint8_t n[] = {0};
  b.emitRow(r, n);
  const Table first = b.finish();
  EXPECT_EQ(first.getInt(0, 0), 1);
  EXPECT_EQ(first.getString(0, 0), "true");
  EXPECT_EQ(b.finish().rows(), 0);
}

TEST(Table, RejectsUnsupportedTypes) {
  auto make = [] { TableBuilder b({"a"}, {DataType::interval()}); };
  EXPECT_THROW(make(), ExecutionError);
}

TEST(Table, HoldsNestedAndWideDecimalColumns) {
  TableBuilder b({"d", "a"}, {DataType::decimal(30, 2), DataType::arrayOf(DataType::integer())});
  RowSlot slots[2];
  std::memset(slots, 0, sizeof slots);
  const __int128 unscaled = static_cast<__int128>(123456789012345678LL) * 1000 + 99;
  std::memcpy(slots[0].bytes, &unscaled, sizeof unscaled);
  Slot elems[2];
  elems[0].set<int32_t>(1);
  elems[1].set<int32_t>(2);
  ArrayData arr{2, nullptr, elems};
  const void* p = &arr;
  std::memcpy(slots[1].bytes, &p, sizeof p);
  const uint8_t nulls[2] = {0, 0};
  b.emitRow(slots, nulls);
  const Table t = b.finish();
  EXPECT_EQ(t.getString(0, 0), "1234567890123456780.99");
  EXPECT_EQ(t.getString(0, 1), "[1, 2]");
}

}  // namespace
}  // namespace sluice
