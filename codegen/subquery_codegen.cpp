// Emitter of scalar_subquery_result(n, v), the value of an uncorrelated scalar subquery
// (planner/optimizer/rules/rewrite_uncorrelated_scalar_subquery.cpp): v, after failing the
// query when the subquery returned more than one row (n > 1).
#include "codegen/call_emitters.h"
#include "codegen/nested_ir.h"

namespace sluice {
namespace {

std::optional<SqlValue> scalarSubqueryResult(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue n = c.coerce(c.args[0], DataType::bigint());
  raiseKernelErrorIf(b, b.CreateICmpSGT(n.value, b.getInt64(1)),
                     "[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery "
                     "used as an expression.");
  return c.coerce(c.args[1], c.e.type);
}

const NamedEmitter kEmitters[] = {
    {"scalar_subquery_result", scalarSubqueryResult},
};

}  // namespace

std::span<const NamedEmitter> subqueryEmitters() {
  return kEmitters;
}

}  // namespace sluice
