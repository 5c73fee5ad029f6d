#include "codegen/translators/scan_translator.h"

#include <vector>

#include "frontend/error.h"

namespace sluice {

llvm::Type* storageType(PipelineContext& ctx, const DataType& type) {
  switch (type.id()) {
    case TypeId::Null:
    case TypeId::Boolean:
      // i1 is not a byte in memory: the ABI stores booleans as 0 / 1 bytes.
      return ctx.b.getInt8Ty();
    case TypeId::Interval:
      throw CodegenError("columns of type " + type.toString() +
                         " are not supported by the code generator yet");
    default:
      return llvmTypeFor(ctx.b.getContext(), type);
  }
}

void ScanTranslator::produce(PipelineContext& ctx) {
  auto& b = ctx.b;
  const auto attrs = scan_.output();
  llvm::Value* columns = ctx.kernelArg(0);
  llvm::Value* numRows = ctx.kernelArg(1);

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
  parent()->consume(ctx);
  loop.end();
  ctx.loop = nullptr;
}

void ScanTranslator::consume(PipelineContext&) {
  throw CodegenError("internal: a scan has no input to consume");
}

}  // namespace sluice
