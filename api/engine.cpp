#include "sluice/engine.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>

#include "api/host_functions.h"
#include "api/memory_tables.h"
#include "codegen/query_compiler.h"
#include "frontend/parser.h"
#include "frontend/text.h"
#include "planner/catalog/catalog.h"
#include "planner/connectors/connector.h"
#include "planner/session/explain.h"
#include "planner/session/statement_planner.h"
#include "planner/sinks/file_sink_spec.h"
#include "runtime/connectors/connector.h"
#include "runtime/connectors/sinks.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/exec/task_pool.h"
#include "runtime/files/file_reader.h"
#include "runtime/progress/late_rows.h"
#include "runtime/progress/query_monitor.h"
#include "runtime/stop_source.h"
#include "runtime/stream/source_set.h"
#include "runtime/stream/streaming_query.h"
#include "runtime/table.h"
#include "runtime/ui/ui_server.h"

namespace sluice {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

std::string PhaseTimings::toString() const {
  std::string out;
  auto add = [&](const char* name, double ms) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s%s %.1f ms", out.empty() ? "" : ", ", name, ms);
    out += buf;
  };
  if (statement == 0) add("parse", parse);
  add("analyze", analyze);
  add("optimize", optimize);
  add("plan", plan);
  add("codegen", codegen);
  add("jit", jit);
  add("execute", execute);
  if (running) out += " so far (running in the background)";
  return out;
}

struct Engine::Impl {
  Catalog catalog;
  StatementPlanner planner{catalog};
  HostFunctionSet hostFunctions;  // Engine::registerFunction
  MemoryTables memory;            // `USING memory` tables and onBatch callbacks
  StopSource stop;                // Engine::requestStop: every statement and query of this engine
  std::mutex runningMutex;        // guards `running`
  std::map<std::string, StopSource*> running;  // streaming queries by name (Engine::stopQuery)
  QueryRegistry queries;         // every streaming query started, for the web UI and metrics
  std::unique_ptr<UiServer> ui;  // Engine::startUi (destroyed before `queries`)

  ast::Script parse(const std::string& sql, const ScriptOptions& o) {
    auto file = std::make_shared<SourceFile>();
    file->name = o.name;
    file->text = substituteVariables(sql, o.defines, o.name);
    return parseScript(file);
  }

  int optLevel() const {
    auto v = catalog.get("sluice.codegen.optLevel");
    return v && v->size() == 1 && (*v)[0] >= '0' && (*v)[0] <= '3' ? (*v)[0] - '0' : 2;
  }

  // EXPLAIN's text; CODEGEN mode appends the optimized IR of every pipeline, ASM mode their
  // machine code as assembly (planner/ stays LLVM-free, so the codegen part is added here).
  // `timings` receives the compile time, if any.
  std::string explain(const ast::Statement& stmt, const PlannedStatement& p, ast::ExplainMode mode,
                      CompileTimings* timings = nullptr) {
    std::string out = explainText(stmt, p, mode);
    const bool assembly = mode == ast::ExplainMode::Asm;
    if ((mode != ast::ExplainMode::Codegen && !assembly) || !p.query) return out;
    out += assembly ? "\n== Generated Assembly (x86-64, AT&T syntax) ==\n"
                    : "\n== Generated Code ==\n";
    if (!p.query->physical) return out + "(none: " + p.query->physicalError + ")\n";
    try {
      CompileOptions co;
      co.assembly = assembly;
      co.timings = timings;
      const CompiledQuery q = compileQuery(*p.query->physical, optLevel(), co);
      return out + (assembly ? q.asmText() : q.irText());
    } catch (const CodegenError& e) {
      return out + "(none: " + e.message() + ")\n";
    }
  }

  bool tiered() const {
    auto v = catalog.get("sluice.codegen.tiered");
    return !v || asciiLower(*v) == "true";
  }

  // The compile cache's directory: SET sluice.codegen.cacheDir, else for a streaming query
  // `<checkpoint>/codegen` (a restarted query finds its kernels there), else none.
  std::string cacheDir(const std::string& checkpoint = "") const {
    auto v = catalog.get("sluice.codegen.cacheDir");
    if (v) return *v;  // SET ... = '' turns the cache off
    return checkpoint.empty() ? "" : checkpoint + "/codegen";
  }

