#pragma once
// Internal state and helpers shared by the binder's translation units
// (bind_query.cpp, bind_relation.cpp, bind_select.cpp, bind_expr.cpp, literals.cpp).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "planner/binder/binder.h"
#include "planner/binder/scope.h"
#include "planner/functions/registry.h"
#include "planner/logical/all.h"

namespace sluice {

/// A window expression pulled out of a SELECT list (Spark's ExtractWindowExpressions): the
/// list refers to `named`'s column; bind_window.cpp builds the Window nodes.
struct BoundWindowExpr {
  ExprPtr named;  ///< `call AS name`
  WindowFunctionSpec spec;
  std::vector<ExprPtr> partitionBy, orderBy;
  std::vector<SortKey> order;
  SourceSpan span;
};

/// Where the window expressions of one SELECT are collected while its list is bound.
struct WindowCollector {
  std::vector<BoundWindowExpr> exprs;
  /// The SELECT's WINDOW clause.
  const std::vector<std::pair<ast::Ident, ast::WindowSpec>>* named = nullptr;
};

/// What an expression may contain where it is being bound.
struct ExprContext {
  const Scope* scope = nullptr;       ///< columns visible by name
  bool allowAggregates = false;       ///< SELECT / HAVING / ORDER BY of an aggregate query
  bool allowGenerators = false;       ///< top level of a SELECT item
  const char* clause = "expression";  ///< for messages: "WHERE clause", "GROUP BY", ...
  /// SELECT aliases usable where the scope has no such column (GROUP BY, HAVING, ORDER BY).
  const std::map<std::string, ExprPtr>* aliases = nullptr;
  /// HAVING: the SELECT list's names win over input columns (Spark resolves HAVING against
  /// the aggregate's output first).
  bool aliasesFirst = false;
  /// Parameters of the lambda functions around the expression, innermost last: they hide
  /// columns of the same name (Spark resolves lambda variables first).
  std::vector<Attribute> lambdaVars;
  /// Where window expressions (`f(...) OVER ...`) go; null where they are not allowed.
  WindowCollector* windows = nullptr;
};

/// The grouping sets of a GROUP BY with ROLLUP / CUBE / GROUPING SETS (`used` false for a
/// plain GROUP BY): each set lists indexes into the query's distinct grouping expressions.
struct GroupingSets {
  bool used = false;
  std::vector<std::vector<size_t>> sets;
};

struct Binder::Impl {
  Impl(const Catalog& catalog, SourceFilePtr file)
      : catalog(catalog), file(std::move(file)), timeZone(catalog.sessionTimeZone()) {}

  const Catalog& catalog;
  SourceFilePtr file;
  std::string timeZone;  ///< the session time zone (literals, resolveTimeZones)
  /// CTEs visible in the current query nest, innermost last.
  /// Each level lists one WITH clause's CTEs in definition order (lower-case names), so a
  /// CTE only ever sees the ones defined before it.
  using CteLevel = std::vector<std::pair<std::string, const ast::Cte*>>;
  std::vector<CteLevel> ctes;
  int depth = 0;  ///< view/CTE expansion depth (guards against recursive views)
  /// The scopes of the queries around the subquery being bound, innermost last, and where
  /// each subquery collects the outer columns it reads (bind_subquery.cpp).
  struct OuterScope {
    const Scope* scope = nullptr;
    std::vector<ExprPtr>* refs = nullptr;
  };
  std::vector<OuterScope> outerScopes;

  [[noreturn]] void fail(const std::string& msg, SourceSpan span) const {
    throw AnalysisError(msg, file, span);
  }

  // bind_query.cpp
  PlanPtr bindQuery(const ast::Query& q);
  PlanPtr bindBody(const ast::QueryBody& b);
  PlanPtr bindSetOp(const ast::QueryBody& b);
  PlanPtr bindOrderBy(const ast::Query& q, PlanPtr plan);

  // bind_select.cpp
  PlanPtr bindSelect(const ast::SelectCore& s);

  // bind_relation.cpp
  PlanPtr bindRelation(const ast::Relation& r);
  PlanPtr bindTableRef(const ast::Relation& r);
  PlanPtr bindTableFunction(const ast::Relation& r);
  PlanPtr bindRange(const ast::Relation& r);
  PlanPtr bindValues(const ast::Relation& r);
  PlanPtr bindJoin(const ast::Relation& r);
  PlanPtr bindLateralView(const ast::Relation& r);
  PlanPtr bindWatermark(const ast::Relation& r);
  PlanPtr bindView(const ViewEntry& v, const ast::Relation& r);
  PlanPtr applyAlias(PlanPtr plan, const ast::Relation& r);

