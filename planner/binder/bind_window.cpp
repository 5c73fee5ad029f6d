// Window expressions: `f(args) [IGNORE NULLS] OVER (PARTITION BY ... ORDER BY ... frame)` and
// `OVER w` with a WINDOW clause. Each is bound into the SELECT's WindowCollector and replaced
// by a reference to its column (Spark's ExtractWindowExpressions); addWindows() then stacks
// one Window node per distinct (PARTITION BY, ORDER BY) under the SELECT's projection.
// Frames follow Spark's defaults and checks (ResolveWindowFrame, SpecifiedWindowFrame).
#include <cmath>

#include "frontend/ast_printer.h"
#include "frontend/text.h"
#include "planner/binder/binder_impl.h"
#include "planner/functions/evaluate.h"

namespace sluice {
namespace {

// Spark's RankLike functions and cume_dist: their frame is fixed and they need ORDER BY.
bool isRankLike(const std::string& n) {
  return n == "row_number" || n == "rank" || n == "dense_rank" || n == "percent_rank" ||
         n == "ntile" || n == "cume_dist";
}
bool isOffsetFunction(const std::string& n) {
  return n == "lag" || n == "lead";
}
bool isFirstLast(const std::string& n) {
  return n == "first" || n == "first_value" || n == "last" || n == "last_value" || n == "any_value";
}

FrameEdge edgeOf(FrameBoundary kind, int64_t rows = 0) {
  FrameEdge e;
  e.kind = kind;
  if (kind == FrameBoundary::Preceding || kind == FrameBoundary::Following) {
    e.offset = Value::integer(rows);
    e.offsetType = DataType::bigint();
  }
  return e;
}

WindowFrame frameOf(FrameType type, FrameEdge lower, FrameEdge upper) {
  WindowFrame f;
  f.type = type;
  f.lower = std::move(lower);
  f.upper = std::move(upper);
  return f;
}

FrameBoundary boundaryOf(ast::FrameBoundKind k) {
  switch (k) {
    case ast::FrameBoundKind::UnboundedPreceding:
      return FrameBoundary::UnboundedPreceding;
    case ast::FrameBoundKind::Preceding:
      return FrameBoundary::Preceding;
    case ast::FrameBoundKind::CurrentRow:
      return FrameBoundary::CurrentRow;
    case ast::FrameBoundKind::Following:
      return FrameBoundary::Following;
    case ast::FrameBoundKind::UnboundedFollowing:
      return FrameBoundary::UnboundedFollowing;
  }
  return FrameBoundary::CurrentRow;
}

// Can a RANGE offset of type `offset` move an ORDER BY value of type `order` (Spark's
// SpecifiedWindowFrame.isValidFrameType, after WindowFrameCoercion)?
bool validRangeOffset(const DataType& order, const DataType& offset) {
  if (order.isNumeric()) return offset.isNumeric();
  if (order.id() == TypeId::Date)
    return offset.isIntegral() || offset.id() == TypeId::YearMonthInterval;
  if (order.id() == TypeId::Timestamp)
    return offset.isAnsiInterval() || offset.id() == TypeId::Interval;
  return false;
}

// Offsets in months move a date or timestamp by a varying distance: not supported yet.
bool hasMonths(const Value& v, const DataType& t) {
  if (t.id() == TypeId::YearMonthInterval) return true;
  return t.id() == TypeId::Interval && v.asInterval().months != 0;
}

}  // namespace

ExprPtr Binder::Impl::bindWindowCall(const ast::Expr& e, const ExprContext& ctx) {
  const std::string name = asciiLower(e.name.toString());
  if (!ctx.windows)
    fail("window function " + name + "() is not allowed in " + std::string(ctx.clause) +
             " (Spark: It is not allowed to use window functions there); compute it in a "
             "subquery",
         e.span);
  // OVER w: the WINDOW clause's specification (which may name another one).
  const ast::WindowSpec* spec = e.over.get();
  for (int hops = 0; spec->name; ++hops) {
    const ast::WindowSpec* found = nullptr;
    if (ctx.windows->named)
      for (const auto& [n, w] : *ctx.windows->named)
        if (equalsIgnoreCase(n.name, spec->name->name)) found = &w;
    if (!found || hops > 64)
      fail("Window specification " + spec->name->name + " is not defined in the WINDOW clause.",
           spec->name->span);
    spec = found;
  }

  const FunctionDef* fn = FunctionRegistry::builtins().find(name);
  if (!fn) fail("undefined function '" + name + "'", e.name.span.known ? e.name.span : e.span);
  if (fn->kind != FunctionKind::Window && fn->kind != FunctionKind::Aggregate)
    fail("[UNSUPPORTED_EXPR_FOR_WINDOW] " + name +
             "() is not supported within a window function: only window functions (row_number, "
             "rank, lag, ...) and aggregates can be used with OVER",
         e.span);
  if (e.distinct)
    fail("DISTINCT window functions are not supported: " + name + "(DISTINCT ...) OVER (...)",
         e.span);

  // Arguments and keys: in an aggregate query they may use aggregates (sum(count(*)) OVER
  // (...)); they may not hold another window function.
  ExprContext inner = ctx;
  inner.windows = nullptr;
  inner.allowGenerators = false;
  inner.clause = "the argument of a window function";
  std::vector<ExprPtr> args;
  if (e.starArg) args.push_back(makeLiteral(Value::integer(1), DataType::integer()));
  for (const auto& a : e.args) {
    if (a->kind == ast::ExprKind::Star || a->kind == ast::ExprKind::NamedArg)
      fail("this argument is not allowed in a window function", a->span);
    args.push_back(bindExpr(*a, inner));
  }
  bool ignoreNulls = false;
  if (e.ignoreNulls) {
    const std::string written = *e.ignoreNulls ? "IGNORE NULLS" : "RESPECT NULLS";
    if (isFirstLast(name)) {
      if (args.size() != 1)
        fail(written + " cannot be combined with the second argument of " + name + "()",
             e.nullsSpan);
      args.push_back(makeLiteral(Value::boolean(*e.ignoreNulls), DataType::boolean()));
    } else if (isOffsetFunction(name) || name == "nth_value") {
      ignoreNulls = *e.ignoreNulls;
    } else {
      fail("Function " + name + " does not support " + written, e.nullsSpan);
    }
  }
  ExprPtr call = resolveCall(*fn, std::move(args), e.span, name);

  BoundWindowExpr w;
  w.span = e.span;
  w.spec.ignoreNulls = ignoreNulls;
  ExprContext keys = inner;
  keys.clause = "a window specification";
  for (const auto& p : spec->partitionBy) {
    ExprPtr k = bindExpr(*p, keys);
    if (k->type->id() == TypeId::Map)
      fail("cannot partition a window by a map (" + k->type->toString() + ")", p->span);
    w.partitionBy.push_back(k);
  }
  for (const auto& o : spec->orderBy) {
    ExprPtr k = bindExpr(*o.expr, keys);
    if (!k->type->isOrderable())
      fail("cannot order a window by a value of type " + k->type->toString(), o.expr->span);
    w.orderBy.push_back(k);
    w.order.push_back(SortKey{o.ascending, o.nullsFirst.value_or(o.ascending)});
  }

  // The frame: written, required by the function, or Spark's default.
  std::optional<WindowFrame> required;
  if (isRankLike(name) || isOffsetFunction(name)) {
    if (w.orderBy.empty())
      fail("Window function " + name +
               "() requires window to be ordered, please add ORDER BY clause. For example "
               "SELECT " +
               name +
               "(value_expr) OVER (PARTITION BY window_partition ORDER BY window_ordering) "
               "from table",
           e.span);
    if (name == "cume_dist") {
      required = frameOf(FrameType::Range, edgeOf(FrameBoundary::UnboundedPreceding),
                         edgeOf(FrameBoundary::CurrentRow));
    } else if (isOffsetFunction(name)) {
      int64_t n = 1;
      if (call->args.size() > 1) {
        const Value v = evaluateConstant(call->args[1]);
        n = v.isNull() ? 0 : v.asInt();
      }
      if (name == "lag") n = -n;
      const FrameBoundary kind = n < 0   ? FrameBoundary::Preceding
                                 : n > 0 ? FrameBoundary::Following
                                         : FrameBoundary::CurrentRow;
      required =
          frameOf(FrameType::Rows, edgeOf(kind, n < 0 ? -n : n), edgeOf(kind, n < 0 ? -n : n));
    } else {
      required = frameOf(FrameType::Rows, edgeOf(FrameBoundary::UnboundedPreceding),
                         edgeOf(FrameBoundary::CurrentRow));
    }
  }
  if (spec->frame) {
    const ast::WindowFrame& f = *spec->frame;
    WindowFrame frame;
    frame.type = f.rows ? FrameType::Rows : FrameType::Range;
    bool valueBounds = false;
    for (const auto* b : {&f.lower, &f.upper}) {
      FrameEdge edge;
      edge.kind = boundaryOf(b->kind);
      if (b->offset) {
        ExprContext constant;
        constant.clause = "a window frame boundary";
        ExprPtr off = bindExpr(*b->offset, constant);
        if (!off->foldable())
          fail("a window frame boundary must be a constant, got " + off->toString(), b->span);
        edge.offset = evaluateConstant(off);
        edge.offsetType = off->type;
        if (edge.offset.isNull()) fail("a window frame boundary must not be NULL", b->span);
        if (f.rows && !off->type->isIntegral())
          fail(
              "[DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE] a ROWS frame boundary "
              "must be an integer, got " +
                  off->type->toString(),
              b->span);
        valueBounds = true;
        if (!f.rows) {
          if (w.orderBy.size() != 1)
            fail(w.orderBy.empty()
                     ? "A range window frame cannot be used in an unordered window specification."
                     : "A range window frame with value boundaries cannot be used in a window "
                       "specification with multiple order by expressions",
                 f.span);
          if (!validRangeOffset(*w.orderBy[0]->type, *off->type))
            fail("[DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE] The data type \"" +
                     w.orderBy[0]->type->toString() +
                     "\" used in the order specification does not support the data type \"" +
                     off->type->toString() + "\" which is used in the range frame",
                 b->span);
          if (hasMonths(edge.offset, *off->type))
            fail("RANGE frame offsets in months or years are not supported yet; use days", b->span);
        }
      }
      (b == &f.lower ? frame.lower : frame.upper) = std::move(edge);
    }
    if (frame.lower.kind == FrameBoundary::UnboundedFollowing)
      fail("a window frame cannot start at UNBOUNDED FOLLOWING", f.lower.span);
    if (frame.upper.kind == FrameBoundary::UnboundedPreceding)
      fail("a window frame cannot end at UNBOUNDED PRECEDING", f.upper.span);
    // Offsets compare as signed distances from the current row.
    auto signedOffset = [](const FrameEdge& x) -> std::optional<double> {
      if (x.kind == FrameBoundary::CurrentRow) return 0.0;
      if (x.kind != FrameBoundary::Preceding && x.kind != FrameBoundary::Following) return {};
      if (!x.offsetType->isNumeric()) return {};
      const double v = x.offsetType->isIntegral()     ? static_cast<double>(x.offset.asInt())
                       : x.offsetType->isFractional() ? x.offset.asDouble()
                                                      : static_cast<double>(x.offset.asDecimal()) /
                                                            std::pow(10.0, x.offsetType->scale());
      return x.kind == FrameBoundary::Preceding ? -v : v;
    };
    const auto lo = signedOffset(frame.lower), hi = signedOffset(frame.upper);
    if (valueBounds && lo && hi && *lo > *hi)
      fail(
          "[DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON] The lower bound of a "
          "window frame must be less than or equal to the upper bound",
          f.span);
    if (required && !(frame == *required))
      fail("Window Frame " + frame.toString() + " must match the required frame " +
               required->toString(),
           f.span);
    w.spec.frame = std::move(frame);
  } else if (required) {
    w.spec.frame = *required;
  } else if (w.orderBy.empty()) {
    w.spec.frame = frameOf(FrameType::Rows, edgeOf(FrameBoundary::UnboundedPreceding),
                           edgeOf(FrameBoundary::UnboundedFollowing));
  } else {
    w.spec.frame = frameOf(FrameType::Range, edgeOf(FrameBoundary::UnboundedPreceding),
                           edgeOf(FrameBoundary::CurrentRow));
  }
  w.named = makeAlias(call, toSql(e), 0, e.span);
  ExprPtr ref = makeColumnRef(w.named->outputAttr(), e.span);
  ctx.windows->exprs.push_back(std::move(w));
  return ref;
}

PlanPtr Binder::Impl::addWindows(PlanPtr plan, const WindowCollector& windows) {
  auto sameSpec = [](const BoundWindowExpr& a, const BoundWindowExpr& b) {
    auto same = [](const std::vector<ExprPtr>& x, const std::vector<ExprPtr>& y) {
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!semanticEquals(x[i], y[i])) return false;
      return true;
    };
    if (!same(a.partitionBy, b.partitionBy) || !same(a.orderBy, b.orderBy)) return false;
    for (size_t i = 0; i < a.order.size(); ++i)
      if (a.order[i].ascending != b.order[i].ascending ||
          a.order[i].nullsFirst != b.order[i].nullsFirst)
        return false;
    return true;
  };
  std::vector<bool> done(windows.exprs.size(), false);
  for (size_t i = 0; i < windows.exprs.size(); ++i) {
    if (done[i]) continue;
    const BoundWindowExpr& first = windows.exprs[i];
    std::vector<ExprPtr> functions;
    std::vector<WindowFunctionSpec> specs;
    for (size_t j = i; j < windows.exprs.size(); ++j) {
      if (done[j] || !sameSpec(first, windows.exprs[j])) continue;
      done[j] = true;
      functions.push_back(windows.exprs[j].named);
      specs.push_back(windows.exprs[j].spec);
    }
    auto node = std::make_shared<Window>(std::move(functions), std::move(specs), first.partitionBy,
                                         first.orderBy, first.order, plan);
    node->span = first.span;
    plan = node;
  }
  return plan;
}

