#include "runtime/exec/aggregate_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "planner/functions/test_util.h"
#include "runtime/exec/slot_values.h"

namespace sluice {
namespace {

using namespace sluice::testing;

template <typename T>
RowSlot slot(T v) {
  RowSlot s{};
  std::memcpy(s.bytes, &v, sizeof(T));
  return s;
}

RowSlot str(const std::string& s) {
  return slot(StringView{s.data(), static_cast<int64_t>(s.size())});
}

AggFunctionLayout generic(ExprPtr call, size_t offset) {
  AggFunctionLayout f;
  f.call = call;
  f.kind = AggKind::Generic;
  f.offset = offset;
  f.resultType = call->type;
  return f;
}

// GROUP BY k (string): count(*), max(name), collect_set(user), avg(amount decimal(10,2)),
// approx_count_distinct(user). The layout AggregateLayout::of gives such a plan.
AggregateLayout mixedLayout() {
  AggregateLayout l;
  l.keyTypes = {DataType::string()};
  AggFunctionLayout count;
  count.call = call("count", {lit(1)});
  count.kind = AggKind::CountStar;
  count.offset = 0;
  count.resultType = DataType::bigint();
  l.functions.push_back(count);
  l.functions.push_back(generic(call("max", {col("name", DataType::string())}), 8));
  l.functions.push_back(generic(call("collect_set", {col("user", DataType::string())}), 16));
  l.functions.push_back(generic(call("avg", {col("amount", DataType::decimal(10, 2))}), 24));
  l.functions.push_back(
      generic(call("approx_count_distinct", {col("user", DataType::string())}), 32));
  l.stateSize = 48;
  return l;
}

struct Row {
  std::string key, name, user;
  int64_t amount;  // unscaled, scale 2
};

// What generated code does for one row: find the group, count in place, feed the others.
void feed(AggregateTable& t, const Row& r) {
  const RowSlot key = str(r.key);
  const uint8_t notNull[1] = {0};
  unsigned char* state = t.group(&key, notNull);
  int64_t n;
  std::memcpy(&n, state, 8);
  ++n;
  std::memcpy(state, &n, 8);
  const RowSlot name = str(r.name), user = str(r.user), amount = slot(r.amount);
  t.update(state, 1, &name, notNull);
  t.update(state, 2, &user, notNull);
  t.update(state, 3, &amount, notNull);
  t.update(state, 4, &user, notNull);
}

// finish() as sorted "key|results..." lines (collect_set sorted inside).
std::vector<std::string> rows(AggregateTable& t, AggregateTable::Emit emit) {
  const ColumnBatch b = t.finish(emit);
  std::vector<std::string> out;
  for (int64_t r = 0; r < b.rows(); ++r) {
    std::string line;
    for (size_t c = 0; c < b.types().size(); ++c) {
      const ColumnData& col = b.columns()[c];
      const DataType& type = *b.types()[c];
      Value v = col.nulls && col.nulls[r]
                    ? Value::null()
                    : storageToValue(static_cast<const unsigned char*>(col.values) +
                                         static_cast<size_t>(r) * storageSize(type),
                                     type);
      if (type.id() == TypeId::Array) {
        Value::List items = v.asList();
        std::sort(items.begin(), items.end(),
                  [](const Value& a, const Value& b) { return a.asString() < b.asString(); });
        v = Value::list(items);
      }
      line += v.toString(type) + "|";
    }
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Row> batch1() {
  return {{"a", "bob", "u1", 1050}, {"a", "alice", "u2", 99}, {"b", "zed", "u1", -300},
          {"a", "carol", "u1", 1},  {"c", "", "u3", 0},       {"b", "Zed", "u4", 12345}};
}
std::vector<Row> batch2() {
  return {
      {"a", "dave", "u5", 7}, {"b", "zzz", "u1", 1}, {"d", "eve", "u6", 100}, {"c", "x", "u3", 5}};
}

std::map<std::string, std::string> saveUpdated(const AggregateTable& t) {
  std::map<std::string, std::string> m;
  t.forEachUpdated([&](std::string_view k, std::string_view v) { m[std::string(k)] = v; });
  return m;
}

TEST(AggregateTableState, RestoredGroupsContinueLikeAnUninterruptedTable) {
  AggregateTable whole(mixedLayout(), false);
  for (const Row& r : batch1()) feed(whole, r);
  for (const Row& r : batch2()) feed(whole, r);

  AggregateTable first(mixedLayout(), false);
  for (const Row& r : batch1()) feed(first, r);
  const auto saved = saveUpdated(first);
  ASSERT_EQ(saved.size(), 3u);
  for (const auto& [k, v] : saved) {
    EXPECT_EQ(static_cast<uint8_t>(v.at(0)), AggregateTable::kStateFormatVersion);
    EXPECT_GT(v.size(), 1u + 48u);
  }

  AggregateTable restored(mixedLayout(), false);
  for (const auto& [k, v] : saved) restored.restore(k, v, "test.state");
  EXPECT_EQ(restored.size(), 3u);
  EXPECT_TRUE(saveUpdated(restored).empty());  // restored groups are not "updated"
  EXPECT_EQ(rows(restored, AggregateTable::Emit::All), rows(first, AggregateTable::Emit::All));

  for (const Row& r : batch2()) feed(restored, r);
  EXPECT_EQ(rows(restored, AggregateTable::Emit::All), rows(whole, AggregateTable::Emit::All));
  // Only the touched groups are saved again, and they restore once more.
  const auto again = saveUpdated(restored);
  EXPECT_EQ(again.size(), 4u);  // a, b, c updated; d new
  AggregateTable third(mixedLayout(), false);
  for (const auto& [k, v] : again) third.restore(k, v, "test.state");
  EXPECT_EQ(rows(third, AggregateTable::Emit::All), rows(whole, AggregateTable::Emit::All));
}

TEST(AggregateTableState, SavedFormIsDeterministic) {
  AggregateTable a(mixedLayout(), false), b(mixedLayout(), false);
  feed(a, batch1()[0]);
  feed(b, batch1()[0]);
  EXPECT_EQ(saveUpdated(a), saveUpdated(b));  // no pointers in the saved bytes
}

TEST(AggregateTableState, FixedOnlyStateOfOldCheckpointsIsStillRead) {
  AggregateLayout l;
  l.keyTypes = {DataType::string()};
  AggFunctionLayout count;
  count.call = call("count", {lit(1)});
  count.kind = AggKind::CountStar;
  count.resultType = DataType::bigint();
  l.functions.push_back(count);
  l.stateSize = 16;
  AggregateTable t(l, false);
  std::string old(16, '\0');
  const int64_t n = 5;
  std::memcpy(old.data(), &n, 8);
  std::string key;
  const std::string x = "x";
  const RowSlot k = str(x);
  encodeKey(key, k.bytes, false, *DataType::string());
  t.restore(key, old, "old.snapshot");
  const uint8_t notNull[1] = {0};
  unsigned char* state = t.group(&k, notNull);
  int64_t c;
  std::memcpy(&c, state, 8);
  ++c;
  std::memcpy(state, &c, 8);
  EXPECT_EQ(rows(t, AggregateTable::Emit::All), (std::vector<std::string>{"x|6|"}));
  // Saved again in the current format.
  const auto saved = saveUpdated(t);
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved.begin()->second.size(), 17u);
}

// count(*) per key, for the integral-key tests below.
AggregateLayout countLayout(TypePtr key) {
  AggregateLayout l;
  l.keyTypes = {std::move(key)};
  AggFunctionLayout count;
  count.call = call("count", {lit(1)});
  count.kind = AggKind::CountStar;
  count.resultType = DataType::bigint();
  l.functions.push_back(count);
  l.stateSize = 8;
  return l;
}

// Counts one row of `key` (NULL when `null`); the group's count after it.
int64_t bump(AggregateTable& t, const RowSlot& key, bool null) {
  const uint8_t nulls[1] = {static_cast<uint8_t>(null)};
  unsigned char* state = t.group(&key, nulls);
  int64_t n;
  std::memcpy(&n, state, 8);
  ++n;
  std::memcpy(state, &n, 8);
  return n;
}

// A single integral key is looked up by value (no encoded key per row): the groups must be
// those of the encoded-key path, NULL and the extremes included, through restore, eviction
// and merging.
TEST(AggregateTableIntKey, GroupsAsTheEncodedKeyPathDoes) {
  AggregateTable t(countLayout(DataType::bigint()), false);
  const std::vector<int64_t> values = {5, -1, INT64_MIN, INT64_MAX, 0, 5, -1, 5};
  for (int64_t v : values) bump(t, slot(v), false);
  bump(t, slot<int64_t>(0), true);  // NULL groups apart from 0
  bump(t, slot<int64_t>(7), true);
  EXPECT_EQ(rows(t, AggregateTable::Emit::All),
            (std::vector<std::string>{"-1|2|", "-9223372036854775808|1|", "0|1|", "5|3|",
                                      "9223372036854775807|1|", "NULL|2|"}));

  // A restored group is found by value afterwards.
  AggregateTable r(countLayout(DataType::bigint()), false);
  for (const auto& [key, state] : saveUpdated(t)) r.restore(key, state, "test");
  EXPECT_EQ(bump(r, slot<int64_t>(-1), false), 3);
  EXPECT_EQ(bump(r, slot<int64_t>(0), true), 3);
  EXPECT_EQ(bump(r, slot<int64_t>(9), false), 1);
  EXPECT_EQ(r.size(), 7u);

  // Partials merged into a table find the same groups.
  AggregateTable a(countLayout(DataType::integer()), false),
      b(countLayout(DataType::integer()), false);
  bump(a, slot<int32_t>(-7), false);
  bump(b, slot<int32_t>(-7), false);
  bump(b, slot<int32_t>(3), false);
  a.mergeFrom(b);
  bump(a, slot<int32_t>(3), false);
  EXPECT_EQ(rows(a, AggregateTable::Emit::All), (std::vector<std::string>{"-7|2|", "3|2|"}));

  // Tinyint keys: negative values keep their sign.
  AggregateTable c(countLayout(DataType::byte()), false);
  bump(c, slot<int8_t>(-1), false);
  bump(c, slot<int8_t>(-1), false);
  bump(c, slot<int8_t>(127), false);
  EXPECT_EQ(rows(c, AggregateTable::Emit::All), (std::vector<std::string>{"-1|2|", "127|1|"}));
}

// An event-time key evicted by the watermark is gone from the by-value index too: a later row
// with that key is late (dropped), one with a newer key opens a group.
TEST(AggregateTableIntKey, EvictedGroupsLeaveTheValueIndex) {
  AggregateTable t(countLayout(DataType::timestamp()), false);
  t.setEventTimeKey(0);
  t.setWatermark(0, AggregateTable::Emit::Updated);
  bump(t, slot<int64_t>(1000), false);
  bump(t, slot<int64_t>(2000), false);
  t.finish(AggregateTable::Emit::Updated);
  t.clearUpdated();
  t.setWatermark(1500, AggregateTable::Emit::Updated);
  t.finish(AggregateTable::Emit::Updated);  // evicts 1000
  EXPECT_EQ(t.takeEvicted().size(), 1u);
  EXPECT_EQ(t.size(), 1u);
  bump(t, slot<int64_t>(1000), false);  // late: dropped
  EXPECT_EQ(t.takeDroppedByWatermark(), 1);
  EXPECT_EQ(bump(t, slot<int64_t>(2000), false), 2);
  EXPECT_EQ(bump(t, slot<int64_t>(3000), false), 1);
  EXPECT_EQ(t.size(), 2u);
}

// A chained aggregation (planner/streaming/watermark_propagation.h) closes groups by this
// batch's watermark but judges late rows by an older one: rows the upstream operator emitted
// for times between the two are kept, and their groups finish in this same batch.
TEST(AggregateTableIntKey, LateRowsGoByTheirOwnWatermark) {
  AggregateTable t(countLayout(DataType::timestamp()), false);
  t.setEventTimeKey(0);
  t.setWatermark(2000, AggregateTable::Emit::Finalized, 1000);
  bump(t, slot<int64_t>(900), false);   // at or below the late watermark: dropped
  bump(t, slot<int64_t>(1500), false);  // between the two: kept, and final now
  bump(t, slot<int64_t>(2500), false);  // open
  EXPECT_EQ(t.takeDroppedByWatermark(), 1);
  EXPECT_EQ(rows(t, AggregateTable::Emit::Finalized).size(), 1u);  // 1500's group
  EXPECT_EQ(t.takeEvicted().size(), 1u);
  EXPECT_EQ(t.size(), 1u);
}

void expectRestoreError(std::string_view state, const std::string& needle) {
  AggregateTable t(mixedLayout(), false);
  try {
    t.restore("k", state, "cp/state/0/0/3.snapshot");
    ADD_FAILURE() << "expected an ExecutionError (" << needle << ")";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("cp/state/0/0/3.snapshot"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find(needle), std::string::npos) << e.message();
  }
  EXPECT_EQ(t.size(), 0u);  // a failed restore leaves no group behind
}

TEST(AggregateTableState, CorruptStateIsAnErrorNamingTheFile) {
  AggregateTable t(mixedLayout(), false);
  for (const Row& r : batch1()) feed(t, r);
  const std::string state = saveUpdated(t).begin()->second;
  for (size_t n = 0; n < state.size(); ++n) expectRestoreError(state.substr(0, n), "");
  expectRestoreError(state + "x", "after its 4 aggregate states");
  std::string v9 = state;
  v9[0] = 9;
  expectRestoreError(v9, "format version 9");
  // The fixed-only form is refused for a layout with accumulators.
  expectRestoreError(std::string(48, '\0'), "format version 0");
  // An accumulator's length pointing past the end.
  std::string longer = state;
  const uint32_t huge = 0xffffff00u;
  std::memcpy(longer.data() + 1 + 48, &huge, 4);
  expectRestoreError(longer, "truncated");
}

// Many windows through update mode: evicted groups' state bytes are reclaimed, so the arena
// stays proportional to the open groups, and results stay right across compactions.
TEST(AggregateTableState, StateMemoryStaysBoundedOverManyWindows) {
  AggregateLayout l;
  l.keyTypes = {DataType::timestamp(), DataType::integer()};
  AggFunctionLayout count;
  count.call = call("count", {lit(1)});
  count.kind = AggKind::CountStar;
  count.resultType = DataType::bigint();
  l.functions.push_back(count);
  l.functions.push_back(generic(call("collect_list", {col("v", DataType::integer())}), 8));
  l.stateSize = 16;
  AggregateTable t(l, false);
  t.setEventTimeKey(0);
  const int groupsPerWindow = 1000;
  const uint8_t noNulls[2] = {0, 0};
  size_t maxArena = 0;
  for (int64_t w = 0; w < 300; ++w) {
    t.setWatermark((w - 1) * 1000, AggregateTable::Emit::Updated);  // window w-1 closes now
    for (int g = 0; g < groupsPerWindow; ++g)
      for (int rep = 0; rep < 2; ++rep) {
        const RowSlot keys[2] = {slot<int64_t>(w * 1000), slot<int32_t>(g)};
        unsigned char* state = t.group(keys, noNulls);
        int64_t n;
        std::memcpy(&n, state, 8);
        ++n;
        std::memcpy(state, &n, 8);
        const RowSlot v = slot<int32_t>(g + rep);
        t.update(state, 1, &v, noNulls);
      }
    const ColumnBatch out = t.finish(AggregateTable::Emit::Updated);
    t.clearUpdated();
    t.takeEvicted();
    EXPECT_EQ(out.rows(), groupsPerWindow);
    maxArena = std::max(maxArena, t.stateArenaBytes());
    // Open: this window and the previous one (closed at the next watermark).
    ASSERT_LE(t.size(), size_t{2 * groupsPerWindow});
  }
  const size_t live = 2 * groupsPerWindow * l.stateSize;
  EXPECT_GT(t.compactions(), 0);
  EXPECT_LE(maxArena, 2 * live + AggregateTable::kMinCompactBytes + groupsPerWindow * l.stateSize);
  // Still correct after the compactions: each open group counted its two rows.
  const ColumnBatch all = t.finish(AggregateTable::Emit::All);
  ASSERT_GT(all.rows(), 0);
  for (int64_t r = 0; r < all.rows(); ++r)
    EXPECT_EQ(static_cast<const int64_t*>(all.columns()[2].values)[r], 2);
}

}  // namespace
}  // namespace sluice
