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

ExprPtr typedCall(const std::string& name, std::vector<ExprPtr> args) {
  const FunctionDef* f = FunctionRegistry::builtins().find(name);
  if (!f || !f->resolve) throw std::logic_error("internal: no builtin " + name);
  ResolveContext ctx{
      args, name, [&](int i, const std::string& m) {
        throw std::logic_error("internal: " + name + " argument " + std::to_string(i) + ": " + m);
      }};
  Resolution r = f->resolve(ctx);
  for (size_t i = 0; i < args.size() && i < r.argTypes.size(); ++i)
    if (r.argTypes[i] && !r.argTypes[i]->equals(*args[i]->type))
      args[i] = makeCast(args[i], r.argTypes[i]);
  bool nullable = true;
  if (r.nullableOverride) {
    nullable = r.nullable;
  } else if (f->nulls == NullBehavior::NeverNull) {
    nullable = false;
  } else if (f->nulls == NullBehavior::Propagates) {
    nullable = false;
    for (const auto& a : args) nullable |= a->nullable;
  }
  return makeCall(f, std::move(args), r.result, nullable);
}

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
