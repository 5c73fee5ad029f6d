#include "codegen/query_compiler.h"

#include <llvm/IR/Metadata.h>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "codegen/call_emitters.h"
#include "codegen/ir/control_flow.h"
#include "codegen/ir/ir_context.h"
#include "codegen/jit/jit_engine.h"
#include "codegen/stdlib_binding.h"
#include "codegen/translators/translator.h"
#include "frontend/error.h"

namespace sluice {
namespace {

// Emits `pipeline_<id>` into `mod`; records the state and operator slots it uses in `out`.
void generatePipeline(IrModule& mod, const Pipeline& p, const std::string& fnName,
                      CompiledPipeline& out) {
  if (p.ops.size() < 2) throw CodegenError("a pipeline needs a source and a terminal");
  std::vector<std::unique_ptr<OperatorTranslator>> chain;
  for (size_t i = 0; i < p.ops.size(); ++i) chain.push_back(makeTranslator(p, i));
  for (size_t i = 0; i + 1 < chain.size(); ++i) chain[i]->setParent(chain[i + 1].get());

  const IrTypes& t = mod.types();
  FunctionBuilder fn(mod, fnName, t.voidTy, {t.ptr}, {"args"});
  // Kernels read batches and write through the sink only: no unwinding through JIT'd frames.
  fn.function()->addFnAttr(llvm::Attribute::NoUnwind);
  PipelineContext ctx(fn);
  chain.front()->produce(ctx);
  fn.retVoid();
  fn.finish();

  // Record what the kernel fuses where the printed IR shows it.
  llvm::LLVMContext& c = mod.context();
  mod.module()
      .getOrInsertNamedMetadata("sluice.pipeline")
      ->addOperand(llvm::MDNode::get(c, {llvm::MDString::get(c, p.describe())}));
  out.stateSlots = ctx.stateSlots;
  out.operatorSlots = ctx.operatorSlots;
  out.chunkable = !fn.function()->hasFnAttribute(kPerCallStateAttr);
}

}  // namespace

// The optimized tier of a tiered compilation: its JIT, its modules (generated up front) and
// the thread that compiles them.
struct CompiledQuery::Tier {
  std::unique_ptr<JitEngine> jit;
  std::vector<std::unique_ptr<IrModule>> modules;
  std::thread thread;
  mutable std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  bool ok = false;
  std::string error;
  double ms = 0;

  ~Tier() {
    if (thread.joinable()) thread.join();
  }

  // The thread's work: compile every module, then install all the kernels at once.
  void run(CompiledPipeline* pipelines) {
    const auto t0 = std::chrono::steady_clock::now();
    std::string err;
    std::vector<KernelFn> entries;
    try {
      for (auto& m : modules) {
        const std::string name = m->name();
        m->addTo(*jit, nullptr);
        entries.push_back(reinterpret_cast<KernelFn>(jit->lookup(name)));
      }
      for (size_t i = 0; i < entries.size(); ++i) pipelines[i].entry.set(entries[i]);
    } catch (const std::exception& e) {
      err = e.what();
    }
    modules.clear();
    std::lock_guard<std::mutex> lock(mu);
    done = true;
    ok = err.empty();
    error = err;
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!ok)
      std::cerr << "sluice: warning: optimized kernels not compiled, the -O0 ones keep running: "
                << err << "\n";
    cv.notify_all();
  }
};

CompiledQuery::CompiledQuery(std::unique_ptr<JitEngine> jit, std::vector<CompiledPipeline> p)
    : jit_(std::move(jit)), pipelines_(std::move(p)) {}
CompiledQuery::~CompiledQuery() = default;
CompiledQuery::CompiledQuery(CompiledQuery&&) noexcept = default;
CompiledQuery& CompiledQuery::operator=(CompiledQuery&&) noexcept = default;

bool CompiledQuery::optimizing() const {
  if (!tier_) return false;
  std::lock_guard<std::mutex> lock(tier_->mu);
  return !tier_->done;
}

