#pragma once
// Test helpers for the function registry: a miniature binder for calls (row lookup, type
// rule, implicit casts) and literal builders.
#include <cmath>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/registry.h"
#include "stdlib/datetime.h"
#include "stdlib/decimal.h"

namespace sluice::testing {

inline ExprPtr lit(int64_t v) {
  return makeLiteral(Value::integer(v), DataType::integer());
}
inline ExprPtr litL(int64_t v) {
  return makeLiteral(Value::integer(v), DataType::bigint());
}
inline ExprPtr litD(double v) {
  return makeLiteral(Value::real(v), DataType::doubleType());
}
inline ExprPtr litB(bool v) {
  return makeBool(v);
}
inline ExprPtr litS(const std::string& s) {
  return makeLiteral(Value::bytes(s), DataType::string());
}
inline ExprPtr litNull(TypePtr t = DataType::null()) {
  return makeNull(std::move(t));
}
inline ExprPtr litDec(const std::string& s, int p, int sc) {
  return makeLiteral(Value::decimal(*stdlib::parseDecimal(s, p, sc)), DataType::decimal(p, sc));
}
inline ExprPtr litDate(const std::string& s) {
  int64_t d = 0;
  stdlib::parseDate(s, &d);
  return makeLiteral(Value::integer(d), DataType::date());
}
inline ExprPtr litTs(const std::string& s) {
  int64_t us = 0;
  stdlib::parseTimestamp(s, &us);
  return makeLiteral(Value::integer(us), DataType::timestamp());
}
/// A non-foldable column of type t.
inline ExprPtr col(const std::string& name, TypePtr t, bool nullable = true) {
  Attribute a;
  a.id = newExprId();
  a.name = name;
  a.type = std::move(t);
  a.nullable = nullable;
  return makeColumnRef(a);
}

/// Binds `name(args)` like the binder: arity check, type rule, casts, nullability.
inline ExprPtr call(const std::string& name, std::vector<ExprPtr> args) {
  const FunctionDef* fn = FunctionRegistry::builtins().find(name);
  if (!fn) throw AnalysisError("undefined function " + name);
  const int n = static_cast<int>(args.size());
  if (n < fn->minArgs || (fn->maxArgs >= 0 && n > fn->maxArgs))
    throw AnalysisError("function " + name + " arity");
  ResolveContext ctx{args, name, [](int, const std::string& m) { throw AnalysisError(m); }};
  Resolution r = fn->resolve(ctx);
  for (size_t i = 0; i < args.size() && i < r.argTypes.size(); ++i)
    if (r.argTypes[i]) args[i] = makeCast(args[i], r.argTypes[i]);
  bool nullable = true;
  if (r.nullableOverride) {
    nullable = r.nullable;
  } else if (fn->nulls == NullBehavior::NeverNull) {
    nullable = false;
  } else if (fn->nulls == NullBehavior::Propagates) {
    nullable = false;
    for (const auto& a : args) nullable |= a->nullable;
  }
  auto e = makeCall(fn, std::move(args), r.result, nullable);
  if (!r.generatorOutput.empty()) {
    // Tests read generator columns through the struct type of the result.
    auto copy = std::make_shared<Expr>(*e);
    copy->type = DataType::structOf(r.generatorOutput);
    return copy;
  }
  return e;
}

/// Folds `name(args)` and renders the value as CAST(... AS STRING) would (NULL -> "NULL").
inline std::string fold(const std::string& name, std::vector<ExprPtr> args) {
  ExprPtr e = call(name, std::move(args));
  Value v = evaluateConstant(e);
  return v.isNull() ? "NULL" : castValue(v, *e->type, *DataType::string()).asString();
}

/// Result type of `name(args)` as a string.
inline std::string typeOf(const std::string& name, std::vector<ExprPtr> args) {
  return call(name, std::move(args))->type->toString();
}

/// The AnalysisError message of binding `name(args)`, or "" if it binds.
inline std::string bindError(const std::string& name, std::vector<ExprPtr> args) {
  try {
    call(name, std::move(args));
  } catch (const AnalysisError& e) {
    return e.message();
  }
  return "";
}

/// Casts a constant: `castStr(litS("12"), DataType::integer())` -> "12".
inline std::string castStr(const ExprPtr& e, const TypePtr& to) {
  Value v = castValue(e->value, *e->type, *to);
  return v.isNull() ? "NULL" : castValue(v, *to, *DataType::string()).asString();
}

}  // namespace sluice::testing
