#pragma once
// SqlValue: how generated code passes a SQL value around — an LLVM value plus an i1 null
// flag plus the sluice type. Expressions compile to SqlValues; operators consume them.
//
// Representation of each SQL type in LLVM: the LLVM form of its Storage (planner/type_storage.h,
// the one SQL type -> storage mapping), chosen to match Spark's storage so batches converted
// from Arrow / UnsafeRow need no per-value conversion:
//
//   SQL type                  LLVM type     notes
//   void (untyped NULL)       i1            value unused: always NULL
//   boolean                   i1
//   tinyint / smallint        i8 / i16
//   int                       i32
//   bigint                    i64
//   float / double            float / double
//   decimal(p, s), p <= 18    i64           unscaled value (Spark's compact Decimal)
//   decimal(p, s), p > 18     i128          unscaled value
//   date                      i32           days since 1970-01-01
//   timestamp                 i64           microseconds since the epoch (UTC)
//   string / binary           {ptr, i64}    view: pointer to the bytes (UTF-8 for string,
//                                           not NUL-terminated) and the length in bytes
//   interval, struct,         ptr           opaque pointer to a runtime object for now
//   array, map
//
// Invariants every helper keeps and may rely on:
// - `isNull` is an i1. For values that cannot be NULL it is the constant `false`, so
//   IRBuilder's constant folding removes null checks on non-nullable columns for free.
// - When `isNull` is true, `value` holds an unspecified but *defined* value of the right
//   LLVM type (never poison or undef), so selects, PHIs and stores of it are harmless.
//   Consumers must not give it meaning; in particular a NULL string view's pointer must
//   not be dereferenced.
// - Strings are views: the bytes belong to the batch (or the runtime) and outlive the value.
#include <llvm/IR/Constants.h>
#include <llvm/IR/IRBuilder.h>

#include "planner/type_storage.h"
#include "planner/types.h"

namespace sluice {

/// The LLVM type of storage `s` in registers (Bool is i1).
llvm::Type* llvmTypeOfStorage(llvm::LLVMContext& ctx, Storage s);
/// The LLVM type holding values of `type` in registers (see the table above).
llvm::Type* llvmTypeFor(llvm::LLVMContext& ctx, const DataType& type);
/// The LLVM type of a value of `type` in a column or nested slot: as llvmTypeFor, except
/// that booleans (and the untyped NULL) are i8 bytes in memory.
llvm::Type* llvmSlotTypeFor(llvm::LLVMContext& ctx, const DataType& type);

/// The `{ptr, i64}` string / binary view type of `ctx` (a literal struct, uniqued by LLVM).
llvm::StructType* stringViewType(llvm::LLVMContext& ctx);

/// A SQL value in generated code.
struct SqlValue {
  llvm::Value* value = nullptr;   ///< payload, of llvmTypeFor(*type)
  llvm::Value* isNull = nullptr;  ///< i1: true when the SQL value is NULL
  TypePtr type;                   ///< the SQL type

  /// A value that is never NULL (`isNull` is the constant false).
  static SqlValue notNull(llvm::Value* value, TypePtr type);
  /// `value` with a computed null flag.
  static SqlValue of(llvm::Value* value, llvm::Value* isNull, TypePtr type);
  /// The NULL of `type`: a zero payload with `isNull` the constant true.
  static SqlValue null(llvm::LLVMContext& ctx, TypePtr type);

  /// False only when `isNull` is the constant false (the value is statically non-NULL).
  bool mayBeNull() const;
  /// True when `isNull` is the constant true (the value is statically NULL).
  bool alwaysNull() const;
};

/// Builds a string view `{data, length}` from a pointer and an i64 length.
llvm::Value* makeStringView(llvm::IRBuilder<>& b, llvm::Value* data, llvm::Value* length);
/// The data pointer of a string view.
llvm::Value* stringViewData(llvm::IRBuilder<>& b, llvm::Value* view);
/// The i64 length of a string view.
llvm::Value* stringViewLength(llvm::IRBuilder<>& b, llvm::Value* view);

}  // namespace sluice
