#pragma once
// Registry rows the generic paths do not compile: rows whose stdlib entry points take more
// than their SQL arguments, so the marshalling of a row's symbol (stdlib_binding.h's
// findStdlibBinding / emitStdlibCall) cannot call them: sort_array, array_distinct and
// array_contains (the element type's descriptor, sort_array's constant asc flag), IN over
// nested values (the descriptor), concat / reverse of arrays and binaries, timestamp_seconds of
// a decimal (its scale), rand / randn (their generator state); and rows that are a few
// instructions: the bitwise operators & | ^ ~,
// IN over scalars, length of a binary. C functions are called through the binding derived
// from their C signature (stdlibBindingNamed + emitCCall). compileNestedCall delegates here.
#include <llvm/IR/IRBuilder.h>

#include <optional>
#include <vector>

#include "codegen/ir/sql_value.h"
#include "codegen/nested_codegen.h"
#include "planner/expr.h"

namespace sluice {

/// Compiles call `e` over its compiled arguments `args` when it is one of the rows above;
/// std::nullopt otherwise.
std::optional<SqlValue> compileBuiltinCall(llvm::IRBuilder<>& b, const Expr& e,
                                           std::vector<SqlValue>& args, const NestedArenaFn& arena);

}  // namespace sluice
