#pragma once
// The code generator's emitters: code for registry rows that are instructions (operators,
// conditionals) or more than one plain stdlib call (decimal arithmetic, hashing, nested
// values, JSON, host functions, ...). A row names its emitter by key (FunctionDef::emitter);
// ExprCodegen looks the key up here and calls it, then falls back to the row's stdlib
// bindings (FunctionDef::symbol) when the emitter leaves the call to them. Each theme's file
// defines its emitters next to their code and lists them in its table below; this header
// joins the tables into the one map from key to emitter.
#include <llvm/IR/IRBuilder.h>

#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "codegen/expr_codegen_internal.h"
#include "codegen/ir/sql_value.h"
#include "planner/expr.h"

namespace sluice {

/// Function attribute on a generated function whose per-call state restarts each call
/// (rand()'s generator starts from its seed in the entry block): the runtime must then not
/// split a batch over several calls of that kernel (CompiledPipeline::chunkable).
inline constexpr const char* kPerCallStateAttr = "sluice-per-call-state";

/// One call being compiled: what an emitter works with.
struct CallSite {
  llvm::IRBuilder<>& b;
  const Expr& e;                    ///< the call (e.fn is its row, e.type its result type)
  std::vector<SqlValue>& args;      ///< its compiled arguments (an emitter may coerce them)
  const exprgen::CoerceFn& coerce;  ///< casts a value to a type (errors at `e`)
  const exprgen::ArenaFn& arena;    ///< the kernel's StringArena* (throws outside a kernel)
  /// Higher-order functions: compiles the body of lambda argument `lambda` (an
  /// ExprKind::Lambda of `e`) with its parameters bound to `params`, at the insertion point.
  /// The lambda arguments themselves are not compiled (their entries in `args` are NULLs).
  const std::function<SqlValue(const Expr& lambda, const std::vector<SqlValue>& params)>*
      applyLambda = nullptr;
};

/// Emits call `c`; std::nullopt leaves it to the row's stdlib bindings (e.g. concat of
/// strings, whose emitter handles arrays and binaries only).
using CallEmitter = std::optional<SqlValue> (*)(const CallSite& c);

/// A table entry: the key rows name, and its emitter.
struct NamedEmitter {
  std::string_view key;
  CallEmitter emit;
};

/// The emitter registered under `key`, or nullptr.
CallEmitter findCallEmitter(std::string_view key);
/// Every emitter of every theme (for the registry agreement test).
std::vector<NamedEmitter> allCallEmitters();

// The per-theme tables, each defined in the file that implements its emitters.
std::span<const NamedEmitter> operatorEmitters();     ///< operator_emitters.cpp
std::span<const NamedEmitter> scalarCallEmitters();   ///< expr_codegen_calls.cpp
std::span<const NamedEmitter> builtinCallEmitters();  ///< builtin_calls_codegen.cpp
std::span<const NamedEmitter> nestedEmitters();       ///< nested_codegen.cpp
std::span<const NamedEmitter> jsonEmitters();         ///< json_codegen.cpp
std::span<const NamedEmitter> hostEmitters();         ///< host_function_binding.cpp
std::span<const NamedEmitter> sparkCallEmitters();    ///< spark_calls_codegen.cpp
std::span<const NamedEmitter> lambdaEmitters();       ///< expr_codegen_lambda.cpp
std::span<const NamedEmitter> arrayEmitters();        ///< nested_codegen_arrays.cpp
std::span<const NamedEmitter> mapEmitters();          ///< nested_codegen_maps.cpp

}  // namespace sluice
