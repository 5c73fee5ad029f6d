#include "runtime/stream/prepared_row_expr.h"

#include <algorithm>
#include <unordered_map>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"

namespace sluice {

PreparedRowExpr::PreparedRowExpr(const ExprPtr& e,
                                 const std::vector<std::vector<Attribute>>& inputs)
    : columns_(inputs.size()) {
  std::unordered_map<ExprId, std::pair<size_t, size_t>> where;  // id -> (input, column)
  for (size_t i = 0; i < inputs.size(); ++i)
    for (size_t c = 0; c < inputs[i].size(); ++c) where.emplace(inputs[i][c].id, std::pair{i, c});
  std::vector<Attribute> params;
  std::unordered_map<ExprId, size_t> param;  // a column read twice is one parameter
  const ExprPtr body = transformUp(e, [&](const ExprPtr& x) -> ExprPtr {
    if (x->kind != ExprKind::ColumnRef) return x;
    auto it = where.find(x->attr.id);
    if (it == where.end())
      throw ExecutionError("internal: column " + x->attr.toString() + " is not an input of " +
                           e->toString());
    if (!param.count(x->attr.id)) {
      param.emplace(x->attr.id, params.size());
      params.push_back(x->attr);
      params_.push_back(it->second);
      columns_[it->second.first].push_back(it->second.second);
    }
    return makeLambdaVar(x->attr, x->span);
  });
  for (auto& cols : columns_) std::sort(cols.begin(), cols.end());
  lambda_ = makeLambda(std::move(params), body, e->span);
  args_.resize(params_.size());
}

Value PreparedRowExpr::eval(const std::vector<const std::vector<Value>*>& rows) const {
  for (size_t p = 0; p < params_.size(); ++p)
    args_[p] = rows.at(params_[p].first)->at(params_[p].second);
  return applyLambda(*lambda_, args_);
}

bool PreparedRowExpr::test(const std::vector<const std::vector<Value>*>& rows) const {
  const Value v = eval(rows);
  return !v.isNull() && v.asBool();
}

}  // namespace sluice
