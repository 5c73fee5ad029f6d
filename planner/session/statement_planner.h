#pragma once
// Takes one parsed statement through the front half of the compiler: DDL and SET update the
// catalog; queries, INSERTs and streaming queries are bound, checked and optimized.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "frontend/ast.h"
#include "planner/analysis/streaming_checks.h"
#include "planner/catalog/catalog.h"
#include "planner/optimizer/rule_executor.h"
#include "planner/physical/physical_planner.h"
#include "planner/streaming/streaming_plan.h"

namespace sluice {

/// The plans of one query-producing statement.
struct PlannedQuery {
  PlanPtr analyzed;                      ///< after binding and checks
  OptimizeResult optimized;              ///< after the optimizer (plan + fired rules)
  std::optional<PhysicalPlan> physical;  ///< pipelines for codegen (unset if not plannable)
  std::string physicalError;             ///< why there is no physical (or streaming) plan
  /// CREATE STREAMING QUERY: every decision its runtime executes (unset if not plannable).
  std::optional<StreamingPlan> streaming;
  double optimizeMs = 0;  ///< time in the optimizer (`sluice run --timings`)
  double physicalMs = 0;  ///< time in physical planning
};

struct PlannedStatement {
  const ast::Statement* statement = nullptr;
  std::optional<PlannedQuery> query;            ///< Query / Insert / CreateStreamingQuery
  std::optional<StreamingQuerySpec> streaming;  ///< CreateStreamingQuery
  std::string message;                          ///< what a DDL/SET statement did
  std::vector<std::string> warnings;            ///< for the user (e.g. a SET sluice ignores)
};

class StatementPlanner {
 public:
  explicit StatementPlanner(Catalog& catalog) : catalog_(catalog) {}

  /// Plans `stmt` (from `file`). Throws ParseError/AnalysisError/PlanError.
  PlannedStatement plan(const ast::Statement& stmt, const SourceFilePtr& file);

  /// Rules excluded by `SET sluice.optimizer.excludedRules = A,B` (Spark's
  /// spark.sql.optimizer.excludedRules is accepted too).
  std::set<std::string> excludedRules() const;

 private:
  PlannedStatement planStatement(const ast::Statement& stmt, const SourceFilePtr& file);
  PlannedQuery planQuery(PlanPtr analyzed);
  /// CREATE [OR REPLACE] TABLE t [USING fmt] [OPTIONS (...)] AS query (create_table_as.cpp).
  PlannedStatement planCreateTableAs(const ast::Statement& s, TableEntry t,
                                     const SourceFilePtr& file, const SourceFilePtr& shown);
  WatermarkPolicy watermarkPolicy() const;
  std::string timeZoneOfInterval(const ast::Statement& s, const SourceFilePtr& file) const;
  Catalog& catalog_;
};

}  // namespace sluice
