#pragma once
// spark.sql.ansi.enabled in generated code: the checks of planner/functions/ansi.h, emitted
// after a call or cast bound in ANSI mode (isAnsi). A failed check records Spark's
// error (stdlib/ansi_errors.h) as the kernel error, so the runtime fails the batch with it;
// legacy-mode expressions get no code from here (their kernels do not change).
#include <llvm/IR/IRBuilder.h>

#include <vector>

#include "codegen/expr_codegen_internal.h"
#include "codegen/ir/sql_value.h"
#include "planner/expr.h"

namespace sluice {

/// After call `e` (in ANSI mode) compiled to `result` from `args` (its compiled arguments
/// before any coercion): overflow, division by zero, array index and datetime parse checks.
void emitAnsiCallChecks(llvm::IRBuilder<>& b, const Expr& e, const std::vector<SqlValue>& args,
                        const SqlValue& result, const exprgen::CoerceFn& coerce);
/// After cast `e` (in ANSI mode) of `in` compiled to `out`: invalid input and overflow.
void emitAnsiCastCheck(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& in,
                       const SqlValue& out);

}  // namespace sluice
