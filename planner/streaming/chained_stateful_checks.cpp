#include "planner/streaming/chained_stateful_checks.h"

#include "planner/logical/all.h"

namespace sluice {
namespace {

SourceSpan at(const PlanPtr& p, SourceSpan fallback) {
  return p->span.known ? p->span : fallback;
}

bool contains(const PlanPtr& root, const PlanPtr& node) {
  bool found = false;
  visitPlan(root, [&](const PlanPtr& q) { found = found || q == node; });
  return found;
}

// The first streaming aggregation of `aggs` strictly below `p`, or nullptr.
PlanPtr aggregationBelow(const PlanPtr& p, const std::vector<PlanPtr>& aggs) {
  for (const auto& a : aggs)
    if (a != p && contains(p, a)) return a;
  return nullptr;
}

// An aggregation with another one below it (where a chain's error points).
PlanPtr downstreamAggregation(const std::vector<PlanPtr>& aggs) {
  for (const auto& a : aggs)
    if (aggregationBelow(a, aggs)) return a;
  return aggs.front();
}

const char* kChainExample =
    " (e.g. SELECT window.start, sum(n) FROM (SELECT window, count(*) AS n FROM STREAM s "
    "WATERMARK ts DELAY OF INTERVAL 10 SECONDS GROUP BY window(ts, '1 minute')) GROUP BY "
    "window(window_time(window), '1 hour'))";

}  // namespace

void checkChainedStatefulOperators(const PlanPtr& plan, const std::vector<PlanPtr>& aggs,
                                   OutputMode mode, const SourceFilePtr& file, SourceSpan span,
                                   bool (*onWatermark)(const PlanPtr&)) {
  if (aggs.size() > 1 && mode != OutputMode::Append)
    throw AnalysisError(
        std::string("multiple streaming aggregations are not supported in '") +
            outputModeName(mode) +
            "' output mode (as in Spark): a group's row changes after it is emitted, so the "
            "aggregation after it would count it twice; use 'append', with every aggregation "
            "grouping by a window() over the watermarked event time" +
            kChainExample,
        file, at(downstreamAggregation(aggs), span));
  if (aggs.size() > 1)
    for (const auto& a : aggs)
      if (!onWatermark(a))
        throw AnalysisError(
            "in a chain of streaming aggregations each one must group by the watermarked event "
            "time, a window() over it, or, after another window aggregation, "
            "window(window_time(window), ...) (Spark 3.4+), so the watermark can close its "
            "groups and emit each once; this aggregation groups by neither" +
                std::string(kChainExample),
            file, at(a, span));
  visitPlan(plan, [&](const PlanPtr& p) {
    if (!p->isStreaming()) return;
    if (as<Join>(p)) {
      if (aggregationBelow(p, aggs))
        throw AnalysisError(
            std::string("a join after a streaming aggregation is not supported") +
                (mode == OutputMode::Append
                     ? " by sluice yet (Spark 3.4+ runs it in 'append' mode); join the inputs "
                       "first and aggregate the joined rows, or write the aggregation to a "
                       "topic and join that in a second query"
                     : " in '" + std::string(outputModeName(mode)) +
                           "' output mode (an aggregation's rows change after they are "
                           "emitted); join the inputs first and aggregate the joined rows"),
            file, at(p, span));
    }
    if (p->kind() == PlanKind::Distinct && aggregationBelow(p, aggs))
      throw AnalysisError(
          "a streaming deduplication (DISTINCT) after a streaming aggregation is not supported "
          "by sluice yet; the aggregation's groups are already distinct in 'append' mode, so "
          "drop the DISTINCT",
          file, at(p, span));
  });
}

}  // namespace sluice
