#include "runtime/exec/row_buffer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {
namespace {

template <typename T>
RowSlot slot(T v) {
  RowSlot s{};
  std::memcpy(s.bytes, &v, sizeof(T));
  return s;
}

// A view of `s` (no copy: a string literal or a string that outlives the use).
RowSlot str(std::string_view s) {
  return slot(StringView{s.data(), static_cast<int64_t>(s.size())});
}

bool isNull(const ColumnBatch& b, size_t c, int64_t r) {
  const ColumnData& col = b.columns()[c];
  return col.nulls && col.nulls[r];
}

template <typename T>
T get(const ColumnBatch& b, size_t c, int64_t r) {
  T v;
  std::memcpy(&v, static_cast<const unsigned char*>(b.columns()[c].values) + sizeof(T) * r,
              sizeof(T));
  return v;
}

std::string getStr(const ColumnBatch& b, size_t c, int64_t r) {
  if (isNull(b, c, r)) return "NULL";
  return std::string(get<StringView>(b, c, r).view());
}

std::string getInt(const ColumnBatch& b, size_t c, int64_t r) {
  return isNull(b, c, r) ? "NULL" : std::to_string(get<int32_t>(b, c, r));
}

// Buffers rows (name, key) with a NULL key where `key` is nullopt.
RowBuffer buffer(const std::vector<std::pair<std::string, std::optional<int32_t>>>& rows) {
  RowBuffer buf({DataType::string(), DataType::integer()});
  for (const auto& [name, key] : rows) {
    std::string copy = name;  // dies after emitRow: the buffer must have copied it
    const RowSlot slots[] = {str(copy), slot<int32_t>(key.value_or(0))};
    const uint8_t nulls[] = {0, static_cast<uint8_t>(!key)};
    buf.emitRow(slots, nulls);
    copy.assign(copy.size(), '#');
  }
  return buf;
}

std::string names(const ColumnBatch& b) {
  std::string out;
  for (int64_t r = 0; r < b.rows(); ++r) out += (r ? "," : "") + getStr(b, 0, r);
  return out;
}

TEST(RowBuffer, KeepsRowsInArrivalOrderWithCopiedStrings) {
  RowBuffer buf = buffer({{"c", 3}, {"n", std::nullopt}, {"a", 1}});
  EXPECT_EQ(buf.rows(), 3);
  ColumnBatch b = buf.finish();
  ASSERT_EQ(b.rows(), 3);
  ASSERT_EQ(b.types().size(), 2u);
  EXPECT_EQ(names(b), "c,n,a");
  EXPECT_EQ(getInt(b, 1, 0), "3");
  EXPECT_EQ(getInt(b, 1, 1), "NULL");
}

TEST(RowBuffer, SortsAscendingNullsFirstAndDescendingNullsLast) {
  const auto rows = std::vector<std::pair<std::string, std::optional<int32_t>>>{
      {"c", 3}, {"n", std::nullopt}, {"a", 1}, {"b", 2}};
  // Sort on column 1, output only column 0.
  EXPECT_EQ(names(buffer(rows).finish(1, 1, {SortKey{true, true}})), "n,a,b,c");
  EXPECT_EQ(names(buffer(rows).finish(1, 1, {SortKey{false, false}})), "c,b,a,n");
  EXPECT_EQ(names(buffer(rows).finish(1, 1, {SortKey{true, false}})), "a,b,c,n");
  EXPECT_EQ(names(buffer(rows).finish(1, 1, {SortKey{false, true}})), "n,c,b,a");
  EXPECT_EQ(buffer(rows).finish(1, 1, {SortKey{true, true}}).types().size(), 1u);
}

TEST(RowBuffer, SortIsStableAndUsesSeveralKeys) {
  const auto rows = std::vector<std::pair<std::string, std::optional<int32_t>>>{
      {"b", 1}, {"a", 2}, {"b", 0}, {"a", 1}, {"c", 2}};
  // Only the key: ties keep arrival order.
  EXPECT_EQ(names(buffer(rows).finish(-1, 1, {SortKey{true, true}})), "b,b,a,a,c");
  // (name DESC, key ASC).
  ColumnBatch b = buffer(rows).finish(-1, 0, {SortKey{false, false}, SortKey{true, true}});
  EXPECT_EQ(names(b), "c,b,b,a,a");
  EXPECT_EQ(getInt(b, 1, 1), "0");
  EXPECT_EQ(getInt(b, 1, 2), "1");
  EXPECT_EQ(getInt(b, 1, 3), "1");
  EXPECT_EQ(getInt(b, 1, 4), "2");
}

TEST(RowBuffer, StringsSortByUnsignedBytes) {
  RowBuffer buf({DataType::string()});
  for (const char* s : {"b", "\xc3\xa9", "B", "", "ab", "a"}) {
    const RowSlot slots[] = {str(s)};
    const uint8_t nulls[] = {0};
    buf.emitRow(slots, nulls);
  }
  EXPECT_EQ(names(buf.finish(-1, 0, {SortKey{true, true}})), ",B,a,ab,b,\xc3\xa9");
}

TEST(RowBuffer, DoublesSortWithNaNAboveEverything) {
  RowBuffer buf({DataType::doubleType()});
  const double inf = std::numeric_limits<double>::infinity();
  for (double d : {1.5, std::nan(""), -inf, inf, -2.0}) {
    const RowSlot slots[] = {slot(d)};
    const uint8_t nulls[] = {0};
    buf.emitRow(slots, nulls);
  }
  ColumnBatch b = buf.finish(-1, 0, {SortKey{true, true}});
  ASSERT_EQ(b.rows(), 5);
  EXPECT_EQ(get<double>(b, 0, 0), -inf);
  EXPECT_EQ(get<double>(b, 0, 1), -2.0);
  EXPECT_EQ(get<double>(b, 0, 2), 1.5);
  EXPECT_EQ(get<double>(b, 0, 3), inf);
  EXPECT_TRUE(std::isnan(get<double>(b, 0, 4)));
}

TEST(RowBuffer, NullTypedColumnsAndEmptyBuffers) {
  RowBuffer buf({DataType::null(), DataType::bigint()});
  for (int64_t v : {2, 1}) {
    const RowSlot slots[] = {RowSlot{}, slot(v)};
    const uint8_t nulls[] = {1, 0};
    buf.emitRow(slots, nulls);
  }
  ColumnBatch b = buf.finish(-1, 1, {SortKey{true, true}});
  ASSERT_EQ(b.rows(), 2);
  EXPECT_TRUE(isNull(b, 0, 0));
  EXPECT_EQ(get<int64_t>(b, 1, 0), 1);

  RowBuffer empty({DataType::string()});
  EXPECT_EQ(empty.finish(-1, 0, {SortKey{true, true}}).rows(), 0);
}

TEST(RowBuffer, ManyRowsWithLongStrings) {
  RowBuffer buf({DataType::string(), DataType::integer()});
  const int n = 5000;
  for (int i = 0; i < n; ++i) {
    const std::string s = std::string(100, static_cast<char>('a' + i % 26)) + std::to_string(i);
    const RowSlot slots[] = {str(s), slot<int32_t>(i)};
    const uint8_t nulls[] = {0, 0};
    buf.emitRow(slots, nulls);
  }
  ColumnBatch b = buf.finish(-1, 1, {SortKey{false, false}});
  ASSERT_EQ(b.rows(), n);
  for (int64_t r = 0; r < n; ++r) {
    const int i = n - 1 - static_cast<int>(r);
    ASSERT_EQ(getStr(b, 0, r),
              std::string(100, static_cast<char>('a' + i % 26)) + std::to_string(i));
  }
}

}  // namespace
}  // namespace sluice
