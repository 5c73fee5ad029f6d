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
#include <type_traits>
#include <vector>

#include "codegen/c_signature.h"
#include "codegen/ir/sql_value.h"
#include "stdlib/kernel_error.h"

namespace sluice {

class JitEngine;

/// One stdlib entry point callable from generated code.
struct StdlibBinding {
  std::string symbol;   ///< FunctionDef::symbol of the rows it implements
  std::string cName;    ///< its C symbol (what the JIT resolves)
  const void* address;  ///< its address in this process
  CSignature sig;       ///< derived from its C++ type
};

namespace detail {

// Empties an out-parameter (a scalar or string result); other parameters are left alone.
template <typename T>
void clearOut(T p) noexcept {
  if constexpr (std::is_same_v<T, StringView*>) {
    if (p) *p = StringView{nullptr, 0};
  } else if constexpr (std::is_pointer_v<T> && std::is_arithmetic_v<std::remove_pointer_t<T>> &&
                       !std::is_const_v<std::remove_pointer_t<T>>) {
    if (p) *p = {};  // non-const scalar pointers are Out* parameters (c_signature.h)
  }
}

// Generated code has no unwind information, so an exception leaving a stdlib function ends
// in std::terminate. Entry points that allocate (they take the StringArena: huge results
// may throw std::bad_alloc / std::length_error) are bound through this trampoline: it records
// the exception as the call's kernel error (which fails the query) and returns an empty
// result: 0 (NULL for entry points returning a valid flag), empty out-parameters.
template <auto F, typename Sig = decltype(F)>
struct NoThrowCall;
template <auto F, typename R, typename... A>
struct NoThrowCall<F, R (*)(A...)> {
  static constexpr bool kAllocates = (std::is_same_v<A, StringArena*> || ...);
  static R call(A... a) noexcept {
    try {
      return F(a...);
    } catch (...) {
      recordKernelException();
      (clearOut(a), ...);
      if constexpr (!std::is_void_v<R>) return R{};
    }
  }
};

}  // namespace detail

/// The binding of `F` (its C name and address), for rows with symbol `symbol`. Entry points
/// taking a StringArena are called through detail::NoThrowCall (no exception escapes); the
/// others do not allocate and are called directly.
template <auto F>
StdlibBinding bindStdlib(std::string symbol, std::string cName) {
  using Guard = detail::NoThrowCall<F>;
  const void* address = Guard::kAllocates ? reinterpret_cast<const void*>(&Guard::call)
                                          : reinterpret_cast<const void*>(F);
  return StdlibBinding{std::move(symbol), std::move(cName), address, cSignatureOf<decltype(F)>()};
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
/// result is `resultType`; nullptr when none does (e.g. concat over arrays). SQL types map to
/// C types as: boolean U8, tinyint I8, smallint I16, int and date I32, bigint and timestamp
/// I64, decimal (any precision) I128, float F32, double F64, string Bytes (+ length),
/// binary Binary (+ length), array / map / struct Nested.
const StdlibBinding* findStdlibBinding(const std::string& symbol, std::span<const TypePtr> argTypes,
                                       const DataType& resultType);
/// The binding whose C name is `cName` (CodegenError if there is none): for calls the code
/// generator emits itself (casts, decimal arithmetic, hashing).
const StdlibBinding& stdlibBindingNamed(std::string_view cName);

/// Emits the call of `binding` on non-NULL `args` (which it accepts); `arena` yields the
/// StringArena* of the kernel (only called when the function takes one). Returns the result
/// of SQL type `resultType` (the one findStdlibBinding matched): NULL only when the function
/// reports an invalid result through its uint8_t return (see CType::OutI32 ...).
SqlValue emitStdlibCall(llvm::IRBuilder<>& b, const StdlibBinding& binding,
                        std::span<const SqlValue> args, const TypePtr& resultType,
                        const std::function<llvm::Value*()>& arena);
/// Lower-level form: `inputs` are the C arguments in order, one LLVM value per C parameter
/// other than Arena and Out* ones (which are filled here); decimals are widened to i128 by
/// the caller. The result is converted to llvmTypeFor(resultType) (i1 for U8, truncated
/// for i64 decimals, loaded for out parameters).
SqlValue emitCCall(llvm::IRBuilder<>& b, const StdlibBinding& binding,
                   std::span<llvm::Value* const> inputs, const TypePtr& resultType,
                   const std::function<llvm::Value*()>& arena);

/// Defines every binding's address in `jit` (idempotent).
void registerStdlibBindings(JitEngine& jit);

}  // namespace sluice