bool CompiledQuery::waitForOptimized() {
  if (!tier_) return true;
  std::unique_lock<std::mutex> lock(tier_->mu);
  tier_->cv.wait(lock, [&] { return tier_->done; });
  return tier_->ok;
}

std::string CompiledQuery::tierError() const {
  if (!tier_) return "";
  std::lock_guard<std::mutex> lock(tier_->mu);
  return tier_->error;
}

double CompiledQuery::tierMs() const {
  if (!tier_) return 0;
  std::lock_guard<std::mutex> lock(tier_->mu);
  return tier_->ms;
}

std::string CompiledQuery::irText() const {
  std::string out;
  for (const auto& p : pipelines_) out += "; " + p.description + "\n" + p.ir + "\n";
  return out;
}

std::string CompiledQuery::asmText() const {
  std::string out;
  for (const auto& p : pipelines_) out += "# " + p.description + "\n" + p.assembly + "\n";
  return out;
}

CompiledQuery compileQuery(const PhysicalPlan& plan, int optLevel, const CompileOptions& options) {
  using Clock = std::chrono::steady_clock;
  double codegenMs = 0, jitMs = 0;
  auto since = [](Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  };
  Clock::time_point t0 = Clock::now();
  const bool tiered = options.tiered && optLevel > 0;
  const int firstLevel = tiered ? 0 : optLevel;
  auto jit = std::make_unique<JitEngine>(firstLevel);
  jit->setKeepAssembly(options.assembly);
  jit->setCacheDirectory(options.cacheDir);
  registerKernelRuntime(*jit);
  registerStdlibBindings(*jit);
  jitMs += since(t0);
  std::vector<CompiledPipeline> out;
  for (const auto& p : plan.pipelines) {
    CompiledPipeline cp;
    cp.id = p.id;
    cp.pipeline = &p;
    cp.description = p.describe();
    const std::string name = "pipeline_" + std::to_string(p.id);
    try {
      t0 = Clock::now();
      IrModule mod(name);
      generatePipeline(mod, p, name, cp);
      codegenMs += since(t0);
      // The JIT: verification, LLVM's optimization passes, then machine code (on lookup).
      t0 = Clock::now();
      mod.addTo(*jit, options.keepIR ? &cp.ir : nullptr);
      cp.entry = reinterpret_cast<KernelFn>(jit->lookup(name));
      jitMs += since(t0);
      if (options.assembly) cp.assembly = jit->assembly(name);
    } catch (CodegenError& e) {
      // Keep the span (if any) and say which kernel failed.
      throw CodegenError(e.message() + " (in " + cp.description + ")", e.file(), e.span());
    }
    out.push_back(std::move(cp));
  }
  std::unique_ptr<CompiledQuery::Tier> tier;
  if (tiered) {
    // The optimized tier's IR now, on this thread; only LLVM work is left to the other.
    t0 = Clock::now();
    tier = std::make_unique<CompiledQuery::Tier>();
    tier->jit = std::make_unique<JitEngine>(optLevel);
    tier->jit->setCacheDirectory(options.cacheDir);
    registerKernelRuntime(*tier->jit);
    registerStdlibBindings(*tier->jit);
    for (const auto& p : plan.pipelines) {
      CompiledPipeline unused;
      const std::string name = "pipeline_" + std::to_string(p.id);
      auto mod = std::make_unique<IrModule>(name);
      generatePipeline(*mod, p, name, unused);
      tier->modules.push_back(std::move(mod));
    }
    codegenMs += since(t0);
  }
  if (options.timings) {
    const JitEngine::CacheStats cs = jit->cacheStats();
    *options.timings = {codegenMs, jitMs, cs.hits, cs.misses, cs.rejected};
  }
  CompiledQuery q(std::move(jit), std::move(out));
  if (tier) {
    // The vector's elements stay where they are when the query object (and so the vector)
    // moves: the thread holds their address, not the vector's.
    CompiledQuery::Tier* t = tier.get();
    CompiledPipeline* pipelines = q.pipelines_.data();
    q.tier_ = std::move(tier);
    t->thread = std::thread([t, pipelines] { t->run(pipelines); });
  }
  return q;
}

}  // namespace sluice
