// Constant-argument checks rows attach with RowBuilder::checkConstants: a literal pattern
// that can never be valid is an AnalysisError at the call, so it surfaces before any row
// runs. Patterns that come from data and turn out invalid give NULL at run time instead.
#include <stdexcept>

#include "planner/functions/registry_rows.h"
#include "stdlib/datetime.h"
#include "stdlib/strings.h"

namespace sluice::fnrow {

void checkConstant(const Expr& call, const std::function<void()>& check) {
  try {
    check();
  } catch (const std::invalid_argument& err) {
    throw AnalysisError(err.what(), nullptr, call.span);
  }
}

const Value* literalArg(const Expr& call, size_t i) {
  if (call.args.size() <= i || call.args[i]->kind != ExprKind::Literal) return nullptr;
  const Value& v = call.args[i]->value;
  return v.isNull() ? nullptr : &v;
}

std::function<void(const Expr&)> regexArg(size_t i) {
  return [i](const Expr& call) {
    if (const Value* re = literalArg(call, i))
      checkConstant(call, [&] { stdlib::validateRegex(re->asString()); });
  };
}

std::function<void(const Expr&)> datetimePatternArg(size_t i) {
  return [i](const Expr& call) {
    const Value* f = literalArg(call, i);
    if (!f) return;
    checkConstant(call, [&] {
      std::string err;
      if (!stdlib::DateTimePattern::compile(f->asString(), &err)) throw std::invalid_argument(err);
    });
  };
}

}  // namespace sluice::fnrow