  // Compiles `plan`, adding the codegen and JIT time to `t`.
  CompiledQuery compile(const PhysicalPlan& plan, PhaseTimings& t,
                        const std::string& checkpoint = "") {
    CompileTimings ct;
    CompileOptions co;
    co.timings = &ct;
    co.keepIR = false;
    co.cacheDir = cacheDir(checkpoint);
    // Streaming queries start on -O0 kernels and switch to optimized ones when they are
    // ready (SET sluice.codegen.tiered = false compiles them before the first batch).
    co.tiered = !checkpoint.empty() && tiered();
    CompiledQuery q = compileQuery(plan, optLevel(), co);
    t.codegen += ct.codegen;
    t.jit += ct.jit;
    return q;
  }

  // The table `name` a query writes into (INSERT / CREATE STREAMING QUERY).
  const TableEntry& sinkTable(const std::string& name) {
    const TableEntry* t = catalog.table(name);
    if (!t) throw ExecutionError("table " + name + " does not exist");
    return *t;
  }

  // The sink of a query (`query` names a streaming one) writing into `target`'s table.
  std::unique_ptr<StreamSink> sinkFor(const PhysSink& target, const std::string& query,
                                      bool complete) {
    if (const RuntimeConnector* c = sinkConnector(target)) return c->openSink(target);
    return memory.sink(target.target, query, complete, target.columns);
  }

  // The connector writing `target`'s table; nullptr for memory tables (the engine's own).
  static const RuntimeConnector* sinkConnector(const PhysSink& target) {
    if (target.format == "memory") return nullptr;
    const RuntimeConnector& c = runtimeConnector(target.format);
    if (!c.openSink)
      throw ExecutionError("writing into " + target.format + " table " + target.target +
                           " is not supported");
    return &c;
  }

  // State store settings of this session (Spark's names).
  StateOptions stateOptions() const {
    StateOptions o;
    if (auto v = catalog.get("spark.sql.streaming.minBatchesToRetain"))
      o.minBatchesToRetain = std::stoll(*v);
    if (auto v = catalog.get("spark.sql.streaming.stateStore.minDeltasForSnapshot"))
      o.minDeltasForSnapshot = std::stoll(*v);
    if (auto v = catalog.get("spark.sql.shuffle.partitions")) o.shufflePartitions = std::stoi(*v);
    return o;
  }

  // Worker threads of partition-parallel execution (sluice.exec.threads; default: the CPUs
  // the process may use).
  int execThreads() const {
    if (auto v = catalog.get("sluice.exec.threads")) return std::stoi(*v);
    return defaultExecThreads();
  }

  // Batch reads: memory tables from the engine, everything else from the runtime.
  ScanReader reader() {
    // sluice.files.readThreads: threads reading a JSON file's pieces (process-wide).
    if (auto v = catalog.get("sluice.files.readThreads")) {
      FileReadParallelism p = fileReadParallelism();
      p.threads = std::stoi(*v);
      setFileReadParallelism(p);
    }
    return [this](const PhysScan& scan, bool chunked, const BatchConsumer& consume) {
      if (scan.scan.source == SourceKind::Memory) return consume(memory.read(scan));
      readBatchSource(scan, chunked, consume);
    };
  }

  // Runs an INSERT: the query's rows go to the table's sink as one batch.
  void insert(const ast::Statement& s, const PlannedStatement& p, const SourceFilePtr& file,
              PhaseTimings& timings) {
    try {
      if (!p.query->physical) throw ExecutionError(p.query->physicalError);
      const PhysicalPlan& plan = *p.query->physical;
      CompiledQuery compiled = compile(plan, timings);
      const auto t0 = Clock::now();
      const PhysSink* target = plan.sink();
      sinkTable(target->target);  // still declared?
      // CREATE TABLE ... AS SELECT replaces a memory table's rows (OR REPLACE).
      auto sink = sinkFor(*target, "", s.kind == ast::StatementKind::CreateTable);
      sink->beginBatch(0);
      PlanExecutor exec(plan, compiled);
      exec.setThreads(execThreads());
      exec.setStop(&stop);
      sink->setStop(&stop);
      exec.run(reader(), [&](const PhysSink&) -> RowSink* { return sink.get(); });
      sink->endBatch(&stop);
      timings.execute += msSince(t0);
    } catch (Error& e) {
      e.locate(file, s.span);
      throw;
    }
  }

