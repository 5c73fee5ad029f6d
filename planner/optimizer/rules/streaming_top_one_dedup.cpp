// Filter(rn = 1, Window(row_number() OVER (PARTITION BY k ORDER BY ts ASC) AS rn, s))
//   => Filter(rn = 1, Project(s.*, 1 AS rn, Deduplicate([k], s)))   (streaming s only)
// The first row seen per key is kept and never replaced: Flink's "keep first row" on a
// time-ascending ORDER BY. With a watermark on ts a key leaves the state once the watermark
// passes its row's time (the streaming dedup's state, runtime/stream/stream_dedup_state.h).
#include "planner/optimizer/rules/streaming_top_one_dedup.h"

#include "planner/functions/function.h"
#include "planner/functions/registry.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

// The column of `rn = 1`, `1 = rn`, `rn <= 1`, `rn < 2` (the whole condition), or 0.
ExprId topOneColumn(const ExprPtr& cond) {
  if (cond->kind != ExprKind::Call || cond->args.size() != 2) return 0;
  const std::string& op = cond->fn->name;
  auto constant = [](const ExprPtr& e) -> std::optional<int64_t> {
    if (e->kind != ExprKind::Literal || e->value.isNull() || !e->type->isIntegral()) return {};
    return e->value.asInt();
  };
  const ExprPtr &l = cond->args[0], &r = cond->args[1];
  if (l->kind == ExprKind::ColumnRef) {
    const auto c = constant(r);
    if (c && ((op == "=" && *c == 1) || (op == "<=" && *c == 1) || (op == "<" && *c == 2)))
      return l->attr.id;
  } else if (r->kind == ExprKind::ColumnRef) {
    const auto c = constant(l);
    if (c && ((op == "=" && *c == 1) || (op == ">=" && *c == 1) || (op == ">" && *c == 2)))
      return r->attr.id;
  }
  return 0;
}

// Follows column `id` down through Projects (renames) to the Window that computes it.
const Window* windowComputing(PlanPtr p, ExprId id) {
  while (p) {
    if (const auto* w = as<Window>(p)) {
      for (const auto& f : w->functions)
        if (f->outputAttr().id == id) return w;
      return nullptr;
    }
    const auto* proj = as<Project>(p);
    if (!proj) return nullptr;
    bool found = false;
    for (const auto& e : proj->list) {
      if (e->outputAttr().id != id) continue;
      const ExprPtr& inner = stripAlias(e);
      if (inner->kind != ExprKind::ColumnRef) return nullptr;
      id = inner->attr.id;
      found = true;
    }
    if (!found) return nullptr;
    p = proj->child();
  }
  return nullptr;
}

// "" if `w` can run as a deduplication, else why not.
std::string refusal(const Window& w) {
  if (w.functions.size() != 1 || stripAlias(w.functions[0])->fn->name != "row_number")
    return "only row_number() alone can select the first row per key on a stream";
  if (w.partitionBy.empty()) return "the top-1 pattern on a stream needs PARTITION BY";
  for (const auto& k : w.partitionBy)
    if (k->kind != ExprKind::ColumnRef)
      return "the top-1 pattern on a stream partitions by columns only; compute " + k->toString() +
             " in a subquery";
  if (w.orderBy.size() != 1 || w.orderBy[0]->kind != ExprKind::ColumnRef)
    return "the top-1 pattern on a stream orders by one column (the event time)";
  if (!w.order[0].ascending)
    return "ORDER BY ... DESC keeps the last row per key, which needs retractions (a row "
           "already emitted would have to be replaced); only the first row (ASC) is supported "
           "on a stream";
  return "";
}

PlanPtr toDeduplicate(const Window& w) {
  auto dedup = std::make_shared<Distinct>(w.child());
  for (const auto& k : w.partitionBy) dedup->keys.push_back(k->attr);
  dedup->eventTime = w.orderBy[0]->attr;
  dedup->span = w.span;
  std::vector<ExprPtr> list;
  for (const auto& a : w.child()->output()) list.push_back(makeColumnRef(a));
  const Attribute& rn = w.functions[0]->outputAttr();
  list.push_back(makeAlias(makeLiteral(Value::integer(1), DataType::integer()), rn.name, rn.id));
  return std::make_shared<Project>(std::move(list), dedup);
}

PlanPtr streamingTopOneDedup(const PlanPtr& plan) {
  const auto matched = streamingTopOneWindows(plan);
  if (matched.empty()) return plan;
  return transformUp(plan, [&](const PlanPtr& p) -> PlanPtr {
    auto it = matched.find(p.get());
    if (it == matched.end() || !it->second.empty()) return p;
    return toDeduplicate(*as<Window>(p));
  });
}

}  // namespace

std::unordered_map<const LogicalPlan*, std::string> streamingTopOneWindows(const PlanPtr& plan) {
  std::unordered_map<const LogicalPlan*, std::string> out;
  visitPlan(plan, [&](const PlanPtr& p) {
    const auto* f = as<Filter>(p);
    if (!f) return;
    for (const auto& c : splitConjuncts(f->condition)) {
      const ExprId id = topOneColumn(c);
      const Window* w = id ? windowComputing(f->child(), id) : nullptr;
      if (w && w->isStreaming()) out[w] = refusal(*w);
    }
  });
  return out;
}

RulePtr makeStreamingTopOneDedup() {
  return std::make_unique<FunctionRule>("StreamingTopOneDedup", &streamingTopOneDedup);
}

}  // namespace sluice
