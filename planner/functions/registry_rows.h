#pragma once
// Internal to planner/functions: the helpers registry_*.cpp files use to declare rows in one
// short statement each, and the per-theme registration entry points builtins() calls.
//
// A row is declared with a signature text that doubles as its type rule:
//   scalar(r, "substring", "string, int [, int] -> string").fold(...).alias("substr");
// Signature grammar (see row_builder.cpp): comma-separated parameters, `[, p ...]` opens an
// optional tail, `p...` repeats the last parameter. Parameter types: concrete names (int,
// string, ...), `numeric`, `integral`, `any`, `T` (all T positions unified with commonType),
// `array<T>`, `map<K,V>`, `array`, `map`, `struct`. Result: a concrete type, `T`, `K`, `V`,
// `array<T>`, `array<K>`, `array<V>`, or `?` when a custom rule computes it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/error.h"
#include "planner/functions/function.h"
#include "planner/functions/registry.h"
#include "planner/functions/value_ops.h"
#include "stdlib/sequence_temporal.h"
#include "stdlib/timezone.h"

namespace sluice {

void registerOperatorFunctions(FunctionRegistry& r);
void registerConditionalFunctions(FunctionRegistry& r);
void registerStringFunctions(FunctionRegistry& r);
void registerMathFunctions(FunctionRegistry& r);
void registerDatetimeFunctions(FunctionRegistry& r);
void registerJsonFunctions(FunctionRegistry& r);
void registerCollectionFunctions(FunctionRegistry& r);
void registerGeneratorFunctions(FunctionRegistry& r);
void registerAggregateFunctions(FunctionRegistry& r);
void registerHashFunctions(FunctionRegistry& r);
void registerSparkStringFunctions(FunctionRegistry& r);
void registerSparkDatetimeFunctions(FunctionRegistry& r);
void registerMiscFunctions(FunctionRegistry& r);
void registerHigherOrderFunctions(FunctionRegistry& r);
void registerArrayFunctions(FunctionRegistry& r);
void registerMapFunctions(FunctionRegistry& r);
void registerWindowFunctions(FunctionRegistry& r);
/// sequence(start, stop, step)'s length, or nullopt with Spark's error text (illegal
/// boundaries, too long).
std::optional<int64_t> sequenceLength(int64_t start, int64_t stop, int64_t step,
                                      std::string* error);
/// sequence's interval step of type `t` (calendar, year-month or day-time) as the stdlib
/// kernel takes it.
stdlib::SequenceStep sequenceStepOf(const Value& v, const DataType& t);
/// The DESCRIBE FUNCTION text of builtin `name` ("" if none; registry_docs.cpp).
const std::string& builtinDescription(const std::string& name);

namespace fnrow {

using Args = std::vector<Value>;

/// A parsed signature usable as a TypeRule.
TypeRule sig(std::string_view text);
/// Arity bounds of a signature text (min, max; max -1 for variadic).
std::pair<int, int> sigArity(std::string_view text);

/// Declares one row; the row is added to the registry when the builder goes out of scope,
/// so a declaration is a single expression statement.
class RowBuilder {
 public:
  RowBuilder(FunctionRegistry& r, std::string name, FunctionKind kind, std::string signature);
  ~RowBuilder() noexcept(false);
  RowBuilder(const RowBuilder&) = delete;
  RowBuilder& operator=(const RowBuilder&) = delete;

