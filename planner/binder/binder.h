#pragma once
// The binder (Spark's Analyzer): turns query syntax into a resolved logical plan. It resolves
// names case-insensitively with Spark's rules, expands stars, looks functions up in the
// registry, inserts implicit casts, plans aggregates / generators / windows, and reports
// every problem as an AnalysisError pointing at the offending text.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "planner/catalog/catalog.h"
#include "planner/logical/logical_plan.h"

namespace sluice {

class Binder {
 public:
  /// `file` is the text the AST came from (for error locations).
  Binder(const Catalog& catalog, SourceFilePtr file);

  /// Binds a query to a resolved plan.
  PlanPtr bindQuery(const ast::Query& query);

  /// Binds a standalone expression with no input columns (SET values, options, tests).
  ExprPtr bindConstantExpr(const ast::Expr& expr);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

/// Spark's ResolveTimeZone: records time zone `zone` in every expression that depends on it
/// (calls of time-zone-aware functions, casts between text, dates and timestamps) that has
/// none yet. The binder applies it to what it returns.
PlanPtr resolveTimeZones(const PlanPtr& plan, const std::string& zone);
ExprPtr resolveTimeZones(const ExprPtr& e, const std::string& zone);

/// Binds `INSERT INTO table <query>` / the body of a streaming query: checks the target
/// table exists and is writable, and wraps the plan in a Sink. Kafka sinks require a
/// `value` column (string or binary) and accept key/topic/partition/headers.
/// Spark's ANSI store-assignment rule for INSERT: numeric to numeric, datetime to datetime,
/// anything to string, and complex types field by field; never string to numeric.
bool canStoreAssign(const TypePtr& from, const TypePtr& to);

PlanPtr bindSink(const Catalog& catalog, const SourceFilePtr& file, const ast::Statement& insert,
                 PlanPtr query);

}  // namespace sluice
