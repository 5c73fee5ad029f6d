#include "codegen/jit/jit_engine.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/ExecutionEngine/ObjectCache.h>
#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/IRCompileLayer.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/ExecutionEngine/Orc/ThreadSafeModule.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Pass.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/Support/BLAKE3.h>
#include <llvm/Support/CodeGen.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/Timer.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Transforms/Utils/Cloning.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "frontend/error.h"

namespace sluice {

class CompileCache;

struct JitEngine::Impl {
  std::unique_ptr<CompileCache> cache;  ///< declared first: the JIT's compiler points at it
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

std::mutex& processSymbolsMutex() {
  static std::mutex mu;
  return mu;
}

std::unordered_map<std::string, const void*>& processSymbols() {
  static std::unordered_map<std::string, const void*> symbols;
  return symbols;
}

// Resolves the names of defineProcessSymbol for the JIT's main library.
class ProcessSymbolGenerator : public llvm::orc::DefinitionGenerator {
 public:
  llvm::Error tryToGenerate(llvm::orc::LookupState&, llvm::orc::LookupKind, llvm::orc::JITDylib& jd,
                            llvm::orc::JITDylibLookupFlags,
                            const llvm::orc::SymbolLookupSet& symbols) override {
    llvm::orc::SymbolMap map;
    {
      std::lock_guard<std::mutex> lock(processSymbolsMutex());
      for (const auto& [name, flags] : symbols) {
        auto it = processSymbols().find((*name).str());
        if (it == processSymbols().end()) continue;
        map[name] = llvm::orc::ExecutorSymbolDef(
            llvm::orc::ExecutorAddr::fromPtr(it->second),
            llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable);
      }
    }
    if (map.empty()) return llvm::Error::success();
    return jd.define(llvm::orc::absoluteSymbols(std::move(map)));
  }
};

}  // namespace

// The persistent compile cache (JitEngine::setCacheDirectory): one file per module,
// `<dir>/<key>.o`, holding a header (magic, format version, payload size, BLAKE3 of the
// payload) and the object file. It is the ObjectCache of the JIT's compiler: the compiler
// hands it every object it produces (notifyObjectCompiled) for modules that carry a key;
// lookups are made by addModule before optimizing (getObject is not used by the compiler).
class CompileCache : public llvm::ObjectCache {
 public:
  explicit CompileCache(std::string dir) : dir_(std::move(dir)) {}

  static constexpr const char* kKeyMetadata = "sluice.cache.key";

  /// The stored object of `key`, or null (missing, or rejected with a warning).
  std::unique_ptr<llvm::MemoryBuffer> load(const std::string& key) {
    const std::filesystem::path path = pathOf(key);
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string why;
    if (data.size() < kHeader) {
      why = "truncated header";
    } else if (std::memcmp(data.data(), kMagic, 8) != 0) {
      why = "not a sluice compile cache entry";
    } else {
      uint64_t size = 0;
      std::memcpy(&size, data.data() + 8, 8);
      if (size != data.size() - kHeader) {
        why = "truncated object code";
      } else {
        const std::string_view payload(data.data() + kHeader, size);
        if (digest(payload) != std::string_view(data.data() + 16, 32)) {
          why = "checksum mismatch";
        } else {
          return llvm::MemoryBuffer::getMemBufferCopy(llvm::StringRef(payload.data(), size), key);
        }
      }
    }
    ++stats.rejected;
    std::cerr << "sluice: warning: ignoring corrupt compile cache entry " << path.string() << " ("
              << why << "); compiling the kernel again\n";
    return nullptr;
  }

