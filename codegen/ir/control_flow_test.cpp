#include "codegen/ir/control_flow.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "codegen/ir/ir_test_util.h"
#include "frontend/error.h"

namespace sluice {
namespace {

using irtest::compileBoth;
using irtest::freshName;

// sum of the non-negative elements of an i64 array; the example of control_flow.h.
TEST(ControlFlow, LoopSumsArrayWithContinue) {
  const std::string name = freshName("sum");
  auto fns = compileBoth(name, [&](IrModule& mod) {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, name, t.i64, {t.ptr, t.i64}, {"xs", "n"});
    auto& b = fn.builder();
    llvm::AllocaInst* acc = fn.local(t.i64, "acc", b.getInt64(0));
    {
      LoopBuilder loop(b, b.getInt64(0), fn.arg(1));
      llvm::Value* x = b.CreateLoad(t.i64, b.CreateGEP(t.i64, fn.arg(0), loop.index()));
      IfBuilder neg(b, b.CreateICmpSLT(x, b.getInt64(0)));
      loop.continueLoop();
      neg.end();
      b.CreateStore(b.CreateAdd(b.CreateLoad(t.i64, acc), x), acc);
    }
    fn.ret(b.CreateLoad(t.i64, acc));
    fn.finish();
  });
  const int64_t xs[] = {1, -2, 3, 4, -100, 5};
  for (uint64_t addr : fns) {
    auto f = reinterpret_cast<int64_t (*)(const int64_t*, int64_t)>(addr);
    EXPECT_EQ(f(xs, 6), 13);
    EXPECT_EQ(f(xs, 1), 1);
    EXPECT_EQ(f(xs, 0), 0);
    EXPECT_EQ(f(xs, -3), 0);  // begin >= end: no iteration
  }
}

// Nested loops over an i32 index, with a break out of the inner loop only:
// sum over rows r < rows of the elements of row r before its first zero.
TEST(ControlFlow, NestedLoopsWithBreak) {
  const std::string name = freshName("nested");
  auto fns = compileBoth(name, [&](IrModule& mod) {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, name, t.i32, {t.ptr, t.i32, t.i32});
    auto& b = fn.builder();
    llvm::AllocaInst* acc = fn.local(t.i32, "acc", b.getInt32(0));
    LoopBuilder rows(b, b.getInt32(0), fn.arg(1), "r");
    {
      LoopBuilder cols(b, b.getInt32(0), fn.arg(2), "c");
      llvm::Value* idx = b.CreateAdd(b.CreateMul(rows.index(), fn.arg(2)), cols.index());
      llvm::Value* x = b.CreateLoad(t.i32, b.CreateGEP(t.i32, fn.arg(0), idx));
      {
        IfBuilder zero(b, b.CreateICmpEQ(x, b.getInt32(0)));
        cols.breakLoop();
      }
      b.CreateStore(b.CreateAdd(b.CreateLoad(t.i32, acc), x), acc);
    }
    rows.end();
    fn.ret(b.CreateLoad(t.i32, acc));
    fn.finish();
  });
  const int32_t m[3][4] = {{1, 2, 0, 100}, {0, 100, 100, 100}, {3, 4, 5, 6}};
  for (uint64_t addr : fns) {
    auto f = reinterpret_cast<int32_t (*)(const int32_t*, int32_t, int32_t)>(addr);
    EXPECT_EQ(f(&m[0][0], 3, 4), 1 + 2 + 3 + 4 + 5 + 6);
    EXPECT_EQ(f(&m[0][0], 1, 4), 3);
  }
}

