#include "codegen/jit/jit_engine.h"

#include <llvm/AsmParser/Parser.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/TargetSelect.h>

#include <mutex>
#include <unordered_map>

#include "frontend/error.h"

namespace sluice {

struct JitEngine::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  int optLevel = 2;
  std::unordered_map<std::string, const void*> symbols;  ///< defineSymbol's names, for dedup
};

namespace {

std::string errorText(llvm::Error err) {
  std::string s;
  llvm::handleAllErrors(std::move(err), [&](const llvm::ErrorInfoBase& e) { s += e.message(); });
  return s;
}

void optimize(llvm::Module& m, int level) {
  if (level <= 0) return;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb;
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cam, mam);
  const llvm::OptimizationLevel ol = level == 1   ? llvm::OptimizationLevel::O1
                                     : level == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  pb.buildPerModuleDefaultPipeline(ol).run(m, mam);
}

}  // namespace

JitEngine::JitEngine(int optLevel) : impl_(std::make_unique<Impl>()) {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
  impl_->optLevel = optLevel;
  auto jit = llvm::orc::LLJITBuilder().create();
  if (!jit) throw CodegenError("cannot create the LLVM JIT: " + errorText(jit.takeError()));
  impl_->jit = std::move(*jit);
}

JitEngine::~JitEngine() = default;

void JitEngine::addModuleIR(const std::string& ir, const std::string& name) {
  auto ctx = std::make_unique<llvm::LLVMContext>();
  llvm::SMDiagnostic diag;
  auto mod = llvm::parseAssemblyString(ir, diag, *ctx);
  if (!mod)
    throw CodegenError("invalid LLVM IR in " + name + ":" + std::to_string(diag.getLineNo()) +
                       ": " + diag.getMessage().str());
  addModule(std::move(mod), std::move(ctx), name);
}

void JitEngine::addModule(std::unique_ptr<llvm::Module> mod, std::unique_ptr<llvm::LLVMContext> ctx,
                          const std::string& name, std::string* optimizedIR) {
  // Owning both at once first: the module must die before its context if we throw below.
  llvm::orc::ThreadSafeModule tsm(std::move(mod), std::move(ctx));
  llvm::Module& m = *tsm.getModuleUnlocked();
  std::string verify;
  llvm::raw_string_ostream os(verify);
  if (llvm::verifyModule(m, &os))
    throw CodegenError("LLVM IR of " + name + " does not verify: " + os.str());
  optimize(m, impl_->optLevel);
  if (optimizedIR) {
    optimizedIR->clear();
    llvm::raw_string_ostream ir(*optimizedIR);
    m.print(ir, nullptr);
  }
  if (auto err = impl_->jit->addIRModule(std::move(tsm)))
    throw CodegenError("cannot add module " + name + " to the JIT: " + errorText(std::move(err)));
}

void JitEngine::defineSymbol(const std::string& name, const void* address) {
  auto [it, inserted] = impl_->symbols.emplace(name, address);
  if (!inserted) {
    if (it->second == address) return;
    throw CodegenError("JIT symbol '" + name + "' is already defined at another address");
  }
  llvm::orc::SymbolMap map;
  map[impl_->jit->mangleAndIntern(name)] =
      llvm::orc::ExecutorSymbolDef(llvm::orc::ExecutorAddr::fromPtr(address),
                                   llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
  if (auto err = impl_->jit->getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(map)))) {
    impl_->symbols.erase(name);
    throw CodegenError("cannot define JIT symbol '" + name + "': " + errorText(std::move(err)));
  }
}

uint64_t JitEngine::lookup(const std::string& symbol) {
  auto addr = impl_->jit->lookup(symbol);
  if (!addr)
    throw CodegenError("JIT symbol '" + symbol + "' not found: " + errorText(addr.takeError()));
  return addr->getValue();
}

}  // namespace sluice
