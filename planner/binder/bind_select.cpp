// SELECT blocks: FROM, WHERE, star expansion, generators in the select list, GROUP BY /
// aggregates / HAVING (with Spark's window() grouping column), DISTINCT.
#include <functional>
#include <string>
#include <unordered_set>

#include "frontend/text.h"
#include "planner/binder/binder_impl.h"
#include "planner/functions/window_spec.h"

namespace sluice {
namespace {

bool isAggregateCall(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::Call) return false;
  const FunctionDef* fn = FunctionRegistry::builtins().find(e.name.toString());
  return fn && fn->kind == FunctionKind::Aggregate;
}

bool containsAggregate(const ast::Expr& e) {
  // An aggregate with OVER is a window function; aggregates in its arguments or window
  // specification still make the query an aggregate query (sum(count(*)) OVER (...)).
  if (isAggregateCall(e) && !e.over) return true;
  if (e.over) {
    for (const auto& p : e.over->partitionBy)
      if (containsAggregate(*p)) return true;
    for (const auto& o : e.over->orderBy)
      if (containsAggregate(*o.expr)) return true;
  }
  for (const auto& a : e.args)
    if (a && containsAggregate(*a)) return true;
  for (const auto& w : e.whens)
    if (containsAggregate(*w.when) || containsAggregate(*w.then)) return true;
  return e.elseExpr && containsAggregate(*e.elseExpr);
}

bool isGeneratorCall(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::Call) return false;
  const FunctionDef* fn = FunctionRegistry::builtins().find(e.name.toString());
  return fn && fn->kind == FunctionKind::Generator;
}

// window(...) or session_window(...): grouping columns computed below the aggregate.
bool isWindowCall(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::Call || e.name.parts.size() != 1) return false;
  const std::string n = asciiLower(e.name.parts[0].name);
  return n == "window" || n == "session_window";
}

// Aggregates whose runtime state can merge two sessions' states (AggregateTable::
// setSessionKey refuses the others when the query starts; refusing them here keeps
// `sluice check` and `sluice run` in agreement).
bool sessionMergeable(const Expr& call) {
  static const std::unordered_set<std::string> kMergeable = {
      "count",      "sum",          "avg",         "mean",        "min",
      "max",        "first",        "first_value", "any_value",   "last",
      "last_value", "collect_list", "array_agg",   "collect_set", "bool_and",
      "every",      "bool_or",      "some",        "any",         "count_if"};
  return !call.distinct && kMergeable.count(call.fn->name) > 0;
}

bool refersToAny(const ExprPtr& e, const std::unordered_set<ExprId>& ids) {
  for (ExprId id : references(e))
    if (ids.count(id)) return true;
  return false;
}

// A select item after star expansion: either syntax to bind or an already bound column.
struct Item {
  const ast::SelectItem* syntax = nullptr;
  ExprPtr bound;  // set for star-expanded columns
};

}  // namespace

