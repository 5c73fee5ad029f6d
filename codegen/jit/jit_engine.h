#pragma once
// The JIT engine: the only place that includes LLVM ORC headers. It owns the LLJIT instance
// and compiles LLVM modules to native code. (The translators that build per-pipeline modules
// arrive with the code generator; today the engine compiles textual LLVM IR.)
#include <cstdint>
#include <memory>
#include <string>

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
  /// Address of a compiled function; throws CodegenError if it is not defined.
  uint64_t lookup(const std::string& symbol);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sluice
