#include "planner/analysis/streaming_checks.h"

#include <algorithm>

#include "frontend/text.h"
#include "planner/catalog/catalog.h"
#include "planner/connectors/connector.h"
#include "planner/functions/function.h"
#include "planner/logical/all.h"
#include "planner/optimizer/rules/streaming_top_one_dedup.h"
#include "planner/streaming/chained_stateful_checks.h"
#include "planner/streaming/event_time.h"
#include "planner/streaming/stream_join_checks.h"

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

// Streaming aggregates. A streaming Distinct is not one: it runs as Spark's dropDuplicates
// (a StreamingDeduplicate emitting each row once, in append or update mode).
std::vector<PlanPtr> streamingAggregates(const PlanPtr& plan) {
  std::vector<PlanPtr> out;
  visitPlan(plan, [&](const PlanPtr& p) {
    if (p->kind() == PlanKind::Aggregate && p->isStreaming()) out.push_back(p);
  });
  return out;
}

// Does the aggregate group by the watermarked event time (the column, a rename of it, or
// window() over it)? planner/streaming/event_time.h says which columns qualify.
bool groupsOnWatermark(const PlanPtr& aggPlan) {
  const auto lineage = eventTimeColumns(*aggPlan);
  if (auto* agg = as<Aggregate>(aggPlan))
    return findEventTimeKey(agg->groupings, lineage).has_value();
  // Distinct: a watermarked column among its columns lets rows be finalized.
  for (const auto& a : aggPlan->output())
    if (lineage.count(a.id)) return true;
  return false;
}

// A grouping key computed from the event time by something other than window() (e.g.
// date_trunc('hour', ts)), for the append-mode message; nullptr if there is none.
ExprPtr eventTimeFunctionKey(const PlanPtr& aggPlan) {
  auto* agg = as<Aggregate>(aggPlan);
  if (!agg) return nullptr;
  const auto lineage = eventTimeColumns(*aggPlan);
  for (const auto& g : agg->groupings)
    for (ExprId id : references(g))
      if (lineage.count(id)) return g;
  return nullptr;
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
  // Spark: a join of two streams runs in append mode only (with or without an aggregation).
  if (hasStreamStreamJoin(plan)) return {OutputMode::Append};
  if (aggs.empty()) return {OutputMode::Append, OutputMode::Update};
  std::vector<OutputMode> modes;
  if (std::all_of(aggs.begin(), aggs.end(), groupsOnWatermark)) modes.push_back(OutputMode::Append);
  // Spark 3.4+: a chain of aggregations runs in append mode only (chained_stateful_checks.h).
  if (aggs.size() > 1) return modes;
  modes.push_back(OutputMode::Update);
  modes.push_back(OutputMode::Complete);
  return modes;
}

void checkStreamingPlan(const PlanPtr& plan, OutputMode mode, const SourceFilePtr& file,
                        SourceSpan span) {
  if (!plan->isStreaming())
    fail("a streaming query must read at least one stream (FROM STREAM ...)", file, span);
  // Window functions on a stream: only the ROW_NUMBER top-1 pattern (a deduplication).
  const auto topOne = streamingTopOneWindows(plan);
  visitPlan(plan, [&](const PlanPtr& p) {
    if (p->kind() != PlanKind::Window || !p->isStreaming()) return;
    auto it = topOne.find(p.get());
    if (it != topOne.end() && it->second.empty()) return;
    fail(std::string("Non-time-based windows are not supported on streaming DataFrames/Datasets") +
             (it != topOne.end()
                  ? ": " + it->second
                  : "; only the top-1 pattern SELECT ... FROM (SELECT *, ROW_NUMBER() OVER "
                    "(PARTITION BY k ORDER BY ts) AS rn FROM STREAM s) WHERE rn = 1 is (a "
                    "deduplication)"),
         file, at(p, span));
  });

  // EXCEPT / INTERSECT: Spark's messages where it refuses them; sluice also refuses EXCEPT of a
  // stream with a static right side (Spark runs it as a streaming aggregation).
  visitPlan(plan, [&](const PlanPtr& p) {
    if (auto* e = as<Except>(p); e && e->right()->isStreaming())
      fail("Except on a streaming DataFrame/Dataset on the right is not supported", file,
           at(p, span));
    if (auto* e = as<Except>(p); e && e->left()->isStreaming())
      fail(
          "Except on a streaming DataFrame/Dataset is not supported (EXCEPT runs in batch "
          "queries; use a LEFT ANTI join with a static table)",
          file, at(p, span));
    if (as<Intersect>(p) && p->isStreaming())
      fail("Intersect of streaming DataFrames/Datasets is not supported", file, at(p, span));
  });

  auto aggs = streamingAggregates(plan);
  checkChainedStatefulOperators(plan, aggs, mode, file, span, groupsOnWatermark);

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
      if (ls && rs) checkStreamStreamJoin(p, mode, file, span);
      if (rs && !ls && j->type != JoinKind::Inner && j->type != JoinKind::Cross &&
          j->type != JoinKind::RightOuter)
        fail(std::string(joinKindName(j->type)) +
                 " join with a streaming right side is not "
                 "supported; use an inner or right outer join, or put the stream on the left",
             file, at(p, span));
      if (ls && !rs && (j->type == JoinKind::RightOuter || j->type == JoinKind::FullOuter))
        fail(std::string(joinKindName(j->type)) +
                 " join between a stream and a static table is "
                 "not supported (it would need to emit unmatched static rows); use inner or left "
                 "outer",
             file, at(p, span));
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
    else if (auto key = aggs.size() == 1 ? eventTimeFunctionKey(aggs[0]) : nullptr)
      why =
          "'append' output mode needs the aggregation to group by the watermarked event-time "
          "column itself or window() over it; " +
          key->toString() +
          " is another function of the event time, so the watermark cannot tell when its "
          "groups are final (group by window(ts, '1 hour') instead, or use 'update')";
    else
      why =
          "'append' output mode with a streaming aggregation needs a WATERMARK on the "
          "event-time column used in GROUP BY (e.g. GROUP BY window(ts, '1 hour') over FROM "
          "STREAM s WATERMARK ts DELAY OF INTERVAL 10 MINUTES), so each group is emitted once "
          "it is final";
    fail(why + "; this query supports outputMode " + modeList(allowed), file, span);
  }
  if (auto* sink = as<Sink>(plan))
    if (const ConnectorInfo* c = findConnector(sink->format))
      checkConnectorUse(*c, ConnectorUse::StreamWrite, sink->table, file, span, mode);
}

void checkBatchPlan(const PlanPtr& plan, const SourceFilePtr& file, SourceSpan span) {
  if (plan->isStreaming())
    fail(
        "this query reads a stream (FROM STREAM ...); run it as CREATE STREAMING QUERY ... AS "
        "INSERT INTO ..., or read the table without STREAM for a batch query",
        file, span);
}

}  // namespace sluice
