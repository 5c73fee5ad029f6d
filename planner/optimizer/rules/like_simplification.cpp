// x LIKE 'a%' => startswith(x, 'a'); '%a' => endswith; '%a%' => contains; 'a' => x = 'a'
#include <string>
#include <string_view>
#include <vector>

#include "planner/functions/function.h"
#include "planner/functions/registry.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "stdlib/strings.h"

namespace sluice {
namespace {

// Spark's LikeSimplification (Catalyst), with its exact conditions ('a%b' becomes
// octet_length(x) >= 2 AND startswith(x, 'a') AND endswith(x, 'b')): the pattern is a string
// literal; a pattern containing the escape character anywhere is left alone (escaped
// wildcards, escaped escapes and invalid escapes alike); `_` anywhere in a literal part keeps
// LIKE; '%' and '%%' stay LIKE. A NULL pattern gives NULL. Matching is byte-wise: for valid
// UTF-8, a prefix / suffix / infix of whole code points matches byte-wise exactly where LIKE
// matches it code point by code point. One deliberate difference from Spark: the
// 'abc%def' length guard counts bytes (octet_length(x) >= bytes of both parts), which is what
// non-overlap of the byte-wise prefix and suffix means; Spark compares length(x) (code points)
// with the parts' Java String lengths (UTF-16 units), which differ for characters outside the
// BMP, and decoding UTF-8 per row to count code points is what this rule exists to avoid.
// ILIKE with a literal pattern is LIKE of lower(x) against lower(pattern) (that is how
// stdlib::ilike and Spark's ILike replacement are defined), so it is simplified the same way.

ExprPtr stringLiteral(const std::string& s, const ExprPtr& at) {
  return makeLiteral(Value::bytes(s), DataType::string(), at->span);
}

ExprPtr boolCall(const char* name, std::vector<ExprPtr> args, bool nullable, const ExprPtr& at) {
  return makeCall(&builtinOp(name), std::move(args), DataType::boolean(), nullable, at->span);
}

// The simplified form of `input LIKE pattern` (escape character `escape`), or nullptr.
ExprPtr simplifyLike(const ExprPtr& input, const std::string& pattern, char escape,
                     const ExprPtr& at) {
  if (pattern.find(escape) != std::string::npos) return nullptr;
  std::vector<std::string_view> parts;  // the literal runs between '%'s
  std::string_view rest = pattern;
  for (size_t cut; (cut = rest.find('%')) != std::string_view::npos; rest.remove_prefix(cut + 1))
    parts.push_back(rest.substr(0, cut));
  parts.push_back(rest);
  for (std::string_view p : parts)
    if (p.find('_') != std::string_view::npos) return nullptr;

  const bool n = input->nullable;
  auto lit = [&](std::string_view s) { return stringLiteral(std::string(s), at); };
  if (parts.size() == 1) return boolCall("=", {input, lit(parts[0])}, n, at);
  if (parts.size() == 2) {
    const std::string_view prefix = parts[0], suffix = parts[1];
    if (suffix.empty() && !prefix.empty())
      return boolCall("startswith", {input, lit(prefix)}, n, at);
    if (prefix.empty() && !suffix.empty()) return boolCall("endswith", {input, lit(suffix)}, n, at);
    if (prefix.empty() || suffix.empty()) return nullptr;  // '%'
    // 'a%a' must not match 'a': the prefix and the suffix may not overlap.
    const FunctionDef& octetLength = builtinOp("octet_length");
    ExprPtr len = makeCall(&octetLength, {input}, DataType::integer(), n, at->span);
    ExprPtr min = makeLiteral(Value::integer(static_cast<int64_t>(prefix.size() + suffix.size())),
                              DataType::integer(), at->span);
    return makeAnd(boolCall(">=", {len, min}, n, at),
                   makeAnd(boolCall("startswith", {input, lit(prefix)}, n, at),
                           boolCall("endswith", {input, lit(suffix)}, n, at)));
  }
  if (parts.size() == 3 && parts[0].empty() && parts[2].empty() && !parts[1].empty())
    return boolCall("contains", {input, lit(parts[1])}, n, at);
  return nullptr;
}

bool isStringLiteral(const ExprPtr& e) {
  return e->kind == ExprKind::Literal && (e->value.isNull() || e->type->id() == TypeId::String);
}

ExprPtr simplify(const ExprPtr& e) {
  if (e->kind != ExprKind::Call) return e;
  const std::string& name = e->fn->name;
  const bool ilike = name == "ilike";
  if ((name != "like" && !ilike) || e->args.size() < 2 || !isStringLiteral(e->args[1])) return e;
  if (e->args[1]->value.isNull()) return makeNull(DataType::boolean());
  char escape = '\\';
  if (e->args.size() > 2) {
    const ExprPtr& esc = e->args[2];
    if (!isStringLiteral(esc) || esc->value.isNull() || esc->value.asString().size() != 1)
      return e;  // a bad escape is reported when the LIKE runs
    escape = esc->value.asString()[0];
  }
  const std::string& pattern = e->args[1]->value.asString();
  ExprPtr input = e->args[0];
  if (!ilike) {
    ExprPtr r = simplifyLike(input, pattern, escape, e);
    return r ? r : e;
  }
  const FunctionDef& lower = builtinOp("lower");
  ExprPtr lowered = makeCall(&lower, {input}, DataType::string(), input->nullable, e->span);
  ExprPtr r = simplifyLike(lowered, stdlib::lower(pattern), escape, e);
  return r ? r : e;
}

PlanPtr likeSimplification(const PlanPtr& plan) {
  return transformAllExpressions(plan, simplify);
}

}  // namespace

RulePtr makeLikeSimplification() {
  return std::make_unique<FunctionRule>("LikeSimplification", &likeSimplification);
}

}  // namespace sluice
