// JoinSideRows: rows found by key in arrival order, eviction takes exactly the rows due
// (earliest first) and leaves the others findable, slots are reused.
#include "runtime/stream/stream_join_side.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

JoinSideRow row(std::string key, uint64_t seq, int64_t time) {
  return JoinSideRow{std::move(key), std::string(1, '\0') + "v" + std::to_string(seq), seq, time};
}

std::vector<uint64_t> seqsOf(JoinSideRows& rows, std::string_view key) {
  std::vector<uint64_t> out;
  if (const auto* ids = rows.find(key))
    for (uint32_t id : *ids) out.push_back(rows.row(id).seq);
  return out;
}

TEST(JoinSideRows, FindsRowsByKeyInArrivalOrder) {
  JoinSideRows rows(false);
  rows.add(row("a", 0, 5));
  rows.add(row("b", 1, 5));
  rows.add(row("a", 2, 1));
  EXPECT_EQ(seqsOf(rows, "a"), (std::vector<uint64_t>{0, 2}));
  EXPECT_EQ(seqsOf(rows, "b"), (std::vector<uint64_t>{1}));
  EXPECT_EQ(rows.find("c"), nullptr);
  EXPECT_EQ(rows.size(), 3);
  rows.row(rows.find("b")->front()).value[0] = '\1';
  EXPECT_TRUE(rows.row(rows.find("b")->front()).matched());
  rows.clear();
  EXPECT_EQ(rows.size(), 0);
  EXPECT_EQ(rows.find("a"), nullptr);
}

TEST(JoinSideRows, EvictsOnlyTheRowsDueEarliestFirstAndReusesTheirSlots) {
  JoinSideRows rows(true);
  rows.add(row("a", 0, 30));
  rows.add(row("a", 1, 10));
  rows.add(row("b", 2, INT64_MIN));  // a NULL time: due at the first eviction
  rows.add(row("b", 3, 20));
  std::vector<uint64_t> evicted;
  rows.evictDue(20, [&](const JoinSideRow& r) { evicted.push_back(r.seq); });
  EXPECT_EQ(evicted, (std::vector<uint64_t>{2, 1, 3}));
  EXPECT_EQ(seqsOf(rows, "a"), (std::vector<uint64_t>{0}));
  EXPECT_EQ(rows.find("b"), nullptr);
  EXPECT_EQ(rows.size(), 1);
  evicted.clear();
  rows.evictDue(29, [&](const JoinSideRow& r) { evicted.push_back(r.seq); });
  EXPECT_TRUE(evicted.empty());
  rows.add(row("c", 4, 40));  // into a freed slot
  rows.add(row("c", 5, 35));
  EXPECT_EQ(seqsOf(rows, "c"), (std::vector<uint64_t>{4, 5}));
  rows.evictDue(INT64_MAX, [&](const JoinSideRow& r) { evicted.push_back(r.seq); });
  EXPECT_EQ(evicted, (std::vector<uint64_t>{0, 5, 4}));
  EXPECT_EQ(rows.size(), 0);
}

}  // namespace
}  // namespace sluice
