#include "planner/expr.h"

#include <algorithm>
#include <atomic>

#include "planner/functions/function.h"
#include "planner/functions/registry.h"

namespace sluice {

ExprId newExprId() {
  static std::atomic<ExprId> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::string Attribute::toString() const {
  return name + "#" + std::to_string(id);
}

Attribute Attribute::withType(TypePtr t) const {
  Attribute a = *this;
  a.type = std::move(t);
  return a;
}

namespace {

std::string joinArgs(const std::vector<ExprPtr>& args, size_t from = 0) {
  std::string s;
  for (size_t i = from; i < args.size(); ++i) {
    if (i > from) s += ", ";
    s += args[i]->toString();
  }
  return s;
}

}  // namespace

std::string Expr::toString() const {
  switch (kind) {
    case ExprKind::Literal:
      return value.toSqlLiteral(*type);
    case ExprKind::ColumnRef:
      return attr.toString();
    case ExprKind::Alias:
      return args[0]->toString() + " AS " + attr.toString();
    case ExprKind::Cast:
      return "cast(" + args[0]->toString() + " as " + type->toString() + ")";
    case ExprKind::GetField:
      return args[0]->toString() + "." + field;
    case ExprKind::LambdaVar:
      return "lambda " + attr.toString();
    case ExprKind::Lambda: {
      // Spark's LambdaFunction: lambdafunction(body, lambda x#1, lambda y#2)
      std::string s = "lambdafunction(" + args[0]->toString();
      for (const auto& p : lambdaParams) s += ", lambda " + p.toString();
      return s + ")";
    }
    case ExprKind::Call: {
      const std::string& n = fn->name;
      if (fn->infix && args.size() == 2)
        return "(" + args[0]->toString() + " " + n + " " + args[1]->toString() + ")";
      if (n == "not") return "NOT " + args[0]->toString();
      if (n == "negative") return "-" + args[0]->toString();
      if (n == "isnull") return "isnull(" + args[0]->toString() + ")";
      if (n == "in") return "(" + args[0]->toString() + " IN (" + joinArgs(args, 1) + "))";
      if (n == "casewhen") {
        std::string s = "CASE";
        size_t i = 0;
        for (; i + 1 < args.size(); i += 2)
          s += " WHEN " + args[i]->toString() + " THEN " + args[i + 1]->toString();
        if (i < args.size()) s += " ELSE " + args[i]->toString();
        return s + " END";
      }
      return n + "(" + (distinct ? "DISTINCT " : "") + joinArgs(args) + ")";
    }
  }
  return "?";
}

const Attribute& Expr::outputAttr() const {
  return attr;
}

bool Expr::deterministic() const {
  if (kind == ExprKind::Call && !fn->deterministic) return false;
  for (const auto& a : args)
    if (!a->deterministic()) return false;
  return true;
}

namespace {

// Foldable when the lambda parameters in `bound` count as constants: a lambda function is
// foldable when its body is, given its own parameters (a parameter alone is not).
bool foldableWith(const Expr& e, std::vector<ExprId>& bound) {
  switch (e.kind) {
    case ExprKind::Literal:
      return true;
    case ExprKind::ColumnRef:
      return false;
    case ExprKind::LambdaVar:
      return std::find(bound.begin(), bound.end(), e.attr.id) != bound.end();
    case ExprKind::Lambda: {
      const size_t n = bound.size();
      for (const auto& p : e.lambdaParams) bound.push_back(p.id);
      const bool out = foldableWith(*e.args[0], bound);
      bound.resize(n);
      return out;
    }
    case ExprKind::Alias:
    case ExprKind::Cast:
    case ExprKind::GetField:
      return foldableWith(*e.args[0], bound);
    case ExprKind::Call:
      if (e.fn->kind != FunctionKind::Scalar || !e.fn->fold || !e.fn->deterministic) return false;
      for (const auto& a : e.args)
        if (!foldableWith(*a, bound)) return false;
      return true;
  }
  return false;
}

}  // namespace

bool Expr::foldable() const {
  std::vector<ExprId> bound;
  return foldableWith(*this, bound);
}

bool Expr::containsAggregate() const {
  if (kind == ExprKind::Call && fn->kind == FunctionKind::Aggregate) return true;
  for (const auto& a : args)
    if (a->containsAggregate()) return true;
  return false;
}

bool Expr::containsGenerator() const {
  if (kind == ExprKind::Call && fn->kind == FunctionKind::Generator) return true;
  for (const auto& a : args)
    if (a->containsGenerator()) return true;
  return false;
}

ExprPtr Expr::withArgs(std::vector<ExprPtr> newArgs) const {
  auto e = std::make_shared<Expr>(*this);
  e->args = std::move(newArgs);
  if (kind == ExprKind::Alias) {
    e->attr.type = e->args[0]->type;
    e->attr.nullable = e->args[0]->nullable;
    e->type = e->attr.type;
    e->nullable = e->attr.nullable;
  } else if (kind == ExprKind::Lambda) {
    e->type = e->args[0]->type;
    e->nullable = e->args[0]->nullable;
  } else if (kind == ExprKind::GetField) {
    // Re-resolve by name: nested-field pruning may have narrowed the struct.
    const auto& st = *e->args[0]->type;
    if (st.id() == TypeId::Struct) {
      e->ordinal = st.fieldIndex(field);
      if (e->ordinal >= 0) {
        e->type = st.fields()[static_cast<size_t>(e->ordinal)].type;
        e->nullable = e->args[0]->nullable || st.fields()[static_cast<size_t>(e->ordinal)].nullable;
      }
    }
  }
  return e;
}

ExprPtr makeLiteral(Value v, TypePtr type, SourceSpan span) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Literal;
  e->nullable = v.isNull();
  e->value = std::move(v);
  e->type = std::move(type);
  e->span = span;
  return e;
}

ExprPtr makeNull(TypePtr type) {
  return makeLiteral(Value::null(), std::move(type));
}
ExprPtr makeBool(bool b) {
  return makeLiteral(Value::boolean(b), DataType::boolean());
}

ExprPtr makeColumnRef(const Attribute& a, SourceSpan span) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::ColumnRef;
  e->attr = a;
  e->type = a.type;
  e->nullable = a.nullable;
  e->span = span;
  return e;
}