// sign-like classification with nested if/else and PHI merges at every level:
// x < 0 -> -1; x == 0 -> 0; x > 100 -> 2; else 1.
TEST(ControlFlow, NestedIfsMergeValues) {
  const std::string name = freshName("classify");
  auto fns = compileBoth(name, [&](IrModule& mod) {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, name, t.i32, {t.i64});
    auto& b = fn.builder();
    llvm::Value* x = fn.arg(0);
    IfBuilder neg(b, b.CreateICmpSLT(x, b.getInt64(0)), "neg");
    llvm::Value* a = b.getInt32(-1);
    neg.otherwise();
    IfBuilder zero(b, b.CreateICmpEQ(x, b.getInt64(0)), "zero");
    llvm::Value* z = b.getInt32(0);
    zero.otherwise();
    IfBuilder big(b, b.CreateICmpSGT(x, b.getInt64(100)), "big");
    llvm::Value* g = b.getInt32(2);
    big.otherwise();
    llvm::Value* s = b.getInt32(1);
    llvm::Value* pos = big.endMerge(g, s);
    llvm::Value* nonNeg = zero.endMerge(z, pos);
    fn.ret(neg.endMerge(a, nonNeg));
    fn.finish();
  });
  for (uint64_t addr : fns) {
    auto f = reinterpret_cast<int32_t (*)(int64_t)>(addr);
    EXPECT_EQ(f(-5), -1);
    EXPECT_EQ(f(0), 0);
    EXPECT_EQ(f(50), 1);
    EXPECT_EQ(f(101), 2);
  }
}

// An if without otherwise(): the else value is computed before the if.
TEST(ControlFlow, IfWithoutElseMergesValueFromBefore) {
  const std::string name = freshName("clamp");
  auto fns = compileBoth(name, [&](IrModule& mod) {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, name, t.i64, {t.i64});
    auto& b = fn.builder();
    llvm::Value* x = fn.arg(0);
    IfBuilder over(b, b.CreateICmpSGT(x, b.getInt64(10)));
    llvm::Value* ten = b.CreateAdd(b.getInt64(5), b.getInt64(5));
    fn.ret(over.endMerge(ten, x));
    fn.finish();
  });
  for (uint64_t addr : fns) {
    auto f = reinterpret_cast<int64_t (*)(int64_t)>(addr);
    EXPECT_EQ(f(3), 3);
    EXPECT_EQ(f(30), 10);
  }
}

// SqlValue merge: `x > 0 ? x : NULL`, plus statically non-null flags staying constant.
TEST(ControlFlow, IfMergesSqlValues) {
  const std::string name = freshName("positive");
  auto fns = compileBoth(name, [&](IrModule& mod) {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, name, t.i64, {t.i64});
    auto& b = fn.builder();
    SqlValue x = SqlValue::notNull(fn.arg(0), DataType::bigint());
    IfBuilder pos(b, b.CreateICmpSGT(x.value, b.getInt64(0)));
    SqlValue inc = SqlValue::notNull(b.CreateAdd(x.value, b.getInt64(1)), x.type);
    pos.otherwise();
    SqlValue null = SqlValue::null(mod.context(), x.type);
    SqlValue r = pos.endMerge(inc, null);
    EXPECT_TRUE(r.mayBeNull());
    {
      IfBuilder again(b, b.getTrue());
      SqlValue one = SqlValue::notNull(b.getInt64(1), x.type);
      again.otherwise();
      EXPECT_FALSE(again.endMerge(one, x).mayBeNull());
    }
    fn.ret(b.CreateSelect(r.isNull, b.getInt64(-1), r.value));
    fn.finish();
  });
  for (uint64_t addr : fns) {
    auto f = reinterpret_cast<int64_t (*)(int64_t)>(addr);
    EXPECT_EQ(f(41), 42);
    EXPECT_EQ(f(-3), -1);
  }
}

// Early return from inside a loop: index of the first element equal to the key, or -1.
TEST(ControlFlow, ReturnFromInsideLoop) {
  const std::string name = freshName("find");
  auto fns = compileBoth(name, [&](IrModule& mod) {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, name, t.i64, {t.ptr, t.i64, t.i32});
    auto& b = fn.builder();
    {
      LoopBuilder loop(b, b.getInt64(0), fn.arg(1));
      llvm::Value* x = b.CreateLoad(t.i32, b.CreateGEP(t.i32, fn.arg(0), loop.index()));
      IfBuilder hit(b, b.CreateICmpEQ(x, fn.arg(2)));
      fn.ret(loop.index());
    }
    fn.ret(b.getInt64(-1));
    fn.finish();
  });
  const int32_t xs[] = {5, 7, 9, 7};
  for (uint64_t addr : fns) {
    auto f = reinterpret_cast<int64_t (*)(const int32_t*, int64_t, int32_t)>(addr);
    EXPECT_EQ(f(xs, 4, 7), 1);
    EXPECT_EQ(f(xs, 4, 9), 2);
    EXPECT_EQ(f(xs, 4, 8), -1);
  }
}

