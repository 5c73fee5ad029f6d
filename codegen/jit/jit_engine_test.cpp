#include "codegen/jit/jit_engine.h"

#include <gtest/gtest.h>

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

}  // namespace sluice