  void notifyObjectCompiled(const llvm::Module* m, llvm::MemoryBufferRef obj) override {
    const std::string key = keyOf(*m);
    if (key.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    const std::filesystem::path path = pathOf(key);
    // Written whole under a temporary name, then renamed: readers never see a partial file.
    const std::filesystem::path tmp =
        path.string() + ".tmp" + std::to_string(reinterpret_cast<uintptr_t>(this));
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      const llvm::StringRef payload = obj.getBuffer();
      char header[kHeader];
      std::memcpy(header, kMagic, 8);
      const uint64_t size = payload.size();
      std::memcpy(header + 8, &size, 8);
      const std::string d = digest(std::string_view(payload.data(), payload.size()));
      std::memcpy(header + 16, d.data(), 32);
      out.write(header, kHeader);
      out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
      if (!out) {
        std::cerr << "sluice: warning: cannot write compile cache entry " << path.string() << "\n";
        std::filesystem::remove(tmp, ec);
        return;
      }
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
      std::cerr << "sluice: warning: cannot write compile cache entry " << path.string() << ": "
                << ec.message() << "\n";
      std::filesystem::remove(tmp, ec);
      return;
    }
    ++stats.stored;
  }

  std::unique_ptr<llvm::MemoryBuffer> getObject(const llvm::Module*) override { return nullptr; }

  static std::string keyOf(const llvm::Module& m) {
    const llvm::NamedMDNode* md = m.getNamedMetadata(kKeyMetadata);
    if (!md || md->getNumOperands() == 0) return "";
    const auto* node = md->getOperand(0);
    if (node->getNumOperands() == 0) return "";
    const auto* s = llvm::dyn_cast<llvm::MDString>(node->getOperand(0));
    return s ? s->getString().str() : "";
  }

  static std::string hex(llvm::ArrayRef<uint8_t> bytes) {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (uint8_t c : bytes) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    return out;
  }

  JitEngine::CacheStats stats;

 private:
  static constexpr size_t kHeader = 48;          // magic 8, size 8, BLAKE3 32
  static constexpr char kMagic[9] = "SLJITO01";  // format version in the last two bytes

  static std::string digest(std::string_view payload) {
    llvm::BLAKE3 h;
    h.update(llvm::StringRef(payload.data(), payload.size()));
    const auto out = h.final();
    return std::string(reinterpret_cast<const char*>(out.data()), out.size());
  }

  std::filesystem::path pathOf(const std::string& key) const {
    return std::filesystem::path(dir_) / (key + ".o");
  }

