#include "planner/streaming/event_time.h"

#include "planner/functions/function.h"
#include "planner/logical/all.h"

namespace sluice {
namespace {

using Lineage = std::unordered_map<ExprId, EventTimeKind>;

bool isWindowCall(const ExprPtr& e) {
  // A session_window struct closes at its end too (a merged session only grows forward from
  // rows that are not late, so its end is the bound Spark evicts by).
  return e->kind == ExprKind::Call && e->fn &&
         (e->fn->name == "window" || e->fn->name == "session_window");
}

// What `e` carries: the kind of a renamed event-time column, Window for window(ts).
std::optional<EventTimeKind> kindOf(const ExprPtr& e, const Lineage& lineage) {
  if (e->kind == ExprKind::Alias) return kindOf(e->args.at(0), lineage);
  if (e->kind == ExprKind::ColumnRef) {
    auto it = lineage.find(e->attr.id);
    if (it != lineage.end()) return it->second;
    return std::nullopt;
  }
  // window_time(w) of a window that carries event time is an event time again (Spark
  // 3.4+: the output of a time window aggregation feeding another one).
  if (e->kind == ExprKind::Call && e->fn && e->fn->name == "window_time" && !e->args.empty() &&
      kindOf(e->args[0], lineage) == EventTimeKind::Window)
    return EventTimeKind::Timestamp;
  if (isWindowCall(e) && !e->args.empty()) {
    if (kindOf(e->args[0], lineage) == EventTimeKind::Timestamp) return EventTimeKind::Window;
  }
  return std::nullopt;
}

// Children first, so a node sees what its inputs carry.
void collect(const LogicalPlan& node, Lineage& lineage) {
  for (const auto& c : node.children()) collect(*c, lineage);
  // as<> takes a PlanPtr; a non-owning one views the node.
  const PlanPtr p(std::shared_ptr<const LogicalPlan>(), &node);
  if (auto* w = as<Watermark>(p)) {
    lineage[w->eventTime.id] = EventTimeKind::Timestamp;
  } else if (auto* pr = as<Project>(p)) {
    for (const auto& e : pr->list)
      if (auto k = kindOf(e, lineage)) lineage[e->outputAttr().id] = *k;
  } else if (auto* a = as<Aggregate>(p)) {
    for (const auto& e : a->aggregates)
      if (auto k = kindOf(e, lineage)) lineage[e->outputAttr().id] = *k;
  } else if (auto* x = as<Expand>(p)) {
    // GROUPING SETS / ROLLUP / CUBE: a column carries the event time only when every
    // grouping set keeps it (a set that rolls it up gives NULL, which no watermark closes).
    for (size_t c = 0; c < x->outputAttrs.size(); ++c) {
      std::optional<EventTimeKind> kind;
      bool all = !x->projections.empty();
      for (const auto& proj : x->projections) {
        auto k = c < proj.size() ? kindOf(proj[c], lineage) : std::nullopt;
        if (!k || (kind && *kind != *k)) all = false;
        kind = k;
      }
      if (all && kind) lineage[x->outputAttrs[c].id] = *kind;
    }
  } else if (auto* g = as<Generate>(p)) {
    // Sliding windows: GROUP BY window(ts, d, s) is a Generate of every window holding ts.
    if (kindOf(g->generator, lineage) == EventTimeKind::Window)
      for (const auto& out : g->generatorOutput) lineage[out.id] = EventTimeKind::Window;
  }
}

}  // namespace

std::unordered_map<ExprId, EventTimeKind> eventTimeColumns(const LogicalPlan& plan) {
  Lineage lineage;
  collect(plan, lineage);
  return lineage;
}

std::optional<EventTimeKey> findEventTimeKey(const std::vector<ExprPtr>& keys,
                                             const Lineage& lineage) {
  for (size_t i = 0; i < keys.size(); ++i)
    if (auto k = kindOf(keys[i], lineage)) return EventTimeKey{i, *k};
  return std::nullopt;
}

}  // namespace sluice