PlanPtr Binder::Impl::aggregateWithWindows(const ast::SelectCore& s,
                                           const std::vector<ExprPtr>& groupings,
                                           const std::vector<ExprPtr>& list, const ExprPtr& having,
                                           WindowCollector windows,
                                           const std::function<ExprPtr(const ExprPtr&)>& lift,
                                           std::vector<ExprPtr>& aggs, const PlanPtr& input,
                                           std::optional<ExprId> sessionWindow) {
  std::vector<ExprPtr> out;
  for (const auto& e : list)
    out.push_back(e->kind == ExprKind::Alias
                      ? makeAlias(lift(e->args[0]), e->attr.name, e->attr.id, e->span)
                      : lift(e));
  for (auto& w : windows.exprs) {
    const ExprPtr& call = stripAlias(w.named);
    std::vector<ExprPtr> args;
    for (const auto& a : call->args) args.push_back(lift(a));
    w.named = makeAlias(call->withArgs(std::move(args)), w.named->attr.name, w.named->attr.id,
                        w.named->span);
    for (auto& k : w.partitionBy) k = lift(k);
    for (auto& k : w.orderBy) k = lift(k);
  }
  if (aggs.empty() && !groupings.empty()) lift(groupings[0]);  // an Aggregate has a column
  auto agg = std::make_shared<Aggregate>(groupings, aggs, input);
  agg->span = s.span;
  agg->sessionWindow = sessionWindow;
  PlanPtr plan = agg;
  if (having) plan = std::make_shared<Filter>(having, plan);
  plan = addWindows(plan, windows);
  auto project = std::make_shared<Project>(std::move(out), plan);
  project->span = s.span;
  plan = project;
  if (s.distinct) plan = std::make_shared<Distinct>(plan);
  return plan;
}

}  // namespace sluice
