#pragma once
// Where the time of a script went, phase by phase: what `sluice run --timings` prints.
//
//   sluice::ScriptOptions o;
//   o.onTimings = [](const sluice::PhaseTimings& t) {
//     std::cerr << (t.statement ? "statement " + std::to_string(t.statement) : "total") << ": "
//               << t.toString() << "\n";
//   };
//   engine.execute(sql, o);
#include <string>

#include "sluice/export.h"

namespace sluice {

/// Milliseconds (wall clock) one statement spent in each phase of the compiler and running,
/// or, for the script total (`statement == 0`), the sums over all statements plus parsing.
struct SLUICE_API PhaseTimings {
  int statement = 0;  ///< 1-based number of the statement in the script; 0: the script total
  int line = 0;       ///< line where the statement starts (0 for the total)
  /// `${name}` substitution, lexing and parsing. The whole script is parsed at once before
  /// any statement runs, so only the total has it (0 in the statement entries).
  double parse = 0;
  /// Binding and semantic checks; for DDL and SET the whole statement (e.g. a CSV table's
  /// schema inference at CREATE TABLE).
  double analyze = 0;
  double optimize = 0;  ///< the logical optimizer's rules
  double plan = 0;      ///< physical planning (pipelines and their operators)
  double codegen = 0;   ///< generating the LLVM IR of every pipeline
  /// The JIT: its setup, LLVM's optimization passes (SET sluice.codegen.optLevel) and machine
  /// code generation.
  double jit = 0;
  /// Running the compiled query: reading, the kernels, writing the sink (a streaming query
  /// with trigger 'once' or 'availableNow': all its batches). In the total it also includes
  /// waiting for background streaming queries to stop.
  double execute = 0;
  /// A streaming query with a continuous trigger, reported once when it starts: it runs in
  /// the background, so `execute` is not known (0) yet.
  bool running = false;

  /// `parse 0.2 ms, analyze 0.4 ms, optimize 0.9 ms, plan 0.1 ms, codegen 3.1 ms, jit 28.0
  /// ms, execute 12.3 ms`: the statement entries leave out parse, and a running query's
  /// execute reads `execute (running)`. One decimal, as `--timings` prints it.
  std::string toString() const;
};

}  // namespace sluice
