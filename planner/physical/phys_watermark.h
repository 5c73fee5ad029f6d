#pragma once
// Watermark: tracks max(event time) per batch for the runtime; rows pass through.
#include "planner/logical/watermark.h"
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysWatermark : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Watermark;
  PhysWatermark(const Watermark& wm, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}), wm(wm) {}
  const Watermark& wm;
  std::vector<Attribute> output() const override { return child()->output(); }
  std::string nodeName() const override { return "EventTimeWatermark"; }
  std::string argString() const override { return wm.argString(); }
};

}  // namespace sluice
