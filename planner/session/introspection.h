#pragma once
// Introspection statements as Spark answers them: SHOW TABLES / VIEWS / FUNCTIONS / COLUMNS /
// CREATE TABLE and DESCRIBE [TABLE] / FUNCTION / QUERY. Each becomes a plan over constant rows
// (a VALUES scan) with Spark's column names, so `sluice run`, Engine::query and EXPLAIN treat
// it as any query.
#include "frontend/ast.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_plan.h"

namespace sluice {

/// The rows of a Show or Describe statement. Throws AnalysisError (unknown table, function,
/// database) pointing into the statement.
PlanPtr planIntrospection(const ast::Statement& s, const Catalog& catalog,
                          const SourceFilePtr& file);

/// Spark's StringUtils.filterPattern: `|` separates alternatives, `*` matches any run of
/// characters, the rest is a case-insensitive regular expression that must match the whole
/// name (an invalid alternative matches nothing).
bool matchesShowPattern(const std::string& name, const std::string& pattern);

}  // namespace sluice
