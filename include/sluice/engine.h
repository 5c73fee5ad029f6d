#pragma once
// The sluice embedding API. An Engine is one session: a catalog of tables and views, the
// session configuration (SET), and the compiler. The `sluice` CLI is a thin client of it.
//
//   sluice::Engine engine;
//   engine.execute("CREATE TABLE t (a INT) USING csv OPTIONS (path 'a.csv')");
//   std::cout << engine.explain("SELECT a + 1 FROM t WHERE a > 0", sluice::ExplainLevel::Extended);
//   sluice::Table r = engine.query("SELECT a * 2 AS x FROM VALUES (1), (2) AS v(a)");
//
// Host functions (see function.h for the C++ types and how they map to SQL):
//   std::string tag(std::string_view s) { return "<" + std::string(s) + ">"; }
//   engine.registerFunction<&tag>("tag");                         // tag(string) -> string
//   engine.registerFunction<&tag>("tag_bytes", {.signature = "binary -> string"});
//   engine.query("SELECT tag(name) FROM people");
//
// Memory tables (Spark's memory sink) and per-batch callbacks (Spark's foreachBatch):
//   engine.onBatch("out", [](int64_t batchId, const sluice::Table& rows) { ... });
//   engine.execute("CREATE TABLE out (k STRING, n BIGINT) USING memory;"
//                  "CREATE STREAMING QUERY q OPTIONS (checkpointLocation '/tmp/q', "
//                  "trigger 'availableNow') AS INSERT INTO out SELECT ...");
//   engine.memoryTable("out");   // every row written so far; also `SELECT * FROM out`
//
// Errors are thrown as sluice::Error (see error.h); Error::render() gives
// `file:line:col: error: ...` with the source line and a caret.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "sluice/error.h"
#include "sluice/export.h"
#include "sluice/function.h"
#include "sluice/table.h"
#include "sluice/timings.h"

namespace sluice {

/// How much EXPLAIN shows.
enum class ExplainLevel {
  Simple,    ///< the optimized logical plan
  Extended,  ///< parsed, analyzed and optimized plans, and the rules that fired
  Codegen,   ///< Extended plus the optimized LLVM IR of every pipeline
  /// Extended plus the machine code of every pipeline as assembly text: x86-64 in AT&T
  /// syntax (on other hosts, their architecture's default syntax), one `# pipeline_<id>: ...`
  /// header per pipeline. It is what the JIT runs: the same LLVM optimization level (SET
  /// sluice.codegen.optLevel) and the JIT's own host target machine. `EXPLAIN ASM query` in
  /// SQL.
  Asm,
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
  /// If set, `execute` and `query` call it on the calling thread with the phase timings of
  /// every statement (DDL and SET too) once it has run, or, for a streaming query with a
  /// continuous trigger, once it has been compiled and started; then once with the script
  /// total (`statement == 0`) when every statement has finished. Not called for a statement
  /// that throws. `sluice run --timings` prints these lines to stderr.
  std::function<void(const PhaseTimings&)> onTimings;
  /// If set, `execute` hands each statement's printed result to it on the calling thread as
  /// soon as that statement has run (and does not return it), so the results of the
  /// statements before a failing one are not lost. `sluice run` writes them to stdout.
  std::function<void(const std::string&)> onOutput;
};

/// One session: catalog, configuration and compiler. Not copyable; one Engine may be used
/// from one thread at a time (requestStop / stopQuery from any thread).
class SLUICE_API Engine {
 public:
  /// An empty session: no tables, default configuration.
  Engine();
  /// Destroys the session; no execute() / query() of it may still be running.
  ~Engine();
  Engine(const Engine&) = delete;             ///< not copyable
  Engine& operator=(const Engine&) = delete;  ///< not copyable

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

  /// Runs the statements of `sql` like execute() (DDL, SET, INSERT, CREATE STREAMING QUERY
  /// with the same rules); the last one must be a SELECT, whose result is returned instead of
  /// printed. Throws sluice::Error (ExecutionError if the last statement is not a SELECT).
  Table query(const std::string& sql, const ScriptOptions& options = {});

  /// Registers C++ function `F` as the SQL scalar function `name` (case-insensitive) of this
  /// engine: generated code calls it directly, once per row (never at plan time: calls are
  /// not constant-folded). Its SQL signature comes from its C++ types or from
  /// `options.signature` (see function.h); arguments are implicitly cast to it, and a call
  /// with arguments that cannot be is an AnalysisError at the argument. A NULL argument gives
  /// NULL without a call unless its parameter is a std::optional. Registering a name again
  /// replaces the function for later statements. Throws AnalysisError if `name` is a builtin
  /// function or not an identifier, or if the explicit signature does not fit the C++ types.
  /// `F` must be safe to call from several threads (streaming queries run on their own).
  template <auto F>
  void registerFunction(const std::string& name, const FunctionOptions& options = {}) {
    registerFunction(name, hostFunction<F>(), options);
  }
  /// The type-erased form of registerFunction<F> (hostFunction<F>() builds `fn`).
  void registerFunction(const std::string& name, const HostFunction& fn,
                        const FunctionOptions& options = {});

  /// A batch delivered to a host: its id (0 for INSERT) and its rows.
  using BatchCallback = std::function<void(int64_t batchId, const Table& rows)>;
  /// Calls `callback` with every batch a query writes into the memory table `table`
  /// (`CREATE TABLE table (...) USING memory`), after the batch ran and before it commits:
  /// Spark's foreachBatch. For a streaming query it runs on the query's thread; if it
  /// throws, the batch fails (ExecutionError) and is not committed. A streaming batch id
  /// already delivered (a replay) is not delivered again. Callbacks may be registered
  /// before the table is declared.
  void onBatch(const std::string& table, BatchCallback callback);
  /// The rows of memory table `name` so far (Spark's memory sink: complete output mode keeps
  /// the last batch's rows, append and update every batch's rows); also readable as
  /// `SELECT ... FROM name`. Throws ExecutionError if `name` is not a memory table.
  Table memoryTable(const std::string& name) const;

  /// Sets a session configuration value (same as `SET key = value`).
  void set(const std::string& key, const std::string& value);

  /// Asks this engine's running statements and streaming queries to stop: a streaming query
  /// finishes its current batch and commits it, unless the batch waits on a sink or broker
  /// (then it stops within about a second, uncommitted, and runs again on restart); a batch
  /// statement stops between chunks of work or between statements (ExecutionError
  /// "stopped: ..."). Other engines are not affected. Thread- and async-signal-safe (one
  /// atomic store). A later execute() or query() call starts with the request cleared.
  void requestStop();
  /// Asks only the streaming query `name` (case-insensitive) of this engine to stop, as
  /// requestStop() does; the engine's other queries keep running. Returns false if no query
  /// of that name is running. Thread-safe.
  bool stopQuery(const std::string& name);
  /// True once requestStop() was called (and no execute() / query() started since).
  bool stopRequested() const;

  /// Starts this engine's web UI and Prometheus endpoint on `address` (`[host:]port`; a bare
  /// port listens on loopback only; port 0 picks a free one) and returns the bound
  /// "host:port". It serves, until the engine is destroyed: `/` (the queries of this engine
  /// with live charts of their recent batches, query text, plan, generated IR on request),
  /// `/api/queries` (JSON with each query's recent StreamingQueryProgress) and `/metrics`
  /// (Prometheus text format). Throws ExecutionError when it cannot listen there or when it
  /// already runs.
  std::string startUi(const std::string& address);

  /// The sluice version string.
  static const char* version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
