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
  /// Streaming queries append one StreamingQueryProgress JSON object per batch here ("" =
  /// nowhere).
  std::string progressFile;
  /// Streaming queries show a live one-line status on stderr.
  bool statusLine = false;
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
  /// SELECT is compiled, run, and its result printed as Table::show() does (or CSV / JSON);
  /// INSERT INTO a kafka or console table writes the query's rows there. CREATE STREAMING
  /// QUERY runs the query: with trigger 'once' or 'availableNow' to completion before the
  /// next statement; with other triggers in the background until a stop is requested
  /// (requestStop(), SIGINT / SIGTERM in the CLI) — execute() returns when all of them have
  /// stopped. Console sinks print to stdout as batches complete. Returns what the other
  /// statements print.
  std::string execute(const std::string& sql, const ScriptOptions& options = {});

  /// Runs the statements of `sql` like execute(); the last one must be a SELECT, whose
  /// result is returned. Throws sluice::Error (ExecutionError if the last statement is not
  /// a SELECT).
  Table query(const std::string& sql, const ScriptOptions& options = {});

  /// Sets a session configuration value (same as `SET key = value`).
  void set(const std::string& key, const std::string& value);

  /// Asks running streaming queries to finish their current batch and stop (thread- and
  /// async-signal-safe).
  static void requestStop();

  /// The sluice version string.
  static const char* version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
