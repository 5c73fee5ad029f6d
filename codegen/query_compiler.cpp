#include "codegen/query_compiler.h"

#include <llvm/IR/Metadata.h>

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

CompiledQuery compileQuery(const PhysicalPlan& plan, int optLevel) {
  auto jit = std::make_unique<JitEngine>(optLevel);
  registerKernelRuntime(*jit);
  registerStdlibBindings(*jit);
  std::vector<CompiledPipeline> out;
  for (const auto& p : plan.pipelines) {
    CompiledPipeline cp;
    cp.id = p.id;
    cp.pipeline = &p;
    cp.description = p.describe();
    const std::string name = "pipeline_" + std::to_string(p.id);
    try {
      IrModule mod(name);
      generatePipeline(mod, p, name, cp);
      mod.addTo(*jit, &cp.ir);
      cp.entry = reinterpret_cast<KernelFn>(jit->lookup(name));
    } catch (CodegenError& e) {
      // Keep the span (if any) and say which kernel failed.
      throw CodegenError(e.message() + " (in " + cp.description + ")", e.file(), e.span());
    }
    out.push_back(std::move(cp));
  }
  return CompiledQuery(std::move(jit), std::move(out));
}

}  // namespace sluice
