#include "runtime/stream/row_evaluator.h"

#include "frontend/error.h"
#include "planner/functions/evaluate.h"

namespace sluice {

RowEvaluator::RowEvaluator(const std::vector<std::vector<Attribute>>& inputs) {
  for (size_t i = 0; i < inputs.size(); ++i)
    for (size_t c = 0; c < inputs[i].size(); ++c) where_.emplace(inputs[i][c].id, std::pair{i, c});
}

Value RowEvaluator::eval(const ExprPtr& e,
                         const std::vector<const std::vector<Value>*>& rows) const {
  auto valueOf = [&](const ExprPtr& ref) -> const Value& {
    auto it = where_.find(ref->attr.id);
    if (it == where_.end())
      throw ExecutionError("internal: column " + ref->attr.toString() + " is not an input of " +
                           e->toString());
    return rows.at(it->second.first)->at(it->second.second);
  };
  if (e->kind == ExprKind::ColumnRef) return valueOf(e);
  const ExprPtr bound = transformUp(e, [&](const ExprPtr& x) -> ExprPtr {
    if (x->kind != ExprKind::ColumnRef) return x;
    return makeLiteral(valueOf(x), x->type, x->span);
  });
  return evaluateConstant(bound);
}

bool RowEvaluator::test(const ExprPtr& e,
                        const std::vector<const std::vector<Value>*>& rows) const {
  if (!e) return true;
  const Value v = eval(e, rows);
  return !v.isNull() && v.asBool();
}

}  // namespace sluice