  RowBuilder& nulls(NullBehavior n) {
    def_.nulls = n;
    return *this;
  }
  RowBuilder& fold(FoldFn f) {
    def_.fold = std::move(f);
    return *this;
  }
  /// Replaces the signature-derived rule (arity still comes from the signature).
  RowBuilder& rule(TypeRule t) {
    def_.resolve = std::move(t);
    return *this;
  }
  /// Runs the signature rule, then `post` may adjust the Resolution.
  RowBuilder& then(std::function<void(const ResolveContext&, Resolution&)> post);
  RowBuilder& alias(std::string a) {
    aliases_.push_back(std::move(a));
    return *this;
  }
  RowBuilder& nondeterministic() {
    def_.deterministic = false;
    return *this;
  }
  /// The one-line description DESCRIBE FUNCTION shows.
  RowBuilder& doc(std::string text) {
    def_.description = std::move(text);
    return *this;
  }
  RowBuilder& timeZoneAware() {
    def_.timeZoneAware = true;
    return *this;
  }
  RowBuilder& lambdas(LambdaParamsFn f) {
    def_.lambdaParams = std::move(f);
    return *this;
  }
  RowBuilder& infix() {
    def_.infix = true;
    return *this;
  }
  /// The stdlib bindings key (FunctionDef::symbol).
  RowBuilder& symbol(std::string s) {
    def_.symbol = std::move(s);
    return *this;
  }
  /// The code generator's emitter key (FunctionDef::emitter).
  RowBuilder& emitter(std::string key) {
    def_.emitter = std::move(key);
    return *this;
  }
  /// The constant-argument check (FunctionDef::checkConstantArgs).
  RowBuilder& checkConstants(std::function<void(const Expr&)> check) {
    def_.checkConstantArgs = std::move(check);
    return *this;
  }
  RowBuilder& arity(int min, int max) {
    def_.minArgs = min;
    def_.maxArgs = max;
    return *this;
  }

 private:
  FunctionRegistry& r_;
  FunctionDef def_;
  std::vector<std::string> aliases_;
};

inline RowBuilder scalar(FunctionRegistry& r, std::string name, std::string signature) {
  return RowBuilder(r, std::move(name), FunctionKind::Scalar, std::move(signature));
}
inline RowBuilder aggregate(FunctionRegistry& r, std::string name, std::string signature) {
  return RowBuilder(r, std::move(name), FunctionKind::Aggregate, std::move(signature));
}
inline RowBuilder generator(FunctionRegistry& r, std::string name, std::string signature) {
  return RowBuilder(r, std::move(name), FunctionKind::Generator, std::move(signature));
}
/// A window function row (only callable with OVER; see registry_window.cpp).
inline RowBuilder windowFunction(FunctionRegistry& r, std::string name, std::string signature) {
  return RowBuilder(r, std::move(name), FunctionKind::Window, std::move(signature));
}

// ---- small helpers shared by type rules

/// `function f expects X, got Y for argument i` (1-based in the text).
[[noreturn]] void failArg(const ResolveContext& ctx, size_t i, const std::string& expected);
/// The foldable constant value of argument i, or fails with `what` ("a foldable string").
Value constArg(const ResolveContext& ctx, size_t i, const std::string& what);
/// Whether any argument is nullable.
bool anyNullable(const std::vector<ExprPtr>& args);
/// The type of argument i, which must be an array (else fails as failArg does).
const DataType& arrayArg(const ResolveContext& ctx, size_t i);
/// The type of argument i, which must be a map.
const DataType& mapArg(const ResolveContext& ctx, size_t i);
/// Marks the result nullable whatever the arguments (NULL for some non-NULL inputs).
void markNullable(Resolution& r);

// ---- constant-argument checks (RowBuilder::checkConstants)

/// Runs `check`, reporting the std::invalid_argument it throws as an AnalysisError at `call`.
void checkConstant(const Expr& call, const std::function<void()>& check);
/// The value of argument `i` of `call` when it is a non-NULL literal, else nullptr.
const Value* literalArg(const Expr& call, size_t i);
/// Argument `i`, when a literal, must be a valid regular expression.
std::function<void(const Expr&)> regexArg(size_t i);
/// Argument `i`, when a literal, must be a valid datetime pattern.
std::function<void(const Expr&)> datetimePatternArg(size_t i);

// ---- value helpers for fold lambdas
/// The session time zone of a time-zone-aware call (UTC when unset).
const stdlib::Zone& zoneOf(const Expr& call);

inline Value str(std::string s) {
  return Value::bytes(std::move(s));
}
inline Value i64(int64_t v) {
  return Value::integer(v);
}
inline Value f64(double v) {
  return Value::real(v);
}
inline Value boolv(bool b) {
  return Value::boolean(b);
}

/// Arithmetic operator rule and fold (op: + - * / % and 'd' for div), shared with pmod.
Resolution arithRule(const ResolveContext& ctx, char op);
Value arithFold(char op, const Args& v, const Expr& call);

using valueops::wrapTo;
/// Numeric value as double (integral, float/double, decimal of `type`).
double toDouble(const Value& v, const DataType& type);

}  // namespace fnrow
}  // namespace sluice
