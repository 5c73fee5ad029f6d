// Emitters of Spark's array functions of planner/functions/registry_arrays.cpp: sequence.
// Results are built in the kernel's arena in the nested layout (stdlib/nested.h); run-time
// errors are kernel errors with Spark's texts.
#include "codegen/call_emitters.h"
#include "codegen/ir/control_flow.h"
#include "codegen/nested_ir.h"
#include "frontend/error.h"
#include "planner/functions/function.h"

namespace sluice {
namespace {

using Emitted = std::optional<SqlValue>;

constexpr int64_t kArrayHeader = 32;
constexpr int64_t kMaxArrayLength = 2147483632;

// An array of `n` (i64) non-NULL elements: header and slots, no null bytes.
llvm::Value* newDenseArray(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* n,
                           llvm::Value** slots) {
  llvm::Value* bytes = b.CreateAdd(b.getInt64(kArrayHeader), b.CreateMul(n, b.getInt64(16)));
  llvm::Value* base = arenaAlloc(b, c.arena(), bytes);
  *slots = byteOffset(b, base, b.getInt64(kArrayHeader));
  b.CreateStore(n, base);
  b.CreateStore(llvm::ConstantPointerNull::get(b.getPtrTy()), byteOffset(b, base, b.getInt64(8)));
  b.CreateStore(*slots, byteOffset(b, base, b.getInt64(16)));
  return base;
}

// sequence(start, stop [, step]) over integers: the step defaults to 1 or -1; boundaries that
// the step cannot reach and lengths over Spark's maximum fail the query.
Emitted sequence(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const TypePtr& et = c.e.type->elementType();
  std::vector<SqlValue> a;
  llvm::Value* anyNull = b.getFalse();
  for (auto& v : c.args) {
    a.push_back(c.coerce(v, et));
    anyNull = b.CreateOr(anyNull, a.back().isNull);
  }
  return ifNotNull(b, anyNull, c.e.type, [&] {
    llvm::Type* wide = b.getInt128Ty();
    llvm::Value* start = b.CreateSExt(a[0].value, wide);
    llvm::Value* stop = b.CreateSExt(a[1].value, wide);
    llvm::Value* zero = llvm::ConstantInt::get(wide, 0);
    llvm::Value* one = llvm::ConstantInt::get(wide, 1);
    llvm::Value* step = a.size() > 2 ? b.CreateSExt(a[2].value, wide)
                                     : b.CreateSelect(b.CreateICmpSLE(start, stop), one,
                                                      llvm::ConstantInt::getSigned(wide, -1));
    llvm::Value* illegal = b.CreateOr(
        b.CreateOr(b.CreateAnd(b.CreateICmpSGT(step, zero), b.CreateICmpSGT(start, stop)),
                   b.CreateAnd(b.CreateICmpSLT(step, zero), b.CreateICmpSLT(start, stop))),
        b.CreateAnd(b.CreateICmpEQ(step, zero), b.CreateICmpNE(start, stop)));
    raiseKernelErrorIf(b, illegal, "Illegal sequence boundaries: the step cannot reach stop");
    llvm::Value* safeStep = b.CreateSelect(b.CreateICmpEQ(step, zero), one, step);
    llvm::Value* n = b.CreateSelect(
        b.CreateOr(illegal, b.CreateICmpEQ(step, zero)), b.CreateSelect(illegal, zero, one),
        b.CreateAdd(b.CreateSDiv(b.CreateSub(stop, start), safeStep), one), "seq.len");
    llvm::Value* tooLong = b.CreateICmpSGT(n, llvm::ConstantInt::get(wide, kMaxArrayLength));
    raiseKernelErrorIf(b, tooLong, "Too long sequence: longer than 2147483632 elements");
    llvm::Value* len = b.CreateTrunc(b.CreateSelect(tooLong, zero, n), b.getInt64Ty());
    llvm::Value* slots = nullptr;
    llvm::Value* base = newDenseArray(b, c, len, &slots);
    {
      LoopBuilder loop(b, b.getInt64(0), len, "seq");
      llvm::Value* x =
          b.CreateAdd(start, b.CreateMul(b.CreateSExt(loop.index(), wide), safeStep), "seq.x");
      storeSlot(b, slots, loop.index(), b.CreateTrunc(x, a[0].value->getType()), *et);
    }
    return SqlValue::notNull(base, c.e.type);
  });
}

const NamedEmitter kEmitters[] = {
    {"sequence", sequence},
};

}  // namespace

std::span<const NamedEmitter> arrayEmitters() {
  return kEmitters;
}

}  // namespace sluice
