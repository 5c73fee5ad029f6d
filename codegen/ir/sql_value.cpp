#include "codegen/ir/sql_value.h"

#include <llvm/IR/DerivedTypes.h>

namespace sluice {

llvm::StructType* stringViewType(llvm::LLVMContext& ctx) {
  return llvm::StructType::get(ctx, {llvm::PointerType::get(ctx, 0), llvm::Type::getInt64Ty(ctx)});
}

llvm::Type* llvmTypeFor(llvm::LLVMContext& ctx, const DataType& type) {
  switch (type.id()) {
    case TypeId::Null:
    case TypeId::Boolean:
      return llvm::Type::getInt1Ty(ctx);
    case TypeId::Byte:
      return llvm::Type::getInt8Ty(ctx);
    case TypeId::Short:
      return llvm::Type::getInt16Ty(ctx);
    case TypeId::Int:
    case TypeId::Date:
      return llvm::Type::getInt32Ty(ctx);
    case TypeId::Long:
    case TypeId::Timestamp:
      return llvm::Type::getInt64Ty(ctx);
    case TypeId::Float:
      return llvm::Type::getFloatTy(ctx);
    case TypeId::Double:
      return llvm::Type::getDoubleTy(ctx);
    case TypeId::Decimal:
      // Spark keeps decimals of precision <= 18 as an unscaled long (Decimal.MAX_LONG_DIGITS).
      return type.precision() <= 18 ? llvm::Type::getInt64Ty(ctx) : llvm::Type::getInt128Ty(ctx);
    case TypeId::String:
    case TypeId::Binary:
      return stringViewType(ctx);
    case TypeId::Interval:
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map:
      return llvm::PointerType::get(ctx, 0);
  }
  return llvm::PointerType::get(ctx, 0);
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
