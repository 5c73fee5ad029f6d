#include "codegen/jit/jit_engine.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/CodeGen.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "frontend/error.h"

namespace sluice {

struct JitEngine::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
  int optLevel = 2;
  std::unordered_map<std::string, const void*> symbols;  ///< defineSymbol's names, for dedup
  /// The builder the JIT's compiler was made from (after LLJIT chose code and relocation
  /// models for its linker): emitAssembly builds its target machine from a copy.
  std::optional<llvm::orc::JITTargetMachineBuilder> targetMachineBuilder;
  std::unique_ptr<llvm::TargetMachine> asmTargetMachine;  ///< made on first emitAssembly
  bool keepAssembly = false;
  std::map<std::string, std::string> assembly;  ///< module name -> its assembly (keepAssembly)
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
  llvm::orc::LLJITBuilder builder;
  // Let LLJIT settle its defaults first (host detection, code and relocation model for its
  // linker) and keep a copy of the target machine builder its compiler is made from: it
  // does not keep one we could ask for. create() prepares again; that is a no-op now.
  if (auto err = builder.prepareForConstruction())
    throw CodegenError("cannot create the LLVM JIT: " + errorText(std::move(err)));
  impl_->targetMachineBuilder = *builder.JTMB;
  auto jit = builder.create();
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
  if (impl_->keepAssembly) impl_->assembly[name] = emitAssembly(m);
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

std::string JitEngine::emitAssembly(const llvm::Module& module) {
  if (!impl_->asmTargetMachine) {
    auto tm = impl_->targetMachineBuilder->createTargetMachine();
    if (!tm)
      throw CodegenError("cannot create the JIT's target machine: " + errorText(tm.takeError()));
    impl_->asmTargetMachine = std::move(*tm);
  }
  llvm::TargetMachine& tm = *impl_->asmTargetMachine;
  // Code generation rewrites the IR it runs on (CodeGenPrepare and friends): use a clone.
  std::unique_ptr<llvm::Module> clone = llvm::CloneModule(module);
  // As the JIT does when a module is added: its data layout if the module has none.
  if (clone->getDataLayout().isDefault()) clone->setDataLayout(impl_->jit->getDataLayout());
  if (clone->getTargetTriple().empty()) clone->setTargetTriple(tm.getTargetTriple().str());
  llvm::SmallString<4096> text;
  llvm::raw_svector_ostream os(text);
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr, llvm::CodeGenFileType::AssemblyFile))
    throw CodegenError("the JIT's target machine (" + tm.getTargetTriple().str() +
                       ") cannot emit assembly");
  pm.run(*clone);
  return std::string(text.str());
}

void JitEngine::setKeepAssembly(bool on) {
  impl_->keepAssembly = on;
}

std::string JitEngine::assembly(const std::string& name) const {
  auto it = impl_->assembly.find(name);
  return it == impl_->assembly.end() ? std::string() : it->second;
}

}  // namespace sluice
