#pragma once
// The builtin function registry: one FunctionDef row per function (see function.h). Rows are
// grouped by theme in registry_*.cpp files, each contributing through `register*Functions`.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "planner/functions/function.h"

namespace sluice {

class FunctionRegistry {
 public:
  /// The registry of builtins (built once, immutable afterwards).
  static const FunctionRegistry& builtins();

  /// Case-insensitive lookup by name or alias; nullptr if unknown.
  const FunctionDef* find(const std::string& name) const;
  /// All rows, sorted by name (for docs / SHOW FUNCTIONS).
  std::vector<const FunctionDef*> all() const;
  /// Every name a builtin can be called by (names and aliases, lower-case, sorted), without
  /// the binder's internal operator rows.
  std::vector<std::string> callableNames() const;

  /// Adds a row; `aliases` are other names for it (e.g. `nvl` for `coalesce`-like rows).
  const FunctionDef* add(FunctionDef def, std::vector<std::string> aliases = {});
  /// Canonical operator rows used by the binder and optimizer (never null).
  const FunctionDef& op(const std::string& name) const;

 private:
  std::vector<std::unique_ptr<FunctionDef>> rows_;
  std::unordered_map<std::string, const FunctionDef*> byName_;
};

/// to_char / to_varchar of a date or timestamp is date_format, of a binary base64 / hex /
/// decode by its format (Spark's ToCharacterBuilder): the row to call instead, with `args`
/// adjusted; nullptr for a number (the to_char row itself), or with `error` set for a binary
/// format Spark refuses.
const FunctionDef* toCharDelegate(std::vector<ExprPtr>& args, std::string* error);

/// Shorthand for FunctionRegistry::builtins().op(name).
inline const FunctionDef& builtinOp(const std::string& name) {
  return FunctionRegistry::builtins().op(name);
}

/// Implicit type coercion shared by the binder and the type rules (Spark's TypeCoercion,
/// non-ANSI): the wider common type of two types, or nullptr if there is none.
TypePtr commonType(const TypePtr& a, const TypePtr& b);
/// Common type for a binary comparison (Spark's findCommonTypeForBinaryComparison): unlike
/// commonType, a string compared with a number or date is cast to the other side's type.
TypePtr comparisonType(const TypePtr& a, const TypePtr& b);
/// Can `from` be implicitly cast to `to` in a function argument (Spark's implicitCast).
bool canImplicitCast(const TypePtr& from, const TypePtr& to);
/// Can `from` be explicitly CAST to `to` at all (Spark's Cast.canCast).
bool canCast(const TypePtr& from, const TypePtr& to);

}  // namespace sluice
