#include "codegen/ir/sql_value.h"

#include <llvm/IR/DerivedTypes.h>

namespace sluice {

llvm::StructType* stringViewType(llvm::LLVMContext& ctx) {
  return llvm::StructType::get(ctx, {llvm::PointerType::get(ctx, 0), llvm::Type::getInt64Ty(ctx)});
}

llvm::Type* llvmTypeOfStorage(llvm::LLVMContext& ctx, Storage s) {
  switch (s) {
    case Storage::Bool:
      return llvm::Type::getInt1Ty(ctx);
    case Storage::I8:
      return llvm::Type::getInt8Ty(ctx);
    case Storage::I16:
      return llvm::Type::getInt16Ty(ctx);
    case Storage::I32:
      return llvm::Type::getInt32Ty(ctx);
    case Storage::I64:
      return llvm::Type::getInt64Ty(ctx);
    case Storage::I128:
      return llvm::Type::getInt128Ty(ctx);
    case Storage::F32:
      return llvm::Type::getFloatTy(ctx);
    case Storage::F64:
      return llvm::Type::getDoubleTy(ctx);
    case Storage::View:
      return stringViewType(ctx);
    case Storage::Pointer:
      return llvm::PointerType::get(ctx, 0);
  }
  return llvm::PointerType::get(ctx, 0);
}

llvm::Type* llvmTypeFor(llvm::LLVMContext& ctx, const DataType& type) {
  return llvmTypeOfStorage(ctx, storageOf(type));
}

llvm::Type* llvmSlotTypeFor(llvm::LLVMContext& ctx, const DataType& type) {
  const Storage s = storageOf(type);
  // i1 is not a byte in memory: slots hold booleans as 0 / 1 bytes.
  return s == Storage::Bool ? llvm::Type::getInt8Ty(ctx) : llvmTypeOfStorage(ctx, s);
}

SqlValue SqlValue::notNull(llvm::Value* value, TypePtr type) {
  return {value, llvm::ConstantInt::getFalse(value->getContext()), std::move(type)};
}

SqlValue SqlValue::of(llvm::Value* value, llvm::Value* isNull, TypePtr type) {
  return {value, isNull, std::move(type)};
}

SqlValue SqlValue::null(llvm::LLVMContext& ctx, TypePtr type) {
  llvm::Type* t = llvmTypeFor(ctx, *type);
  return {llvm::Constant::getNullValue(t), llvm::ConstantInt::getTrue(ctx), std::move(type)};
}

bool SqlValue::mayBeNull() const {
  auto* c = llvm::dyn_cast<llvm::ConstantInt>(isNull);
  return !(c && c->isZero());
}

bool SqlValue::alwaysNull() const {
  auto* c = llvm::dyn_cast<llvm::ConstantInt>(isNull);
  return c && c->isOne();
}

llvm::Value* makeStringView(llvm::IRBuilder<>& b, llvm::Value* data, llvm::Value* length) {
  llvm::Value* view = llvm::PoisonValue::get(stringViewType(b.getContext()));
  view = b.CreateInsertValue(view, data, 0);
  return b.CreateInsertValue(view, length, 1, "str");
}

llvm::Value* stringViewData(llvm::IRBuilder<>& b, llvm::Value* view) {
  return b.CreateExtractValue(view, 0, "str.data");
}

llvm::Value* stringViewLength(llvm::IRBuilder<>& b, llvm::Value* view) {
  return b.CreateExtractValue(view, 1, "str.len");
}

}  // namespace sluice
