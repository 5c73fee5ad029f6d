#include "codegen/nested_ir.h"

#include <llvm/IR/Metadata.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/BLAKE3.h>

#include <algorithm>

#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/jit/jit_engine.h"
#include "frontend/error.h"
#include "stdlib/kernel_error.h"
#include "stdlib/nested_abi.h"

namespace sluice {

llvm::Type* nestedStorageType(llvm::LLVMContext& ctx, const DataType& type) {
  if (type.id() == TypeId::Interval)
    throw CodegenError("nested values holding " + type.toString() +
                       " are not supported by the code generator yet");
  return llvmSlotTypeFor(ctx, type);
}

llvm::Value* byteOffset(llvm::IRBuilder<>& b, llvm::Value* base, llvm::Value* offset) {
  return b.CreateGEP(b.getInt8Ty(), base, offset);
}

llvm::Value* loadPtrAt(llvm::IRBuilder<>& b, llvm::Value* base, int64_t offset,
                       const std::string& name) {
  return b.CreateLoad(b.getPtrTy(), byteOffset(b, base, b.getInt64(offset)), name);
}

llvm::Value* loadI64At(llvm::IRBuilder<>& b, llvm::Value* base, int64_t offset,
                       const std::string& name) {
  return b.CreateLoad(b.getInt64Ty(), byteOffset(b, base, b.getInt64(offset)), name);
}

namespace {
llvm::Value* slotAddress(llvm::IRBuilder<>& b, llvm::Value* slots, llvm::Value* index) {
  return byteOffset(b, slots, b.CreateMul(index, b.getInt64(16)));
}
}  // namespace

llvm::Value* loadSlot(llvm::IRBuilder<>& b, llvm::Value* slots, llvm::Value* index,
                      const DataType& type) {
  llvm::Type* t = nestedStorageType(b.getContext(), type);
  llvm::LoadInst* v = b.CreateLoad(t, slotAddress(b, slots, index));
  if (type.id() == TypeId::Null) return b.getFalse();
  if (type.id() == TypeId::Boolean) return b.CreateICmpNE(v, b.getInt8(0));
  return v;
}

void storeSlot(llvm::IRBuilder<>& b, llvm::Value* slots, llvm::Value* index, llvm::Value* v,
               const DataType& type) {
  llvm::Value* payload = v;
  if (type.id() == TypeId::Null || type.id() == TypeId::Boolean)
    payload = b.CreateZExt(v, b.getInt8Ty());
  b.CreateStore(payload, slotAddress(b, slots, index));
}

llvm::Value* loadNullFlag(llvm::IRBuilder<>& b, llvm::Value* nulls, llvm::Value* index) {
  IfBuilder present(b, b.CreateIsNotNull(nulls), "nulls.present");
  llvm::Value* flag = b.CreateICmpNE(
      b.CreateLoad(b.getInt8Ty(), b.CreateGEP(b.getInt8Ty(), nulls, index)), b.getInt8(0));
  return present.endMerge(flag, b.getFalse(), "elem.isnull");
}

SqlValue ifNotNull(llvm::IRBuilder<>& b, llvm::Value* isNull, const TypePtr& type,
                   const std::function<SqlValue()>& body) {
  if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(isNull)) {
    if (c->isOne()) return SqlValue::null(b.getContext(), type);
    return body();
  }
  IfBuilder guard(b, b.CreateNot(isNull), "notnull");
  SqlValue v = body();
  return guard.endMerge(v, SqlValue::null(b.getContext(), type));
}

llvm::Value* constPtr(llvm::IRBuilder<>& b, const void* p, const std::string& key) {
  // Named, not an address: the IR is then the same in every process (the compile cache
  // hashes it); the JIT resolves the name to `p` (defineProcessSymbol).
  llvm::BLAKE3 h;
  h.update(key);
  const auto digest = h.final();
  static const char* kHex = "0123456789abcdef";
  std::string name = "sluice.obj.";
  for (size_t i = 0; i < 16; ++i) {
    name += kHex[digest[i] >> 4];
    name += kHex[digest[i] & 15];
  }
  defineProcessSymbol(name, p);
  llvm::Module& m = *b.GetInsertBlock()->getModule();
  if (llvm::GlobalVariable* g = m.getNamedGlobal(name)) return g;
  return new llvm::GlobalVariable(m, b.getInt8Ty(), /*isConstant=*/true,
                                  llvm::GlobalValue::ExternalLinkage, nullptr, name);
}

