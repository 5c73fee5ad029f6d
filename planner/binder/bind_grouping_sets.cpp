// GROUP BY GROUPING SETS / ROLLUP / CUBE as Spark's ResolveGroupingAnalytics plans them:
//   Aggregate [g1, g2], [...] over child
//   => Aggregate [g1', g2', spark_grouping_id], [...] over
//        Expand [[child..., g1, g2, 0], [child..., g1, NULL, 1], ...] over child
// Each input row is repeated once per grouping set, with the grouping columns outside the set
// NULL and the set's grouping id (one bit per grouping expression, the first in the highest
// bit, 1 = aggregated away), so the one Aggregate computes every set and a rolled-up NULL
// (its id differs) never merges with a data NULL. Aggregate arguments read the child's columns,
// which Expand carries unchanged; grouping() and grouping_id() become bits of the id.
#include <algorithm>

#include "frontend/text.h"
#include "planner/binder/binder_impl.h"

namespace sluice {
namespace {

bool isCall(const ExprPtr& e, const char* name) {
  return e->kind == ExprKind::Call && e->fn && e->fn->name == name;
}

bool isAggregateCall(const ExprPtr& e) {
  return e->kind == ExprKind::Call && e->fn && e->fn->kind == FunctionKind::Aggregate;
}

// The topmost Aggregate under the SELECT's own operators (Filter, Project, Window, Distinct).
PlanPtr mapAggregate(const PlanPtr& p, const std::function<PlanPtr(const Aggregate&)>& fn) {
  if (auto* a = as<Aggregate>(p)) return fn(*a);
  switch (p->kind()) {
    case PlanKind::Filter:
    case PlanKind::Project:
    case PlanKind::Window:
    case PlanKind::Distinct:
      return p->withNewChildren({mapAggregate(p->child(), fn)});
    default:
      return p;
  }
}

std::string names(const std::vector<ExprPtr>& exprs) {
  std::string s;
  for (const auto& e : exprs) s += (s.empty() ? "" : ",") + e->toString();
  return s;
}

}  // namespace

GroupingSets Binder::Impl::groupingSetsOf(const ast::SelectCore& s,
                                          std::vector<ExprPtr>& groupings) {
  GroupingSets out;
  if (s.groupingItems.empty()) return out;
  out.used = true;
  // Distinct grouping expressions, in order of first appearance.
  std::vector<ExprPtr> distinct;
  std::vector<size_t> slot;  // groupBy index -> index in `distinct`
  for (const auto& g : groupings) {
    size_t k = 0;
    while (k < distinct.size() && !semanticEquals(distinct[k], g)) ++k;
    if (k == distinct.size()) distinct.push_back(g);
    slot.push_back(k);
  }
  if (distinct.size() > 63)
    fail("[GROUPING_SIZE_LIMIT_EXCEEDED] Grouping sets size cannot be greater than 64",
         s.groupBy[63]->span);
  // The query's sets: the cross product of each item's sets.
  std::vector<std::vector<size_t>> sets = {{}};
  for (const auto& item : s.groupingItems) {
    std::vector<std::vector<size_t>> next;
    for (const auto& prefix : sets)
      for (const auto& set : item) {
        std::vector<size_t> joined = prefix;
        for (size_t i : set) joined.push_back(slot.at(i));
        next.push_back(std::move(joined));
      }
    sets = std::move(next);
  }
  if (sets.size() > 4096)
    fail("[TOO_MANY_GROUPING_SETS] GROUP BY expands into " + std::to_string(sets.size()) +
             " grouping sets; sluice plans at most 4096",
         s.span);
  out.sets = std::move(sets);
  groupings = std::move(distinct);
  return out;
}

PlanPtr Binder::Impl::expandGroupingSets(const ast::SelectCore& s, const GroupingSets& sets,
                                         const PlanPtr& plan) {
  return mapAggregate(plan, [&](const Aggregate& a) -> PlanPtr {
    if (!sets.used) {
      // grouping() / grouping_id() need grouping sets (Spark's message).
      for (const auto& e : a.aggregates)
        visit(e, [&](const ExprPtr& x) {
          if (isCall(x, "grouping") || isCall(x, "grouping_id"))
            fail(
                "[UNSUPPORTED_GROUPING_EXPRESSION] grouping()/grouping_id() can only be used "
                "with GroupingSets/Cube/Rollup",
                x->span);
          return true;
        });
      return std::make_shared<Aggregate>(a);
    }
    if (a.sessionWindow)
      fail("session_window cannot be grouped with GROUPING SETS, ROLLUP or CUBE", s.span);
    const std::vector<ExprPtr>& g = a.groupings;
    const size_t n = g.size();
    // Expand's output: the child's columns, one nullable column per grouping expression,
    // spark_grouping_id.
    std::vector<Attribute> out = a.child()->output();
    const size_t carried = out.size();
    for (const auto& e : g) {
      Attribute attr;
      attr.id = newExprId();
      attr.name = e->kind == ExprKind::ColumnRef ? e->attr.name : e->toString();
      attr.type = e->type;
      out.push_back(attr);
    }
    Attribute gid;
    gid.id = newExprId();
    gid.name = "spark_grouping_id";
    gid.type = DataType::bigint();
    gid.nullable = false;
    out.push_back(gid);
    // A set written twice yields its rows twice (Spark 3.2+): the projection's position is
    // then grouped too, so the copies stay apart.
    bool repeated = false;
    for (size_t i = 0; i < sets.sets.size(); ++i)
      for (size_t j = 0; j < i; ++j) {
        auto x = sets.sets[i], y = sets.sets[j];
        std::sort(x.begin(), x.end());
        std::sort(y.begin(), y.end());
        x.erase(std::unique(x.begin(), x.end()), x.end());
        y.erase(std::unique(y.begin(), y.end()), y.end());
        repeated = repeated || x == y;
      }
    Attribute pos{newExprId(), "_gen_grouping_pos", DataType::integer(), false, ""};
    if (repeated) out.push_back(pos);
    std::vector<std::vector<ExprPtr>> projections;
    for (const auto& set : sets.sets) {
      std::vector<ExprPtr> row;
      for (size_t i = 0; i < carried; ++i) row.push_back(makeColumnRef(out[i]));
      int64_t id = (int64_t{1} << n) - 1;
      for (size_t i = 0; i < n; ++i) {
        bool in = false;
        for (size_t k : set) in = in || k == i;
        row.push_back(in ? g[i] : makeLiteral(Value(), g[i]->type));
        if (in) id &= ~(int64_t{1} << (n - 1 - i));
      }
      row.push_back(makeLiteral(Value::integer(id), DataType::bigint()));
      if (repeated)
        row.push_back(makeLiteral(Value::integer(static_cast<int64_t>(projections.size())),
                                  DataType::integer()));
      projections.push_back(std::move(row));
    }
    ExprPtr gidRef = makeColumnRef(gid);
    // Bit i of the grouping id, as grouping() returns it (tinyint).
    auto bit = [&](size_t i, SourceSpan span) {
      ExprPtr mask = makeLiteral(Value::integer(int64_t{1} << (n - 1 - i)), DataType::bigint());
      ExprPtr set = op(
          ">", {op("&", {gidRef, mask}, span), makeLiteral(Value::integer(0), DataType::bigint())},
          span);
      return castTo(set, DataType::byte());
    };
    auto indexOf = [&](const ExprPtr& e) {
      for (size_t i = 0; i < n; ++i)
        if (semanticEquals(e, g[i])) return static_cast<long>(i);
      return -1L;
    };
    // Grouping expressions outside aggregate arguments read Expand's (nullable) columns.
    std::function<ExprPtr(const ExprPtr&)> rewrite = [&](const ExprPtr& e) -> ExprPtr {
      if (isCall(e, "grouping")) {
        const long i = indexOf(e->args.at(0));
        if (i < 0)
          fail("[GROUPING_COLUMN_MISMATCH] Column of grouping (" + e->args[0]->toString() +
                   ") can't be found in grouping columns " + names(g),
               e->span);
        return bit(static_cast<size_t>(i), e->span);
      }
      if (isCall(e, "grouping_id")) {
        bool same = e->args.empty() || e->args.size() == n;
        for (size_t i = 0; same && i < e->args.size(); ++i) same = semanticEquals(e->args[i], g[i]);
        if (!same)
          fail("[GROUPING_ID_COLUMN_MISMATCH] Columns of grouping_id (" + names(e->args) +
                   ") does not match grouping columns (" + names(g) + ")",
               e->span);
        return gidRef;
      }
      if (isAggregateCall(e)) return e;
      if (const long i = indexOf(e); i >= 0)
        return makeColumnRef(out[carried + static_cast<size_t>(i)], e->span);
      if (e->args.empty()) return e;
      std::vector<ExprPtr> args;
      for (const auto& x : e->args) args.push_back(rewrite(x));
      return e->withArgs(std::move(args));
    };
    std::vector<ExprPtr> aggs;
    for (const auto& e : a.aggregates) {
      // Outputs keep their ids: the operators above refer to them.
      const Attribute o = e->outputAttr();
      ExprPtr body = rewrite(stripAlias(e));
      aggs.push_back(body == e ? e : makeAlias(body, o.name, o.id, e->span));
    }
    std::vector<ExprPtr> groupings;
    for (size_t i = 0; i < n; ++i) groupings.push_back(makeColumnRef(out[carried + i]));
    groupings.push_back(gidRef);
    if (repeated) groupings.push_back(makeColumnRef(pos));
    auto expand = std::make_shared<Expand>(std::move(projections), out, a.child());
    expand->span = s.span;
    auto agg = std::make_shared<Aggregate>(std::move(groupings), std::move(aggs), expand);
    agg->span = a.span;
    return agg;
  });
}

}  // namespace sluice
