#pragma once
// Evaluates a bound expression over rows held as planner Values: the column references are
// replaced by the row's values and the result folded (planner/functions/evaluate.h, the same
// semantics the constant folder and the generated code follow). Used by stateful operators
// that keep their rows as Values (the stream-stream join's condition and keys), where rows
// are few per batch compared with the kernels' scans.
#include <unordered_map>
#include <utility>
#include <vector>

#include "planner/expr.h"
#include "planner/value.h"

namespace sluice {

class RowEvaluator {
 public:
  /// Columns the expressions may reference: `inputs[i]` are the columns of row i of eval().
  explicit RowEvaluator(const std::vector<std::vector<Attribute>>& inputs);

  /// The value of `e` over rows `rows[i]` (each with the columns of inputs[i]).
  Value eval(const ExprPtr& e, const std::vector<const std::vector<Value>*>& rows) const;
  /// Whether predicate `e` is true (NULL and false are not); a null `e` is true.
  bool test(const ExprPtr& e, const std::vector<const std::vector<Value>*>& rows) const;

 private:
  std::unordered_map<ExprId, std::pair<size_t, size_t>> where_;  // id -> (input, column)
};

}  // namespace sluice
