#include "codegen/aggregate_layout.h"

#include "planner/functions/function.h"
#include "planner/physical/phys_hash_aggregate.h"

namespace sluice {
namespace {

// Fixed-width types whose min / max generated code compares in place.
bool inlineComparable(const DataType& t) {
  switch (t.id()) {
    case TypeId::Boolean:
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
    case TypeId::Float:
    case TypeId::Double:
    case TypeId::Date:
    case TypeId::Timestamp:
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
      return true;
    default:
      return false;
  }
}

AggFunctionLayout classify(const ExprPtr& call) {
  AggFunctionLayout f;
  f.call = call;
  f.resultType = call->type;
  f.kind = AggKind::Generic;
  const std::string& n = call->fn->name;
  if (call->distinct) return f;
  const TypePtr in = call->args.empty() ? nullptr : call->args[0]->type;
  if (n == "count") {
    bool star = true;
    for (const auto& a : call->args) star = star && !a->nullable;
    f.kind = star ? AggKind::CountStar : AggKind::Count;
  } else if (n == "sum" && in && (in->isIntegral() || in->isFractional())) {
    f.kind = AggKind::Sum;
    f.inputType = call->type;  // bigint or double
  } else if ((n == "avg" || n == "mean") && in && (in->isIntegral() || in->isFractional())) {
    f.kind = AggKind::Avg;
    f.inputType = DataType::doubleType();
  } else if ((n == "min" || n == "max") && in && inlineComparable(*in)) {
    f.kind = n == "min" ? AggKind::Min : AggKind::Max;
    f.inputType = in;
  }
  return f;
}

}  // namespace

AggregateLayout AggregateLayout::of(const PhysHashAggregate& op) {
  AggregateLayout l;
  for (const auto& k : op.keys) l.keyTypes.push_back(k->type);
  size_t offset = 0;
  for (const auto& call : op.functions) {
    AggFunctionLayout f = classify(call);
    f.offset = offset;
    offset += f.kind == AggKind::CountStar || f.kind == AggKind::Count || f.kind == AggKind::Generic
                  ? 8
                  : 16;
    l.functions.push_back(std::move(f));
  }
  l.stateSize = (offset + 15) / 16 * 16;
  if (l.stateSize == 0) l.stateSize = 16;
  return l;
}

}  // namespace sluice
