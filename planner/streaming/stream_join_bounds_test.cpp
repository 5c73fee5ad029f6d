// deriveJoinTimeBounds: which side's state the watermark bounds, through which conjunct, with
// which offset; nothing without a watermark on the other side or a usable time relation.
#include "planner/streaming/stream_join_bounds.h"

#include <gtest/gtest.h>

#include "planner/functions/test_util.h"

namespace sluice {
namespace {
using namespace sluice::testing;

ExprPtr minutes(int m) {
  return makeLiteral(Value::interval({0, 0, int64_t{m} * 60'000'000}), DataType::interval());
}

struct Sides {
  ExprPtr ts = col("ts", DataType::timestamp()), ad = col("ad", DataType::integer());
  ExprPtr cts = col("cts", DataType::timestamp()), cad = col("cad", DataType::integer());
  std::unordered_set<ExprId> left{ts->attr.id, ad->attr.id}, right{cts->attr.id, cad->attr.id};
  std::unordered_map<ExprId, EventTimeKind> lwm{{ts->attr.id, EventTimeKind::Timestamp}};
  std::unordered_map<ExprId, EventTimeKind> rwm{{cts->attr.id, EventTimeKind::Timestamp}};
};

TEST(StreamJoinBounds, RangeConditionBoundsBothSides) {
  Sides s;
  // cts >= ts AND cts <= ts + 1 minute
  const std::vector<ExprPtr> c = {call(">=", {s.cts, s.ts}),
                                  call("<=", {s.cts, call("+", {s.ts, minutes(1)})}),
                                  call("=", {s.ad, s.cad})};
  const JoinTimeBounds b = deriveJoinTimeBounds(c, s.left, s.right, s.lwm, s.rwm);
  ASSERT_TRUE(b.left && b.right);
  EXPECT_EQ(b.left->column, s.ts->attr.id);
  EXPECT_EQ(b.left->offsetMicros, 60'000'000);  // an impression waits a minute for clicks
  EXPECT_EQ(b.right->column, s.cts->attr.id);
  EXPECT_EQ(b.right->offsetMicros, 0);  // a click only matches earlier impressions
}

TEST(StreamJoinBounds, NoWatermarkOnTheOtherSideNoBound) {
  Sides s;
  const std::vector<ExprPtr> c = {call(">=", {s.cts, s.ts}),
                                  call("<=", {s.cts, call("+", {s.ts, minutes(1)})})};
  const JoinTimeBounds b = deriveJoinTimeBounds(c, s.left, s.right, s.lwm, {});
  EXPECT_FALSE(b.left);  // the clicks have no watermark: an impression may match forever
  EXPECT_TRUE(b.right);
}

TEST(StreamJoinBounds, EqualTimesAndSubtractedIntervals) {
  Sides s;
  const JoinTimeBounds eq =
      deriveJoinTimeBounds({call("=", {s.ts, s.cts})}, s.left, s.right, s.lwm, s.rwm);
  ASSERT_TRUE(eq.left && eq.right);
  EXPECT_EQ(eq.left->offsetMicros, 0);
  // ts > cts - 2 minutes, i.e. cts < ts + 2 minutes
  const JoinTimeBounds sub = deriveJoinTimeBounds(
      {call(">", {s.ts, call("-", {s.cts, minutes(2)})})}, s.left, s.right, s.lwm, s.rwm);
  ASSERT_TRUE(sub.left);
  EXPECT_FALSE(sub.right);
  EXPECT_EQ(sub.left->offsetMicros, 120'000'000);
}

TEST(StreamJoinBounds, ConditionsWithoutATimeRelationBoundNothing) {
  Sides s;
  const JoinTimeBounds b =
      deriveJoinTimeBounds({call("=", {s.ad, s.cad})}, s.left, s.right, s.lwm, s.rwm);
  EXPECT_FALSE(b.left);
  EXPECT_FALSE(b.right);
}

}  // namespace
}  // namespace sluice