  // A streaming query ready to run; owns what its threads use.
  struct Running {
    std::string name;
    PlannedStatement planned;
    std::unique_ptr<CompiledQuery> compiled;
    std::unique_ptr<StopSource> stop;          // this query's; a child of the script's
    std::unique_ptr<LateRowsWriter> lateRows;  // OPTIONS (lateRowsTable ...); outlives `query`
    std::unique_ptr<StreamingQuery> query;
    SourceFilePtr file;
    SourceSpan span;
    std::shared_ptr<QueryMonitor> monitor;  // what the web UI shows of it
  };

  // What the web UI shows of a streaming query besides its progress; `compileMs` is the
  // kernels' codegen + JIT time.
  static QueryInfo queryInfo(const ast::Statement& s, const PlannedStatement& p,
                             const SourceFilePtr& file, double compileMs) {
    const StreamingPlan& plan = *p.query->streaming;
    QueryInfo info;
    info.name = plan.spec.name;
    info.trigger = plan.spec.trigger.toString();
    for (const PhysScan* scan : plan.sources)
      info.sources.push_back(scan->scan.name + " (" + scan->scan.format + ")");
    info.sink = plan.sink->target + " (" + plan.sink->format + ")";
    info.checkpoint = plan.spec.checkpointLocation;
    info.queryText = file->text.substr(s.span.begin, s.span.end - s.span.begin);
    info.plan = explainText(s, p, ast::ExplainMode::Simple);
    info.compileMs = compileMs;
    return info;
  }

  // Compiles a streaming query and creates its sink (that setup counts as execution).
  std::unique_ptr<Running> prepareStream(const ast::Statement& s, PlannedStatement p,
                                         const SourceFilePtr& file, const ScriptOptions& o,
                                         const StopSource& scriptStop, PhaseTimings& timings) {
    auto r = std::make_unique<Running>();
    r->file = file;
    r->span = s.span;
    r->planned = std::move(p);
    try {
      PlannedQuery& q = *r->planned.query;
      if (!q.physical || !q.streaming) throw ExecutionError(q.physicalError);
      const double compileBefore = timings.codegen + timings.jit;
      r->compiled = std::make_unique<CompiledQuery>(
          compile(*q.physical, timings, q.streaming->spec.checkpointLocation));
      r->monitor = queries.add(
          queryInfo(s, r->planned, file, timings.codegen + timings.jit - compileBefore));
      // The IR is generated again on request (the running kernels keep none); withdrawn
      // when the query ends, before `r` goes away.
      r->monitor->setIrSource([plan = &*q.physical, level = optLevel()] {
        return compileQuery(*plan, level, CompileOptions{}).irText();
      });
      const auto t0 = Clock::now();
      const StreamingPlan& plan = *q.streaming;
      sinkTable(plan.sink->target);
      r->name = plan.spec.name;
      r->stop = std::make_unique<StopSource>(&scriptStop);
      StreamingRunOptions ro;
      ro.progressFile = o.progressFile;
      ro.statusLine = o.statusLine;
      ro.monitor = r->monitor;
      ro.state = stateOptions();
      r->lateRows = lateRowsWriter(plan, file, s.span);
      ro.state.lateRows = r->lateRows.get();
      ro.threads = execThreads();
      ro.stop = r->stop.get();
      ro.staticReader = reader();
      r->query = std::make_unique<StreamingQuery>(
          plan, *q.physical, *r->compiled,
          sinkFor(*plan.sink, plan.spec.name, plan.spec.outputMode == OutputMode::Complete), ro);
      timings.execute += msSince(t0);
    } catch (Error& e) {
      e.locate(file, s.span);
      // The query never runs: the UI says why, and its IR source (over `r`) is withdrawn.
      if (r->monitor) r->monitor->finish(e.render());
      throw;
    }
    return r;
  }

  // The writer of a query's late rows into the table its lateRowsTable option names (nullptr
  // without the option). The table takes LateRowsWriter::columns(); kafka tables cannot (they
  // need a `value` column).
  std::unique_ptr<LateRowsWriter> lateRowsWriter(const StreamingPlan& plan,
                                                 const SourceFilePtr& file, SourceSpan span) {
    std::optional<std::string> name;
    for (const auto& [k, v] : plan.spec.options)
      if (asciiLower(k) == "laterowstable") name = v;
    if (!name) return nullptr;
    const TableEntry* t = catalog.table(*name);
    if (!t)
      throw ExecutionError("lateRowsTable '" + *name +
                           "': no such table (declare it first, e.g. CREATE TABLE " + *name +
                           " USING memory)");
    if (t->format == "kafka")
      throw ExecutionError("lateRowsTable '" + *name +
                           "': a kafka table cannot take late rows (it needs a value column); "
                           "use a memory, console, json, csv or parquet table");
    std::vector<Attribute> columns;
    for (const auto& [n, type] : LateRowsWriter::columns()) {
      Attribute a;
      a.name = n;
      a.type = type;
      columns.push_back(a);
    }
    PhysSink target(t->name, t->format, t->options, columns, nullptr);
    target.timeZone = catalog.sessionTimeZone();
    const ConnectorInfo* c = findConnector(t->format);
    if (c && c->fileBased) target.fileSink = planFileSink(*t, columns, true, file, span);
    return std::make_unique<LateRowsWriter>(sinkFor(target, plan.spec.name + ".lateRows", false));
  }

