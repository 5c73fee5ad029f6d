#pragma once
// Watermark: marks `eventTime` as the event-time column of a stream with a lateness bound
// (Spark's EventTimeWatermark). Rows pass through unchanged; stateful operators above use
// the watermark to drop late rows and finalize windows. Filters on the event-time column
// are never pushed below this node (they would change which rows define the watermark).
#include "planner/logical/logical_plan.h"

namespace sluice {

class Watermark : public PlanNode<Watermark> {
 public:
  static constexpr PlanKind kKind = PlanKind::Watermark;
  Watermark(Attribute eventTime, Interval delay, PlanPtr child)
      : PlanNode(kKind, {std::move(child)}), eventTime(std::move(eventTime)), delay(delay) {}

  Attribute eventTime;  ///< a timestamp column of the child
  Interval delay;       ///< allowed lateness

  std::vector<Attribute> output() const override { return child()->output(); }
  std::string nodeName() const override { return "EventTimeWatermark"; }
  std::string argString() const override {
    return eventTime.toString() + ", interval " + formatInterval(delay);
  }
};

}  // namespace sluice
