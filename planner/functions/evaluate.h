#pragma once
// Constant evaluation, used by constant folding (and later cross-checked against JIT'd code).
#include "planner/expr.h"

namespace sluice {

/// Evaluates a foldable expression (Expr::foldable() is true) to a Value of e.type.
/// Follows Spark's non-ANSI semantics: invalid casts and division by zero give NULL.
/// Throws AnalysisError (with e.span) only for constants that can never be valid.
Value evaluateConstant(const ExprPtr& e);

/// Casts a constant value between types with Spark's non-ANSI CAST semantics.
Value castValue(const Value& v, const DataType& from, const DataType& to);

}  // namespace sluice