  // What `sluice check` adds for a streaming query so that what it accepts, `run` runs: the
  // plan has a streaming plan, every source and the sink have a run-time connector that can
  // do what the plan asks, the sources open (their run-time option checks: JSON offsets,
  // patterns, numbers), and the kernels compile. It connects to nothing.
  void checkRunnable(const PlannedStatement& p) {
    const PlannedQuery& q = *p.query;
    if (!q.physical || !q.streaming) throw PlanError(q.physicalError);
    sinkConnector(*q.streaming->sink);
    StreamOpenOptions open;
    open.toCompletion = q.streaming->spec.trigger.runsToCompletion();
    SourceSet sources(*q.streaming, open);
    PhaseTimings ignored;
    compile(*q.physical, ignored);
  }

  // Runs `r` to its end; while it runs, Engine::stopQuery can reach it by name.
  void runStream(Running& r) {
    {
      std::lock_guard<std::mutex> lock(runningMutex);
      running[asciiLower(r.name)] = r.stop.get();
    }
    struct Unregister {
      Impl& impl;
      const std::string key;
      ~Unregister() {
        std::lock_guard<std::mutex> lock(impl.runningMutex);
        impl.running.erase(key);
      }
    } unregister{*this, asciiLower(r.name)};
    struct Finish {  // the UI shows how the run ended
      QueryMonitor& m;
      std::optional<std::string> error;
      ~Finish() { m.finish(error); }
    } finish{*r.monitor, std::string("failed")};
    try {
      r.query->run();
      finish.error.reset();
    } catch (const Interrupted& e) {
      // A stop reached a batch that could not finish (a sink or broker that does not answer):
      // the batch is not committed and is replayed on restart. That is a stop, not a failure.
      if (!r.stop->stopRequested()) {
        finish.error = e.message();
        throw;
      }
      finish.error.reset();
      std::cerr << "sluice: streaming query " << r.name << " " << e.message()
                << "; its batch was not committed and runs again on restart" << std::endl;
    } catch (Error& e) {
      e.locate(r.file, r.span);
      finish.error = e.render();
      throw;
    } catch (const std::exception& e) {
      finish.error = e.what();
      throw;
    }
  }

  std::string runScript(const ast::Script& script, const ScriptOptions& options,
                        std::optional<Table>* last, double parseMs);

  // Compiles and runs a planned SELECT.
  Table run(const ast::Statement& s, const PlannedStatement& p, const SourceFilePtr& file,
            PhaseTimings& timings) {
    try {
      if (!p.query->physical) throw ExecutionError(p.query->physicalError);
      const PhysicalPlan& plan = *p.query->physical;
      CompiledQuery compiled = compile(plan, timings);
      const auto t0 = Clock::now();
      const PhysSink* result = plan.sink();
      if (!result) throw ExecutionError("internal: a plan without a sink");
      TableBuilder table(columnNames(result->columns), columnTypes(result->columns));
      table.setTimeZone(catalog.sessionTimeZone());
      PlanExecutor exec(plan, compiled);
      exec.setThreads(execThreads());
      exec.setStop(&stop);
      exec.run(reader(), [&](const PhysSink&) -> RowSink* { return &table; });
      Table out = table.finish();
      timings.execute += msSince(t0);
      return out;
    } catch (Error& e) {
      e.locate(file, s.span);
      throw;
    }
  }
};