ExprPtr makeAlias(ExprPtr child, const std::string& name, ExprId id, SourceSpan span) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Alias;
  e->attr.id = id ? id : newExprId();
  e->attr.name = name;
  e->attr.type = child->type;
  e->attr.nullable = child->nullable;
  e->type = child->type;
  e->nullable = child->nullable;
  e->span = span.known ? span : child->span;
  e->args = {std::move(child)};
  return e;
}

ExprPtr makeCall(const FunctionDef* fn, std::vector<ExprPtr> args, TypePtr type, bool nullable,
                 SourceSpan span, bool distinct) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Call;
  e->fn = fn;
  e->args = std::move(args);
  e->type = std::move(type);
  e->nullable = nullable;
  e->span = span;
  e->distinct = distinct;
  return e;
}

ExprPtr makeCast(ExprPtr child, TypePtr to, SourceSpan span) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Cast;
  e->type = std::move(to);
  // Non-ANSI casts turn invalid input into NULL, so any cast that can fail is nullable.
  e->nullable = true;
  e->span = span.known ? span : child->span;
  e->args = {std::move(child)};
  return e;
}

ExprPtr makeLambda(std::vector<Attribute> params, ExprPtr body, SourceSpan span) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::Lambda;
  e->type = body->type;
  e->nullable = body->nullable;
  e->span = span.known ? span : body->span;
  e->lambdaParams = std::move(params);
  e->args = {std::move(body)};
  return e;
}

ExprPtr makeLambdaVar(const Attribute& param, SourceSpan span) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::LambdaVar;
  e->type = param.type;
  e->nullable = param.nullable;
  e->span = span;
  e->attr = param;
  return e;
}

