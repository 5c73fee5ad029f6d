#include "planner/optimizer/rules/set_operation_util.h"

#include <stdexcept>

#include "planner/functions/function.h"
#include "planner/functions/registry.h"
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"

namespace sluice {
namespace {

// A value of type `t` to stand for NULL in an equi-join key, or null when there is none.
ExprPtr defaultValue(const TypePtr& t) {
  switch (t->id()) {
    case TypeId::Boolean:
      return makeLiteral(Value::boolean(false), t);
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
    case TypeId::Date:
    case TypeId::Timestamp:
      return makeLiteral(Value::integer(0), t);
    case TypeId::Float:
    case TypeId::Double:
      return makeLiteral(Value::real(0), t);
    case TypeId::Decimal:
      return makeLiteral(Value::decimal(0), t);
    case TypeId::String:
    case TypeId::Binary:
      return makeLiteral(Value::bytes(""), t);
    default:
      return nullptr;
  }
}

}  // namespace

ExprPtr nullSafeRowEquality(const std::vector<Attribute>& left,
                            const std::vector<Attribute>& right) {
  ExprPtr cond;
  auto add = [&](ExprPtr c) { cond = cond ? makeAnd(cond, std::move(c)) : std::move(c); };
  for (size_t i = 0; i < left.size() && i < right.size(); ++i) {
    ExprPtr l = makeColumnRef(left[i]), r = makeColumnRef(right[i]);
    if (!left[i].nullable && !right[i].nullable) {
      add(makeBoolCall("=", {l, r}, false));
      continue;
    }
    ExprPtr d = defaultValue(left[i].type);
    if (!d) {
      add(makeBoolCall("<=>", {l, r}, false));
      continue;
    }
    add(makeBoolCall("=", {typedCall("coalesce", {l, d}), typedCall("coalesce", {r, d})}, false));
    add(makeBoolCall("=", {typedCall("isnull", {l}), typedCall("isnull", {r})}, false));
  }
  return cond ? cond : makeBool(true);
}

PlanPtr replicateRows(const Attribute& count, const std::vector<Attribute>& columns,
                      PlanPtr child) {
  ExprPtr one = makeLiteral(Value::integer(1), DataType::bigint());
  ExprPtr seq = typedCall("sequence", {one, makeColumnRef(count)});
  const FunctionDef* explode = FunctionRegistry::builtins().find("explode");
  ExprPtr gen = makeCall(explode, {seq}, DataType::null(), true);
  Attribute n{newExprId(), "col", DataType::bigint(), true, ""};
  auto g = std::make_shared<Generate>(gen, false, std::vector<Attribute>{n}, std::move(child));
  g->keepAllChildOutput = false;
  g->childOutput = columns;
  std::vector<ExprPtr> list;
  for (const auto& c : columns) list.push_back(makeColumnRef(c));
  return std::make_shared<Project>(std::move(list), g);
}

}  // namespace sluice
