#pragma once
// Compiles a physical plan to native code: one LLVM module and one function
// `void pipeline_<id>(KernelArgs*)` per pipeline (see abi.h), JIT'd together in one engine.
// Free of LLVM headers so the runtime and the API can use it.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "planner/physical/physical_planner.h"

namespace sluice {

class JitEngine;

/// A kernel's entry point, called as a function. Tiered compilation (CompileOptions::tiered)
/// replaces the first tier's kernel by the optimized one while the query runs: calls read the
/// pointer atomically, so each call runs one whole kernel, the one installed when it began
/// (both are compiled from the same IR and keep their state in the same places). Kernels
/// themselves are immutable; only which one is called changes.
class KernelEntry {
 public:
  KernelEntry() = default;
  KernelEntry(KernelFn f) : fn_(f) {}  // NOLINT: a KernelFn converts implicitly
  KernelEntry(const KernelEntry& o) noexcept : fn_(o.get()) {}
  KernelEntry& operator=(const KernelEntry& o) {
    set(o.get());
    return *this;
  }
  void operator()(KernelArgs* args) const { get()(args); }
  KernelFn get() const { return fn_.load(std::memory_order_acquire); }
  void set(KernelFn f) { fn_.store(f, std::memory_order_release); }
  explicit operator bool() const { return get() != nullptr; }

 private:
  std::atomic<KernelFn> fn_{nullptr};
};

/// One compiled pipeline.
struct CompiledPipeline {
  int id = 0;                ///< Pipeline::id
  const Pipeline* pipeline;  ///< the planned pipeline (owned by the PhysicalPlan)
  std::string description;   ///< Pipeline::describe(): what the kernel fuses
  std::string ir;            ///< the optimized LLVM IR of its module
  std::string assembly;      ///< its machine code as assembly (CompileOptions::assembly)
  KernelEntry entry;         ///< the native function
  int stateSlots = 0;        ///< i64 counters KernelArgs::state must provide
  /// The kernel may process a batch in several calls over consecutive slices of its rows
  /// with the same result; false when it restarts per-call state (rand()'s generator).
  bool chunkable = true;
  /// The operators whose runtime objects KernelArgs::operators must hold, in that order.
  std::vector<const PhysicalOp*> operatorSlots;
};

/// A compiled query: immutable once built; owns the JIT that holds the code, so entry
/// points stay valid as long as this object lives. The PhysicalPlan must outlive it too.
class CompiledQuery {
 public:
  CompiledQuery(std::unique_ptr<JitEngine> jit, std::vector<CompiledPipeline> pipelines);
  ~CompiledQuery();
  CompiledQuery(CompiledQuery&&) noexcept;
  CompiledQuery& operator=(CompiledQuery&&) noexcept;

  /// The pipelines in dependency order (inputs first), as in PhysicalPlan::pipelines.
  const std::vector<CompiledPipeline>& pipelines() const { return pipelines_; }
  /// `; pipeline_1: ...` followed by its IR, for every pipeline (EXPLAIN CODEGEN).
  std::string irText() const;
  /// `# pipeline_1: ...` followed by its assembly, for every pipeline (EXPLAIN ASM; empty
  /// unless compiled with CompileOptions::assembly).
  std::string asmText() const;

  /// Tiered compilation (CompileOptions::tiered): true while the optimized kernels are
  /// being compiled in the background.
  bool optimizing() const;
  /// Waits for the background compilation, if any. True when every pipeline now runs the
  /// kernels of the optimization level asked for (always, without tiers); false when that
  /// compilation failed (the first tier's kernels stay: `tierError` says why).
  bool waitForOptimized();
  /// Why the optimized tier could not be compiled ("" if it could, or is not done).
  std::string tierError() const;
  /// Milliseconds the background compilation took (0 before it is done, or without tiers).
  double tierMs() const;

 private:
  friend CompiledQuery compileQuery(const PhysicalPlan&, int, const struct CompileOptions&);
  struct Tier;

  std::unique_ptr<JitEngine> jit_;
  std::vector<CompiledPipeline> pipelines_;
  std::unique_ptr<Tier> tier_;  ///< last: destroyed (its thread joined) first
};

/// Where compileQuery's time went, in milliseconds (`sluice run --timings`).
struct CompileTimings {
  double codegen = 0;     ///< generating the LLVM IR of every pipeline (the translators)
  double jit = 0;         ///< JIT setup, LLVM optimization passes and machine code generation
  int cacheHits = 0;      ///< pipelines whose code came from the compile cache
  int cacheMisses = 0;    ///< pipelines compiled with a compile cache set (and then stored)
  int cacheRejected = 0;  ///< corrupt cache entries ignored (see CompileOptions::cacheDir)
};

/// What compileQuery produces besides the code.
struct CompileOptions {
  /// Also keep every pipeline's machine code as assembly text (CompiledPipeline::assembly),
  /// for EXPLAIN ASM. Costs a second code generation pass per pipeline.
  bool assembly = false;
  /// If set, receives the time spent generating IR and in the JIT.
  CompileTimings* timings = nullptr;
  /// Keep every pipeline's optimized IR (CompiledPipeline::ir, irText()). Printing it costs
  /// time linear in the module's size, and a pipeline whose IR is kept is not looked up in
  /// the compile cache (the cache holds object code only).
  bool keepIR = true;
  /// The persistent compile cache's directory ("" = none): see JitEngine::setCacheDirectory.
  /// A pipeline found there is linked without being optimized or compiled.
  std::string cacheDir;
  /// Tiered compilation (when optLevel > 0): compile every pipeline at -O0 first and
  /// return those kernels; compile them at optLevel on a background thread, which swaps each
  /// CompiledPipeline::entry to the optimized kernel when all are ready. The IR of both tiers
  /// is generated before returning (the background thread touches no plan). Both tiers use
  /// the compile cache.
  bool tiered = false;
};

/// Generates, optimizes (`optLevel` 0..3) and JITs every pipeline of `plan`. Throws
/// CodegenError naming the pipeline for anything the code generator cannot translate yet.
CompiledQuery compileQuery(const PhysicalPlan& plan, int optLevel = 2,
                           const CompileOptions& options = {});

}  // namespace sluice
