#pragma once
// Expression helpers shared by the optimizer rules: literal tests, boolean builders, alias
// substitution and the cost notions that keep rules from duplicating expensive work.
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "planner/expr.h"
#include "planner/logical/logical_plan.h"
#include "planner/optimizer/rule.h"

namespace sluice {

/// A call of the function row named `name` (canonical lower-case name).
bool isCall(const ExprPtr& e, std::string_view name);
bool isTrueLiteral(const ExprPtr& e);
bool isFalseLiteral(const ExprPtr& e);
bool isNullLiteral(const ExprPtr& e);

ExprPtr makeNot(ExprPtr e);
ExprPtr makeAnd(ExprPtr a, ExprPtr b);
ExprPtr makeOr(ExprPtr a, ExprPtr b);
/// A boolean-valued call of the operator row `op` (comparisons, isnull, ...).
ExprPtr makeBoolCall(const char* op, std::vector<ExprPtr> args, bool nullable);

/// Id -> defining expression (alias stripped) of the named expressions in `list`. ColumnRef
/// items map to themselves, so substitution through a Project is uniform.
using AliasMap = std::unordered_map<ExprId, ExprPtr>;
AliasMap aliasMap(const std::vector<ExprPtr>& list);
/// Replaces ColumnRefs whose id is in `m` by the mapped expression (no recursion into it).
ExprPtr replaceAliases(const ExprPtr& e, const AliasMap& m);

/// Spark's CollapseProject.isCheap: columns, constants and field accesses on cheap inputs.
/// Anything else may be computed twice only if it is referenced once.
bool isCheap(const ExprPtr& e);
/// Contains a call that parses or scans text (JSON, regex): never worth computing twice,
/// even to push a filter down.
bool isExpensive(const ExprPtr& e);

bool isSubset(const std::unordered_set<ExprId>& a, const std::unordered_set<ExprId>& b);

/// A rule defined by a name and a function (each rule file instantiates one).
class FunctionRule : public Rule {
 public:
  using Fn = PlanPtr (*)(const PlanPtr&);
  FunctionRule(const char* name, Fn fn) : name_(name), fn_(fn) {}
  const char* name() const override { return name_; }
  PlanPtr apply(const PlanPtr& plan) const override { return fn_(plan); }

 private:
  const char* name_;
  Fn fn_;
};

}  // namespace sluice
