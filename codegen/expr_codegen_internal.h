#pragma once
// Internal to ExprCodegen and its emitters (call_emitters.h): the pieces of expression
// compilation that call the stdlib through bindings the code generator chooses itself
// (casts, decimal arithmetic, hashing, rounding, ...) rather than through a row's symbol.
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

/// CAST of an array to another array type, element by element with `castElement` (a new array
/// in the arena; NULL for a NULL array).
SqlValue emitArrayCast(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& to,
                       const ArenaFn& arena,
                       const std::function<SqlValue(const SqlValue&, const TypePtr&)>& castElement);

/// The zone id `zone` as a constant string value (the extra argument of `_tz` bindings).
SqlValue zoneIdValue(llvm::IRBuilder<>& b, const std::string& zone);
/// CAST(v AS to) in time zone `zone` when the cast depends on it (text <-> timestamp, date <->
/// timestamp) and the zone is not UTC; std::nullopt for every other cast.
std::optional<SqlValue> emitZonedCast(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& to,
                                      const std::string& zone, const ArenaFn& arena);

}  // namespace sluice::exprgen
