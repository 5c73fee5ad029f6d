#pragma once
// Host functions (Engine::registerFunction) in generated code. The API registers one binding
// per host function: the address of its C-ABI entry point and that entry point's C signature,
// derived from its C++ type (c_signature.h), exactly as the stdlib bindings are. A call
// compiles to a call of a tiny private function named after the binding's symbol, which
// jumps to the host's address: the kernel's IR (EXPLAIN CODEGEN) shows the call by name,
// and no JIT symbol definition per query is needed.
//
// Marshalling, from the signature: per SQL argument its C parameters (a string or binary
// travels as Bytes + I64, a boolean as U8, numbers as themselves), followed by a U8 NULL flag
// when the argument is NULL-aware; Arena / Out* parameters are filled here, as for stdlib.
#include <llvm/IR/IRBuilder.h>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "codegen/host_binding.h"
#include "codegen/ir/sql_value.h"
#include "planner/expr.h"

namespace sluice {

/// Compiles a call of a host function over compiled arguments `args` (of the argument types
/// the binder resolved); nullopt when `call` is not a host function call. NULL arguments that
/// are not NULL-aware give NULL without calling the function.
std::optional<SqlValue> compileHostCall(llvm::IRBuilder<>& b, const Expr& call,
                                        std::span<const SqlValue> args,
                                        const std::function<llvm::Value*()>& arena);

}  // namespace sluice
