#include "planner/streaming/stream_join_bounds.h"

#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"

namespace sluice {
namespace {

// `column + offset` in microseconds.
struct TimeTerm {
  ExprId column = 0;
  int64_t offset = 0;
};

// A constant day-time interval in microseconds (months have no fixed length: nullopt):
// an ANSI day-time interval (`INTERVAL 1 MINUTE` in Spark 3.2+) or a calendar interval.
std::optional<int64_t> intervalMicros(const ExprPtr& e) {
  if (!e->type || !e->foldable()) return std::nullopt;
  const TypeId id = e->type->id();
  if (id != TypeId::Interval && id != TypeId::DayTimeInterval) return std::nullopt;
  const Value v = evaluateConstant(e);
  if (v.isNull()) return std::nullopt;
  if (id == TypeId::DayTimeInterval) return v.asInt();
  const Interval& i = v.asInterval();
  if (i.months != 0) return std::nullopt;
  return int64_t{i.days} * 86'400'000'000 + i.micros;
}

// `ts`, `ts + INTERVAL ...`, `ts - INTERVAL ...`, `INTERVAL ... + ts` (nested).
std::optional<TimeTerm> timeTerm(const ExprPtr& e) {
  if (e->kind == ExprKind::ColumnRef && e->type && e->type->id() == TypeId::Timestamp)
    return TimeTerm{e->attr.id, 0};
  if (e->kind != ExprKind::Call || !e->fn || e->args.size() != 2) return std::nullopt;
  const std::string& op = e->fn->name;
  if (op != "+" && op != "-") return std::nullopt;
  if (auto t = timeTerm(e->args[0]))
    if (auto d = intervalMicros(e->args[1]))
      return TimeTerm{t->column, t->offset + (op == "+" ? *d : -*d)};
  if (op == "+")
    if (auto d = intervalMicros(e->args[0]))
      if (auto t = timeTerm(e->args[1])) return TimeTerm{t->column, t->offset + *d};
  return std::nullopt;
}

// `upper <= lower + k` between the two sides' time columns.
struct UpperBound {
  TimeTerm upper, lower;
};

std::vector<UpperBound> upperBounds(const ExprPtr& c) {
  if (c->kind != ExprKind::Call || !c->fn || c->args.size() != 2) return {};
  const std::string& op = c->fn->name;
  auto a = timeTerm(c->args[0]), b = timeTerm(c->args[1]);
  if (!a || !b) return {};
  if (op == "<" || op == "<=") return {{*a, *b}};
  if (op == ">" || op == ">=") return {{*b, *a}};
  if (op == "=") return {{*a, *b}, {*b, *a}};
  return {};
}

bool isWatermarked(ExprId id, const std::unordered_map<ExprId, EventTimeKind>& lineage) {
  auto it = lineage.find(id);
  return it != lineage.end() && it->second == EventTimeKind::Timestamp;
}

void keepTightest(std::optional<JoinSideBound>& slot, JoinSideBound b) {
  if (!slot || b.offsetMicros < slot->offsetMicros) slot = b;
}

}  // namespace

JoinTimeBounds deriveJoinTimeBounds(
    const std::vector<ExprPtr>& conjuncts, const std::unordered_set<ExprId>& leftIds,
    const std::unordered_set<ExprId>& rightIds,
    const std::unordered_map<ExprId, EventTimeKind>& leftEventTime,
    const std::unordered_map<ExprId, EventTimeKind>& rightEventTime) {
  JoinTimeBounds out;
  for (const ExprPtr& c : conjuncts) {
    for (const UpperBound& u : upperBounds(c)) {
      // u.upper.col + u.upper.off <= u.lower.col + u.lower.off, i.e.
      // upper.col <= lower.col + k: a `lower` row is done once lower.col + k <= W, as long as
      // every future `upper` row is above W (its column is watermarked).
      const int64_t k = u.lower.offset - u.upper.offset;
      if (rightIds.count(u.upper.column) && leftIds.count(u.lower.column) &&
          isWatermarked(u.upper.column, rightEventTime))
        keepTightest(out.left, {u.lower.column, k});
      if (leftIds.count(u.upper.column) && rightIds.count(u.lower.column) &&
          isWatermarked(u.upper.column, leftEventTime))
        keepTightest(out.right, {u.lower.column, k});
    }
  }
  return out;
}

}  // namespace sluice
