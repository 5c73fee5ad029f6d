// Constant nested values: a struct / array / map literal becomes private constant globals in
// the module laid out exactly as stdlib/nested.h describes, so a kernel uses it with no
// arena allocation and no per-row work.
#include <llvm/ADT/APInt.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/Module.h>

#include "codegen/nested_codegen.h"
#include "codegen/nested_ir.h"
#include "frontend/error.h"

namespace sluice {
namespace {

class LiteralBuilder {
 public:
  explicit LiteralBuilder(llvm::Module& m) : m_(m), ctx_(m.getContext()) {}

  // A global holding `c`, 16-aligned, returned as its address.
  llvm::Constant* global(llvm::Constant* c, const char* name) {
    auto* g = new llvm::GlobalVariable(m_, c->getType(), true, llvm::GlobalValue::PrivateLinkage, c,
                                       name);
    g->setAlignment(llvm::Align(16));
    return g;
  }

  // The storage value of non-NULL `v` of type `t` (what a slot holds).
  llvm::Constant* payload(const Value& v, const DataType& t) {
    llvm::Type* st = nestedStorageType(ctx_, t);
    switch (t.id()) {
      case TypeId::Null:
        return llvm::ConstantInt::get(st, 0);
      case TypeId::Boolean:
        return llvm::ConstantInt::get(st, v.asBool() ? 1 : 0);
      case TypeId::Byte:
      case TypeId::Short:
      case TypeId::Int:
      case TypeId::Long:
      case TypeId::Date:
      case TypeId::Timestamp:
      case TypeId::YearMonthInterval:
      case TypeId::DayTimeInterval:
        return llvm::ConstantInt::getSigned(st, v.asInt());
      case TypeId::Float:
      case TypeId::Double:
        return llvm::ConstantFP::get(st, v.asDouble());
      case TypeId::Decimal: {
        const __int128 u = v.asDecimal();
        const uint64_t words[2] = {static_cast<uint64_t>(u), static_cast<uint64_t>(u >> 64)};
        return llvm::ConstantInt::get(ctx_,
                                      llvm::APInt(128, words).trunc(st->getIntegerBitWidth()));
      }
      case TypeId::String:
      case TypeId::Binary: {
        const std::string& s = v.asString();
        llvm::Constant* bytes =
            global(llvm::ConstantDataArray::getString(ctx_, s, false), "lit.str");
        return llvm::ConstantStruct::get(
            stringViewType(ctx_),
            {bytes, llvm::ConstantInt::get(llvm::Type::getInt64Ty(ctx_), s.size())});
      }
      case TypeId::Struct:
      case TypeId::Array:
      case TypeId::Map:
        return nested(v, t);
      case TypeId::Interval:
        break;
    }
    throw CodegenError("a " + t.toString() + " inside a nested literal is not supported");
  }

  // A nested value's header global.
  llvm::Constant* nested(const Value& v, const DataType& t) {
    const auto& l = v.asList();
    llvm::Type* i64 = llvm::Type::getInt64Ty(ctx_);
    if (t.id() == TypeId::Struct) {
      std::vector<TypePtr> types;
      for (const auto& f : t.fields()) types.push_back(f.type);
      auto [slots, nulls] = slotRun(l, types, 0, 1);
      return global(llvm::ConstantStruct::getAnon(ctx_, {nulls, slots}), "lit.struct");
    }
    if (t.id() == TypeId::Array) {
      auto [slots, nulls] = slotRun(l, std::vector<TypePtr>(l.size(), t.elementType()), 0, 1);
      return global(llvm::ConstantStruct::getAnon(
                        ctx_, {llvm::ConstantInt::get(i64, l.size()), nulls, slots}),
                    "lit.array");
    }
    const size_t n = l.size() / 2;
    llvm::Constant* keys = slotRun(l, std::vector<TypePtr>(n, t.keyType()), 0, 2).first;
    auto [values, nulls] = slotRun(l, std::vector<TypePtr>(n, t.valueType()), 1, 2);
    return global(
        llvm::ConstantStruct::getAnon(ctx_, {llvm::ConstantInt::get(i64, n), keys, nulls, values}),
        "lit.map");
  }

 private:
  // Slots for items first, first + step, ... of `l` (types[k] for the k-th), and their null
  // bytes (a null pointer when none is NULL).
  std::pair<llvm::Constant*, llvm::Constant*> slotRun(const Value::List& l,
                                                      const std::vector<TypePtr>& types,
                                                      size_t first, size_t step) {
    std::vector<llvm::Constant*> slots;
    std::vector<uint8_t> nulls;
    bool anyNull = false;
    for (size_t k = 0; k < types.size(); ++k) {
      const Value& v = l[first + k * step];
      const bool isNull = v.isNull();
      anyNull |= isNull;
      nulls.push_back(isNull);
      llvm::Constant* c = isNull ? llvm::Constant::getNullValue(nestedStorageType(ctx_, *types[k]))
                                 : payload(v, *types[k]);
      slots.push_back(padTo16(c));
    }
    llvm::Constant* slotPtr =
        slots.empty() ? llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0))
                      : global(llvm::ConstantStruct::getAnon(ctx_, slots, true), "lit.slots");
    llvm::Constant* nullPtr = anyNull
                                  ? global(llvm::ConstantDataArray::get(ctx_, nulls), "lit.nulls")
                                  : llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0));
    return {slotPtr, nullPtr};
  }

  // `c` followed by zero bytes up to 16 (one Slot).
  llvm::Constant* padTo16(llvm::Constant* c) {
    const uint64_t size = m_.getDataLayout().getTypeAllocSize(c->getType());
    if (size >= 16) return c;
    llvm::Type* padTy = llvm::ArrayType::get(llvm::Type::getInt8Ty(ctx_), 16 - size);
    return llvm::ConstantStruct::getAnon(ctx_, {c, llvm::Constant::getNullValue(padTy)}, true);
  }

  llvm::Module& m_;
  llvm::LLVMContext& ctx_;
};

}  // namespace

SqlValue compileNestedLiteral(llvm::IRBuilder<>& b, const Expr& e) {
  if (e.value.isNull() || e.type->id() == TypeId::Null)
    return SqlValue::null(b.getContext(), e.type);
  if (!e.type->isComplex())
    throw CodegenError("internal: compileNestedLiteral on a " + e.type->toString(), nullptr,
                       e.span);
  LiteralBuilder lb(*b.GetInsertBlock()->getModule());
  return SqlValue::notNull(lb.nested(e.value, *e.type), e.type);
}

}  // namespace sluice
