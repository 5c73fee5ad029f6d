#pragma once
// Functions an embedding host registers at run time (Engine::registerFunction): registry rows
// that live in one engine rather than in the process-wide builtins. The engine makes its set
// current on the calling thread while it plans (HostFunctionScope), and
// FunctionRegistry::find consults the current set after the builtins, so the binder, the
// optimizer and EXPLAIN treat host functions like any other row. Host rows are never folded
// at plan time (no FoldFn): they run only in generated code.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "planner/functions/function.h"

namespace sluice {

/// What the planner needs to know about one host function.
struct HostFunctionSpec {
  std::string name;               ///< SQL name (case-insensitive)
  std::vector<TypePtr> argTypes;  ///< declared SQL argument types (arguments are cast to them)
  TypePtr resultType;             ///< declared SQL result type
  std::vector<bool> argSeesNull;  ///< per argument: the function is called with its NULLs
  bool resultNullable = false;    ///< the function itself may return NULL
  bool deterministic = true;      ///< false: never treated as a constant / deduplicated
  std::string symbol;             ///< unique symbol the code generator binds (host binding)
};

/// One engine's host functions. Rows stay alive as long as the set (plans point at them),
/// also after a name is registered again.
class HostFunctionSet {
 public:
  /// Adds (or replaces, as Spark's udf.register does) the function `spec.name`. Throws
  /// AnalysisError when the name is a builtin function.
  const FunctionDef* add(const HostFunctionSpec& spec);
  /// Case-insensitive lookup; nullptr if unknown.
  const FunctionDef* find(const std::string& name) const;
  /// The rows by (lower-case) name.
  const std::unordered_map<std::string, const FunctionDef*>& byName() const { return byName_; }

 private:
  std::vector<std::unique_ptr<FunctionDef>> rows_;
  std::unordered_map<std::string, const FunctionDef*> byName_;
};

/// Makes `set` the host functions visible to FunctionRegistry::find on this thread for the
/// scope's lifetime (restores the previous set on exit, so scopes nest).
class HostFunctionScope {
 public:
  explicit HostFunctionScope(const HostFunctionSet* set);
  ~HostFunctionScope();
  HostFunctionScope(const HostFunctionScope&) = delete;
  HostFunctionScope& operator=(const HostFunctionScope&) = delete;

 private:
  const HostFunctionSet* previous_;
};

/// The host function `name` of the set current on this thread, or nullptr.
const FunctionDef* findHostFunction(const std::string& name);
/// The names of the host functions current on this thread (SHOW USER FUNCTIONS).
std::vector<std::string> hostFunctionNames();

}  // namespace sluice
