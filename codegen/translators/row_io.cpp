#include "codegen/translators/row_io.h"

#include <llvm/IR/Module.h>

#include "codegen/abi.h"
#include "codegen/translators/scan_translator.h"
#include "frontend/error.h"

namespace sluice {

RowSlots allocRow(PipelineContext& ctx, size_t width, const std::string& name) {
  const IrTypes& t = ctx.fn.types();
  // RowSlot is 16 bytes, 16-aligned: model the array as [n x i128].
  llvm::Type* slotsTy = llvm::ArrayType::get(t.i128, width ? width : 1);
  llvm::Type* nullsTy = llvm::ArrayType::get(t.i8, width ? width : 1);
  llvm::AllocaInst* slots = ctx.fn.local(slotsTy, name + ".slots");
  slots->setAlignment(llvm::Align(alignof(RowSlot)));
  llvm::AllocaInst* nulls = ctx.fn.local(nullsTy, name + ".nulls");
  return RowSlots{slots, nulls, width};
}

void storeSlot(PipelineContext& ctx, llvm::Value* slot, const SqlValue& v) {
  auto& b = ctx.b;
  llvm::Value* payload = v.value;
  const TypeId id = v.type->id();
  if (id == TypeId::Null || id == TypeId::Boolean)
    payload = b.CreateZExt(payload, b.getInt8Ty());
  else
    storageType(ctx, *v.type);  // rejects types the ABI does not carry
  b.CreateStore(payload, slot);
}

void storeRow(PipelineContext& ctx, const RowSlots& row, const std::vector<SqlValue>& values,
              size_t first) {
  auto& b = ctx.b;
  for (size_t i = 0; i < values.size(); ++i) {
    const size_t at = first + i;
    storeSlot(ctx, b.CreateConstGEP1_64(b.getInt128Ty(), row.slots, at), values[i]);
    b.CreateStore(b.CreateZExt(values[i].isNull, b.getInt8Ty()),
                  b.CreateConstGEP1_64(b.getInt8Ty(), row.nulls, at));
  }
}

void emitRow(PipelineContext& ctx, llvm::Value* sink, const RowSlots& row) {
  auto& b = ctx.b;
  const IrTypes& t = ctx.fn.types();
  llvm::Module& m = *b.GetInsertBlock()->getModule();
  llvm::FunctionCallee emit = m.getOrInsertFunction(
      kEmitRowSymbol, llvm::FunctionType::get(t.voidTy, {t.ptr, t.ptr, t.ptr}, false));
  b.CreateCall(emit, {sink, row.slots, row.nulls});
}

SqlValue loadSlot(PipelineContext& ctx, llvm::Value* slot, llvm::Value* isNull,
                  const TypePtr& type) {
  auto& b = ctx.b;
  if (type->id() == TypeId::Null) return SqlValue::null(b.getContext(), type);
  llvm::Value* v = b.CreateLoad(storageType(ctx, *type), slot);
  if (type->id() == TypeId::Boolean) v = b.CreateICmpNE(v, b.getInt8(0));
  return SqlValue::of(v, isNull, type);
}

SqlValue loadStoredRowSlot(PipelineContext& ctx, llvm::Value* row, size_t width, size_t index,
                           const TypePtr& type) {
  auto& b = ctx.b;
  llvm::Value* slot = b.CreateConstGEP1_64(b.getInt8Ty(), row, 16 * index);
  llvm::Value* nullByte =
      b.CreateLoad(b.getInt8Ty(), b.CreateConstGEP1_64(b.getInt8Ty(), row, 16 * width + index));
  return loadSlot(ctx, slot, b.CreateICmpNE(nullByte, b.getInt8(0)), type);
}

void scanColumns(PipelineContext& ctx, const std::vector<Attribute>& attrs,
                 const std::function<void()>& body) {
  auto& b = ctx.b;
  llvm::Value* columns = ctx.kernelArg(kArgColumns);
  llvm::Value* numRows = ctx.kernelArg(kArgNumRows);

  // Column pointers are loop-invariant: load them once, before the loop.
  struct Column {
    llvm::Value* nulls;
    llvm::Value* hasNulls;
    llvm::Value* values;
    llvm::Type* storage;
  };
  std::vector<Column> cols;
  for (size_t i = 0; i < attrs.size(); ++i) {
    llvm::Value* cd = b.CreateConstGEP1_64(ctx.columnDataType(), columns, i);
    Column c;
    c.nulls = b.CreateLoad(b.getPtrTy(), b.CreateStructGEP(ctx.columnDataType(), cd, 0),
                           attrs[i].name + ".nulls");
    c.hasNulls = b.CreateIsNotNull(c.nulls);
    c.values = b.CreateLoad(b.getPtrTy(), b.CreateStructGEP(ctx.columnDataType(), cd, 1),
                            attrs[i].name + ".values");
    c.storage = storageType(ctx, *attrs[i].type);
    cols.push_back(c);
  }

  LoopBuilder loop(b, b.getInt64(0), numRows, "row");
  ctx.loop = &loop;
  for (size_t i = 0; i < attrs.size(); ++i) {
    const Attribute& a = attrs[i];
    const Column& c = cols[i];
    if (a.type->id() == TypeId::Null) {
      ctx.bindings[a.id] = SqlValue::null(b.getContext(), a.type);
      continue;
    }
    llvm::Value* v =
        b.CreateLoad(c.storage, b.CreateGEP(c.storage, c.values, loop.index()), a.name);
    if (a.type->id() == TypeId::Boolean) v = b.CreateICmpNE(v, b.getInt8(0));
    llvm::Value* isNull = b.getFalse();
    if (a.nullable) {
      // nulls == nullptr means "no NULLs in this batch": only read the bytes when present.
      IfBuilder present(b, c.hasNulls, a.name + ".hasnulls");
      llvm::Value* flag = b.CreateICmpNE(
          b.CreateLoad(b.getInt8Ty(), b.CreateGEP(b.getInt8Ty(), c.nulls, loop.index())),
          b.getInt8(0));
      isNull = present.endMerge(flag, b.getFalse(), a.name + ".isnull");
    }
    ctx.bindings[a.id] = SqlValue::of(v, isNull, a.type);
  }
  body();
  loop.end();
  ctx.loop = nullptr;
}

}  // namespace sluice
