#include "codegen/jit/jit_engine.h"

#include <gtest/gtest.h>
#include <llvm/AsmParser/Parser.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/raw_ostream.h>

#include "frontend/error.h"

namespace sluice {

TEST(JitEngine, CompilesAndRunsAFunction) {
  for (int level : {0, 2}) {
    JitEngine jit(level);
    jit.addModuleIR(R"(
      define i64 @add3(i64 %a) {
        %r = add i64 %a, 3
        ret i64 %r
      })",
                    "test");
    auto fn = reinterpret_cast<int64_t (*)(int64_t)>(jit.lookup("add3"));
    EXPECT_EQ(fn(39), 42);
  }
}

TEST(JitEngine, InvalidIrIsACodegenError) {
  JitEngine jit;
  EXPECT_THROW(jit.addModuleIR("define i64 @f( {", "bad"), CodegenError);
  EXPECT_THROW(jit.lookup("missing"), CodegenError);
}

namespace {

// `f` calls an internal helper that LLVM's O2 pipeline inlines (and then deletes), so the
// assembly shows whether the JIT's optimization level was applied.
constexpr const char* kCallsHelper = R"(
  define internal i64 @asm_helper(i64 %x) {
    %r = mul i64 %x, 7
    ret i64 %r
  }
  define i64 @asm_f(i64 %a) {
    %r = call i64 @asm_helper(i64 %a)
    ret i64 %r
  })";

std::string printed(const llvm::Module& m) {
  std::string s;
  llvm::raw_string_ostream os(s);
  m.print(os, nullptr);
  return s;
}

}  // namespace

TEST(JitEngine, EmitsTheAssemblyOfAModule) {
  JitEngine jit(0);
  llvm::LLVMContext ctx;
  llvm::SMDiagnostic diag;
  auto mod = llvm::parseAssemblyString(R"(
      define i64 @add3(i64 %a) {
        %r = add i64 %a, 3
        ret i64 %r
      })",
                                       diag, ctx);
  ASSERT_TRUE(mod);
  const std::string before = printed(*mod);
  const std::string text = jit.emitAssembly(*mod);
  EXPECT_EQ(printed(*mod), before) << "emitAssembly must work on a clone";
  EXPECT_NE(text.find("add3:"), std::string::npos) << text;
#if defined(__x86_64__)
  // AT&T syntax: `%` registers, `$` immediates; the function returns.
  EXPECT_NE(text.find("%rdi"), std::string::npos) << text;
  EXPECT_NE(text.find("\tret"), std::string::npos) << text;
#endif
}

TEST(JitEngine, KeepsTheAssemblyOfWhatItCompilesAtItsOptLevel) {
  for (int level : {0, 2}) {
    JitEngine jit(level);
    jit.setKeepAssembly(true);
    jit.addModuleIR(kCallsHelper, "calls_helper");
    auto fn = reinterpret_cast<int64_t (*)(int64_t)>(jit.lookup("asm_f"));
    EXPECT_EQ(fn(6), 42);
    const std::string text = jit.assembly("calls_helper");
    EXPECT_NE(text.find("asm_f:"), std::string::npos) << text;
    // O0 keeps the call; O2 inlines the helper and drops it.
    EXPECT_EQ(text.find("asm_helper") != std::string::npos, level == 0) << "O" << level << text;
#if defined(__x86_64__)
    EXPECT_NE(text.find("\tret"), std::string::npos) << text;
    EXPECT_EQ(text.find("\tcall") != std::string::npos, level == 0) << "O" << level << text;
#endif
  }
  JitEngine off;
  off.addModuleIR(kCallsHelper, "not_kept");
  EXPECT_EQ(off.assembly("not_kept"), "");
}

}  // namespace sluice
