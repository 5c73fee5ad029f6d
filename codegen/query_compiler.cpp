#include "codegen/query_compiler.h"

#include <llvm/IR/Metadata.h>

#include <chrono>

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

CompiledQuery::CompiledQuery(std::unique_ptr<JitEngine> jit, std::vector<CompiledPipeline> p)
    : jit_(std::move(jit)), pipelines_(std::move(p)) {}
CompiledQuery::~CompiledQuery() = default;
CompiledQuery::CompiledQuery(CompiledQuery&&) noexcept = default;
CompiledQuery& CompiledQuery::operator=(CompiledQuery&&) noexcept = default;

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
  auto jit = std::make_unique<JitEngine>(optLevel);
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
  if (options.timings) {
    const JitEngine::CacheStats cs = jit->cacheStats();
    *options.timings = {codegenMs, jitMs, cs.hits, cs.misses, cs.rejected};
  }
  return CompiledQuery(std::move(jit), std::move(out));
}

}  // namespace sluice
