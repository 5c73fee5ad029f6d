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

/// Spark's generated code runs the branches of CASE / IF / COALESCE / NVL2 and the right side
/// of AND / OR only where they are taken; sluice's computes every argument, so an ANSI check
/// in an argument fires only under the condition that the argument is taken. The scope makes
/// `taken` (ANDed with the enclosing scope's) that condition while argument code is emitted.
class AnsiGuardScope {
 public:
  AnsiGuardScope(llvm::IRBuilder<>& b, llvm::Value* taken);
  ~AnsiGuardScope();
  AnsiGuardScope(const AnsiGuardScope&) = delete;
  AnsiGuardScope& operator=(const AnsiGuardScope&) = delete;

 private:
  llvm::Value* outer_;
};

/// Whether call `e` takes some arguments lazily (see AnsiGuardScope) and one of them holds an
/// expression in ANSI mode.
bool needsAnsiGuards(const Expr& e);
/// When argument `i` of lazy call `e` is taken, from its compiled arguments before `i`
/// (nullptr: always).
llvm::Value* lazyArgumentTaken(llvm::IRBuilder<>& b, const Expr& e,
                               const std::vector<SqlValue>& before, size_t i);

/// After call `e` (in ANSI mode) compiled to `result` from `args` (its compiled arguments
/// before any coercion): overflow, division by zero, array index and datetime parse checks.
void emitAnsiCallChecks(llvm::IRBuilder<>& b, const Expr& e, const std::vector<SqlValue>& args,
                        const SqlValue& result, const exprgen::CoerceFn& coerce);
/// After cast `e` (in ANSI mode) of `in` compiled to `out`: invalid input and overflow.
void emitAnsiCastCheck(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& in,
                       const SqlValue& out);

/// TRY_CAST `e` of `in` compiled (in legacy mode) to `out`: NULL also where legacy mode wraps
/// or saturates a number that does not fit (where ANSI mode fails).
SqlValue emitTryCast(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& in, const SqlValue& out);

}  // namespace sluice
