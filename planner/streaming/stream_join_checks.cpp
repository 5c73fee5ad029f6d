#include "planner/streaming/stream_join_checks.h"

#include "planner/streaming/stream_join_bounds.h"

namespace sluice {
namespace {

std::unordered_set<ExprId> idsOf(const PlanPtr& p) {
  std::unordered_set<ExprId> out;
  for (const auto& a : p->output()) out.insert(a.id);
  return out;
}

const char* kExample =
    " (e.g. FROM STREAM i WATERMARK ts DELAY OF INTERVAL 10 SECONDS JOIN STREAM c WATERMARK cts "
    "DELAY OF INTERVAL 10 SECONDS ON ad = cad AND cts BETWEEN ts AND ts + INTERVAL 1 MINUTE)";

}  // namespace

bool hasStreamStreamJoin(const PlanPtr& plan) {
  bool found = false;
  visitPlan(plan, [&](const PlanPtr& p) {
    if (auto* j = as<Join>(p))
      found = found || (j->left()->isStreaming() && j->right()->isStreaming());
  });
  return found;
}

void checkStreamStreamJoin(const PlanPtr& p, OutputMode mode, const SourceFilePtr& file,
                           SourceSpan span) {
  const Join& j = *as<Join>(p);
  const SourceSpan at = p->span.known ? p->span : span;
  const std::string kind = joinKindName(j.type);
  if (mode != OutputMode::Append)
    throw AnalysisError(kind + " join between two streams is not supported in '" +
                            outputModeName(mode) +
                            "' output mode, only in 'append' (each joined row is emitted once)",
                        file, at);
  if (j.type == JoinKind::LeftAnti)
    throw AnalysisError(
        "LeftAnti join between two streams is not supported (as in Spark); use a left outer "
        "join with a watermark and a time-range condition and keep the rows whose right side is "
        "NULL",
        file, at);
  if (j.type == JoinKind::Inner || j.type == JoinKind::Cross) return;
  std::vector<ExprPtr> conjuncts;
  if (j.condition) conjuncts = splitConjuncts(j.condition);
  const JoinTimeBounds b =
      deriveJoinTimeBounds(conjuncts, idsOf(j.left()), idsOf(j.right()),
                           eventTimeColumns(*j.left()), eventTimeColumns(*j.right()));
  const bool needLeft = j.type == JoinKind::LeftOuter || j.type == JoinKind::FullOuter ||
                        j.type == JoinKind::LeftSemi;
  const bool needRight = j.type == JoinKind::RightOuter || j.type == JoinKind::FullOuter;
  auto refuse = [&](const char* waiting, const char* other) {
    throw AnalysisError(
        kind + " join between two streams needs a WATERMARK on the " + other +
            " side's event time and a join condition bounding that time by the " + waiting +
            " side's (a time range such as `cts BETWEEN ts AND ts + INTERVAL 1 MINUTE`, or equal "
            "event times in the keys), so the " +
            waiting + " side's unmatched rows can be emitted once no match can come" + kExample,
        file, at);
  };
  if (needLeft && !b.left) refuse("left", "right");
  if (needRight && !b.right) refuse("right", "left");
}

}  // namespace sluice
