#include "runtime/connectors/jdbc/jdbc_cells.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace sluice {
namespace {

JdbcCell cell(std::string_view text) {
  return JdbcCell{text.data(), text.size(), false};
}

// Reads `text` of `kind` as `type` into a one-column batch: the stored value, or nullopt.
template <typename T>
std::optional<T> read(std::string_view text, CellKind kind, const TypePtr& type) {
  ColumnBatchBuilder b({type});
  if (!setJdbcCell(cell(text), kind, *type, 0, b)) return std::nullopt;
  b.endRow();
  ColumnBatch batch = b.finish();
  T v;
  std::memcpy(&v, batch.columns()[0].values, sizeof(T));
  return v;
}

std::optional<std::string> readBytes(std::string_view text, CellKind kind, const TypePtr& t) {
  auto v = read<StringView>(text, kind, t);
  if (!v) return std::nullopt;
  return std::string(v->ptr, static_cast<size_t>(v->len));
}

TEST(JdbcCells, Booleans) {
  const auto b = DataType::boolean();
  EXPECT_EQ(read<uint8_t>("t", CellKind::PgBool, b), 1);
  EXPECT_EQ(read<uint8_t>("f", CellKind::PgBool, b), 0);
  EXPECT_FALSE(read<uint8_t>("yes", CellKind::PgBool, b));
  EXPECT_EQ(read<uint8_t>("2", CellKind::NumBool, b), 1);  // TINYINT(1) 2 reads as true
  EXPECT_EQ(read<uint8_t>("0", CellKind::NumBool, b), 0);
  EXPECT_EQ(read<uint8_t>(std::string_view("\x01", 1), CellKind::BitBool, b), 1);
  EXPECT_EQ(read<uint8_t>(std::string_view("\0", 1), CellKind::BitBool, b), 0);
}

TEST(JdbcCells, NumbersInRangeOnly) {
  EXPECT_EQ(read<int16_t>("-32768", CellKind::Text, DataType::shortType()), -32768);
  EXPECT_FALSE(read<int16_t>("32768", CellKind::Text, DataType::shortType()));
  EXPECT_FALSE(read<int8_t>("128", CellKind::Text, DataType::byte()));
  EXPECT_EQ(read<int64_t>("9000000000", CellKind::Text, DataType::bigint()), 9000000000LL);
  EXPECT_TRUE(std::isnan(*read<double>("NaN", CellKind::Text, DataType::doubleType())));
  EXPECT_EQ(read<double>("-Infinity", CellKind::Text, DataType::doubleType()),
            -std::numeric_limits<double>::infinity());
  EXPECT_EQ(read<float>("1.5", CellKind::Text, DataType::floatType()), 1.5f);
  EXPECT_FALSE(read<double>("1.5x", CellKind::Text, DataType::doubleType()));
  EXPECT_EQ(read<int64_t>("12.345", CellKind::Text, DataType::decimal(10, 2)), 1235);  // HALF_UP
  EXPECT_EQ(read<__int128>("18446744073709551615", CellKind::Text, DataType::decimal(20, 0)),
            static_cast<__int128>(18446744073709551615ULL));
  EXPECT_FALSE(read<int64_t>("NaN", CellKind::Text, DataType::decimal(10, 2)));
  EXPECT_FALSE(read<int64_t>("123456789012", CellKind::Text, DataType::decimal(10, 2)));
}

TEST(JdbcCells, DatesTimesAndBytes) {
  EXPECT_EQ(read<int32_t>("1970-01-02", CellKind::Text, DataType::date()), 1);
  EXPECT_EQ(read<int32_t>("2024", CellKind::Text, DataType::date()), 19723);  // YEAR
  EXPECT_FALSE(read<int32_t>("0000-00-00", CellKind::Text, DataType::date()));
  EXPECT_FALSE(read<int32_t>("infinity", CellKind::Text, DataType::date()));
  EXPECT_EQ(read<int64_t>("1970-01-01 00:00:01.5", CellKind::Text, DataType::timestamp()), 1500000);
  EXPECT_EQ(read<int64_t>("1970-01-01 02:00:00+02", CellKind::Text, DataType::timestamp()), 0);
  EXPECT_FALSE(read<int64_t>("0044-03-15 00:00:00 BC", CellKind::Text, DataType::timestamp()));
  EXPECT_EQ(readBytes("\\x00ff41", CellKind::PgBytea, DataType::binary()), std::string("\0\xff"
                                                                                       "A",
                                                                                       3));
  EXPECT_FALSE(readBytes("\\x0", CellKind::PgBytea, DataType::binary()));
  EXPECT_EQ(readBytes(std::string_view("a\0b", 3), CellKind::Text, DataType::binary()),
            std::string("a\0b", 3));
  EXPECT_EQ(readBytes("it's", CellKind::Text, DataType::string()), "it's");
}

TEST(JdbcCells, NullStaysNull) {
  ColumnBatchBuilder b({DataType::integer()});
  ASSERT_TRUE(setJdbcCell(JdbcCell{}, CellKind::Text, *DataType::integer(), 0, b));
  b.endRow();
  ColumnBatch batch = b.finish();
  ASSERT_NE(batch.columns()[0].nulls, nullptr);
  EXPECT_TRUE(batch.columns()[0].nulls[0]);
}

TEST(JdbcCells, ScrubSecret) {
  EXPECT_EQ(scrubSecret("bad pw and pw again", "pw"), "bad *** and *** again");
  EXPECT_EQ(scrubSecret("nothing", ""), "nothing");
}

}  // namespace
}  // namespace sluice
