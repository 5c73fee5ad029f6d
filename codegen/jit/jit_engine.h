#pragma once
// The JIT engine: the only place that includes LLVM ORC headers. It owns the LLJIT instance
// and compiles LLVM modules to native code: modules built in memory (codegen/ir's IrModule)
// or given as LLVM IR text.
#include <cstdint>
#include <memory>
#include <string>

// Forward declarations keep LLVM headers out of this header's includers.
namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace sluice {

class JitEngine {
 public:
  /// `optLevel` 0..3 (SET sluice.codegen.optLevel). Throws CodegenError if LLVM's native
  /// target cannot be initialized.
  explicit JitEngine(int optLevel = 2);
  ~JitEngine();
  JitEngine(const JitEngine&) = delete;
  JitEngine& operator=(const JitEngine&) = delete;

  /// Parses, optimizes and adds a module given as LLVM IR text. `name` names it in errors.
  /// Throws CodegenError with LLVM's diagnostic on invalid IR.
  void addModuleIR(const std::string& ir, const std::string& name);
  /// Verifies, optimizes and adds an in-memory module together with the context that owns
  /// it (the JIT keeps both alive). Throws CodegenError if the module does not verify.
  /// If `optimizedIR` is given, it receives the module's IR after optimization (EXPLAIN
  /// CODEGEN shows what actually runs).
  void addModule(std::unique_ptr<llvm::Module> module, std::unique_ptr<llvm::LLVMContext> context,
                 const std::string& name, std::string* optimizedIR = nullptr);
  /// Makes `address` resolvable as `name` by JIT'd code (for C runtime helpers the generated
  /// code calls). Defining the same name twice with the same address is a no-op; with another
  /// address it throws CodegenError.
  void defineSymbol(const std::string& name, const void* address);
  /// Address of a compiled function; throws CodegenError if it is not defined.
  uint64_t lookup(const std::string& symbol);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