PlanPtr Binder::Impl::bindSelect(const ast::SelectCore& s) {
  // session_window() is only a grouping expression: its value is the merged session, which
  // only the aggregate knows.
  auto refuseSessionWindow = [&](const ExprPtr& e) {
    transformDown(e, [&](const ExprPtr& n) -> ExprPtr {
      if (n->kind == ExprKind::Call && n->fn && n->fn->name == "session_window")
        fail(
            "session_window is supported as a GROUP BY expression only (its value is the "
            "merged session: select it through the column session_window, e.g. "
            "session_window.start)",
            n->span);
      return n;
    });
  };
  PlanPtr plan;
  if (s.from) {
    plan = bindRelation(*s.from);
  } else {
    auto one = std::make_shared<Scan>(SourceKind::Values, "", "values",
                                      std::map<std::string, std::string>{},
                                      std::vector<Attribute>{}, false);
    one->rows.push_back({});
    plan = one;
  }
  if (s.where) {
    Scope scope(plan->output());
    ExprContext ctx{&scope, false, false, "the WHERE clause"};
    ExprPtr cond = bindExpr(*s.where, ctx);
    if (cond->type->id() == TypeId::Null) cond = castTo(cond, DataType::boolean());
    refuseSessionWindow(cond);
    if (cond->type->id() != TypeId::Boolean)
      fail("WHERE condition must be boolean, got " + cond->type->toString(), s.where->span);
    auto f = std::make_shared<Filter>(cond, plan);
    f->span = s.where->span;
    plan = f;
  }

  // Star expansion happens against the FROM scope.
  Scope fromScope(plan->output());
  std::vector<Item> items;
  for (const auto& it : s.items) {
    const ast::Expr& e = *it.expr;
    if (e.kind != ast::ExprKind::Star) {
      items.push_back({&it, nullptr});
      continue;
    }
    if (it.alias) fail("'*' cannot have an alias", it.alias->span);
    for (auto& x : expandStar(e, fromScope)) items.push_back({nullptr, x});
  }

  bool aggregate = !s.groupBy.empty() || !s.groupingItems.empty() || s.groupByAll || s.having;
  for (const auto& it : items)
    if (it.syntax && containsAggregate(*it.syntax->expr)) aggregate = true;

  // A generator at the top of a select item becomes a Generate below the projection; its
  // columns take the item's place in the select list. Spark allows one per SELECT.
  for (size_t gi = 0; gi < items.size(); ++gi) {
    if (!items[gi].syntax || !isGeneratorCall(*items[gi].syntax->expr)) continue;
    const auto& si = *items[gi].syntax;
    if (aggregate)
      fail(
          "generators cannot be combined with aggregation in one SELECT; move the generator "
          "into a subquery",
          si.expr->span);
    Scope scope(plan->output());
    ExprContext ctx{&scope, false, true, "the SELECT list"};
    std::vector<StructField> outs;
    ExprPtr gen = bindGenerator(*si.expr, ctx, outs);
    std::vector<std::string> names;
    for (const auto& o : outs) names.push_back(o.name);
    if (!si.aliases.empty()) {
      if (si.aliases.size() != outs.size())
        fail(gen->fn->name + " produces " + std::to_string(outs.size()) + " columns but " +
                 std::to_string(si.aliases.size()) + " aliases were given",
             si.span);
      for (size_t i = 0; i < names.size(); ++i) names[i] = si.aliases[i].name;
    } else if (si.alias) {
      if (outs.size() != 1)
        fail(gen->fn->name + " produces " + std::to_string(outs.size()) +
                 " columns; name them with AS (a, b, ...)",
             si.alias->span);
      names[0] = si.alias->name;
    }
    std::vector<Attribute> attrs;
    for (size_t i = 0; i < outs.size(); ++i)
      attrs.push_back(Attribute{newExprId(), names[i], outs[i].type, true, ""});
    auto g = std::make_shared<Generate>(gen, isOuterGenerator(*gen->fn), attrs, plan);
    g->span = si.span;
    plan = g;
    std::vector<Item> replaced(items.begin(), items.begin() + static_cast<long>(gi));
    for (const auto& a : attrs) replaced.push_back({nullptr, makeColumnRef(a)});
    replaced.insert(replaced.end(), items.begin() + static_cast<long>(gi) + 1, items.end());
    items = std::move(replaced);
    break;
  }
  for (const auto& it : items)
    if (it.syntax && isGeneratorCall(*it.syntax->expr))
      fail("only one generator is allowed per SELECT", it.syntax->expr->span);

  // window(...) in GROUP BY becomes a column named `window` computed below the aggregate, as
  // Spark's TimeWindowing does, so the SELECT list can refer to it by name: rows with a NULL
  // time are dropped, a tumbling window is a projected column, and a sliding window (slide
  // shorter than the window) is a Generate that yields one row per window containing the
  // time (Spark's Expand + Filter).
  std::vector<ExprPtr> windowExprs;
  std::optional<ExprId> sessionWindow;
  if (aggregate) {
    Scope scope(plan->output());
    ExprContext ctx{&scope, false, false, "GROUP BY"};
    ExprPtr window;
    SourceSpan windowSpan;
    for (const auto& g : s.groupBy) {
      if (!isWindowCall(*g)) continue;
      ExprPtr w = bindExpr(*g, ctx);
      if (window && !semanticEquals(window, w))
        fail(
            "Multiple time/session window expressions would result in a cartesian product of "
            "rows, therefore they are currently not supported.",
            g->span);
      window = w;
      windowSpan = g->span;
    }
    if (window && window->fn->name == "session_window") {
      // Spark's SessionWindowing: each row's own session [ts, ts + gap) as a column named
      // `session_window` (NULL, and so dropped, without a time or a positive gap); the
      // aggregate merges overlapping sessions of a group (Aggregate::sessionWindow).
      auto alias = makeAlias(window, "session_window", 0, windowSpan);
      windowExprs.push_back(alias);
      std::vector<ExprPtr> pre;
      for (const auto& a : plan->output()) pre.push_back(makeColumnRef(a));
      pre.push_back(alias);
      plan = std::make_shared<Project>(std::move(pre), plan);
      plan = std::make_shared<Filter>(
          op("isnotnull", {makeColumnRef(alias->attr, windowSpan)}, windowSpan), plan);
      sessionWindow = alias->attr.id;
    } else if (window) {
      auto alias = makeAlias(window, "window", 0, windowSpan);
      windowExprs.push_back(alias);
      plan = std::make_shared<Filter>(op("isnotnull", {window->args[0]}, windowSpan), plan);
      const WindowSpec spec = windowSpecOf(*window);
      if (spec.slideMicros == spec.windowMicros) {
        std::vector<ExprPtr> pre;
        for (const auto& a : plan->output()) pre.push_back(makeColumnRef(a));
        pre.push_back(alias);
        plan = std::make_shared<Project>(std::move(pre), plan);
      } else {
        Attribute out = alias->attr;
        out.nullable = false;
        auto g = std::make_shared<Generate>(window, false, std::vector<Attribute>{out}, plan);
        g->span = windowSpan;
        plan = g;
      }
    }
  }

  Scope scope(plan->output());
  // Replaces a repeated window(...) expression by the pre-computed column.
  auto useWindowColumn = [&](ExprPtr e) {
    if (windowExprs.empty()) return e;
    return transformDown(e, [&](const ExprPtr& n) -> ExprPtr {
      for (const auto& w : windowExprs)
        if (semanticEquals(n, w->args[0])) return makeColumnRef(w->attr, n->span);
      return n;
    });
  };

  // A sliding window() left in an expression (not the GROUP BY window column) would need
  // several output rows per input row.
  auto refuseSlidingWindow = [&](const ExprPtr& e) {
    transformDown(e, [&](const ExprPtr& n) -> ExprPtr {
      if (n->kind == ExprKind::Call && n->fn && n->fn->name == "window") {
        const WindowSpec spec = windowSpecOf(*n);
        if (spec.slideMicros != spec.windowMicros)
          fail(
              "a sliding window (slide shorter than the window) yields several windows per "
              "row; it is supported as a GROUP BY expression only",
              n->span);
      }
      return n;
    });
  };

  // Bind select items; window expressions go to `windows` (Window nodes built below).
  WindowCollector windows;
  windows.named = &s.windows;
  std::vector<ExprPtr> list;
  std::map<std::string, ExprPtr> aliases;
  for (const auto& it : items) {
    if (it.bound) {
      // Star-expanded columns keep their names; `value.*` fields become aliases.
      list.push_back(it.bound);
      continue;
    }
    const auto& si = *it.syntax;
    if (!si.aliases.empty())
      fail("AS (a, b, ...) names the columns of a generator; '" + autoName(*si.expr, makeNull()) +
               "' is not one",
           si.span);
    ExprContext ctx{&scope, aggregate, false, "the SELECT list"};
    ctx.windows = &windows;
    ExprPtr e = useWindowColumn(bindExpr(*si.expr, ctx));
    refuseSlidingWindow(e);
    refuseSessionWindow(e);
    std::string name = si.alias ? si.alias->name : autoName(*si.expr, e);
    if (!si.alias && e->kind == ExprKind::ColumnRef) {
      list.push_back(e);
    } else {
      list.push_back(makeAlias(e, name, 0, si.span));
    }
    aliases[asciiLower(name)] = stripAlias(list.back());
  }

  // Columns of window expressions: only the final projection may use them.
  std::unordered_set<ExprId> windowIds;
  for (const auto& w : windows.exprs) windowIds.insert(w.named->outputAttr().id);
  auto refuseWindowRef = [&](const ExprPtr& e, SourceSpan span, const char* clause) {
    for (ExprId id : references(e))
      if (windowIds.count(id))
        fail(std::string("It is not allowed to use window functions inside ") + clause, span);
  };

  if (!aggregate) {
    if (!windows.exprs.empty()) plan = addWindows(plan, windows);
    if (s.withinWatermark) return distinctWithinWatermark(std::move(list), plan, s.span);
    auto p = std::make_shared<Project>(std::move(list), plan);
    p->span = s.span;
    PlanPtr out = p;
    if (s.distinct) out = std::make_shared<Distinct>(out);
    return out;
  }
  if (s.withinWatermark)
    fail(
        "SELECT DISTINCT WITHIN WATERMARK deduplicates input rows; it cannot be combined with "
        "GROUP BY or aggregates (use SELECT DISTINCT)",
        s.span);

  // GROUP BY: ordinals, select aliases, or expressions over the input.
  std::vector<ExprPtr> groupings;
  if (s.groupByAll) {
    for (const auto& e : list)
      if (!stripAlias(e)->containsAggregate() && !refersToAny(stripAlias(e), windowIds))
        groupings.push_back(stripAlias(e));
  }
  for (const auto& g : s.groupBy) {
    // Only a plain int literal is an ordinal (GROUP BY 1L groups by a constant, as in Spark).
    if (g->kind == ast::ExprKind::Literal && g->literalKind == ast::LiteralKind::Integer &&
        g->suffix.empty()) {
      const long idx = std::strtol(g->text.c_str(), nullptr, 10);
      if (idx < 1 || idx > static_cast<long>(list.size()))
        fail("GROUP BY position " + g->text + " is not in the select list (1.." +
                 std::to_string(list.size()) + ")",
             g->span);
      ExprPtr e = stripAlias(list[static_cast<size_t>(idx - 1)]);
      if (e->containsAggregate())
        fail("GROUP BY position " + g->text + " refers to an aggregate", g->span);
      groupings.push_back(e);
      continue;
    }
    ExprContext ctx{&scope, false, false, "GROUP BY"};
    ctx.aliases = &aliases;
    ExprPtr e = useWindowColumn(bindExpr(*g, ctx));
    refuseWindowRef(e, g->span, "GROUP BY clause");
    if (e->containsAggregate()) fail("aggregate functions are not allowed in GROUP BY", g->span);
    if (!e->type->isOrderable() && e->type->id() != TypeId::Map)
      fail("cannot group by a value of type " + e->type->toString(), g->span);
    if (e->type->id() == TypeId::Map)
      fail("cannot group by a map (" + e->type->toString() + ")", g->span);
    groupings.push_back(e);
  }

  const GroupingSets sets = groupingSetsOf(s, groupings);

  // Every column outside an aggregate must be (part of) a grouping expression.
  std::function<void(const ExprPtr&)> check = [&](const ExprPtr& e) {
    for (const auto& g : groupings)
      if (semanticEquals(e, g)) return;
    if (e->kind == ExprKind::ColumnRef && windowIds.count(e->attr.id)) return;
    if (e->kind == ExprKind::Call && e->fn->kind == FunctionKind::Aggregate) return;
    if (e->kind == ExprKind::ColumnRef)
      fail("column '" + e->attr.name +
               "' is neither in GROUP BY nor inside an aggregate "
               "function; add it to GROUP BY or wrap it in first()",
           e->span);
    for (const auto& a : e->args) check(a);
  };
  for (const auto& e : list) check(stripAlias(e));
  for (const auto& w : windows.exprs) {
    for (const auto& a : stripAlias(w.named)->args) check(a);
    for (const auto& k : w.partitionBy) check(k);
    for (const auto& k : w.orderBy) check(k);
  }

  const size_t visible = list.size();
  // With window expressions the Aggregate computes only what the list and the windows need
  // (filled by lift); the Window nodes and the projection go on top of it.
  std::vector<ExprPtr> aggs = windows.exprs.empty() ? list : std::vector<ExprPtr>{};
  // Lifts an expression over the input into one over the aggregate's output, adding hidden
  // aggregate columns for HAVING / ORDER BY terms that the SELECT list lacks.
  std::function<ExprPtr(const ExprPtr&)> lift = [&](const ExprPtr& e) -> ExprPtr {
    if (e->kind == ExprKind::ColumnRef && windowIds.count(e->attr.id)) return e;
    for (const auto& a : aggs)
      if (semanticEquals(e, stripAlias(a))) return makeColumnRef(a->outputAttr(), e->span);
    const bool isAgg = e->kind == ExprKind::Call && e->fn->kind == FunctionKind::Aggregate;
    bool isGroup = false;
    for (const auto& g : groupings) isGroup = isGroup || semanticEquals(e, g);
    if (isAgg || isGroup) {
      // A grouping column passes through under its own name and id.
      aggs.push_back(e->kind == ExprKind::ColumnRef ? e : makeAlias(e, e->toString()));
      return makeColumnRef(aggs.back()->outputAttr(), e->span);
    }
    if (e->kind == ExprKind::ColumnRef)
      fail("column '" + e->attr.name + "' in HAVING is neither grouped nor aggregated", e->span);
    std::vector<ExprPtr> args;
    for (const auto& a : e->args) args.push_back(lift(a));
    return e->withArgs(std::move(args));
  };

  ExprPtr having;
  if (s.having) {
    ExprContext ctx{&scope, true, false, "HAVING"};
    ctx.aliases = &aliases;
    ctx.aliasesFirst = true;
    ExprPtr h = useWindowColumn(bindExpr(*s.having, ctx));
    refuseSessionWindow(h);
    refuseWindowRef(h, s.having->span, "HAVING clause");
    if (h->type->id() != TypeId::Boolean)
      fail("HAVING condition must be boolean, got " + h->type->toString(), s.having->span);
    having = lift(h);
  }
  if (sessionWindow)
    for (const auto& a : aggs)
      transformDown(a, [&](const ExprPtr& n) -> ExprPtr {
        if (n->kind == ExprKind::Call && n->fn && n->fn->kind == FunctionKind::Aggregate &&
            !sessionMergeable(*n))
          fail("aggregate function " + n->toString() +
                   " cannot be used with session_window: merging two sessions needs to combine "
                   "its state, which sluice supports for count, sum, avg, min, max, first, last, "
                   "collect_list, collect_set, count_if, bool_and and bool_or (without DISTINCT)",
               n->span);
        return n;
      });
  if (!windows.exprs.empty())
    return expandGroupingSets(
        s, sets,
        aggregateWithWindows(s, groupings, list, having, windows, lift, aggs, plan, sessionWindow));
  auto agg = std::make_shared<Aggregate>(groupings, aggs, plan);
  agg->span = s.span;
  agg->sessionWindow = sessionWindow;
  PlanPtr out = agg;
  if (having) out = std::make_shared<Filter>(having, out);
  if (aggs.size() > visible) {
    std::vector<ExprPtr> keep;
    for (size_t i = 0; i < visible; ++i) keep.push_back(makeColumnRef(aggs[i]->outputAttr()));
    out = std::make_shared<Project>(std::move(keep), out);
  }
  if (s.distinct) out = std::make_shared<Distinct>(out);
  return expandGroupingSets(s, sets, out);
}

}  // namespace sluice
