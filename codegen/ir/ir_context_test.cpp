#include "codegen/ir/ir_context.h"

#include <gtest/gtest.h>
#include <llvm/IR/Verifier.h>

#include "codegen/ir/control_flow.h"
#include "codegen/ir/ir_runtime.h"
#include "codegen/ir/sql_value.h"
#include "codegen/jit/jit_engine.h"
#include "frontend/error.h"

namespace sluice {
namespace {

TEST(IrModule, IsConfiguredForTheHost) {
  IrModule mod("host");
  EXPECT_EQ(mod.name(), "host");
  EXPECT_FALSE(mod.consumed());
  EXPECT_FALSE(hostTargetTriple().empty());
  EXPECT_FALSE(hostDataLayout().empty());
  EXPECT_EQ(mod.module().getTargetTriple(), hostTargetTriple());
  EXPECT_EQ(mod.module().getDataLayout().getTypeAllocSize(mod.types().strView), 16u);
  const std::string ir = mod.printIR();
  EXPECT_NE(ir.find("target triple"), std::string::npos) << ir;
  EXPECT_NE(ir.find("target datalayout"), std::string::npos) << ir;
}

TEST(IrModule, MapsSqlTypesToLlvmTypes) {
  IrModule mod("types");
  const IrTypes& t = mod.types();
  EXPECT_EQ(mod.sqlType(*DataType::null()), t.i1);
  EXPECT_EQ(mod.sqlType(*DataType::boolean()), t.i1);
  EXPECT_EQ(mod.sqlType(*DataType::byte()), t.i8);
  EXPECT_EQ(mod.sqlType(*DataType::shortType()), t.i16);
  EXPECT_EQ(mod.sqlType(*DataType::integer()), t.i32);
  EXPECT_EQ(mod.sqlType(*DataType::bigint()), t.i64);
  EXPECT_EQ(mod.sqlType(*DataType::floatType()), t.f32);
  EXPECT_EQ(mod.sqlType(*DataType::doubleType()), t.f64);
  EXPECT_EQ(mod.sqlType(*DataType::decimal(18, 2)), t.i64);
  EXPECT_EQ(mod.sqlType(*DataType::decimal(19, 2)), t.i128);
  EXPECT_EQ(mod.sqlType(*DataType::date()), t.i32);
  EXPECT_EQ(mod.sqlType(*DataType::timestamp()), t.i64);
  EXPECT_EQ(mod.sqlType(*DataType::string()), t.strView);
  EXPECT_EQ(mod.sqlType(*DataType::binary()), t.strView);
  EXPECT_EQ(mod.sqlType(*DataType::interval()), t.ptr);
  EXPECT_EQ(mod.sqlType(*DataType::arrayOf(DataType::integer())), t.ptr);
  EXPECT_EQ(mod.sqlType(*DataType::mapOf(DataType::string(), DataType::integer())), t.ptr);
  EXPECT_EQ(mod.sqlType(*DataType::structOf({{"a", DataType::integer(), true}})), t.ptr);
  EXPECT_EQ(t.strView->getElementType(0), t.ptr);
  EXPECT_EQ(t.strView->getElementType(1), t.i64);
}

TEST(IrModule, AddToCompilesAndConsumes) {
  JitEngine jit;
  IrModule mod("add");
  {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, "ir_add", t.i64, {t.i64, t.i64});
    fn.ret(fn.builder().CreateAdd(fn.arg(0), fn.arg(1)));
    fn.finish();
  }
  EXPECT_EQ(mod.verify(), "");
  EXPECT_NE(mod.printIR().find("define i64 @ir_add"), std::string::npos);
  mod.addTo(jit);
  EXPECT_TRUE(mod.consumed());
  EXPECT_EQ(mod.name(), "add");
  auto f = reinterpret_cast<int64_t (*)(int64_t, int64_t)>(jit.lookup("ir_add"));
  EXPECT_EQ(f(40, 2), 42);
}

TEST(IrModule, MovedModuleKeepsWorking) {
  JitEngine jit;
  IrModule a("moved");
  {
    FunctionBuilder fn(a, "ir_seven", a.types().i32, {});
    fn.ret(fn.builder().getInt32(7));
    fn.finish();
  }
  IrModule b(std::move(a));
  IrModule c("other");
  c = std::move(b);
  c.addTo(jit);
  EXPECT_EQ(reinterpret_cast<int32_t (*)()>(jit.lookup("ir_seven"))(), 7);
}

TEST(IrModule, InvalidModuleIsACodegenError) {
  JitEngine jit;
  IrModule mod("invalid");
  // A block without a terminator, built by hand: what the builders exist to prevent.
  auto* fn = llvm::Function::Create(llvm::FunctionType::get(mod.types().voidTy, false),
                                    llvm::Function::ExternalLinkage, "bad", mod.module());
  llvm::BasicBlock::Create(mod.context(), "entry", fn);
  EXPECT_NE(mod.verify(), "");
  EXPECT_THROW(mod.addTo(jit), CodegenError);
  EXPECT_TRUE(mod.consumed());
}

TEST(JitEngine, DefineSymbolResolvesRuntimeHelpers) {
  JitEngine jit;
  IrModule mod("strcmp");
  {
    const IrTypes& t = mod.types();
    FunctionBuilder fn(mod, "call_strcmp", t.i32, {t.ptr, t.i64, t.ptr, t.i64});
    auto& b = fn.builder();
    llvm::FunctionCallee callee = mod.module().getOrInsertFunction(
        kIrStrcmpSymbol, llvm::FunctionType::get(t.i32, {t.ptr, t.i64, t.ptr, t.i64}, false));
    fn.ret(b.CreateCall(callee, {fn.arg(0), fn.arg(1), fn.arg(2), fn.arg(3)}));
    fn.finish();
  }
  mod.addTo(jit);  // registers the runtime helpers
  auto f = reinterpret_cast<int32_t (*)(const char*, int64_t, const char*, int64_t)>(
      jit.lookup("call_strcmp"));
  EXPECT_EQ(f("abc", 3, "abd", 3), -1);
  EXPECT_EQ(f("abc", 3, "ab", 2), 1);
  EXPECT_EQ(f(nullptr, 0, nullptr, 0), 0);
  EXPECT_EQ(jit.lookup(kIrStrcmpSymbol), reinterpret_cast<uint64_t>(&sluice_ir_strcmp));
}

TEST(JitEngine, DefineSymbolIsIdempotentButRejectsConflicts) {
  JitEngine jit;
  registerIrRuntime(jit);
  EXPECT_NO_THROW(registerIrRuntime(jit));
  static int other = 0;
  EXPECT_THROW(jit.defineSymbol(kIrStrcmpSymbol, &other), CodegenError);
  jit.defineSymbol("sluice_test_value", &other);
  EXPECT_EQ(jit.lookup("sluice_test_value"), reinterpret_cast<uint64_t>(&other));
}

TEST(IrRuntime, StrcmpOrdersUnsignedBytesThenLength) {
  EXPECT_EQ(sluice_ir_strcmp("a", 1, "b", 1), -1);
  EXPECT_EQ(sluice_ir_strcmp("\xff", 1, "a", 1), 1);
  EXPECT_EQ(sluice_ir_strcmp("ab", 2, "abc", 3), -1);
  EXPECT_EQ(sluice_ir_strcmp("abc", 3, "abc", 3), 0);
  EXPECT_EQ(sluice_ir_strcmp(nullptr, 0, "a", 1), -1);
}

}  // namespace
}  // namespace sluice