  // bind_expr.cpp
  ExprPtr bindExpr(const ast::Expr& e, const ExprContext& ctx);
  ExprPtr bindColumn(const ast::Expr& e, const ExprContext& ctx);
  /// Expands `*`, `t.*` or `struct_col.*` into named expressions.
  std::vector<ExprPtr> expandStar(const ast::Expr& star, const Scope& scope);
  ExprPtr bindCall(const ast::Expr& e, const ExprContext& ctx);
  /// A call of higher-order function `fn` whose arguments include lambda functions.
  ExprPtr bindHigherOrderCall(const FunctionDef& fn, const ast::Expr& e, const ExprContext& ctx);
  /// Fails unless a call with `n` arguments fits the row's arity.
  void checkArity(const FunctionDef& fn, int n, const std::string& calledAs, SourceSpan span) const;
  /// Resolves a registry row against bound args: arity, type rule, implicit casts, nullability.
  ExprPtr resolveCall(const FunctionDef& fn, std::vector<ExprPtr> args, SourceSpan span,
                      const std::string& calledAs, bool distinct = false);
  ExprPtr op(const std::string& name, std::vector<ExprPtr> args, SourceSpan span);
  /// `agg(args) FILTER (WHERE ...)` of `fn` (bind_aggregate_filter.cpp).
  ExprPtr bindAggregateFilter(const FunctionDef& fn, std::vector<ExprPtr> args, const ast::Expr& e,
                              const ExprContext& inner, const std::string& name);
  ExprPtr castTo(ExprPtr e, const TypePtr& to);
  /// `base.field` on a struct (field access) or map (key lookup).
  ExprPtr extractField(ExprPtr base, const std::string& field, SourceSpan span);
  /// Binds a generator call and returns it with its output columns.
  ExprPtr bindGenerator(const ast::Expr& call, const ExprContext& ctx,
                        std::vector<StructField>& outputs);
  /// stack(n, ...) as inline(array(named_struct(...), ...)).
  ExprPtr bindStack(const ast::Expr& call, std::vector<ExprPtr> args,
                    std::vector<StructField>& outputs);

  // bind_subquery.cpp
  /// `(SELECT ...)`, `EXISTS (SELECT ...)`, `x [NOT] IN (SELECT ...)`.
  ExprPtr bindSubquery(const ast::Expr& e, const ExprContext& ctx);
  /// A name no local column has, resolved in the queries around a subquery (an outer
  /// reference), or null.
  ExprPtr resolveOuterColumn(const ast::Expr& e);
  /// Refuses subqueries where the rewrite into joins cannot take them (IN / EXISTS outside
  /// a filter's conjuncts, any subquery in a join condition, ORDER BY, ...).
  void checkSubqueryPlacement(const PlanPtr& plan);

  // bind_window.cpp
  /// `f(args) OVER spec`: binds it into ctx.windows and returns a reference to its column.
  ExprPtr bindWindowCall(const ast::Expr& e, const ExprContext& ctx);
  /// `plan` under one Window node per distinct (PARTITION BY, ORDER BY) of `windows`.
  PlanPtr addWindows(PlanPtr plan, const WindowCollector& windows);
  /// The plan of an aggregate query with window expressions: Aggregate (its list `aggs`
  /// filled by `lift`, which maps an expression over the input onto the Aggregate's output),
  /// HAVING's Filter, the Window nodes, then the SELECT list. `sessionWindow`: the grouping
  /// column whose sessions the Aggregate merges (Aggregate::sessionWindow), if any.
  PlanPtr aggregateWithWindows(const ast::SelectCore& s, const std::vector<ExprPtr>& groupings,
                               const std::vector<ExprPtr>& list, const ExprPtr& having,
                               WindowCollector windows,
                               const std::function<ExprPtr(const ExprPtr&)>& lift,
                               std::vector<ExprPtr>& aggs, const PlanPtr& input,
                               std::optional<ExprId> sessionWindow);

  // bind_distinct_within_watermark.cpp
  /// SELECT DISTINCT WITHIN WATERMARK `list` FROM `input`: Spark's
  /// dropDuplicatesWithinWatermark keyed on the select list (a plain DISTINCT in batch).
  PlanPtr distinctWithinWatermark(std::vector<ExprPtr> list, const PlanPtr& input, SourceSpan span);
  // bind_grouping_sets.cpp
  /// The query's grouping sets; `groupings` (one per GROUP BY expression written) becomes
  /// the distinct expressions the sets index.
  GroupingSets groupingSetsOf(const ast::SelectCore& s, std::vector<ExprPtr>& groupings);
  /// The aggregate query `plan` with its Aggregate planned as Expand + Aggregate over the
  /// sets, grouping() / grouping_id() resolved (refused without grouping sets).
  PlanPtr expandGroupingSets(const ast::SelectCore& s, const GroupingSets& sets,
                             const PlanPtr& plan);

  // literals.cpp
  ExprPtr bindLiteral(const ast::Expr& e);
  ExprPtr bindIntervalLiteral(const ast::Expr& e);
  Interval parseInterval(const ast::Expr& e);
  /// Parses a duration string like '10 minutes' or '1 hour 30 minutes' (for window()).
  Interval parseIntervalText(const std::string& text, SourceSpan span);
  /// The text of a constant option value (string, number or boolean literal expression).
  std::string constantString(const ast::Expr& e);
  /// Evaluates a constant integer expression (LIMIT, ordinals).
  int64_t constantInt(const ExprPtr& e, SourceSpan span, const char* what);
};

/// explode_outer, posexplode_outer, inline_outer: keep a row when the generator yields none.
inline bool isOuterGenerator(const FunctionDef& fn) {
  const std::string& n = fn.name;
  return n.size() > 6 && n.compare(n.size() - 6, 6, "_outer") == 0;
}

/// Name of an unaliased SELECT item as Spark prints it (column name, field name, or the
/// expression text).
std::string autoName(const ast::Expr& e, const ExprPtr& bound);

}  // namespace sluice
