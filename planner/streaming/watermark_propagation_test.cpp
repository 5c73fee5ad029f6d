// inputWatermarkOf: the watermark each stateful operator applies to its input, by what is
// upstream of it (Spark 3.5's WatermarkPropagator): the query's own directly over a
// WATERMARK, the same but late rows by the previous batch after an aggregation, and less the
// state bound after a stream-stream join.
#include "planner/streaming/watermark_propagation.h"

#include <gtest/gtest.h>

#include "frontend/error.h"
#include "planner/functions/test_util.h"
#include "planner/logical/all.h"
#include "planner/physical/phys_hash_aggregate.h"
#include "planner/physical/phys_stream_join.h"
#include "planner/physical/phys_watermark.h"

namespace sluice {
namespace {
using namespace sluice::testing;

struct Fixture {
  ExprPtr ts = col("ts", DataType::timestamp());
  Watermark wm{ts->attr, Interval{0, 0, 10'000'000}, nullptr};
  PhysPtr watermark() { return std::make_shared<PhysWatermark>(wm, nullptr); }
  PhysPtr aggregate(PhysPtr child) {
    return std::make_shared<PhysHashAggregate>(std::vector<ExprPtr>{ts}, std::vector<ExprPtr>{},
                                               std::vector<ExprPtr>{ts}, std::move(child));
  }
  std::shared_ptr<PhysStreamJoin> join() {
    return std::make_shared<PhysStreamJoin>(JoinKind::Inner, std::vector<ExprPtr>{},
                                            std::vector<ExprPtr>{}, nullptr,
                                            std::vector<Attribute>{}, watermark(), watermark());
  }
};

TEST(WatermarkPropagation, FirstOperatorSeesTheQueryWatermark) {
  Fixture f;
  const auto w = inputWatermarkOf(*f.aggregate(f.watermark()));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->delayMicros, 0);
  EXPECT_FALSE(w->lateByPreviousBatch);
}

TEST(WatermarkPropagation, NoWatermarkBelowGivesNone) {
  Fixture f;
  EXPECT_FALSE(inputWatermarkOf(*f.aggregate(nullptr)));
}

TEST(WatermarkPropagation, AfterAnAggregationLateRowsGoByThePreviousBatch) {
  Fixture f;
  const auto w = inputWatermarkOf(*f.aggregate(f.aggregate(f.watermark())));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->delayMicros, 0);
  EXPECT_TRUE(w->lateByPreviousBatch);
}

TEST(WatermarkPropagation, AfterAJoinTheLargestStateBoundDelaysIt) {
  Fixture f;
  auto j = f.join();
  j->leftBound = StateTimeBound{0, 60'000'000};
  j->rightBound = StateTimeBound{0, 5'000'000};
  j->leftLateColumn = 0;
  j->rightLateColumn = 0;
  const auto w = inputWatermarkOf(*f.aggregate(f.aggregate(j)));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->delayMicros, 60'000'000);
  EXPECT_TRUE(w->lateByPreviousBatch);
  // An unbounded inner join passes the watermark on as it is.
  const auto plain = inputWatermarkOf(*f.aggregate(f.join()));
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->delayMicros, 0);
}

TEST(WatermarkPropagation, ABoundOnAnotherColumnThanTheEventTimeIsRefused) {
  Fixture f;
  auto j = f.join();
  j->leftBound = StateTimeBound{3, 0};  // e.g. `bts <= expires`
  j->leftLateColumn = 0;
  EXPECT_THROW(inputWatermarkOf(*f.aggregate(j)), PlanError);
}

}  // namespace
}  // namespace sluice
