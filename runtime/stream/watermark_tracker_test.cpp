#include "runtime/stream/watermark_tracker.h"

#include <gtest/gtest.h>

#include <map>

namespace sluice {
namespace {

constexpr int64_t kSecond = 1000000;  // micros

struct Fixture {
  // Two inputs with 10 s and 30 s of allowed lateness.
  Watermark a{Attribute{1, "ta", nullptr}, Interval{0, 0, 10 * kSecond}, nullptr};
  Watermark b{Attribute{2, "tb", nullptr}, Interval{0, 0, 30 * kSecond}, nullptr};
  PhysWatermark pa{a, nullptr};
  PhysWatermark pb{b, nullptr};
  std::map<const PhysWatermark*, int64_t> maxEvent;  // this batch's, micros

  bool advance(WatermarkTracker& t) {
    return t.advance([&](const PhysWatermark& w) {
      auto it = maxEvent.find(&w);
      return it == maxEvent.end() ? INT64_MIN : it->second;
    });
  }
};

TEST(WatermarkTracker, MinPolicyMovesAtThePaceOfTheSlowestInput) {
  Fixture f;
  WatermarkTracker t({&f.pa, &f.pb}, WatermarkPolicy::Min, 0);
  // Only input a has data: b, without rows yet, counts as 0 and holds the watermark (Spark).
  f.maxEvent = {{&f.pa, 100 * kSecond}};
  EXPECT_FALSE(f.advance(t));
  EXPECT_EQ(t.currentMs(), 0);
  // Input b arrives far behind: min(a 190 s - 10, b 120 s - 30) = 90 s.
  f.maxEvent = {{&f.pa, 200 * kSecond}, {&f.pb, 120 * kSecond}};
  EXPECT_TRUE(f.advance(t));
  EXPECT_EQ(t.currentMs(), 90000);
  EXPECT_EQ(t.lastMaxEventMs(), 200000);
  // b catches up: min(190, 170) = 170 s.
  f.maxEvent = {{&f.pb, 200 * kSecond}};
  EXPECT_TRUE(f.advance(t));
  EXPECT_EQ(t.currentMs(), 170000);
  // A batch without rows changes nothing and never moves the watermark back.
  f.maxEvent = {};
  EXPECT_FALSE(f.advance(t));
  EXPECT_EQ(t.currentMs(), 170000);
  EXPECT_FALSE(t.lastMaxEventMs());
}

TEST(WatermarkTracker, AfterARestartOneInputAloneDoesNotMoveTheMinWatermark) {
  // A restarted run knows only the checkpointed watermark; its first batch has rows of a only.
  Fixture f;
  WatermarkTracker t({&f.pa, &f.pb}, WatermarkPolicy::Min, 50000);
  f.maxEvent = {{&f.pa, 500 * kSecond}};
  EXPECT_FALSE(f.advance(t));
  EXPECT_EQ(t.currentMs(), 50000);
  f.maxEvent = {{&f.pb, 100 * kSecond}};  // min(490, 70) = 70 s
  EXPECT_TRUE(f.advance(t));
  EXPECT_EQ(t.currentMs(), 70000);
}

TEST(WatermarkTracker, MaxPolicyFollowsTheFastestInput) {
  Fixture f;
  WatermarkTracker t({&f.pa, &f.pb}, WatermarkPolicy::Max, 0);
  f.maxEvent = {{&f.pa, 200 * kSecond}, {&f.pb, 120 * kSecond}};
  EXPECT_TRUE(f.advance(t));
  EXPECT_EQ(t.currentMs(), 190000);
}

TEST(WatermarkTracker, StartsFromTheCheckpointedWatermark) {
  Fixture f;
  WatermarkTracker t({&f.pa}, WatermarkPolicy::Min, 500000);
  f.maxEvent = {{&f.pa, 100 * kSecond}};  // behind the restored watermark: no move back
  EXPECT_FALSE(f.advance(t));
  EXPECT_EQ(t.currentMs(), 500000);
}

}  // namespace
}  // namespace sluice