// Both branches leave the function: the join block is dead and the merge has no operands.
TEST(ControlFlow, BothBranchesReturn) {
  const std::string name = freshName("both");
  auto fns = compileBoth(name, [&](IrModule& mod) {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, name, t.i32, {t.i1});
    auto& b = fn.builder();
    IfBuilder c(b, fn.arg(0));
    fn.ret(b.getInt32(1));
    c.otherwise();
    fn.ret(b.getInt32(2));
    c.end();
    fn.finish();  // the dead join falls off the end: closed with unreachable, no error
  });
  for (uint64_t addr : fns) {
    auto f = reinterpret_cast<int32_t (*)(bool)>(addr);
    EXPECT_EQ(f(true), 1);
    EXPECT_EQ(f(false), 2);
  }
}

TEST(ControlFlow, VoidFunctionGetsImplicitReturn) {
  const std::string name = freshName("store");
  auto fns = compileBoth(name, [&](IrModule& mod) {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, name, t.voidTy, {t.ptr});
    fn.builder().CreateStore(fn.builder().getInt32(7), fn.arg(0));
    fn.finish();
  });
  for (uint64_t addr : fns) {
    int32_t out = 0;
    reinterpret_cast<void (*)(int32_t*)>(addr)(&out);
    EXPECT_EQ(out, 7);
  }
}

TEST(ControlFlow, FinishReportsBrokenFunctions) {
  IrModule mod("broken");
  const IrTypes& t = mod.types();
  {
    FunctionBuilder fn(mod, "noret", t.i32, {});
    EXPECT_THROW(fn.finish(), CodegenError);
  }
  {
    FunctionBuilder fn(mod, "badret", t.i32, {});
    fn.ret(fn.builder().getInt64(1));  // i64 from an i32 function
    EXPECT_THROW(fn.finish(), CodegenError);
  }
}

// An exception thrown while a construct is open must not crash in the destructors.
TEST(ControlFlow, UnwindingLeavesNoDanglingBlocks) {
  IrModule mod("unwind");
  const IrTypes& t = mod.types();
  EXPECT_THROW(
      {
        FunctionBuilder fn(mod, "f", t.i64, {t.i64});
        auto& b = fn.builder();
        LoopBuilder loop(b, b.getInt64(0), fn.arg(0));
        IfBuilder c(b, b.getTrue());
        throw std::runtime_error("translator failed");
      },
      std::runtime_error);
  // The scope stack is clean again: a new, well-nested function builds fine.
  FunctionBuilder fn(mod, "g", t.i64, {t.i64});
  auto& b = fn.builder();
  { LoopBuilder loop(b, b.getInt64(0), fn.arg(0)); }
  fn.ret(fn.arg(0));
  EXPECT_NO_THROW(fn.finish());
}

#ifndef NDEBUG
TEST(ControlFlowDeathTest, MisuseAsserts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  auto otherwiseTwice = [] {
    IrModule mod("m");
    FunctionBuilder fn(mod, "f", mod.types().voidTy, {mod.types().i1});
    IfBuilder c(fn.builder(), fn.arg(0));
    c.otherwise();
    c.otherwise();
  };
  EXPECT_DEATH(otherwiseTwice(), "otherwise");
  auto outOfOrder = [] {
    IrModule mod("m");
    FunctionBuilder fn(mod, "f", mod.types().voidTy, {mod.types().i1});
    auto& b = fn.builder();
    IfBuilder outer(b, fn.arg(0));
    LoopBuilder inner(b, b.getInt32(0), b.getInt32(3));
    outer.end();
  };
  EXPECT_DEATH(outOfOrder(), "nesting order");
}
#endif

}  // namespace
}  // namespace sluice
