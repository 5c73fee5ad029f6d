#pragma once
// Hash aggregate: its input pipeline updates per-group states; a new pipeline scans the
// groups and computes the output expressions. DISTINCT is an aggregate without functions.
#include <optional>

#include "planner/physical/physical_plan.h"

namespace sluice {

class PhysHashAggregate : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::HashAggregate;
  PhysHashAggregate(std::vector<ExprPtr> keys, std::vector<ExprPtr> functions,
                    std::vector<ExprPtr> results, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}),
        keys(std::move(keys)),
        functions(std::move(functions)),
        results(std::move(results)) {}
  std::vector<ExprPtr> keys;       ///< grouping expressions
  std::vector<ExprPtr> functions;  ///< distinct aggregate calls, in state order
  std::vector<ExprPtr> results;    ///< named output expressions (over keys and functions)
  /// The key holding each row's session_window: after the input, groups whose keys differ only
  /// in overlapping sessions are merged (Spark's MergingSessions; in streaming queries also
  /// across batches, SessionWindowStateStoreRestore / Save).
  std::optional<size_t> sessionKey;
  bool isBreaker() const override { return true; }
  std::vector<Attribute> output() const override {
    std::vector<Attribute> out;
    for (const auto& e : results) out.push_back(e->outputAttr());
    return out;
  }
  std::string nodeName() const override { return "HashAggregate"; }
  std::string argString() const override {
    return "(keys=" + exprList(keys) + ", functions=" + exprList(functions) +
           (sessionKey ? ", MergingSessions(" + keys.at(*sessionKey)->toString() + ")" : "") + ")";
  }
};

}  // namespace sluice
