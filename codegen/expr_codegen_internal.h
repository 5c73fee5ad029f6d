#pragma once
// Internal to ExprCodegen (expr_codegen*.cpp): the pieces of expression compilation that
// call the stdlib through bindings the code generator chooses itself (casts, decimal
// arithmetic, hashing, rounding, ...) rather than through a registry row's symbol.
#include <llvm/IR/IRBuilder.h>

#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "codegen/ir/sql_value.h"
#include "planner/expr.h"

namespace sluice::exprgen {

/// Yields the kernel's StringArena* (throws CodegenError where there is none).
using ArenaFn = std::function<llvm::Value*()>;
/// Casts a compiled value to a type (ExprCodegen::coerce).
using CoerceFn = std::function<SqlValue(const SqlValue&, const TypePtr&)>;

/// Runs `emit` only when no value of `args` is NULL (so C functions never see a NULL's
/// undefined payload); the result is NULL otherwise.
SqlValue callIfNotNull(llvm::IRBuilder<>& b, std::span<const SqlValue> args,
                       const TypePtr& resultType, const std::function<SqlValue()>& emit);

/// Calls the stdlib function named `cName` (stdlib_binding.h's emitCCall).
SqlValue callC(llvm::IRBuilder<>& b, std::string_view cName, std::vector<llvm::Value*> inputs,
               const TypePtr& resultType, const ArenaFn& arena);

/// Whether emitFullCast supports `from -> to`.
bool fullCastSupported(const DataType& from, const DataType& to);
/// Spark's non-ANSI CAST of `v` to `to`, for every pair fullCastSupported accepts: the
/// primitive casts of null_ops.h plus text, binary, decimal, date and timestamp casts
/// through the stdlib (cast_abi.h). Invalid input and overflow give NULL.
SqlValue emitFullCast(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& to,
                      const ArenaFn& arena);

/// Compiles the calls that need code of their own (decimal arithmetic, abs, round, floor,
/// greatest / least, nullif, nvl2, hash / xxhash64, concat_ws, current_timestamp, date +
/// int, ...) over compiled arguments `a`; nullopt when `e` is none of them.
std::optional<SqlValue> compileSpecialCall(llvm::IRBuilder<>& b, const Expr& e,
                                           std::vector<SqlValue>& a, const CoerceFn& coerce,
                                           const ArenaFn& arena);

/// Throws AnalysisError (at `e`'s span) when a constant pattern argument of `e` (a regex or
/// datetime pattern) can never be valid, so the error surfaces before any row runs; patterns
/// from data that turn out invalid give NULL at run time.
void checkConstantPatterns(const Expr& e);

}  // namespace sluice::exprgen
