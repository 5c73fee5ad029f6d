#pragma once
// One row of the builtin function registry: everything the planner needs to know about a
// function (name, signature, result type rule, null behaviour) and, for codegen, where its
// implementation is (an emitter key and / or the symbol of its stdlib bindings). Operators
// (`+`, `=`, AND, CASE, IN, ...) are rows too, so rules and codegen treat all calls uniformly.
// The planner never interprets the implementation fields: codegen resolves them.
#include <functional>
#include <string>
#include <vector>

#include "planner/expr.h"

namespace sluice {

enum class FunctionKind {
  Scalar,     ///< one value per row
  Aggregate,  ///< many rows -> one value per group
  Generator,  ///< one row -> zero or more rows (explode, json_tuple, ...)
  Window,     ///< ranking / offset window functions (row_number, lag, ...): only with OVER
};

/// How a function treats NULL inputs (drives null propagation and codegen).
enum class NullBehavior {
  Propagates,  ///< any NULL argument gives NULL (Spark's NullIntolerant)
  NeverNull,   ///< never returns NULL (e.g. isnull, count)
  Custom,      ///< decides itself (coalesce, AND/OR, CASE, from_json, ...)
};

/// What a type rule returns: the result type and, per argument, the type it must be cast to
/// (nullptr = keep as is). The binder inserts the casts.
struct Resolution {
  TypePtr result;
  std::vector<TypePtr> argTypes;
  bool nullableOverride = false;  ///< set `nullable` below instead of the NullBehavior default
  bool nullable = true;
  /// For generators: names and types of the produced columns (explode: col or key, value).
  std::vector<StructField> generatorOutput;
};

/// Input to a type rule: the bound arguments (literal arguments such as from_json's schema
/// string can be inspected) and a way to report a type error for one argument.
struct ResolveContext {
  const std::vector<ExprPtr>& args;
  const std::string& name;  ///< name as called
  /// Throws AnalysisError at argument `i` (or the call when i < 0).
  std::function<void(int i, const std::string& message)> fail;
  const TypePtr& type(size_t i) const { return args[i]->type; }
};

using TypeRule = std::function<Resolution(const ResolveContext&)>;

/// Higher-order functions: the parameters (names unused; types and nullability) of the lambda
/// function at argument `i` when it declares `declared` of them. `ctx.args` holds the bound
/// arguments before and after it, except lambdas not bound yet (nullptr). Fails through
/// ctx.fail (e.g. on an argument that is not an array).
using LambdaParamsFn =
    std::function<std::vector<StructField>(const ResolveContext& ctx, size_t i, size_t declared)>;

/// Constant evaluator used by constant folding: argument values (already cast to the
/// resolved argument types) -> result value. May throw AnalysisError for invalid constants.
using FoldFn = std::function<Value(const std::vector<Value>& args, const Expr& call)>;

struct FunctionDef {
  std::string name;  ///< canonical lower-case name (`+`, `and`, `from_json`, ...)
  FunctionKind kind = FunctionKind::Scalar;
  NullBehavior nulls = NullBehavior::Propagates;
  std::string signature;  ///< human-readable signature shown in errors and docs
  std::string description;  ///< one line for DESCRIBE FUNCTION (Spark's usage text)
  int minArgs = 0;        ///< arity bounds checked before the type rule
  int maxArgs = 0;        ///< -1: variadic
  TypeRule resolve;       ///< result type rule
  /// Higher-order functions only: the parameters of their lambda arguments (see above);
  /// empty for every other row (a lambda argument is then an error).
  LambdaParamsFn lambdaParams;
  FoldFn fold;            ///< constant evaluator; empty: never folded
  /// Key of the code generator's emitter for this row (codegen/call_emitters.h), for rows
  /// that are instructions or more than one plain stdlib call; empty: `symbol` alone.
  std::string emitter;
  /// Key of the row's stdlib bindings (codegen/stdlib_binding.cpp), called with the generic
  /// marshalling for the argument types the emitter leaves to it (or all, without emitter);
  /// for a host function, its host binding's symbol. Empty: no stdlib implementation.
  std::string symbol;
  /// Rejects constant arguments that can never be valid (a malformed regex or datetime
  /// pattern) with an AnalysisError at the call, before any row runs; empty: none to check.
  std::function<void(const Expr& call)> checkConstantArgs;
  bool deterministic = true;  ///< false for rand(), current_timestamp(), ...
  /// Depends on the session time zone (hour(), date_format(), ...): the binder records the
  /// zone in each call's Expr::timeZone; folds read it there, and generated code calls the
  /// `<symbol>_tz` bindings with the zone id as an extra last argument when it is not UTC.
  bool timeZoneAware = false;
  /// Printed as an infix operator (`(a + b)`) rather than `name(a, b)`.
  bool infix = false;
};

}  // namespace sluice
