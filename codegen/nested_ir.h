#pragma once
// IR building blocks for nested values (stdlib/nested.h layout), shared by nested_codegen,
// json_codegen and the Generate translator: slot loads and stores, header field loads,
// NULL-guarded evaluation and calls of stdlib C helpers.
#include <llvm/IR/IRBuilder.h>

#include <functional>
#include <string>
#include <vector>

#include "codegen/ir/sql_value.h"
#include "planner/types.h"

namespace sluice {

/// The in-memory (slot / column) type of `type`'s values: i8 for booleans and void, ptr for
/// nested values, llvmTypeFor otherwise. CodegenError for intervals.
llvm::Type* nestedStorageType(llvm::LLVMContext& ctx, const DataType& type);

/// Loads a `ptr` / `i64` stored `offset` bytes into the object at `base`.
llvm::Value* loadPtrAt(llvm::IRBuilder<>& b, llvm::Value* base, int64_t offset,
                       const std::string& name = "");
llvm::Value* loadI64At(llvm::IRBuilder<>& b, llvm::Value* base, int64_t offset,
                       const std::string& name = "");
/// Address of byte `offset` of `base`.
llvm::Value* byteOffset(llvm::IRBuilder<>& b, llvm::Value* base, llvm::Value* offset);

/// The value held in slot `index` (i64) of the Slot array `slots`, as a SqlValue payload of
/// `type` (booleans as i1).
llvm::Value* loadSlot(llvm::IRBuilder<>& b, llvm::Value* slots, llvm::Value* index,
                      const DataType& type);
/// Stores payload `v` of `type` into slot `index` (i64) of `slots`.
void storeSlot(llvm::IRBuilder<>& b, llvm::Value* slots, llvm::Value* index, llvm::Value* v,
               const DataType& type);
/// The i1 null flag of element `index` given a null-byte array pointer that may be nullptr
/// (nullptr: no NULLs). Adds a branch so a nullptr is never read.
llvm::Value* loadNullFlag(llvm::IRBuilder<>& b, llvm::Value* nulls, llvm::Value* index);

/// A module-wide zero-filled constant buffer of at least `bytes` bytes (16-aligned): a safe
/// address to load zeros from instead of branching around a load (grows as callers ask).
llvm::Value* zeroBytes(llvm::IRBuilder<>& b, uint64_t bytes);

/// Evaluates `body` only when `isNull` is false: a NULL-typed result of `type` otherwise.
/// Emits no branch when `isNull` is a constant.
SqlValue ifNotNull(llvm::IRBuilder<>& b, llvm::Value* isNull, const TypePtr& type,
                   const std::function<SqlValue()>& body);

/// Calls C function `name` at `address` with signature `fnTy`. The callee is a declaration
/// of `name` that the JIT resolves to `address` (defineProcessSymbol), and the call carries
/// the C name as `!sluice.fn` metadata too.
llvm::CallInst* callC(llvm::IRBuilder<>& b, const char* name, const void* address,
                      llvm::FunctionType* fnTy, const std::vector<llvm::Value*>& args);
/// The address of a process-lifetime C++ object as a `ptr` constant: an external global
/// named after `key` (which must identify the object's content: the same key always names
/// the same object in a process), resolved by the JIT, so the IR holds no address.
llvm::Value* constPtr(llvm::IRBuilder<>& b, const void* p, const std::string& key);
/// A `count`-element alloca of `type` in the entry block (reused by every row).
llvm::Value* entryAlloca(llvm::IRBuilder<>& b, llvm::Type* type, uint64_t count,
                         const std::string& name);
/// Allocates `bytes` (i64) 16-aligned bytes in the kernel's arena.
llvm::Value* arenaAlloc(llvm::IRBuilder<>& b, llvm::Value* arena, llvm::Value* bytes);
/// Records kernel error `message` (stdlib/kernel_error.h) when `cond` (i1) holds.
void raiseKernelErrorIf(llvm::IRBuilder<>& b, llvm::Value* cond, const std::string& message);

/// `v` as `type`: unchanged, the NULL of `type` for an untyped NULL, else a supported CAST.
SqlValue coerceNested(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& type);

}  // namespace sluice
