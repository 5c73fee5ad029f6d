// AggregateTable::mergeSessions: groups keyed by (user, session_window) whose sessions overlap
// or touch become one group with the merged bounds and combined states; the replaced keys are
// reported for the state store; a session bridging two saved ones merges all three.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "planner/functions/test_util.h"
#include "runtime/exec/aggregate_table.h"
#include "runtime/exec/slot_values.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

using namespace sluice::testing;

TypePtr sessionType() {
  return DataType::structOf(
      {{"start", DataType::timestamp(), true}, {"end", DataType::timestamp(), true}});
}

// GROUP BY user, session_window: count(*) in place, sum(v) in place, collect_list(v) and
// last(v) in runtime accumulators.
AggregateLayout sessionLayout() {
  AggregateLayout l;
  l.keyTypes = {DataType::string(), sessionType()};
  AggFunctionLayout count;
  count.call = call("count", {lit(1)});
  count.kind = AggKind::CountStar;
  count.offset = 0;
  count.resultType = DataType::bigint();
  l.functions.push_back(count);
  for (const char* name : {"collect_list", "last"}) {
    AggFunctionLayout f;
    f.call = call(name, {col("v", DataType::bigint())});
    f.kind = AggKind::Generic;
    f.offset = l.functions.size() == 1 ? 8 : 16;
    f.resultType = f.call->type;
    l.functions.push_back(f);
  }
  l.stateSize = 24;
  return l;
}

// One row of user `u` at `ts` with session gap `gap`: what generated code does.
void feed(AggregateTable& t, const std::string& u, int64_t ts, int64_t gap, int64_t v) {
  Slot fields[2]{};
  const int64_t end = ts + gap;
  std::memcpy(fields[0].bytes, &ts, 8);
  std::memcpy(fields[1].bytes, &end, 8);
  StructData w{nullptr, fields};
  RowSlot keys[2]{};
  const StringView sv{u.data(), static_cast<int64_t>(u.size())};
  std::memcpy(keys[0].bytes, &sv, sizeof sv);
  const StructData* wp = &w;
  std::memcpy(keys[1].bytes, &wp, sizeof wp);
  const uint8_t notNull[2] = {0, 0};
  unsigned char* state = t.group(keys, notNull);
  int64_t n;
  std::memcpy(&n, state, 8);
  ++n;
  std::memcpy(state, &n, 8);
  RowSlot arg{};
  std::memcpy(arg.bytes, &v, 8);
  t.update(state, 1, &arg, notNull);
  t.update(state, 2, &arg, notNull);
}

// finish() as sorted "user|start|end|count|list|last" lines.
std::vector<std::string> rows(AggregateTable& t, AggregateTable::Emit emit) {
  const ColumnBatch b = t.finish(emit);
  std::vector<std::string> out;
  for (int64_t r = 0; r < b.rows(); ++r) {
    std::string line;
    for (size_t c = 0; c < b.types().size(); ++c) {
      const ColumnData& col = b.columns()[c];
      const DataType& type = *b.types()[c];
      const Value v = storageToValue(static_cast<const unsigned char*>(col.values) +
                                         static_cast<size_t>(r) * storageSize(type),
                                     type);
      if (type.id() == TypeId::Struct)
        line += std::to_string(v.asList()[0].asInt()) + "|" +
                std::to_string(v.asList()[1].asInt()) + "|";
      else
        line += v.toString(type) + "|";
    }
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SessionMerge, OverlappingAndTouchingSessionsMergeInStartOrder) {
  AggregateTable t(sessionLayout(), false);
  t.setSessionKey(1);
  feed(t, "a", 0, 5, 1);
  feed(t, "a", 7, 5, 3);   // [7, 12): joins [3, 8) below
  feed(t, "a", 3, 5, 2);   // [3, 8)
  feed(t, "a", 12, 5, 4);  // touches [.., 12): merges too (start <= end, as Spark)
  feed(t, "a", 30, 5, 5);  // apart
  feed(t, "b", 3, 5, 9);   // another user: never merged with a's sessions
  EXPECT_EQ(
      rows(t, AggregateTable::Emit::All),
      (std::vector<std::string>{"a|0|17|4|[1, 2, 3, 4]|4|", "a|30|35|1|[5]|5|", "b|3|8|1|[9]|9|"}));
  EXPECT_EQ(t.size(), 3u);
}

TEST(SessionMerge, ABridgingRowMergesTwoSavedSessionsAndReportsTheReplacedKeys) {
  AggregateTable first(sessionLayout(), false);
  first.setSessionKey(1);
  feed(first, "a", 0, 5, 1);
  feed(first, "a", 8, 5, 3);
  rows(first, AggregateTable::Emit::Updated);
  std::vector<std::pair<std::string, std::string>> saved;
  first.forEachUpdated([&](std::string_view k, std::string_view v) {
    saved.emplace_back(std::string(k), std::string(v));
  });
  ASSERT_EQ(saved.size(), 2u);

  // The next batch, after a restart: the state comes back, then [4, 9) bridges [0, 5) and
  // [8, 13).
  AggregateTable next(sessionLayout(), false);
  next.setSessionKey(1);
  for (const auto& [k, v] : saved) next.restore(k, v, "test.state");
  feed(next, "a", 4, 5, 2);
  EXPECT_EQ(rows(next, AggregateTable::Emit::Updated),
            (std::vector<std::string>{"a|0|13|3|[1, 2, 3]|3|"}));
  // Both saved keys and the new row's own session leave the store; the merged one is saved.
  std::vector<std::string> evicted = next.takeEvicted();
  std::vector<std::string> savedKeys = {saved[0].first, saved[1].first};
  for (const auto& k : savedKeys)
    EXPECT_NE(std::find(evicted.begin(), evicted.end(), k), evicted.end());
  EXPECT_EQ(evicted.size(), 3u);
  int updated = 0;
  next.forEachUpdated([&](std::string_view, std::string_view) { ++updated; });
  EXPECT_EQ(updated, 1);
}

TEST(SessionMerge, AppendEmitsAndEvictsOnlySessionsTheWatermarkClosed) {
  AggregateTable t(sessionLayout(), false);
  t.setSessionKey(1);
  t.setEventTimeKey(1);
  t.setWatermark(10, AggregateTable::Emit::Finalized);
  feed(t, "a", 0, 5, 1);  // [0, 5): end <= 10 -> late, dropped
  feed(t, "a", 8, 5, 2);  // [8, 13)
  feed(t, "a", 6, 5, 3);  // [6, 11): merges with [8, 13) into [6, 13)
  EXPECT_EQ(t.takeDroppedByWatermark(), 1);
  EXPECT_EQ(rows(t, AggregateTable::Emit::Finalized), std::vector<std::string>{});
  t.setWatermark(13, AggregateTable::Emit::Finalized);
  // States combine in session start order, not arrival order (Spark sorts rows by time).
  EXPECT_EQ(rows(t, AggregateTable::Emit::Finalized),
            (std::vector<std::string>{"a|6|13|2|[3, 2]|2|"}));
  EXPECT_EQ(t.size(), 0u);
}

TEST(SessionMerge, FunctionsWhoseStateCannotBeMergedAreRefused) {
  AggregateLayout l = sessionLayout();
  l.functions[2].call = call("percentile", {col("v", DataType::bigint()), lit(0.5)});
  l.functions[2].resultType = l.functions[2].call->type;
  AggregateTable t(l, false);
  try {
    t.setSessionKey(1);
    FAIL() << "percentile accepted";
  } catch (const ExecutionError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot be used with session_window"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace sluice
