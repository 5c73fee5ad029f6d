#pragma once
// An expression over rows held as planner Values, prepared once for many evaluations: its
// column references become parameters of a lambda (bound per call, planner/functions/
// evaluate.h's applyLambda), so a call binds the referenced values and folds the expression
// without rebuilding it. RowEvaluator rewrites the expression into literals on every call;
// this is for the per-pair work of a stream-stream join's condition, where a batch can test
// many candidate pairs.
#include <utility>
#include <vector>

#include "planner/expr.h"
#include "planner/value.h"

namespace sluice {

class PreparedRowExpr {
 public:
  /// `e` may reference columns of `inputs` (input i = the columns of row i of eval()).
  PreparedRowExpr(const ExprPtr& e, const std::vector<std::vector<Attribute>>& inputs);

  /// The columns of input `i` that the expression reads, ascending (what a caller must decode).
  const std::vector<size_t>& columnsOf(size_t i) const { return columns_.at(i); }
  /// The value over rows `rows[i]` (each indexed by its input's column number; only
  /// columnsOf(i) are read).
  Value eval(const std::vector<const std::vector<Value>*>& rows) const;
  /// Whether the expression (a predicate) is true over the rows (NULL and false are not).
  bool test(const std::vector<const std::vector<Value>*>& rows) const;

 private:
  ExprPtr lambda_;                                 // params -> the rewritten expression
  std::vector<std::pair<size_t, size_t>> params_;  // (input, column) of each parameter
  std::vector<std::vector<size_t>> columns_;       // per input, the columns read
  mutable std::vector<Value> args_;                // reused between calls
};

}  // namespace sluice