llvm::CallInst* callC(llvm::IRBuilder<>& b, const char* name, const void* address,
                      llvm::FunctionType* fnTy, const std::vector<llvm::Value*>& args) {
  // By name (see constPtr): a declaration the JIT resolves to `address`.
  defineProcessSymbol(name, address);
  llvm::Module& m = *b.GetInsertBlock()->getModule();
  llvm::FunctionCallee callee = m.getOrInsertFunction(name, fnTy);
  llvm::CallInst* call = b.CreateCall(fnTy, callee.getCallee(), args);
  llvm::LLVMContext& c = b.getContext();
  call->setMetadata("sluice.fn", llvm::MDNode::get(c, {llvm::MDString::get(c, name)}));
  return call;
}

llvm::Value* entryAlloca(llvm::IRBuilder<>& b, llvm::Type* type, uint64_t count,
                         const std::string& name) {
  llvm::BasicBlock& entry = b.GetInsertBlock()->getParent()->getEntryBlock();
  llvm::IRBuilder<> eb(&entry, entry.getFirstInsertionPt());
  llvm::AllocaInst* a = eb.CreateAlloca(type, eb.getInt64(count ? count : 1), name);
  a->setAlignment(llvm::Align(16));
  return a;
}

llvm::Value* zeroBytes(llvm::IRBuilder<>& b, uint64_t bytes) {
  static constexpr const char* kName = "sluice.zeros";
  llvm::Module& m = *b.GetInsertBlock()->getModule();
  llvm::GlobalVariable* old = m.getNamedGlobal(kName);
  const uint64_t size = std::max<uint64_t>(bytes, 64);
  if (old && old->getValueType()->getArrayNumElements() >= size) return old;
  llvm::Type* ty = llvm::ArrayType::get(b.getInt8Ty(), size);
  auto* g = new llvm::GlobalVariable(m, ty, /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage,
                                     llvm::Constant::getNullValue(ty), kName);
  g->setAlignment(llvm::Align(16));
  g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  if (old) {
    old->replaceAllUsesWith(g);
    old->eraseFromParent();
    g->setName(kName);
  }
  return g;
}

llvm::Value* arenaAlloc(llvm::IRBuilder<>& b, llvm::Value* arena, llvm::Value* bytes) {
  llvm::FunctionType* ft =
      llvm::FunctionType::get(b.getPtrTy(), {b.getPtrTy(), b.getInt64Ty()}, false);
  llvm::CallInst* p =
      callC(b, "sluice_nested_alloc", reinterpret_cast<const void*>(&sluice_nested_alloc), ft,
            {arena, bytes});
  p->addRetAttr(llvm::Attribute::NonNull);
  return p;
}

void raiseKernelErrorIf(llvm::IRBuilder<>& b, llvm::Value* cond, const std::string& message) {
  if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(cond); c && c->isZero()) return;
  IfBuilder fail(b, cond, "kernel.error");
  llvm::FunctionType* ft =
      llvm::FunctionType::get(b.getVoidTy(), {b.getPtrTy(), b.getInt64Ty()}, false);
  llvm::Value* msg = b.CreateGlobalString(message, "errmsg");
  callC(b, "sluice_kernel_error", reinterpret_cast<const void*>(&sluice_kernel_error), ft,
        {msg, b.getInt64(static_cast<int64_t>(message.size()))});
  fail.end();
}

SqlValue coerceNested(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& type) {
  if (v.type->equals(*type)) return SqlValue::of(v.value, v.isNull, type);
  if (v.type->id() == TypeId::Null) return SqlValue::null(b.getContext(), type);
  if (!castSupported(*v.type, *type))
    throw CodegenError("CAST from " + v.type->toString() + " to " + type->toString() +
                       " inside a nested value is not supported by the code generator yet");
  return emitCast(b, v, type);
}

}  // namespace sluice
