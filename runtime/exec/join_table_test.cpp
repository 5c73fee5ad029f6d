#include "runtime/exec/join_table.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {
namespace {

template <typename T>
RowSlot slot(T v) {
  RowSlot s{};
  std::memcpy(s.bytes, &v, sizeof(T));
  return s;
}

RowSlot str(std::string_view s) {
  return slot(StringView{s.data(), static_cast<int64_t>(s.size())});
}

// Column `c` of a matched row: `width` slots, then `width` null bytes.
template <typename T>
T column(const unsigned char* row, size_t c) {
  T v;
  std::memcpy(&v, row + 16 * c, sizeof(T));
  return v;
}

bool columnNull(const unsigned char* row, size_t width, size_t c) {
  return row[16 * width + c] != 0;
}

TEST(JoinTable, FindsEveryRowOfAKey) {
  // Rows: [key int, payload string].
  JoinTable t({DataType::integer()}, {DataType::string()});
  const std::pair<int32_t, std::string> rows[] = {{1, "b1"}, {1, "b1x"}, {3, "b3"}};
  for (const auto& [k, w] : rows) {
    std::string copy = w;
    const RowSlot slots[] = {slot(k), str(copy)};
    const uint8_t nulls[] = {0, 0};
    t.emitRow(slots, nulls);
    copy.assign(copy.size(), '#');  // the table must have copied the string
  }
  EXPECT_EQ(t.size(), 3u);

  const RowSlot one[] = {slot<int32_t>(1)};
  JoinMatches m = t.probe(one);
  ASSERT_EQ(m.count, 2);
  EXPECT_EQ(column<int32_t>(m.rows[0], 0), 1);
  EXPECT_EQ(column<StringView>(m.rows[0], 1).view(), "b1");
  EXPECT_EQ(column<StringView>(m.rows[1], 1).view(), "b1x");
  EXPECT_FALSE(columnNull(m.rows[1], 2, 1));

  const RowSlot two[] = {slot<int32_t>(2)};
  EXPECT_EQ(t.probe(two).count, 0);
}

TEST(JoinTable, RowsWithANullKeyNeverMatch) {
  JoinTable t({DataType::integer(), DataType::string()}, {DataType::bigint()});
  const RowSlot a[] = {slot<int32_t>(0), str("x"), slot<int64_t>(1)};
  const uint8_t nullFirst[] = {1, 0, 0};
  const uint8_t nullSecond[] = {0, 1, 0};
  t.emitRow(a, nullFirst);
  t.emitRow(a, nullSecond);
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.probe(a).count, 0);
}

TEST(JoinTable, NullPayloadColumnsAreKept) {
  JoinTable t({DataType::string()}, {DataType::string(), DataType::doubleType()});
  const RowSlot r[] = {str("k"), str(""), slot(0.0)};
  const uint8_t n[] = {0, 1, 0};
  t.emitRow(r, n);
  const RowSlot key[] = {str("k")};
  JoinMatches m = t.probe(key);
  ASSERT_EQ(m.count, 1);
  EXPECT_TRUE(columnNull(m.rows[0], 3, 1));
  EXPECT_FALSE(columnNull(m.rows[0], 3, 2));
}

TEST(JoinTable, MultiColumnKeysCompareEveryColumn) {
  JoinTable t({DataType::integer(), DataType::string()}, {DataType::integer()});
  const std::tuple<int32_t, std::string_view, int32_t> rows[] = {
      {1, "p", 10}, {1, "q", 11}, {2, "p", 12}};
  for (const auto& [x, y, z] : rows) {
    const RowSlot slots[] = {slot(x), str(y), slot(z)};
    const uint8_t nulls[] = {0, 0, 0};
    t.emitRow(slots, nulls);
  }
  const RowSlot probe[] = {slot<int32_t>(1), str("q")};
  JoinMatches m = t.probe(probe);
  ASSERT_EQ(m.count, 1);
  EXPECT_EQ(column<int32_t>(m.rows[0], 2), 11);
  // Concatenations must not collide: ("ab", "c") is not ("a", "bc").
  JoinTable s({DataType::string(), DataType::string()}, {});
  const RowSlot abc[] = {str("ab"), str("c")};
  const uint8_t nn[] = {0, 0};
  s.emitRow(abc, nn);
  const RowSlot other[] = {str("a"), str("bc")};
  EXPECT_EQ(s.probe(other).count, 0);
  EXPECT_EQ(s.probe(abc).count, 1);
}

