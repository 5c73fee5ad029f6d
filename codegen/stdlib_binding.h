#pragma once
// Binds stdlib C entry points (stdlib/*_abi.h) to generated code. Each binding is declared
// once, from the function itself: its C name and address come from the identifier, its LLVM
// declaration from the function's C++ type (c_signature.h), so nothing is retyped. A
// registry row names its implementation by FunctionDef::symbol; a row with optional SQL
// arguments has one binding per arity under the same symbol (e.g. substring / substring_from).
//
// Marshalling, derived from the CSignature: each SQL argument maps to one C parameter
// (a string to a Bytes + I64 pair, a number to its C type, the last SQL arguments to one
// Views + I64 pair), and Arena / OutString parameters are filled by the code generator.
#include <llvm/IR/DerivedTypes.h>
#include <llvm/IR/IRBuilder.h>

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "codegen/c_signature.h"
#include "codegen/ir/sql_value.h"

namespace sluice {

class JitEngine;

/// One stdlib entry point callable from generated code.
struct StdlibBinding {
  std::string symbol;   ///< FunctionDef::symbol of the rows it implements
  std::string cName;    ///< its C symbol (what the JIT resolves)
  const void* address;  ///< its address in this process
  CSignature sig;       ///< derived from its C++ type
};

/// The binding of `F` (its C name and address), for rows with symbol `symbol`.
template <auto F>
StdlibBinding bindStdlib(std::string symbol, std::string cName) {
  return StdlibBinding{std::move(symbol), std::move(cName), reinterpret_cast<const void*>(F),
                       cSignatureOf<decltype(F)>()};
}

/// The LLVM type of one C type (ptr for pointers, iN / float / double otherwise).
llvm::Type* llvmTypeOf(llvm::LLVMContext& ctx, CType t);
/// The LLVM declaration type of a C signature.
llvm::FunctionType* llvmSignature(llvm::LLVMContext& ctx, const CSignature& sig);
/// The LLVM declaration type of C function-pointer type `F`.
template <typename F>
llvm::FunctionType* llvmSignatureOf(llvm::LLVMContext& ctx) {
  return llvmSignature(ctx, cSignatureOf<F>());
}

/// Every binding.
std::span<const StdlibBinding> stdlibBindings();
/// The binding for `symbol` whose parameters accept SQL arguments of `argTypes` and whose
/// result is `resultType`; nullptr when none does (e.g. concat over arrays).
const StdlibBinding* findStdlibBinding(const std::string& symbol, std::span<const TypePtr> argTypes,
                                       const DataType& resultType);
/// Emits the call of `binding` on non-NULL `args` (which it accepts); `arena` yields the
/// StringArena* of the kernel (only called when the function takes one). Returns the result
/// payload, of llvmTypeFor of the result type findStdlibBinding matched.
llvm::Value* emitStdlibCall(llvm::IRBuilder<>& b, const StdlibBinding& binding,
                            std::span<const SqlValue> args,
                            const std::function<llvm::Value*()>& arena);

/// Defines every binding's address in `jit` (idempotent).
void registerStdlibBindings(JitEngine& jit);

}  // namespace sluice
