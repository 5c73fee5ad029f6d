#pragma once
// Re-derives types through a plan after some columns changed type (nested-field pruning
// narrows a struct: every ColumnRef, field access, alias and generator output derived from
// it must follow). Works bottom-up, so a change flows to every operator above.
#include <functional>
#include <unordered_map>

#include "planner/logical/logical_plan.h"

namespace sluice {

/// Column id -> its new type.
using TypeChanges = std::unordered_map<ExprId, TypePtr>;

/// Rebuilds `plan` so that:
///  - every ColumnRef / attribute (Scan attrs, Generate.childOutput, Watermark.eventTime) of
///    an id in `changes` carries the new type;
///  - every GetField and Alias above a changed expression re-derives its type by field name;
///  - generator outputs (explode, posexplode, inline and their _outer forms) follow their
///    argument's type;
///  - output columns whose type changed as a result are added to the changes for the
///    operators above.
/// `rewrite`, when given, sees every original expression node before its children are
/// processed and may return a replacement (how a rule swaps in a narrowed call).
/// Untouched nodes keep their pointers.
PlanPtr retypePlan(const PlanPtr& plan, TypeChanges changes,
                   const std::function<ExprPtr(const ExprPtr&)>& rewrite = {});

/// Output types of a generator call for its current argument type, or an empty vector when
/// the generator is not one retypePlan knows (its outputs are then left alone).
std::vector<TypePtr> generatorOutputTypes(const Expr& generator);

}  // namespace sluice
