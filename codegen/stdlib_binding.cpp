#include "codegen/stdlib_binding.h"

#include <llvm/IR/Module.h>

#include "codegen/jit/jit_engine.h"
#include "stdlib/strings_abi.h"

namespace sluice {
namespace {

// The binding of C function `fn` for rows whose symbol is `row`; the C name is the identifier.
#define SLUICE_BIND(row, fn) bindStdlib<&fn>(row, #fn)

// The SQL type a numeric / boolean C type carries (Null: not a SQL-value type).
TypeId sqlTypeOf(CType t) {
  switch (t) {
    case CType::I8:
      return TypeId::Byte;
    case CType::U8:
      return TypeId::Boolean;
    case CType::I16:
      return TypeId::Short;
    case CType::I32:
      return TypeId::Int;
    case CType::I64:
      return TypeId::Long;
    case CType::F32:
      return TypeId::Float;
    case CType::F64:
      return TypeId::Double;
    default:
      return TypeId::Null;
  }
}

// Walks the parameters as the marshalling does; true when `argTypes` fit them.
bool accepts(const CSignature& sig, std::span<const TypePtr> argTypes) {
  size_t j = 0;
  const auto& p = sig.params;
  for (size_t i = 0; i < p.size(); ++i) {
    switch (p[i]) {
      case CType::Arena:
      case CType::OutString:
        break;
      case CType::Bytes:
        if (j >= argTypes.size() || argTypes[j++]->id() != TypeId::String) return false;
        ++i;  // the length
        break;
      case CType::Views:
        for (; j < argTypes.size(); ++j)
          if (argTypes[j]->id() != TypeId::String) return false;
        ++i;  // the count
        break;
      default:
        if (j >= argTypes.size() || argTypes[j++]->id() != sqlTypeOf(p[i])) return false;
        break;
    }
  }
  return j == argTypes.size();
}

bool returns(const CSignature& sig, const DataType& resultType) {
  if (sig.result == CType::Void) {
    for (CType t : sig.params)
      if (t == CType::OutString) return resultType.id() == TypeId::String;
    return false;
  }
  return sqlTypeOf(sig.result) == resultType.id();
}

// A StringView-sized slot (or `count` of them) in the entry block, so loops do not grow the
// stack per row.
llvm::Value* entryAlloca(llvm::IRBuilder<>& b, uint64_t count, const char* name) {
  llvm::BasicBlock& entry = b.GetInsertBlock()->getParent()->getEntryBlock();
  llvm::IRBuilder<> eb(&entry, entry.getFirstInsertionPt());
  return eb.CreateAlloca(stringViewType(b.getContext()), eb.getInt64(count), name);
}

}  // namespace

llvm::Type* llvmTypeOf(llvm::LLVMContext& ctx, CType t) {
  switch (t) {
    case CType::Void:
      return llvm::Type::getVoidTy(ctx);
    case CType::I8:
    case CType::U8:
      return llvm::Type::getInt8Ty(ctx);
    case CType::I16:
      return llvm::Type::getInt16Ty(ctx);
    case CType::I32:
      return llvm::Type::getInt32Ty(ctx);
    case CType::I64:
      return llvm::Type::getInt64Ty(ctx);
    case CType::F32:
      return llvm::Type::getFloatTy(ctx);
    case CType::F64:
      return llvm::Type::getDoubleTy(ctx);
    case CType::Bytes:
    case CType::Views:
    case CType::OutString:
    case CType::Arena:
      return llvm::PointerType::getUnqual(ctx);
  }
  return nullptr;
}

llvm::FunctionType* llvmSignature(llvm::LLVMContext& ctx, const CSignature& sig) {
  std::vector<llvm::Type*> params;
  for (CType t : sig.params) params.push_back(llvmTypeOf(ctx, t));
  return llvm::FunctionType::get(llvmTypeOf(ctx, sig.result), params, false);
}

std::span<const StdlibBinding> stdlibBindings() {
  static const std::vector<StdlibBinding> bindings = {
      SLUICE_BIND("sluice_str_length", sluice_str_length),
      SLUICE_BIND("sluice_str_upper", sluice_str_upper),
      SLUICE_BIND("sluice_str_lower", sluice_str_lower),
      SLUICE_BIND("sluice_str_substring", sluice_str_substring),
      SLUICE_BIND("sluice_str_substring", sluice_str_substring_from),
      SLUICE_BIND("sluice_str_concat", sluice_str_concat),
      SLUICE_BIND("sluice_str_trim", sluice_str_trim),
      SLUICE_BIND("sluice_str_trim", sluice_str_trim_chars),
      SLUICE_BIND("sluice_str_replace", sluice_str_replace),
      SLUICE_BIND("sluice_str_replace", sluice_str_remove),
      SLUICE_BIND("sluice_str_lpad", sluice_str_lpad),
      SLUICE_BIND("sluice_str_lpad", sluice_str_lpad_space),
      SLUICE_BIND("sluice_str_rpad", sluice_str_rpad),
      SLUICE_BIND("sluice_str_rpad", sluice_str_rpad_space),
  };
  return bindings;
}

const StdlibBinding* findStdlibBinding(const std::string& symbol, std::span<const TypePtr> argTypes,
                                       const DataType& resultType) {
  for (const StdlibBinding& bd : stdlibBindings())
    if (bd.symbol == symbol && accepts(bd.sig, argTypes) && returns(bd.sig, resultType)) return &bd;
  return nullptr;
}

llvm::Value* emitStdlibCall(llvm::IRBuilder<>& b, const StdlibBinding& binding,
                            std::span<const SqlValue> args,
                            const std::function<llvm::Value*()>& arena) {
  llvm::LLVMContext& ctx = b.getContext();
  llvm::StructType* viewTy = stringViewType(ctx);
  const auto& p = binding.sig.params;
  std::vector<llvm::Value*> callArgs;
  llvm::Value* out = nullptr;
  size_t j = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    switch (p[i]) {
      case CType::Arena:
        callArgs.push_back(arena());
        break;
      case CType::OutString:
        out = entryAlloca(b, 1, "strout");
        callArgs.push_back(out);
        break;
      case CType::Bytes: {
        llvm::Value* view = args[j++].value;
        callArgs.push_back(stringViewData(b, view));
        callArgs.push_back(stringViewLength(b, view));
        ++i;
        break;
      }
      case CType::Views: {
        const uint64_t n = args.size() - j;
        llvm::Value* arr = entryAlloca(b, std::max<uint64_t>(n, 1), "strargs");
        for (uint64_t k = 0; k < n; ++k)
          b.CreateStore(args[j + k].value, b.CreateConstGEP1_64(viewTy, arr, k));
        j = args.size();
        callArgs.push_back(arr);
        callArgs.push_back(b.getInt64(static_cast<int64_t>(n)));
        ++i;
        break;
      }
      case CType::U8:  // i1 -> 0 / 1 byte
        callArgs.push_back(b.CreateZExt(args[j++].value, b.getInt8Ty()));
        break;
      default:
        callArgs.push_back(args[j++].value);
        break;
    }
  }
  llvm::Module* m = b.GetInsertBlock()->getModule();
  llvm::FunctionCallee fn = m->getOrInsertFunction(binding.cName, llvmSignature(ctx, binding.sig));
  llvm::Value* r = b.CreateCall(fn, callArgs);
  if (out) return b.CreateLoad(viewTy, out, "str");
  if (binding.sig.result == CType::U8) return b.CreateICmpNE(r, b.getInt8(0));
  return r;
}

void registerStdlibBindings(JitEngine& jit) {
  for (const StdlibBinding& bd : stdlibBindings()) jit.defineSymbol(bd.cName, bd.address);
}

}  // namespace sluice
