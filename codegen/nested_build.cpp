// Building blocks of the nested-layout emitters (see nested_build.h).
#include "codegen/nested_build.h"

#include <map>
#include <memory>
#include <mutex>

#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/json_codegen.h"
#include "codegen/nested_codegen.h"
#include "codegen/nested_ir.h"
#include "codegen/stdlib_binding.h"
#include "planner/type_storage.h"
#include "stdlib/collections_abi.h"
#include "stdlib/json_schema.h"
#include "stdlib/nested_abi.h"

namespace sluice::nestedbuild {

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

NewArray newArray(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* n) {
  llvm::Value* bytes =
      b.CreateAdd(b.getInt64(kArrayHeader), b.CreateMul(n, b.getInt64(17)), "arr.bytes");
  llvm::Value* base = arenaAlloc(b, c.arena(), bytes);
  llvm::Value* slots = byteOffset(b, base, b.getInt64(kArrayHeader));
  llvm::Value* nulls =
      byteOffset(b, base, b.CreateAdd(b.getInt64(kArrayHeader), b.CreateMul(n, b.getInt64(16))));
  b.CreateStore(nulls, byteOffset(b, base, b.getInt64(8)));
  b.CreateStore(slots, byteOffset(b, base, b.getInt64(16)));
  return {base, slots, nulls};
}

NewMap newMap(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* n) {
  llvm::Value* bytes =
      b.CreateAdd(b.getInt64(kMapHeader), b.CreateMul(n, b.getInt64(33)), "map.bytes");
  llvm::Value* base = arenaAlloc(b, c.arena(), bytes);
  llvm::Value* keys = byteOffset(b, base, b.getInt64(kMapHeader));
  llvm::Value* values =
      byteOffset(b, base, b.CreateAdd(b.getInt64(kMapHeader), b.CreateMul(n, b.getInt64(16))));
  llvm::Value* nulls = byteOffset(
      b, base, b.CreateAdd(b.getInt64(kMapHeader), b.CreateMul(n, b.getInt64(kMapHeader))));
  b.CreateStore(keys, byteOffset(b, base, b.getInt64(8)));
  b.CreateStore(nulls, byteOffset(b, base, b.getInt64(16)));
  b.CreateStore(values, byteOffset(b, base, b.getInt64(24)));
  return {base, keys, values, nulls};
}

void checkMapKeys(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* map) {
  const DataType& kt = *c.e.type->keyType();
  stdlib::NestedKind kind = toNestedType(kt, c.e).kind;
  if (kind == stdlib::NestedKind::Decimal && storageOf(kt) == Storage::I64)
    kind = stdlib::NestedKind::Long;
  llvm::FunctionType* ft =
      llvm::FunctionType::get(b.getInt8Ty(), {b.getPtrTy(), b.getInt32Ty()}, false);
  callC(b, "sluice_nested_map_check_keys",
        reinterpret_cast<const void*>(&sluice_nested_map_check_keys), ft,
        {map, b.getInt32(static_cast<int32_t>(kind))});
}

void put(llvm::IRBuilder<>& b, llvm::Value* slots, llvm::Value* nulls, llvm::Value* i,
         const SqlValue& v, const TypePtr& type) {
  const SqlValue x = coerceNested(b, v, type);
  storeSlot(b, slots, i, x.value, *type);
  b.CreateStore(b.CreateZExt(x.isNull, b.getInt8Ty()), b.CreateGEP(b.getInt8Ty(), nulls, i));
}

llvm::Value* counter(llvm::IRBuilder<>& b, const char* name) {
  llvm::Value* slot = entryAlloca(b, b.getInt64Ty(), 1, name);
  b.CreateStore(b.getInt64(0), slot);
  return slot;
}

llvm::Value* bump(llvm::IRBuilder<>& b, llvm::Value* slot) {
  llvm::Value* at = b.CreateLoad(b.getInt64Ty(), slot);
  b.CreateStore(b.CreateAdd(at, b.getInt64(1)), slot);
  return at;
}

llvm::Value* load(llvm::IRBuilder<>& b, llvm::Value* slot) {
  return b.CreateLoad(b.getInt64Ty(), slot);
}

// The NestedType descriptor of `t`, one per distinct type for the process (kernels hold its
// address).
const stdlib::NestedType& descriptor(const DataType& t, const Expr& where) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<stdlib::NestedType>> table;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = table[t.toString()];
  if (!slot) slot = std::make_unique<stdlib::NestedType>(toNestedType(t, where));
  return *slot;
}

// Equality of two non-NULL values of type `t` as an i1.
llvm::Value* equal(llvm::IRBuilder<>& b, const CallSite& c, const SqlValue& x, const SqlValue& y,
                   const TypePtr& t) {
  if (!t->isComplex())
    return emitCompare(b, CmpOp::Eq, SqlValue::notNull(x.value, t), SqlValue::notNull(y.value, t))
        .value;
  llvm::FunctionType* ft =
      llvm::FunctionType::get(b.getInt32Ty(), {b.getPtrTy(), b.getPtrTy(), b.getPtrTy()}, false);
  llvm::Value* r = callC(
      b, "sluice_nested_compare", reinterpret_cast<const void*>(&sluice_nested_compare), ft,
      {x.value, y.value, constPtr(b, &descriptor(*t, c.e), "nestedbuild\x1d" + t->toString())});
  return b.CreateICmpEQ(r, b.getInt32(0));
}

// Equality where NULL equals NULL (the set functions).
llvm::Value* sameValue(llvm::IRBuilder<>& b, const CallSite& c, const SqlValue& x,
                       const SqlValue& y, const TypePtr& t) {
  llvm::Value* bothNull = b.CreateAnd(x.isNull, y.isNull);  // before the branch: dominates
  IfBuilder both(b, b.CreateAnd(b.CreateNot(x.isNull), b.CreateNot(y.isNull)), "same.both");
  llvm::Value* eq = equal(b, c, x, y, t);
  return both.endMerge(eq, bothNull, "same");
}

// Whether element `v` is among the first `upTo` (i64) elements of array `arr` (NULL equal to
// NULL).
llvm::Value* containsUpTo(llvm::IRBuilder<>& b, const CallSite& c, llvm::Value* arr,
                          const DataType& arrType, llvm::Value* upTo, const SqlValue& v) {
  llvm::Value* found = entryAlloca(b, b.getInt1Ty(), 1, "contains.found");
  b.CreateStore(b.getFalse(), found);
  {
    LoopBuilder loop(b, b.getInt64(0), upTo, "contains");
    IfBuilder hit(
        b, sameValue(b, c, arrayElement(b, arr, loop.index(), arrType), v, arrType.elementType()),
        "contains.hit");
    b.CreateStore(b.getTrue(), found);
    loop.breakLoop();
    hit.end();
  }
  return b.CreateLoad(b.getInt1Ty(), found);
}

SqlValue callNamed(const CallSite& c, const char* cName, std::vector<llvm::Value*> inputs,
                   const TypePtr& resultType) {
  return emitCCall(c.b, stdlibBindingNamed(cName), inputs, resultType, c.arena);
}

llvm::Value* anyNull(llvm::IRBuilder<>& b, const std::vector<SqlValue>& a) {
  llvm::Value* any = b.getFalse();
  for (const auto& v : a) any = b.CreateOr(any, v.isNull);
  return any;
}

}  // namespace sluice::nestedbuild