Engine::Engine() : impl_(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

const char* Engine::version() {
  return "0.1.0";
}

void Engine::set(const std::string& key, const std::string& value) {
  impl_->catalog.set(key, value);
}

void Engine::check(const std::string& sql, const ScriptOptions& options) {
  const HostFunctionScope functions(&impl_->hostFunctions);
  ast::Script script = impl_->parse(sql, options);
  for (const auto& s : script.statements) {
    const PlannedStatement p = impl_->planner.plan(*s, script.file);
    for (const auto& w : p.warnings) std::cerr << "sluice: warning: " << w << std::endl;
    if (p.streaming && s->kind == ast::StatementKind::CreateStreamingQuery) {
      try {
        impl_->checkRunnable(p);
      } catch (Error& e) {
        e.locate(script.file, s->span);
        throw;
      }
    }
  }
}

std::string Engine::explain(const std::string& sql, ExplainLevel level,
                            const ScriptOptions& options) {
  const HostFunctionScope functions(&impl_->hostFunctions);
  ast::Script script = impl_->parse(sql, options);
  std::string out;
  for (const auto& s : script.statements) {
    PlannedStatement p = impl_->planner.plan(*s, script.file);
    ast::ExplainMode mode = level == ExplainLevel::Asm        ? ast::ExplainMode::Asm
                            : level == ExplainLevel::Codegen  ? ast::ExplainMode::Codegen
                            : level == ExplainLevel::Extended ? ast::ExplainMode::Extended
                                                              : ast::ExplainMode::Simple;
    if (s->kind == ast::StatementKind::Explain) mode = s->explainMode;
    if (!p.query && s->kind != ast::StatementKind::Explain) continue;
    const LineCol lc = script.file->lineCol(s->span.begin);
    if (!out.empty()) out += "\n";
    out += "-- " + script.file->name + ":" + std::to_string(lc.line) + "\n";
    out += impl_->explain(s->kind == ast::StatementKind::Explain ? *s->explained : *s, p, mode);
  }
  return out;
}

std::string Engine::startUi(const std::string& address) {
  if (impl_->ui) throw ExecutionError("the web UI already runs at " + impl_->ui->url());
  impl_->ui = std::make_unique<UiServer>(impl_->queries, address);
  return impl_->ui->address();
}

void Engine::requestStop() {
  impl_->stop.requestStop();
}

bool Engine::stopQuery(const std::string& name) {
  std::lock_guard<std::mutex> lock(impl_->runningMutex);
  auto it = impl_->running.find(asciiLower(name));
  if (it == impl_->running.end()) return false;
  it->second->requestStop();
  return true;
}

bool Engine::stopRequested() const {
  return impl_->stop.stopRequested();
}

// Runs every statement of `script` (execute() and query() share this). SELECT results are
// printed in `options.resultFormat` (into the returned text, or to options.onOutput), or, when
// `last` is given, the result of the
// final statement (if a SELECT) is kept there instead. `parseMs`: how long parsing the
// script took (for options.onTimings).
std::string Engine::Impl::runScript(const ast::Script& script, const ScriptOptions& options,
                                    std::optional<Table>* last, double parseMs) {
  std::string out;
  // A statement's printed result: to onOutput at once if set, else into the returned text.
  const auto emit = [&](const std::string& text) {
    if (options.onOutput)
      options.onOutput(text);
    else
      out += text;
  };
  // Queries with a continuous trigger run in the background until a stop is requested.
  std::vector<std::unique_ptr<Running>> background;
  std::vector<std::thread> threads;
  std::vector<std::exception_ptr> failures;
  std::mutex failuresMutex;
  auto joinAll = [&] {
    for (auto& t : threads) t.join();
    threads.clear();
    if (!failures.empty()) std::rethrow_exception(failures.front());
  };
  // Stops this script's queries: the engine's stop, a failed query, a failed statement.
  StopSource scriptStop(&stop);
  struct Joiner {  // never leave a thread running when a later statement throws
    std::vector<std::thread>& threads;
    StopSource& stop;
    ~Joiner() {
      if (threads.empty()) return;
      stop.requestStop();
      for (auto& t : threads) t.join();
    }
  };
  Joiner joiner{threads, scriptStop};
  PhaseTimings total;
  total.parse = parseMs;
  // One statement; fills `t` with the time of its phases after analysis.
  auto runStatement = [&](const ast::Statement& s, PlannedStatement p, PhaseTimings& t) {
    if (s.kind == ast::StatementKind::Explain) {
      CompileTimings ct;
      emit(explain(*s.explained, p, s.explainMode, &ct));
      t.codegen = ct.codegen;
      t.jit = ct.jit;
      return;
    }
    if (s.kind == ast::StatementKind::Set && !s.setHasValue) emit(p.message + "\n");
    if (!p.query) return;
    if (s.kind == ast::StatementKind::Insert || s.kind == ast::StatementKind::CreateTable) {
      insert(s, p, script.file, t);
      return;
    }
    if (s.kind == ast::StatementKind::CreateStreamingQuery) {
      const bool toCompletion = p.streaming->trigger.runsToCompletion();
      auto r = prepareStream(s, std::move(p), script.file, options, scriptStop, t);
      if (toCompletion) {
        const auto t0 = Clock::now();
        runStream(*r);
        t.execute += msSince(t0);
        return;
      }
      t.running = true;
      Running* raw = r.get();
      background.push_back(std::move(r));
      threads.emplace_back([this, raw, &failures, &failuresMutex, &scriptStop] {
        try {
          runStream(*raw);
        } catch (...) {
          std::lock_guard<std::mutex> lock(failuresMutex);
          failures.push_back(std::current_exception());
          scriptStop.requestStop();  // one failed query stops the others, as a failed script
        }
      });
      return;
    }
    Table table = run(s, p, script.file, t);
    if (last) {
      *last = std::move(table);
      return;
    }
    const std::string text = options.resultFormat == ResultFormat::Csv    ? table.toCsv()
                             : options.resultFormat == ResultFormat::Json ? table.toJsonLines()
                                                                          : table.show();
    emit(text);
  };
  for (size_t i = 0; i < script.statements.size(); ++i) {
    const ast::Statement& s = *script.statements[i];
    if (last) last->reset();
    PhaseTimings t;
    t.statement = static_cast<int>(i + 1);
    t.line = static_cast<int>(script.file->lineCol(s.span.begin).line);
    if (scriptStop.stopRequested())
      throw Interrupted("before statement " + std::to_string(i + 1) + " (line " +
                        std::to_string(t.line) + ")");
    const auto t0 = Clock::now();
    PlannedStatement p = planner.plan(s, script.file);
    for (const auto& w : p.warnings) std::cerr << "sluice: warning: " << w << std::endl;
    // plan() binds, optimizes and plans physically; the last two time themselves.
    const double planned = msSince(t0);
    if (p.query) {
      t.optimize = p.query->optimizeMs;
      t.plan = p.query->physicalMs;
    }
    t.analyze = std::max(0.0, planned - t.optimize - t.plan);
    runStatement(s, std::move(p), t);
    total.analyze += t.analyze;
    total.optimize += t.optimize;
    total.plan += t.plan;
    total.codegen += t.codegen;
    total.jit += t.jit;
    total.execute += t.execute;
    if (options.onTimings) options.onTimings(t);
  }
  const auto t0 = Clock::now();
  joinAll();
  total.execute += msSince(t0);
  if (options.onTimings) options.onTimings(total);
  return out;
}

std::string Engine::execute(const std::string& sql, const ScriptOptions& options) {
  const HostFunctionScope functions(&impl_->hostFunctions);
  impl_->stop.clear();
  const auto t0 = Clock::now();
  const ast::Script script = impl_->parse(sql, options);
  return impl_->runScript(script, options, nullptr, msSince(t0));
}

Table Engine::query(const std::string& sql, const ScriptOptions& options) {
  const HostFunctionScope functions(&impl_->hostFunctions);
  impl_->stop.clear();
  std::optional<Table> result;
  const auto t0 = Clock::now();
  const ast::Script script = impl_->parse(sql, options);
  impl_->runScript(script, options, &result, msSince(t0));
  if (!result) throw ExecutionError("Engine::query needs a script that ends in a SELECT");
  return *result;
}

void Engine::registerFunction(const std::string& name, const HostFunction& fn,
                              const FunctionOptions& options) {
  registerHostFunction(impl_->hostFunctions, name, fn, options);
}

void Engine::onBatch(const std::string& table, BatchCallback callback) {
  impl_->memory.onBatch(table, std::move(callback));
}

Table Engine::memoryTable(const std::string& name) const {
  const TableEntry* t = impl_->catalog.table(name);
  if (!t || t->format != "memory")
    throw ExecutionError("memory table " + name + " does not exist (declare it with CREATE TABLE " +
                         name + " (...) USING memory)");
  if (auto rows = impl_->memory.rows(name)) return *rows;
  std::vector<std::string> names;
  std::vector<TypePtr> types;
  if (t->schema)
    for (const auto& f : t->schema->fields()) {
      names.push_back(f.name);
      types.push_back(f.type);
    }
  return TableBuilder(names, types).finish();
}

}  // namespace sluice
