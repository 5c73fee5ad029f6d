// true AND x => x, x OR true => true, NOT NOT x => x, NOT (a < b) => a >= b, De Morgan
#include "planner/functions/function.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

ExprPtr boolLiteral(bool b, const ExprPtr& at) {
  return makeLiteral(Value::boolean(b), DataType::boolean(), at->span);
}

// The negation of a comparison, valid in three-valued logic: NOT (a < b) is NULL exactly when
// a >= b is, and Spark orders NaN above everything, so there is no unordered case.
const char* negatedComparison(const std::string& op) {
  if (op == "<") return ">=";
  if (op == "<=") return ">";
  if (op == ">") return "<=";
  if (op == ">=") return "<";
  return nullptr;
}

// NOT e, simplified (used for the result of De Morgan too, so one pass goes all the way).
ExprPtr simplifyNot(const ExprPtr& original, const ExprPtr& c) {
  if (isTrueLiteral(c)) return boolLiteral(false, original ? original : c);
  if (isFalseLiteral(c)) return boolLiteral(true, original ? original : c);
  if (c->kind == ExprKind::Call) {
    const std::string& n = c->fn->name;
    if (n == "not") return c->args[0];
    if (const char* neg = negatedComparison(n)) return makeBoolCall(neg, c->args, c->nullable);
    if (n == "isnull") return makeBoolCall("isnotnull", c->args, false);
    if (n == "isnotnull") return makeBoolCall("isnull", c->args, false);
    if (n == "and")
      return makeOr(simplifyNot(nullptr, c->args[0]), simplifyNot(nullptr, c->args[1]));
    if (n == "or")
      return makeAnd(simplifyNot(nullptr, c->args[0]), simplifyNot(nullptr, c->args[1]));
  }
  return original ? original : makeNot(c);
}

bool negates(const ExprPtr& a, const ExprPtr& b) {
  return isCall(b, "not") && semanticEquals(b->args[0], a);
}

ExprPtr simplify(const ExprPtr& e) {
  if (e->kind != ExprKind::Call) return e;
  const std::string& n = e->fn->name;
  if (n == "and" || n == "or") {
    const bool isAnd = n == "and";
    const ExprPtr& a = e->args[0];
    const ExprPtr& b = e->args[1];
    // The neutral element disappears; the absorbing one wins even against NULL
    // (NULL AND false is false, NULL OR true is true).
    auto neutral = isAnd ? isTrueLiteral : isFalseLiteral;
    auto absorbing = isAnd ? isFalseLiteral : isTrueLiteral;
    if (neutral(a)) return b;
    if (neutral(b)) return a;
    if (absorbing(a) || absorbing(b)) return boolLiteral(!isAnd, e);
    if (a->deterministic() && semanticEquals(a, b)) return a;
    // a AND NOT a is false only when a cannot be NULL (NULL AND NOT NULL is NULL).
    if (!a->nullable && a->deterministic() && (negates(a, b) || negates(b, a)))
      return boolLiteral(!isAnd, e);
    return e;
  }
  if (n == "not") return simplifyNot(e, e->args[0]);
  return e;
}

PlanPtr booleanSimplification(const PlanPtr& plan) {
  return transformAllExpressions(plan, simplify);
}

}  // namespace

RulePtr makeBooleanSimplification() {
  return std::make_unique<FunctionRule>("BooleanSimplification", &booleanSimplification);
}

}  // namespace sluice
