#pragma once
// The sluice embedding API. An Engine is one session: a catalog of tables and views, the
// session configuration (SET), and the compiler. The `sluice` CLI is a thin client of it.
//
//   sluice::Engine engine;
//   engine.execute("CREATE TABLE t (a INT) USING csv OPTIONS (path 'a.csv')");
//   std::cout << engine.explain("SELECT a + 1 FROM t WHERE a > 0", sluice::ExplainLevel::Extended);
//   sluice::Table r = engine.query("SELECT a * 2 AS x FROM VALUES (1), (2) AS v(a)");
//
// Errors are thrown as sluice::Error (see error.h); Error::render() gives
// `file:line:col: error: ...` with the source line and a caret.
#include <map>
#include <memory>
#include <string>

#include "sluice/error.h"
#include "sluice/table.h"

namespace sluice {

/// How much EXPLAIN shows.
enum class ExplainLevel {
  Simple,    ///< the optimized logical plan
  Extended,  ///< parsed, analyzed and optimized plans, and the rules that fired
  Codegen,   ///< Extended plus the optimized LLVM IR of every pipeline
};

/// How `execute` prints query results.
enum class ResultFormat {
  Table,  ///< Spark's show() grid
  Csv,    ///< CSV with a header (Table::toCsv)
  Json,   ///< JSON lines (Table::toJsonLines)
};

/// Where a script comes from and how to substitute `${name}` variables in it.
struct ScriptOptions {
  std::string name = "<string>";                    ///< shown in error locations
  std::map<std::string, std::string> defines;       ///< `${name}` -> value (Spark's substitution)
  ResultFormat resultFormat = ResultFormat::Table;  ///< how `execute` prints results
};

class Engine {
 public:
  Engine();
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Parses and analyzes every statement of `sql` (DDL and SET take effect in this engine,
  /// so later statements can use them). Throws sluice::Error on the first problem.
  void check(const std::string& sql, const ScriptOptions& options = {});

  /// EXPLAIN for every query-producing statement of `sql` (SELECT, INSERT, CREATE STREAMING
  /// QUERY, EXPLAIN ...); other statements are applied to the catalog silently.
  std::string explain(const std::string& sql, ExplainLevel level,
                      const ScriptOptions& options = {});

  /// Runs every statement: DDL and SET update the session, EXPLAIN returns its text, a
  /// SELECT over inline VALUES is compiled, run, and its result printed as Table::show()
  /// does. Returns what the statements print. Reading Kafka / file / memory tables, INSERT
  /// and streaming queries need the streaming runtime, which is not built yet: such
  /// statements throw an ExecutionError that says so.
  std::string execute(const std::string& sql, const ScriptOptions& options = {});

  /// Runs the statements of `sql` like execute(); the last one must be a SELECT, whose
  /// result is returned. Throws sluice::Error (ExecutionError if the last statement is not
  /// a SELECT).
  Table query(const std::string& sql, const ScriptOptions& options = {});

  /// Sets a session configuration value (same as `SET key = value`).
  void set(const std::string& key, const std::string& value);

  /// The sluice version string.
  static const char* version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
