#pragma once
// EXPLAIN text: the parsed, analyzed and optimized plans of a statement and the rules that
// changed it. The format is stable (tests compare it) and close to Spark's.
#include <string>

#include "frontend/ast.h"
#include "planner/session/statement_planner.h"

namespace sluice {

/// Simple: the optimized plan. Extended: parsed + analyzed + optimized + rules applied.
/// (Codegen mode adds generated code on top of Extended; the codegen layer appends it.)
std::string explainText(const ast::Statement& stmt, const PlannedStatement& planned,
                        ast::ExplainMode mode);

}  // namespace sluice
