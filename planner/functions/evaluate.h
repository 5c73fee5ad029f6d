#pragma once
// Constant evaluation, used by constant folding (and later cross-checked against JIT'd code).
#include <string_view>

#include "planner/expr.h"

namespace sluice {

/// Evaluates a foldable expression (Expr::foldable() is true) to a Value of e.type.
/// Follows Spark's non-ANSI semantics: invalid casts and division by zero give NULL.
/// Throws AnalysisError (with e.span) only for constants that can never be valid.
Value evaluateConstant(const ExprPtr& e);

/// Evaluates the body of lambda function `lambda` (ExprKind::Lambda, foldable) with its
/// parameters bound to `params` (higher-order functions' folds).
Value applyLambda(const Expr& lambda, const std::vector<Value>& params);

/// Casts a constant value between types with Spark's non-ANSI CAST semantics; text, dates and
/// timestamps convert in time zone `zone` (an id, empty for UTC; see Expr::timeZone).
Value castValue(const Value& v, const DataType& from, const DataType& to,
                std::string_view zone = {});

}  // namespace sluice