  std::string dir_;
};

namespace {

std::string errorText(llvm::Error err) {
  std::string s;
  llvm::handleAllErrors(std::move(err), [&](const llvm::ErrorInfoBase& e) { s += e.message(); });
  return s;
}

// Instructions in `m`'s largest function and its largest basic block.
struct ModuleSize {
  size_t functionInstructions = 0;
  size_t blockInstructions = 0;
};

ModuleSize sizeOf(const llvm::Module& m) {
  ModuleSize s;
  for (const llvm::Function& f : m) {
    size_t n = 0;
    for (const llvm::BasicBlock& bb : f) {
      n += bb.size();
      s.blockInstructions = std::max(s.blockInstructions, bb.size());
    }
    s.functionInstructions = std::max(s.functionInstructions, n);
  }
  return s;
}

// Machine code generation schedules instructions per basic block in time that grows with
// the square of the block's size (the pre- and post-RA schedulers' dependence graphs, the
// DAG instruction selector's chains). A query with thousands of columns gives blocks of tens
// of thousands of instructions: those modules are compiled at CodeGenOptLevel::None (fast
// instruction selection, no scheduling, the fast register allocator), which is linear. The
// IR is still optimized as asked; small kernels are unaffected.
constexpr size_t kHugeBlock = 1500, kHugeFunction = 20000;

bool huge(const ModuleSize& s) {
  return s.blockInstructions > kHugeBlock || s.functionInstructions > kHugeFunction;
}

// Splits every basic block of more than kBlockChunk instructions into a chain of blocks of
// at most that many (joined by unconditional branches). Instruction selection and both
// schedulers work one basic block at a time in time quadratic in its size, so bounded
// blocks make machine code generation linear in the size of the function. Done after the
// IR passes (SimplifyCFG would merge the blocks again), just before code generation.
constexpr size_t kBlockChunk = 512;

void splitLargeBlocks(llvm::Module& m) {
  for (llvm::Function& f : m) {
    std::vector<llvm::BasicBlock*> work;
    for (llvm::BasicBlock& bb : f)
      if (bb.size() > kBlockChunk) work.push_back(&bb);
    for (llvm::BasicBlock* bb : work) {
      // Static allocas must stay in the entry block: start after the last one.
      auto it = bb->getFirstInsertionPt();
      if (bb->isEntryBlock())
        for (auto i = bb->begin(); i != bb->end(); ++i)
          if (llvm::isa<llvm::AllocaInst>(*i)) it = std::next(i);
      size_t count = 0;
      while (it != bb->end() && !it->isTerminator()) {
        if (++count < kBlockChunk) {
          ++it;
          continue;
        }
        bb = bb->splitBasicBlock(it, bb->getName() + ".part");
        it = bb->begin();
        count = 0;
      }
    }
  }
}

// The JIT's IR compiler: LLJIT's default (SimpleCompiler over the host target machine) with
// a second, linear-time target machine for huge modules.
class SizeAwareCompiler : public llvm::orc::IRCompileLayer::IRCompiler {
 public:
  SizeAwareCompiler(llvm::orc::JITTargetMachineBuilder jtmb, std::unique_ptr<CompileCache>* cache,
                    bool alwaysFast)
      : IRCompiler(llvm::orc::irManglingOptionsFromTargetOptions(jtmb.getOptions())),
        jtmb_(std::move(jtmb)),
        cache_(cache),
        alwaysFast_(alwaysFast) {}

  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> operator()(llvm::Module& m) override {
    std::lock_guard<std::mutex> lock(mu_);
    // The cache sees only modules addModule gave a key (those it looked up first).
    CompileCache* cache = *cache_ && !CompileCache::keyOf(m).empty() ? cache_->get() : nullptr;
    const bool isHuge = alwaysFast_ || huge(sizeOf(m));
    // Made on first use: a JIT whose modules all come from the compile cache needs neither.
    std::unique_ptr<llvm::TargetMachine>& tm = isHuge ? fast_ : normal_;
    if (!tm) {
      llvm::orc::JITTargetMachineBuilder b = jtmb_;
      if (isHuge) b.setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
      auto made = b.createTargetMachine();
      if (!made) return made.takeError();
      tm = std::move(*made);
      if (isHuge) {
        // Fast instruction selection: the DAG selector clusters the loads of one base
        // pointer in quadratic time (ScheduleDAGSDNodes::ClusterNeighboringLoads).
        tm->setO0WantsFastISel(true);
        tm->setFastISel(true);
      }
    }
    if (isHuge) splitLargeBlocks(m);
    return llvm::orc::SimpleCompiler(*tm, cache)(m);
  }

