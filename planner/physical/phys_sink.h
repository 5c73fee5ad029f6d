#pragma once
// Sink: the end of the last pipeline: rows go to a table writer (Kafka, console, memory, the
// result of a SELECT).
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysSink : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Sink;
  PhysSink(std::string target, std::vector<Attribute> columns, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}),
        target(std::move(target)),
        columns(std::move(columns)) {}
  std::string target;              ///< table name, or "result" for a SELECT
  std::vector<Attribute> columns;  ///< what is written
  bool isBreaker() const override { return true; }
  std::vector<Attribute> output() const override { return {}; }
  std::string nodeName() const override { return "WriteTo"; }
  std::string argString() const override { return target + " " + attrList(columns); }
};

}  // namespace sluice
