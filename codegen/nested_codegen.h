#pragma once
// Code generation for nested values (stdlib/nested.h layout): struct field access, the
// constructors struct / named_struct / array / map, element_at, size, map_keys, map_values,
// and the JSON functions that produce or read nested values (from_json, to_json, ...).
// ExprCodegen delegates here; this file owns everything that knows the nested layout.
#include <llvm/IR/IRBuilder.h>

#include <functional>
#include <optional>
#include <vector>

#include "codegen/ir/sql_value.h"
#include "planner/expr.h"

namespace sluice {

/// Yields the kernel's StringArena* at the insertion point (throws when there is none).
using NestedArenaFn = std::function<llvm::Value*()>;

/// The value of GetField `e` (field `e.ordinal` of its argument) given the compiled struct
/// `input` (a NULL struct gives a NULL field).
SqlValue compileGetField(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& input);

/// Compiles call `e` of a nested-value or JSON function over its compiled arguments `args`;
/// std::nullopt when `e` is not one of them (ExprCodegen then tries its other cases).
std::optional<SqlValue> compileNestedCall(llvm::IRBuilder<>& b, const Expr& e,
                                          std::vector<SqlValue>& args,
                                          const NestedArenaFn& arena);

}  // namespace sluice
