// Subqueries in expressions (Spark's ScalarSubquery, Exists, InSubquery): the subquery is
// bound as a query of its own, in which names no local column has resolve in the queries
// around it (outer references). The result is an ExprKind::Subquery that the optimizer
// rewrites into joins (RewritePredicateSubquery, RewriteCorrelatedScalarSubquery,
// RewriteUncorrelatedScalarSubquery); the correlations that rewrite cannot take are refused
// here, with Spark's error classes.
#include <unordered_set>

#include "frontend/ast_printer.h"
#include "frontend/text.h"
#include "planner/binder/binder_impl.h"
#include "planner/functions/ansi.h"
#include "planner/optimizer/subquery_decorrelation.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

std::string columnNames(const std::vector<std::string>& names) {
  std::string s = "[";
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s + "]";
}

}  // namespace

ExprPtr Binder::Impl::resolveOuterColumn(const ast::Expr& e) {
  std::vector<std::string> parts;
  for (const auto& p : e.name.parts) parts.push_back(p.name);
  for (size_t level = outerScopes.size(); level-- > 0;) {
    const OuterScope& o = outerScopes[level];
    if (!o.scope) continue;
    std::vector<std::string> ambiguous;
    Resolved r = o.scope->resolve(parts, ambiguous);
    if (!ambiguous.empty() || !r.attr) continue;
    ExprPtr ref = makeColumnRef(visibleAttr(*r.attr), e.name.parts[0].span);
    // Every subquery between the column's query and this one reads it from outside.
    for (size_t k = level; k < outerScopes.size(); ++k) outerScopes[k].refs->push_back(ref);
    ExprPtr out = ref;
    for (size_t i = r.consumed; i < e.name.parts.size(); ++i)
      out = extractField(out, e.name.parts[i].name,
                         SourceSpan::cover(e.name.parts[0].span, e.name.parts[i].span));
    return out;
  }
  return nullptr;
}

ExprPtr Binder::Impl::bindSubquery(const ast::Expr& e, const ExprContext& ctx) {
  std::vector<ExprPtr> values;
  if (e.kind == ast::ExprKind::In)
    for (const auto& a : e.args) values.push_back(bindExpr(*a, ctx));
  std::vector<ExprPtr> refs;
  outerScopes.push_back({ctx.scope, &refs});
  PlanPtr plan;
  try {
    plan = bindQuery(*e.query);
  } catch (...) {
    outerScopes.pop_back();
    throw;
  }
  outerScopes.pop_back();
  // What the binder applies to the statement's plan does not reach into subqueries.
  plan = resolveEvalMode(resolveTimeZones(plan, timeZone), ansiEnabled(catalog));
  // One argument per outer column.
  std::vector<ExprPtr> outer;
  std::unordered_set<ExprId> seen;
  for (const auto& r : refs)
    if (seen.insert(r->attr.id).second) outer.push_back(r);

  if (plan->isStreaming())
    fail("a subquery cannot read a stream (subqueries over static tables only)", e.span);
  const auto out = plan->output();
  SubqueryKind kind = SubqueryKind::Exists;
  if (e.kind == ast::ExprKind::ScalarSubquery) {
    kind = SubqueryKind::Scalar;
    if (out.size() != 1)
      fail(
          "[INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN] "
          "Invalid subquery: Scalar subquery must return only one column, but got " +
              std::to_string(out.size()) + ".",
          e.span);
  } else if (e.kind == ast::ExprKind::In) {
    kind = SubqueryKind::In;
    if (out.size() != values.size()) {
      std::vector<std::string> l, r;
      for (const auto& a : e.args) l.push_back(toSql(*a));
      for (const auto& a : out) r.push_back(a.name);
      fail("[DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH] Cannot resolve \"" + toSql(e) +
               "\" due to data type mismatch: The number of columns in the left hand side of an "
               "IN subquery does not match the number of columns in the output of subquery. "
               "Left hand side columns(length: " +
               std::to_string(l.size()) + "): " + columnNames(l) +
               ", right hand side columns(length: " + std::to_string(r.size()) +
               "): " + columnNames(r) + ".",
           e.span);
    }
    // Each pair compares as `=` would: the casts `=` inserts go on both sides (the
    // subquery's through a Project).
    std::vector<ExprPtr> list;
    bool cast = false;
    for (size_t i = 0; i < values.size(); ++i) {
      ExprPtr eq = op("=", {values[i], makeColumnRef(out[i])}, e.args[i]->span);
      values[i] = eq->args[0];
      if (eq->args[1]->kind == ExprKind::ColumnRef) {
        list.push_back(eq->args[1]);
      } else {
        list.push_back(makeAlias(eq->args[1], out[i].name));
        cast = true;
      }
    }
    if (cast) plan = std::make_shared<Project>(std::move(list), plan);
  }
  std::unordered_set<ExprId> outerIds;
  for (const auto& r : outer) outerIds.insert(r->attr.id);
  try {
    pullUpCorrelatedPredicates(plan, outerIds, kind == SubqueryKind::Scalar);
  } catch (const DecorrelationError& err) {
    fail(err.what(), err.span.known ? err.span : e.span);
  }
  ExprPtr sub = makeSubquery(kind, plan, values, outer, e.span);
  ExprPtr result = sub;
  if (e.kind == ast::ExprKind::In && e.negated) result = op("not", {result}, e.span);
  return result;
}

void Binder::Impl::checkSubqueryPlacement(const PlanPtr& plan) {
  // A Filter's `[NOT] EXISTS` / `[NOT] IN` conjuncts become semi / anti joins and scalar
  // subqueries in Project / Filter / Aggregate become joins below them; anywhere else a
  // subquery would need Spark's existence join or a join inside another operator.
  visitPlan(plan, [&](const PlanPtr& node) {
    std::vector<ExprPtr> allowed;
    if (const auto* f = as<Filter>(node))
      for (const auto& c : splitConjuncts(f->condition)) {
        const ExprPtr& x = c->kind == ExprKind::Call && c->fn->name == "not" ? c->args[0] : c;
        if (isSubquery(*x)) allowed.push_back(x);
      }
    const bool scalarOk = as<Filter>(node) || as<Project>(node) || as<Aggregate>(node);
    for (const auto& e : node->expressions())
      visit(e, [&](const ExprPtr& n) {
        if (!isSubquery(*n)) return true;
        checkSubqueryPlacement(subqueryPlan(*n));
        if (node->isStreaming())
          fail(
              "subqueries in expressions are supported in batch queries only (this one is in a "
              "streaming query; join the static table instead)",
              n->span);
        if (subqueryKind(*n) == SubqueryKind::Scalar) {
          if (!scalarOk)
            fail("a scalar subquery is supported in SELECT, WHERE, GROUP BY and HAVING; not in " +
                     node->nodeName(),
                 n->span);
          return true;
        }
        for (const auto& a : allowed)
          if (a == n) return true;
        fail(
            "IN / EXISTS subqueries are supported as conditions of WHERE and HAVING, alone or "
            "joined by AND (optionally under NOT); not inside other expressions or in " +
                node->nodeName(),
            n->span);
      });
  });
}

}  // namespace sluice
