#pragma once
// Distinct: removes duplicate rows (SELECT DISTINCT, UNION without ALL). With `keys` it is
// Spark's Deduplicate(keys): the first row of each key is kept (streaming only: what the
// ROW_NUMBER top-1 pattern becomes, planner/optimizer/rules/streaming_top_one_dedup.cpp).
// With `withinWatermarkMicros` it is Spark's dropDuplicatesWithinWatermark (SELECT DISTINCT
// WITHIN WATERMARK): a key's state lives until its first row's event time + the delay.
#include <optional>

#include "planner/logical/logical_plan.h"

namespace sluice {

class Distinct : public PlanNode<Distinct> {
 public:
  static constexpr PlanKind kKind = PlanKind::Distinct;
  explicit Distinct(PlanPtr child) : PlanNode(kKind, {std::move(child)}) {}

  std::vector<Attribute> keys;                   ///< dedup key columns (empty: every column)
  std::optional<Attribute> eventTime;            ///< keyed: the row time the key's state lives by
  std::optional<int64_t> withinWatermarkMicros;  ///< the watermark delay the state outlives it by

  std::vector<Attribute> output() const override { return child()->output(); }
  std::string nodeName() const override { return keys.empty() ? "Distinct" : "Deduplicate"; }
  std::string argString() const override {
    if (keys.empty()) return "";
    return attrList(keys) + (withinWatermarkMicros ? ", within watermark" : "");
  }
};

}  // namespace sluice