 private:
  llvm::orc::JITTargetMachineBuilder jtmb_;
  std::mutex mu_;
  std::unique_ptr<llvm::TargetMachine> normal_, fast_;
  std::unique_ptr<CompileCache>* cache_;  ///< the engine's (set later, or never)
  bool alwaysFast_;                       ///< optLevel 0: every module the fast way
};

const char* kHugePipeline =
    "function(sroa,early-cse,simplifycfg,instsimplify,loop-mssa(licm),early-cse,simplifycfg)";

void optimize(llvm::Module& m, int level) {
  if (level <= 0) return;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cam;
  llvm::ModuleAnalysisManager mam;
  // SLUICE_JIT_TIME_PASSES=1 prints the time of every pass (optimization and machine code)
  // on stderr, for profiling compile latency.
  static const bool timePasses = std::getenv("SLUICE_JIT_TIME_PASSES") != nullptr;
  llvm::PassInstrumentationCallbacks pic;
  std::optional<llvm::StandardInstrumentations> si;
  if (timePasses) {
    llvm::TimePassesIsEnabled = true;
    si.emplace(m.getContext(), false);
    si->registerCallbacks(pic, &mam);
  }
  llvm::PassBuilder pb(nullptr, llvm::PipelineTuningOptions(), std::nullopt,
                       timePasses ? &pic : nullptr);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cam, mam);
  const llvm::OptimizationLevel ol = level == 1   ? llvm::OptimizationLevel::O1
                                     : level == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  if (huge(sizeOf(m))) {
    llvm::ModulePassManager mpm;
    if (auto err = pb.parsePassPipeline(mpm, kHugePipeline))
      throw CodegenError("invalid pass pipeline: " + errorText(std::move(err)));
    mpm.run(m, mam);
    return;
  }
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
  std::unique_ptr<CompileCache>* cache = &impl_->cache;
  builder.setCompileFunctionCreator(
      [cache, optLevel](llvm::orc::JITTargetMachineBuilder jtmb)
          -> llvm::Expected<std::unique_ptr<llvm::orc::IRCompileLayer::IRCompiler>> {
        // At optLevel 0 machine code is generated at CodeGenOptLevel::None too (FastISel,
        // no scheduling): the first tier of a tiered compilation wants it soon.
        return std::make_unique<SizeAwareCompiler>(std::move(jtmb), cache, optLevel <= 0);
      });
  auto jit = builder.create();
  if (!jit) throw CodegenError("cannot create the LLVM JIT: " + errorText(jit.takeError()));
  impl_->jit = std::move(*jit);
  impl_->jit->getMainJITDylib().addGenerator(std::make_unique<ProcessSymbolGenerator>());
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
  if (impl_->cache && !optimizedIR && !impl_->keepAssembly) {
    const std::string key = cacheKey(m);
    if (auto obj = impl_->cache->load(key)) {
      if (auto err = impl_->jit->addObjectFile(std::move(obj)))
        throw CodegenError("cannot add the cached code of " + name +
                           " to the JIT: " + errorText(std::move(err)));
      ++impl_->cache->stats.hits;
      return;
    }
    ++impl_->cache->stats.misses;
    llvm::LLVMContext& c = m.getContext();
    m.getOrInsertNamedMetadata(CompileCache::kKeyMetadata)
        ->addOperand(llvm::MDNode::get(c, {llvm::MDString::get(c, key)}));
  }
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

std::string JitEngine::cacheKey(const llvm::Module& m) const {
  // Everything the object code depends on: the IR, how it is optimized and compiled, and
  // for which CPU. The size thresholds and passes above are sluice's: kCodegenVersion
  // changes with them.
  static constexpr const char* kCodegenVersion = "sluice-jit-1";
  std::string text;
  llvm::raw_string_ostream os(text);
  m.print(os, nullptr);
  os.flush();
  llvm::BLAKE3 h;
  const auto& tmb = *impl_->targetMachineBuilder;
  const std::string context = std::string(kCodegenVersion) + '\0' + LLVM_VERSION_STRING + '\0' +
                              tmb.getTargetTriple().str() + '\0' + tmb.getCPU() + '\0' +
                              tmb.getFeatures().getString() + '\0' +
                              std::to_string(impl_->optLevel) + '\0';
  h.update(context);
  h.update(text);
  const auto out = h.final();
  return CompileCache::hex(llvm::ArrayRef<uint8_t>(out.data(), 20));
}

void JitEngine::setCacheDirectory(const std::string& dir) {
  if (dir.empty())
    impl_->cache.reset();
  else
    impl_->cache = std::make_unique<CompileCache>(dir);
}

JitEngine::CacheStats JitEngine::cacheStats() const {
  return impl_->cache ? impl_->cache->stats : CacheStats{};
}

void defineProcessSymbol(const std::string& name, const void* address) {
  std::lock_guard<std::mutex> lock(processSymbolsMutex());
  auto [it, inserted] = processSymbols().emplace(name, address);
  if (!inserted && it->second != address)
    throw CodegenError("process symbol '" + name + "' is already defined at another address");
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
  if (std::getenv("SLUICE_JIT_TIME_PASSES")) llvm::reportAndResetTimings(&llvm::errs());
  return addr->getValue();
}

std::string JitEngine::emitAssembly(const llvm::Module& module) {
  if (!impl_->asmTargetMachine) {
    // As the JIT's compiler makes it (see SizeAwareCompiler; huge modules aside).
    llvm::orc::JITTargetMachineBuilder b = *impl_->targetMachineBuilder;
    if (impl_->optLevel <= 0) b.setCodeGenOptLevel(llvm::CodeGenOptLevel::None);
    auto tm = b.createTargetMachine();
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
