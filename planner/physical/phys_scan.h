#pragma once
// Scan: reads a source batch (Kafka records, file rows, inline VALUES) and starts a pipeline.
#include "planner/logical/scan.h"
#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysScan : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Scan;
  explicit PhysScan(const Scan& scan) : PhysicalOp(kKind, {}), scan(scan) {}
  const Scan& scan;  ///< the logical scan (source, options, columns, rows)
  std::vector<Attribute> output() const override { return scan.attrs; }
  std::string nodeName() const override {
    return scan.source == SourceKind::Values ? "LocalTableScan"
           : scan.streaming                  ? "StreamingScan"
                                             : "Scan";
  }
  std::string argString() const override { return scan.argString(); }
};

}  // namespace sluice