ExprPtr makeGetField(ExprPtr child, const std::string& field, SourceSpan span) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::GetField;
  e->field = field;
  e->span = span.known ? span : child->span;
  e->args = {std::move(child)};
  const auto& st = *e->args[0]->type;
  e->ordinal = st.id() == TypeId::Struct ? st.fieldIndex(field) : -1;
  if (e->ordinal >= 0) {
    const auto& f = st.fields()[static_cast<size_t>(e->ordinal)];
    e->type = f.type;
    e->nullable = e->args[0]->nullable || f.nullable;
  } else {
    e->type = DataType::null();
  }
  return e;
}

ExprPtr transformUp(const ExprPtr& e, const std::function<ExprPtr(const ExprPtr&)>& fn) {
  std::vector<ExprPtr> args;
  args.reserve(e->args.size());
  bool changed = false;
  for (const auto& a : e->args) {
    args.push_back(transformUp(a, fn));
    changed |= args.back() != a;
  }
  return fn(changed ? e->withArgs(std::move(args)) : e);
}

ExprPtr transformDown(const ExprPtr& e, const std::function<ExprPtr(const ExprPtr&)>& fn) {
  ExprPtr self = fn(e);
  std::vector<ExprPtr> args;
  args.reserve(self->args.size());
  bool changed = false;
  for (const auto& a : self->args) {
    args.push_back(transformDown(a, fn));
    changed |= args.back() != a;
  }
  return changed ? self->withArgs(std::move(args)) : self;
}

void visit(const ExprPtr& e, const std::function<bool(const ExprPtr&)>& fn) {
  if (!fn(e)) return;
  for (const auto& a : e->args) visit(a, fn);
}

std::unordered_set<ExprId> references(const ExprPtr& e) {
  std::unordered_set<ExprId> ids;
  visit(e, [&](const ExprPtr& n) {
    if (n->kind == ExprKind::ColumnRef) ids.insert(n->attr.id);
    return true;
  });
  return ids;
}

bool semanticEquals(const ExprPtr& a, const ExprPtr& b) {
  if (a == b) return true;
  if (a->kind != b->kind || a->args.size() != b->args.size()) return false;
  switch (a->kind) {
    case ExprKind::Literal:
      if (!(a->value == b->value) || !a->type->equals(*b->type)) return false;
      break;
    case ExprKind::ColumnRef:
      if (a->attr.id != b->attr.id) return false;
      break;
    case ExprKind::Alias:
      if (a->attr.name != b->attr.name) return false;
      break;
    case ExprKind::Call:
      if (a->fn != b->fn || a->distinct != b->distinct || a->timeZone != b->timeZone) return false;
      break;
    case ExprKind::Cast:
      if (!a->type->equals(*b->type) || a->timeZone != b->timeZone) return false;
      break;
    case ExprKind::GetField:
      if (a->field != b->field) return false;
      break;
    case ExprKind::LambdaVar:
      if (a->attr.id != b->attr.id) return false;
      break;
    case ExprKind::Lambda:
      if (a->lambdaParams.size() != b->lambdaParams.size()) return false;
      for (size_t i = 0; i < a->lambdaParams.size(); ++i)
        if (a->lambdaParams[i].id != b->lambdaParams[i].id) return false;
      break;
  }
  for (size_t i = 0; i < a->args.size(); ++i)
    if (!semanticEquals(a->args[i], b->args[i])) return false;
  return true;
}

std::vector<ExprPtr> splitConjuncts(const ExprPtr& e) {
  if (e->kind == ExprKind::Call && e->fn->name == "and") {
    auto l = splitConjuncts(e->args[0]);
    auto r = splitConjuncts(e->args[1]);
    l.insert(l.end(), r.begin(), r.end());
    return l;
  }
  return {e};
}

ExprPtr joinConjuncts(const std::vector<ExprPtr>& preds) {
  if (preds.empty()) return nullptr;
  ExprPtr acc = preds[0];
  for (size_t i = 1; i < preds.size(); ++i)
    acc = makeCall(&builtinOp("and"), {acc, preds[i]}, DataType::boolean(),
                   acc->nullable || preds[i]->nullable);
  return acc;
}

}  // namespace sluice
