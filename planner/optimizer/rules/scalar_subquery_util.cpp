#include "planner/optimizer/rules/scalar_subquery_util.h"

#include <algorithm>
#include <stdexcept>

#include "planner/functions/registry.h"
#include "planner/logical/all.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

bool isAggregateCall(const ExprPtr& e) {
  return e->kind == ExprKind::Call && e->fn->kind == FunctionKind::Aggregate;
}

// Whether a wanted subquery of `e` is outside every aggregate call and grouping expression
// of `a` (in those it is computed per input row, below the aggregate).
bool outsideAggregates(const ExprPtr& e, const Aggregate& a,
                       const std::function<bool(const Expr&)>& wanted) {
  if (isAggregateCall(e)) return false;
  for (const auto& g : a.groupings)
    if (semanticEquals(e, g)) return false;
  if (isSubquery(*e) && wanted(*e)) return true;
  return std::any_of(e->args.begin(), e->args.end(),
                     [&](const ExprPtr& x) { return outsideAggregates(x, a, wanted); });
}

// Aggregate(g, [f(sum(x), (SELECT ...)) AS a]) => Project([f(s, (SELECT ...)) AS a],
// Aggregate(g, [sum(x) AS s])): what the aggregated row computes moves into the Project.
PlanPtr splitAggregate(const Aggregate& a, const std::function<bool(const Expr&)>& wanted) {
  std::vector<ExprPtr> inner, outer;
  auto lift = [&](const ExprPtr& e) -> ExprPtr {
    return transformDown(e, [&](const ExprPtr& n) -> ExprPtr {
      const bool grouped = std::any_of(a.groupings.begin(), a.groupings.end(),
                                       [&](const ExprPtr& g) { return semanticEquals(n, g); });
      if (!isAggregateCall(n) && !grouped) return n;
      for (const auto& x : inner)
        if (semanticEquals(stripAlias(x), n)) return makeColumnRef(x->outputAttr(), n->span);
      // A grouping column passes through under its own id (outer references read it).
      inner.push_back(n->kind == ExprKind::ColumnRef ? n : makeAlias(n, n->toString()));
      return makeColumnRef(inner.back()->outputAttr(), n->span);
    });
  };
  for (const auto& e : a.aggregates) {
    if (!outsideAggregates(e, a, wanted)) {
      inner.push_back(e);
      outer.push_back(makeColumnRef(e->outputAttr()));
      continue;
    }
    const Attribute& out = e->outputAttr();
    outer.push_back(makeAlias(lift(stripAlias(e)), out.name, out.id, e->span));
  }
  auto agg = std::make_shared<Aggregate>(a.groupings, std::move(inner), a.child());
  agg->span = a.span;
  agg->sessionWindow = a.sessionWindow;
  return std::make_shared<Project>(std::move(outer), agg);
}

PlanPtr rewriteNode(const PlanPtr& node, const std::function<bool(const Expr&)>& wanted,
                    const ScalarJoin& join) {
  if (!as<Project>(node) && !as<Filter>(node) && !as<Aggregate>(node)) return node;
  std::vector<ExprPtr> found;
  for (const auto& e : node->expressions())
    visit(e, [&](const ExprPtr& n) {
      if (isSubquery(*n) && wanted(*n) &&
          std::none_of(found.begin(), found.end(),
                       [&](const ExprPtr& f) { return subqueryId(*f) == subqueryId(*n); }))
        found.push_back(n);
      return true;
    });
  if (found.empty()) return node;
  if (const auto* a = as<Aggregate>(node)) {
    const bool outside =
        std::any_of(a->aggregates.begin(), a->aggregates.end(),
                    [&](const ExprPtr& e) { return outsideAggregates(e, *a, wanted); });
    if (outside) {
      PlanPtr split = splitAggregate(*a, wanted);
      PlanPtr below = rewriteNode(split->child(), wanted, join);
      return rewriteNode(split->withNewChildren({below}), wanted, join);
    }
  }
  PlanPtr child = node->child();
  std::vector<std::pair<ExprId, ExprPtr>> replacements;
  for (const auto& sq : found) {
    auto [joined, replacement] = join(child, sq);
    child = joined;
    replacements.emplace_back(subqueryId(*sq), replacement);
  }
  std::vector<ExprPtr> exprs;
  for (const auto& e : node->expressions())
    exprs.push_back(transformDown(e, [&](const ExprPtr& n) -> ExprPtr {
      if (!isSubquery(*n)) return n;
      for (const auto& [id, r] : replacements)
        if (id == subqueryId(*n)) return r;
      return n;
    }));
  PlanPtr out = node->withNewChildren({child})->withNewExpressions(std::move(exprs));
  if (as<Filter>(node)) {
    std::vector<ExprPtr> keep;
    for (const auto& a : node->output()) keep.push_back(makeColumnRef(a));
    out = std::make_shared<Project>(std::move(keep), out);
  }
  return out;
}

}  // namespace

const FunctionDef& scalarSubqueryResultFn() {
  static const FunctionDef def = [] {
    FunctionDef d;
    d.name = "scalar_subquery_result";
    d.kind = FunctionKind::Scalar;
    d.nulls = NullBehavior::Custom;
    d.signature = "bigint, T -> T";
    d.description = "internal: the value of an uncorrelated scalar subquery (at most one row)";
    d.minArgs = d.maxArgs = 2;
    d.emitter = "scalar_subquery_result";
    return d;
  }();
  return def;
}

ExprPtr typedCall(const std::string& name, std::vector<ExprPtr> args) {
  const FunctionDef* fn = FunctionRegistry::builtins().find(name);
  if (!fn || !fn->resolve) throw std::logic_error("typedCall: no typed registry row " + name);
  ResolveContext ctx{args, name, [&](int, const std::string& m) {
                       throw std::logic_error("typedCall " + name + ": " + m);
                     }};
  Resolution r = fn->resolve(ctx);
  for (size_t i = 0; i < args.size() && i < r.argTypes.size(); ++i)
    if (r.argTypes[i] && !r.argTypes[i]->equals(*args[i]->type))
      args[i] = makeCast(args[i], r.argTypes[i]);
  bool nullable = true;
  if (r.nullableOverride) {
    nullable = r.nullable;
  } else if (fn->nulls == NullBehavior::NeverNull) {
    nullable = false;
  } else if (fn->nulls == NullBehavior::Propagates) {
    nullable = std::any_of(args.begin(), args.end(), [](const ExprPtr& a) { return a->nullable; });
  }
  return makeCall(fn, std::move(args), r.result ? r.result : DataType::null(), nullable);
}

PlanPtr rewriteScalarSubqueries(const PlanPtr& plan, const std::function<bool(const Expr&)>& wanted,
                                const ScalarJoin& join) {
  return transformUp(plan, [&](const PlanPtr& p) { return rewriteNode(p, wanted, join); });
}

}  // namespace sluice