TEST(JoinTable, DoubleKeysNormalizeNegativeZeroAndNaN) {
  JoinTable t({DataType::doubleType()}, {DataType::integer()});
  const RowSlot zero[] = {slot(0.0), slot<int32_t>(1)};
  const RowSlot nan[] = {slot(std::nan("")), slot<int32_t>(2)};
  const uint8_t n[] = {0, 0};
  t.emitRow(zero, n);
  t.emitRow(nan, n);
  const RowSlot negZero[] = {slot(-0.0)};
  const RowSlot otherNan[] = {slot(-std::nan("1"))};
  ASSERT_EQ(t.probe(negZero).count, 1);
  EXPECT_EQ(column<int32_t>(t.probe(negZero).rows[0], 1), 1);
  ASSERT_EQ(t.probe(otherNan).count, 1);
  EXPECT_EQ(column<int32_t>(t.probe(otherNan).rows[0], 1), 2);
}

TEST(JoinTable, ManyRowsStayAddressable) {
  // Stored rows live in an arena; growing it must not move earlier rows.
  JoinTable t({DataType::bigint()}, {DataType::string()});
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const std::string payload = "row-" + std::to_string(i);
    const RowSlot slots[] = {slot<int64_t>(i % 1000), str(payload)};
    const uint8_t nulls[] = {0, 0};
    t.emitRow(slots, nulls);
  }
  EXPECT_EQ(t.size(), static_cast<size_t>(n));
  const RowSlot key[] = {slot<int64_t>(7)};
  JoinMatches m = t.probe(key);
  ASSERT_EQ(m.count, n / 1000);
  for (int64_t j = 0; j < m.count; ++j)
    EXPECT_EQ(column<StringView>(m.rows[j], 1).view(), "row-" + std::to_string(7 + 1000 * j));
}

// Collects emitted rows as text: "NULL" or the int / string value per column.
class Collect : public RowSink {
 public:
  explicit Collect(std::vector<bool> isString) : isString_(std::move(isString)) {}
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    std::string row;
    for (size_t c = 0; c < isString_.size(); ++c) {
      row += c ? "|" : "";
      if (nulls[c])
        row += "NULL";
      else if (isString_[c])
        row += std::string(slots[c].as<StringView>().view());
      else
        row += std::to_string(slots[c].as<int32_t>());
    }
    rows.push_back(row);
  }
  std::vector<std::string> rows;

 private:
  std::vector<bool> isString_;
};

TEST(JoinTable, TracksMatchesAndEmitsTheUnmatchedRowsNullPadded) {
  // FULL OUTER: rows with a NULL key are kept (never probed), each row has a matched byte.
  JoinTable t({DataType::integer()}, {DataType::string()}, /*trackMatches=*/true);
  const std::pair<std::optional<int32_t>, std::string> rows[] = {
      {1, "b1"}, {2, "b2"}, {std::nullopt, "bn"}, {1, "b1x"}};
  for (const auto& [k, w] : rows) {
    const RowSlot slots[] = {slot(k.value_or(0)), str(w)};
    const uint8_t nulls[] = {static_cast<uint8_t>(k ? 0 : 1), 0};
    t.emitRow(slots, nulls);
  }
  EXPECT_EQ(t.size(), 4u);
  const RowSlot one[] = {slot<int32_t>(1)};
  JoinMatches m = t.probe(one);
  ASSERT_EQ(m.count, 2);
  // The probe kernel marks the row it matched: the byte after the slots and null bytes.
  const_cast<unsigned char*>(m.rows[1])[17 * 2] = 1;
  Collect out({false, false, true});  // two left columns, then the build payload
  t.emitUnmatched(out, 2);
  EXPECT_EQ(out.rows, (std::vector<std::string>{"NULL|NULL|b1", "NULL|NULL|b2", "NULL|NULL|bn"}));
}

TEST(JoinTable, WithoutTrackingDropsNullKeys) {
  JoinTable t({DataType::integer()}, {DataType::string()});
  const RowSlot slots[] = {slot<int32_t>(0), str("x")};
  const uint8_t nulls[] = {1, 0};
  t.emitRow(slots, nulls);
  EXPECT_EQ(t.size(), 0u);
}

}  // namespace
}  // namespace sluice
