#include "planner/optimizer/rules/rule_util.h"

#include "planner/functions/function.h"
#include "planner/functions/registry.h"

namespace sluice {

bool isCall(const ExprPtr& e, std::string_view name) {
  return e->kind == ExprKind::Call && e->fn->name == name;
}

bool isTrueLiteral(const ExprPtr& e) {
  return e->kind == ExprKind::Literal && e->type->id() == TypeId::Boolean && !e->value.isNull() &&
         e->value.asBool();
}

bool isFalseLiteral(const ExprPtr& e) {
  return e->kind == ExprKind::Literal && e->type->id() == TypeId::Boolean && !e->value.isNull() &&
         !e->value.asBool();
}

bool isNullLiteral(const ExprPtr& e) {
  return e->kind == ExprKind::Literal && e->value.isNull();
}

ExprPtr makeNot(ExprPtr e) {
  const bool n = e->nullable;
  return makeCall(&builtinOp("not"), {std::move(e)}, DataType::boolean(), n);
}

ExprPtr makeAnd(ExprPtr a, ExprPtr b) {
  const bool n = a->nullable || b->nullable;
  return makeCall(&builtinOp("and"), {std::move(a), std::move(b)}, DataType::boolean(), n);
}

ExprPtr makeOr(ExprPtr a, ExprPtr b) {
  const bool n = a->nullable || b->nullable;
  return makeCall(&builtinOp("or"), {std::move(a), std::move(b)}, DataType::boolean(), n);
}

ExprPtr makeBoolCall(const char* op, std::vector<ExprPtr> args, bool nullable) {
  return makeCall(&builtinOp(op), std::move(args), DataType::boolean(), nullable);
}

AliasMap aliasMap(const std::vector<ExprPtr>& list) {
  AliasMap m;
  for (const auto& e : list) m.emplace(e->outputAttr().id, stripAlias(e));
  return m;
}

ExprPtr replaceAliases(const ExprPtr& e, const AliasMap& m) {
  return transformUp(e, [&](const ExprPtr& n) -> ExprPtr {
    if (n->kind != ExprKind::ColumnRef) return n;
    auto it = m.find(n->attr.id);
    return it == m.end() || it->second == n ? n : it->second;
  });
}

bool isCheap(const ExprPtr& e) {
  switch (e->kind) {
    case ExprKind::ColumnRef:
    case ExprKind::Literal:
      return true;
    case ExprKind::Alias:
    case ExprKind::GetField:
      return isCheap(e->args[0]);
    default:
      return e->foldable();
  }
}

bool isExpensive(const ExprPtr& e) {
  static const char* const kExpensive[] = {
      "from_json",   "to_json",      "json_tuple",     "get_json_object",    "schema_of_json",
      "from_csv",    "rlike",        "regexp_extract", "regexp_extract_all", "regexp_replace",
      "regexp_like", "regexp_count", "regexp_instr",   "regexp_substr"};
  bool found = false;
  visit(e, [&](const ExprPtr& n) {
    if (found) return false;
    if (n->kind == ExprKind::Call)
      for (const char* name : kExpensive)
        if (n->fn->name == name) found = true;
    return !found;
  });
  return found;
}

bool isSubset(const std::unordered_set<ExprId>& a, const std::unordered_set<ExprId>& b) {
  for (ExprId id : a)
    if (!b.count(id)) return false;
  return true;
}

}  // namespace sluice
