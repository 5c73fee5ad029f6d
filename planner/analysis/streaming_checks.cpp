#include "planner/analysis/streaming_checks.h"

#include <algorithm>

#include "frontend/text.h"
#include "planner/catalog/catalog.h"
#include "planner/functions/function.h"
#include "planner/logical/all.h"

namespace sluice {
namespace {

[[noreturn]] void fail(const std::string& msg, const SourceFilePtr& file, SourceSpan span) {
  throw AnalysisError(msg, file, span);
}

SourceSpan at(const PlanPtr& p, SourceSpan fallback) {
  return p->span.known ? p->span : fallback;
}

std::string modeList(const std::vector<OutputMode>& modes) {
  std::string s;
  for (size_t i = 0; i < modes.size(); ++i) {
    if (i) s += i + 1 == modes.size() ? " or " : ", ";
    s += std::string("'") + outputModeName(modes[i]) + "'";
  }
  return s;
}

// Streaming aggregates (Aggregate and Distinct, which sluice runs as a keyed dedup state).
std::vector<PlanPtr> streamingAggregates(const PlanPtr& plan) {
  std::vector<PlanPtr> out;
  visitPlan(plan, [&](const PlanPtr& p) {
    if ((p->kind() == PlanKind::Aggregate || p->kind() == PlanKind::Distinct) && p->isStreaming())
      out.push_back(p);
  });
  return out;
}

// Does the aggregate group by the watermarked event time (directly or through window())?
bool groupsOnWatermark(const PlanPtr& aggPlan) {
  std::unordered_set<ExprId> wm;
  visitPlan(aggPlan, [&](const PlanPtr& p) {
    if (auto* w = as<Watermark>(p)) wm.insert(w->eventTime.id);
  });
  if (wm.empty()) return false;
  // Follow aliases of the event-time column (e.g. window(ts) AS window) through projections
  // and the Generate of sliding windows.
  std::unordered_set<ExprId> derived = wm;
  bool grew = true;
  while (grew) {
    grew = false;
    visitPlan(aggPlan, [&](const PlanPtr& p) {
      if (auto* pr = as<Project>(p)) {
        for (const auto& e : pr->list) {
          if (derived.count(e->outputAttr().id)) continue;
          for (ExprId id : references(e))
            if (derived.count(id)) {
              derived.insert(e->outputAttr().id);
              grew = true;
              break;
            }
        }
      }
      auto* g = as<Generate>(p);
      if (g && g->generator->fn && g->generator->fn->name == "window") {
        bool fromEventTime = false;
        for (ExprId id : references(g->generator)) fromEventTime |= derived.count(id) > 0;
        if (fromEventTime)
          for (const auto& a : g->generatorOutput) grew |= derived.insert(a.id).second;
      }
    });
  }
  auto* agg = as<Aggregate>(aggPlan);
  if (!agg) {
    // Distinct: a watermarked column among its columns lets rows be finalized.
    for (const auto& a : aggPlan->output())
      if (derived.count(a.id)) return true;
    return false;
  }
  for (const auto& g : agg->groupings)
    for (ExprId id : references(g))
      if (derived.count(id)) return true;
  return false;
}

}  // namespace

const char* outputModeName(OutputMode m) {
  switch (m) {
    case OutputMode::Append:
      return "append";
    case OutputMode::Update:
      return "update";
    case OutputMode::Complete:
      return "complete";
  }
  return "?";
}

OutputMode parseOutputMode(const std::string& s, const SourceFilePtr& file, SourceSpan span) {
  const std::string l = asciiLower(s);
  if (l == "append") return OutputMode::Append;
  if (l == "update") return OutputMode::Update;
  if (l == "complete") return OutputMode::Complete;
  fail("unknown outputMode '" + s + "' (expected append, update or complete)", file, span);
}

std::vector<OutputMode> allowedOutputModes(const PlanPtr& plan) {
  auto aggs = streamingAggregates(plan);
  if (aggs.empty()) return {OutputMode::Append, OutputMode::Update};
  std::vector<OutputMode> modes;
  if (aggs.size() == 1 && groupsOnWatermark(aggs[0])) modes.push_back(OutputMode::Append);
  modes.push_back(OutputMode::Update);
  modes.push_back(OutputMode::Complete);
  return modes;
}

void checkStreamingPlan(const PlanPtr& plan, OutputMode mode, const SourceFilePtr& file,
                        SourceSpan span) {
  if (!plan->isStreaming())
    fail("a streaming query must read at least one stream (FROM STREAM ...)", file, span);
  auto aggs = streamingAggregates(plan);
  if (aggs.size() > 1)
    fail(
        "multiple streaming aggregations in one query are not supported (Spark refuses them "
        "too); split the query",
        file, at(aggs[0], span));

  for (const auto& a : aggs) {
    for (const auto& e : a->expressions())
      visit(e, [&](const ExprPtr& x) {
        if (x->kind == ExprKind::Call && x->distinct)
          fail("distinct aggregations such as " + x->toString() +
                   " are not supported on streams (as in Spark); use approx_count_distinct()",
               file, x->span.known ? x->span : at(a, span));
        return true;
      });
  }

  visitPlan(plan, [&](const PlanPtr& p) {
    if (auto* j = as<Join>(p)) {
      const bool ls = j->left()->isStreaming(), rs = j->right()->isStreaming();
      if (ls && rs)
        fail("stream-stream joins are not supported yet; join a stream with a static table", file,
             at(p, span));
      if (rs && !ls && j->type != JoinKind::Inner && j->type != JoinKind::Cross &&
          j->type != JoinKind::RightOuter)
        fail(std::string(joinKindName(j->type)) +
                 " join with a streaming right side is not "
                 "supported; use an inner or right outer join, or put the stream on the left",
             file, at(p, span));
      if (ls && (j->type == JoinKind::RightOuter || j->type == JoinKind::FullOuter))
        fail(std::string(joinKindName(j->type)) +
                 " join between a stream and a static table is "
                 "not supported (it would need to emit unmatched static rows); use inner or left "
                 "outer",
             file, at(p, span));
      if (j->isStreaming() && !aggs.empty()) {
        // Aggregation after the join is fine; a join after an aggregation is not.
        for (const auto& a : aggs) {
          bool below = false;
          visitPlan(j->left(), [&](const PlanPtr& q) { below = below || q == a; });
          visitPlan(j->right(), [&](const PlanPtr& q) { below = below || q == a; });
          if (below)
            fail("a join after a streaming aggregation is not supported", file, at(p, span));
        }
      }
    }
    if (auto* s = as<Sort>(p); s && p->isStreaming()) {
      const bool afterAgg = !aggs.empty() && mode == OutputMode::Complete;
      if (!afterAgg)
        fail(
            "sorting a stream is only supported after an aggregation in 'complete' output "
            "mode",
            file, at(p, span));
    }
    if (as<Limit>(p) && p->isStreaming() && mode == OutputMode::Update)
      fail(
          "LIMIT on a stream is not supported in 'update' output mode; use 'append' or "
          "'complete'",
          file, at(p, span));
    if (auto* u = as<Union>(p); u && p->isStreaming()) {
      for (const auto& c : u->children())
        if (!c->isStreaming())
          fail("UNION of a stream with a static relation is not supported", file, at(p, span));
    }
  });

  const auto allowed = allowedOutputModes(plan);
  if (std::find(allowed.begin(), allowed.end(), mode) == allowed.end()) {
    std::string why;
    if (aggs.empty())
      why =
          "'complete' output mode needs a streaming aggregation (the whole result table is "
          "rewritten each batch)";
    else
      why =
          "'append' output mode with a streaming aggregation needs a WATERMARK on the "
          "event-time column used in GROUP BY (e.g. GROUP BY window(ts, '1 hour') over FROM "
          "STREAM s WATERMARK ts DELAY OF INTERVAL 10 MINUTES), so each group is emitted once "
          "it is final";
    fail(why + "; this query supports outputMode " + modeList(allowed), file, span);
  }
  if (auto* sink = as<Sink>(plan)) {
    const std::string& f = sink->format;
    if ((f == "parquet" || f == "csv" || f == "json") && mode != OutputMode::Append)
      fail("file sink '" + sink->table + "' (" + f + ") supports only 'append' output mode", file,
           span);
  }
}

void checkBatchPlan(const PlanPtr& plan, const SourceFilePtr& file, SourceSpan span) {
  if (plan->isStreaming())
    fail(
        "this query reads a stream (FROM STREAM ...); run it as CREATE STREAMING QUERY ... AS "
        "INSERT INTO ..., or read the table without STREAM for a batch query",
        file, span);
}

}  // namespace sluice
