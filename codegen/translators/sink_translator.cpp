#include "codegen/translators/sink_translator.h"

#include "codegen/abi.h"
#include "codegen/translators/scan_translator.h"
#include "frontend/error.h"

namespace sluice {

void SinkTranslator::consume(PipelineContext& ctx) {
  auto& b = ctx.b;
  const IrTypes& t = ctx.fn.types();
  const size_t n = sink_.columns.size();
  // RowSlot is 16 bytes, 16-aligned: model the array as [n x i128].
  llvm::Type* slotsTy = llvm::ArrayType::get(t.i128, n ? n : 1);
  llvm::Type* nullsTy = llvm::ArrayType::get(t.i8, n ? n : 1);
  llvm::AllocaInst* slots = ctx.fn.local(slotsTy, "row.slots");
  slots->setAlignment(llvm::Align(alignof(RowSlot)));
  llvm::AllocaInst* nulls = ctx.fn.local(nullsTy, "row.nulls");
  ExprCodegen exprs = ctx.exprs();
  for (size_t i = 0; i < n; ++i) {
    const Attribute& a = sink_.columns[i];
    SqlValue v = exprs.compile(makeColumnRef(a));
    llvm::Value* slot = b.CreateConstGEP2_64(slotsTy, slots, 0, i);
    llvm::Value* payload = v.value;
    if (a.type->id() == TypeId::Null || a.type->id() == TypeId::Boolean)
      payload = b.CreateZExt(payload, t.i8);
    else
      storageType(ctx, *a.type);  // rejects types the ABI does not carry
    b.CreateStore(payload, slot);
    b.CreateStore(b.CreateZExt(v.isNull, t.i8), b.CreateConstGEP2_64(nullsTy, nulls, 0, i));
  }
  llvm::Module& m = *b.GetInsertBlock()->getModule();
  llvm::FunctionCallee emit = m.getOrInsertFunction(
      kEmitRowSymbol, llvm::FunctionType::get(t.voidTy, {t.ptr, t.ptr, t.ptr}, false));
  b.CreateCall(emit, {ctx.kernelArg(2), slots, nulls});
}

}  // namespace sluice
