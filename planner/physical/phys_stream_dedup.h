#pragma once
// Streaming deduplication (Spark's StreamingDeduplicateExec, what dropDuplicates() and a
// streaming SELECT DISTINCT run as): a row is emitted the first time its key is seen and
// never again; the keys seen are kept in state. With a watermarked event-time column among the
// keys, rows at or below the watermark are late (dropped) and keys whose time the watermark
// passed leave the state. The input pipeline ends in the operator; a new pipeline reads the
// rows it let through (runtime/stream/stream_dedup_state.h).
#include <optional>

#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysStreamDedup : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::StreamDedup;
  PhysStreamDedup(std::vector<size_t> keys, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}), keys(std::move(keys)) {}
  std::vector<size_t> keys;               ///< key columns (indexes into the child's output)
  std::optional<size_t> eventTimeColumn;  ///< a watermarked timestamp key column, if any
  /// dropDuplicatesWithinWatermark: a key stays until its first time + this delay (else + 0).
  int64_t stateDelayMicros = 0;

  std::vector<Attribute> output() const override { return child()->output(); }
  bool isBreaker() const override { return true; }
  std::string nodeName() const override { return "StreamingDeduplicate"; }
  std::string argString() const override {
    std::string s = "[";
    const auto in = child()->output();
    for (size_t i = 0; i < keys.size(); ++i) s += (i ? ", " : "") + in.at(keys[i]).toString();
    s += "]";
    if (eventTimeColumn)
      s += ", state until " + in.at(*eventTimeColumn).toString() +
           (stateDelayMicros ? " + " + std::to_string(stateDelayMicros / 1000) + " ms" : "") +
           " <= watermark";
    return s;
  }
};

}  // namespace sluice
