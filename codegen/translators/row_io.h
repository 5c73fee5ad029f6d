#pragma once
// Moving SQL values between generated code and row-shaped memory: RowSlot arrays (abi.h) that
// the kernel hands to the runtime (sinks, breakers, hash-table lookups), and stored rows the
// runtime hands back (join build rows, aggregate states).
#include <string>
#include <vector>

#include "codegen/translators/translator.h"

namespace sluice {

/// A row of RowSlots and null bytes in the kernel's stack frame (allocated once per function).
struct RowSlots {
  llvm::Value* slots = nullptr;  ///< [n x RowSlot]
  llvm::Value* nulls = nullptr;  ///< [n x i8]
  size_t width = 0;              ///< n
};

/// Allocates a row of `width` slots in the entry block.
RowSlots allocRow(PipelineContext& ctx, size_t width, const std::string& name);
/// Stores `values` into `row` starting at slot `first` (storage types per abi.h).
void storeRow(PipelineContext& ctx, const RowSlots& row, const std::vector<SqlValue>& values,
              size_t first = 0);
/// Calls sluice_rt_emit_row(sink, row.slots, row.nulls).
void emitRow(PipelineContext& ctx, llvm::Value* sink, const RowSlots& row);

/// Stores the payload of `v` (storage type) at `slot` (a pointer to a 16-byte RowSlot).
void storeSlot(PipelineContext& ctx, llvm::Value* slot, const SqlValue& v);
/// Loads a value of `type` from `slot`; `isNull` is its null flag (an i1).
SqlValue loadSlot(PipelineContext& ctx, llvm::Value* slot, llvm::Value* isNull,
                  const TypePtr& type);
/// Loads slot `index` of a stored row at `row` (`width` RowSlots then `width` null bytes,
/// as join build rows are laid out).
SqlValue loadStoredRowSlot(PipelineContext& ctx, llvm::Value* row, size_t width, size_t index,
                           const TypePtr& type);

/// Binds `attrs` to the columns of KernelArgs::columns and emits the loop over the batch's
/// rows; calls `body` with the bindings set, once per row (inside the loop).
void scanColumns(PipelineContext& ctx, const std::vector<Attribute>& attrs,
                 const std::function<void()>& body);

}  // namespace sluice
