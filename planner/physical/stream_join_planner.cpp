#include "planner/physical/stream_join_planner.h"

#include "planner/functions/function.h"
#include "planner/physical/equi_join_keys.h"
#include "planner/physical/phys_filter.h"
#include "planner/streaming/stream_join_bounds.h"

namespace sluice {
namespace {

std::unordered_set<ExprId> idsOf(const std::vector<Attribute>& attrs) {
  std::unordered_set<ExprId> out;
  for (const auto& a : attrs) out.insert(a.id);
  return out;
}

std::optional<size_t> indexOf(const std::vector<Attribute>& attrs, ExprId id) {
  for (size_t i = 0; i < attrs.size(); ++i)
    if (attrs[i].id == id) return i;
  return std::nullopt;
}

std::optional<StateTimeBound> physBound(const std::optional<JoinSideBound>& b,
                                        const std::vector<Attribute>& side) {
  if (!b) return std::nullopt;
  auto i = indexOf(side, b->column);
  if (!i) return std::nullopt;
  return StateTimeBound{*i, b->offsetMicros};
}

// The first watermarked timestamp column among a side's columns.
std::optional<size_t> lateColumn(const std::vector<Attribute>& side,
                                 const std::unordered_map<ExprId, EventTimeKind>& lineage) {
  for (size_t i = 0; i < side.size(); ++i) {
    auto it = lineage.find(side[i].id);
    if (it != lineage.end() && it->second == EventTimeKind::Timestamp) return i;
  }
  return std::nullopt;
}

}  // namespace

std::string PhysStreamJoin::argString() const {
  std::string s = exprList(leftKeys) + ", " + exprList(rightKeys) + ", " + joinKindName(type);
  if (condition) s += ", " + condition->toString();
  auto bound = [&](const char* side, const std::optional<StateTimeBound>& b, const PhysPtr& in) {
    if (!b) return;
    s += std::string(", ") + side + " state until " + in->output().at(b->column).toString() +
         (b->offsetMicros >= 0 ? " + " : " - ") +
         std::to_string((b->offsetMicros >= 0 ? b->offsetMicros : -b->offsetMicros) / 1000) +
         " ms <= watermark";
  };
  bound("left", leftBound, left());
  bound("right", rightBound, right());
  return s;
}

PhysPtr planStreamJoin(const Join& j, PhysPtr left, PhysPtr right) {
  const auto lattrs = j.left()->output(), rattrs = j.right()->output();
  const auto lids = idsOf(lattrs), rids = idsOf(rattrs);
  std::vector<ExprPtr> all;
  if (j.condition) all = splitConjuncts(j.condition);
  EquiJoinKeys k = splitEquiJoinKeys(j.condition, lids, rids);
  // An inner join emits exactly the pairs the whole condition accepts, so the conjuncts
  // beyond the keys run as a filter above it, in the generated code of the join's output
  // pipeline; outer and semi joins need them inside (they decide "matched").
  const ExprPtr rest = joinConjuncts(k.rest);
  const bool filterAbove = j.type == JoinKind::Inner && rest != nullptr;
  auto op = std::make_shared<PhysStreamJoin>(j.type, k.left, k.right, filterAbove ? nullptr : rest,
                                             j.output(), std::move(left), std::move(right));
  const auto lwm = eventTimeColumns(*j.left()), rwm = eventTimeColumns(*j.right());
  const JoinTimeBounds b = deriveJoinTimeBounds(all, lids, rids, lwm, rwm);
  op->leftBound = physBound(b.left, lattrs);
  op->rightBound = physBound(b.right, rattrs);
  op->leftLateColumn = lateColumn(lattrs, lwm);
  op->rightLateColumn = lateColumn(rattrs, rwm);
  if (filterAbove) return std::make_shared<PhysFilter>(rest, op);
  return op;
}

}  // namespace sluice
