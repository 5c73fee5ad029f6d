// evaluateConstant: folds a foldable bound expression. Functions with short-circuit semantics
// (AND, OR, CASE, IF, COALESCE, NVL2) are evaluated lazily here so a branch that is not taken
// is never evaluated; every other call evaluates its arguments and calls the row's fold.
#include "planner/functions/evaluate.h"

#include <optional>
#include <stdexcept>

#include "frontend/error.h"
#include "planner/functions/ansi.h"
#include "planner/functions/function.h"

namespace sluice {
namespace {

// 3-valued logic: nullopt is NULL.
std::optional<bool> asTri(const Value& v) {
  if (v.isNull()) return std::nullopt;
  return v.asBool();
}

bool lazyCall(const Expr& e, Value* out) {
  const std::string& n = e.fn->name;
  const auto& a = e.args;
  if (n == "and" || n == "or") {
    const bool isAnd = n == "and";
    const auto l = asTri(evaluateConstant(a[0]));
    if (l && *l != isAnd) {  // false AND _ / true OR _
      *out = Value::boolean(*l);
      return true;
    }
    const auto r = asTri(evaluateConstant(a[1]));
    if (r && *r != isAnd) {
      *out = Value::boolean(*r);
      return true;
    }
    *out = l && r ? Value::boolean(isAnd) : Value();
    return true;
  }
  if (n == "casewhen") {
    size_t i = 0;
    for (; i + 1 < a.size(); i += 2) {
      const auto c = asTri(evaluateConstant(a[i]));
      if (c && *c) {
        *out = evaluateConstant(a[i + 1]);
        return true;
      }
    }
    *out = i < a.size() ? evaluateConstant(a[i]) : Value();
    return true;
  }
  if (n == "if") {
    const auto c = asTri(evaluateConstant(a[0]));
    *out = evaluateConstant(c && *c ? a[1] : a[2]);
    return true;
  }
  if (n == "coalesce") {
    for (const auto& x : a) {
      Value v = evaluateConstant(x);
      if (!v.isNull()) {
        *out = std::move(v);
        return true;
      }
    }
    *out = Value();
    return true;
  }
  if (n == "nvl2") {
    *out = evaluateConstant(evaluateConstant(a[0]).isNull() ? a[2] : a[1]);
    return true;
  }
  return false;
}

// Values of the lambda parameters being evaluated (applyLambda), by ExprId.
std::vector<std::pair<ExprId, Value>>& lambdaEnv() {
  thread_local std::vector<std::pair<ExprId, Value>> env;
  return env;
}

}  // namespace

Value applyLambda(const Expr& lambda, const std::vector<Value>& params) {
  auto& env = lambdaEnv();
  const size_t n = env.size();
  for (size_t i = 0; i < lambda.lambdaParams.size() && i < params.size(); ++i)
    env.emplace_back(lambda.lambdaParams[i].id, params[i]);
  struct Pop {
    std::vector<std::pair<ExprId, Value>>& env;
    size_t n;
    ~Pop() { env.resize(n); }
  } pop{env, n};
  return evaluateConstant(lambda.args[0]);
}

Value evaluateConstant(const ExprPtr& e) {
  switch (e->kind) {
    case ExprKind::Literal:
      return e->value;
    case ExprKind::ColumnRef:
      throw std::logic_error("evaluateConstant on a column reference " + e->toString());
    case ExprKind::LambdaVar: {
      const auto& env = lambdaEnv();
      for (auto it = env.rbegin(); it != env.rend(); ++it)
        if (it->first == e->attr.id) return it->second;
      throw std::logic_error("evaluateConstant on an unbound lambda variable " + e->toString());
    }
    case ExprKind::Lambda:
      return {};  // a higher-order function's fold applies it (applyLambda)
    case ExprKind::Alias:
      return evaluateConstant(e->args[0]);
    case ExprKind::Cast: {
      const Value in = evaluateConstant(e->args[0]);
      Value out = castValue(in, *e->args[0]->type, *e->type, e->timeZone);
      if ((isAnsi(*e) || e->fn == &tryCastMode()) && !in.isNull()) try {
          checkAnsiCast(*e, in, out);
        } catch (const std::invalid_argument& err) {
          if (e->fn == &tryCastMode()) return {};  // TRY_CAST: NULL where ANSI fails
          throw AnalysisError(err.what(), nullptr, e->span);
        }
      return out;
    }
    case ExprKind::GetField: {
      Value s = evaluateConstant(e->args[0]);
      if (s.isNull() || e->ordinal < 0) return {};
      return s.asList().at(static_cast<size_t>(e->ordinal));
    }
    case ExprKind::Call: {
      if (!e->fn->fold) throw std::logic_error("function " + e->fn->name + " cannot be folded");
      Value out;
      if (e->fn->nulls == NullBehavior::Custom && lazyCall(*e, &out)) return out;
      std::vector<Value> args;
      args.reserve(e->args.size());
      for (const auto& a : e->args) {
        args.push_back(evaluateConstant(a));
        if (args.back().isNull() && e->fn->nulls == NullBehavior::Propagates) return {};
      }
      try {
        Value out = e->fn->fold(args, *e);
        if (isAnsi(*e)) checkAnsiCall(*e, args, out);
        return out;
      } catch (const std::invalid_argument& err) {
        // Kernels report invalid constant patterns this way; they can never succeed.
        throw AnalysisError(err.what(), nullptr, e->span);
      }
    }
  }
  return {};
}

}  // namespace sluice
