#pragma once
// The kernel ABI: how a compiled pipeline function sees a batch and hands rows back, in plain
// C++ types (no LLVM), so the runtime can build inputs and receive outputs without codegen
// internals. Each pipeline compiles to
//
//   extern "C" void pipeline_<id>(KernelArgs* args);
//
// Inputs: one ColumnData per column the pipeline's source produces, in the source's output
// order. `values` is a dense array of the column's storage type:
//
//   SQL type                       storage (one element per row)
//   void (untyped NULL), boolean   uint8_t (0 / 1; void columns are never read)
//   tinyint / smallint / int       int8_t / int16_t / int32_t
//   bigint                         int64_t
//   float / double                 float / double
//   decimal(p <= 18, s)            int64_t unscaled value
//   decimal(p > 18, s)             __int128 unscaled value
//   date / timestamp               int32_t days / int64_t microseconds since the epoch
//   string / binary                StringView (bytes owned by the batch, not NUL-terminated)
//
// Strings that generated code creates (via stdlib calls) live in KernelArgs::arena.
//
// Outputs: the terminal sink writes each row into an array of RowSlots (one per output column)
// and calls sluice_rt_emit_row once per row; `sink` is a RowSink the runtime implements.
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "stdlib/abi_types.h"  // StringView, StringArena

namespace sluice {

class JitEngine;

/// One input column of a batch.
struct ColumnData {
  const uint8_t* nulls;  ///< one byte per row, nonzero = NULL; nullptr when nothing is NULL
  const void* values;    ///< dense array of the storage type (see the table above)
};

/// The single argument of a pipeline function.
struct KernelArgs {
  const ColumnData* columns;  ///< the source's columns, in its output order
  int64_t numRows;            ///< rows in this batch
  void* terminal;             ///< what the terminal operator writes into: a RowSink (sink),
                              ///< a JoinTable (join build), an AggregateGroupTable (aggregate
                              ///< update), a sort / union buffer
  int64_t* state;             ///< CompiledPipeline::stateSlots zero-initialized counters
                              ///< (LIMIT); kept across batches by the caller
  StringArena* arena;         ///< where stdlib calls put new strings; the caller resets it
                              ///< after the batch (the sink copies strings it keeps)
  void* const* operators;     ///< runtime objects of the operators inside the pipeline
                              ///< (a join probe's hash table, ...), indexed as
                              ///< CompiledPipeline::operatorSlots
};

/// KernelArgs field indexes, as generated code loads them (PipelineContext::kernelArg).
enum KernelArgField : unsigned {
  kArgColumns = 0,
  kArgNumRows = 1,
  kArgTerminal = 2,
  kArgState = 3,
  kArgArena = 4,
  kArgOperators = 5,
};

/// A pipeline function.
using KernelFn = void (*)(KernelArgs*);

/// One output value of an emitted row: the column's storage type (booleans as uint8_t,
/// strings as StringView) stored at the start of the slot. NULLs hold an unspecified value.
struct alignas(16) RowSlot {
  unsigned char bytes[16];  ///< raw storage

  /// The value as `T` (the column's storage type).
  template <typename T>
  T as() const {
    static_assert(sizeof(T) <= sizeof(bytes));
    T v;
    std::memcpy(&v, bytes, sizeof(T));
    return v;
  }
};

/// Receives the rows a kernel emits. Implemented by the runtime (result tables, writers).
class RowSink {
 public:
  virtual ~RowSink() = default;
  /// One row: `slots[i]` and `nulls[i]` (nonzero = NULL) for each output column. The slots
  /// and any string bytes they point to are only valid during the call.
  virtual void emitRow(const RowSlot* slots, const uint8_t* nulls) = 0;
};

/// C symbol of the row emitter, as declared in generated modules.
inline constexpr const char* kEmitRowSymbol = "sluice_rt_emit_row";

/// The rows of a hash-join build side that match a probe key (runtime/exec/join_table.h):
/// each match points to the stored row, `width` RowSlots followed by `width` null bytes.
struct JoinMatches {
  const unsigned char* const* rows;  ///< one pointer per matching build row
  int64_t count;                     ///< number of matches
};

/// A hash join's build table as generated code sees it: opaque, probed through
/// sluice_rt_join_probe.
class JoinProbeTable {
 public:
  virtual ~JoinProbeTable() = default;
  /// The build rows whose keys equal `keys` (non-NULL key values as RowSlots).
  virtual JoinMatches probe(const RowSlot* keys) const = 0;
};

/// A hash aggregate's group table as generated code sees it.
class AggregateGroupTable {
 public:
  virtual ~AggregateGroupTable() = default;
  /// The state buffer of the group `keys` / `keyNulls` (created zeroed with initialized
  /// accumulators on first sight); valid until the table is cleared.
  virtual unsigned char* group(const RowSlot* keys, const uint8_t* keyNulls) = 0;
  /// Feeds one input row to the runtime-implemented function `fn` of the group `state`.
  virtual void update(unsigned char* state, int32_t fn, const RowSlot* args,
                      const uint8_t* argNulls) = 0;
  /// A zeroed buffer of the state's size whose updates are thrown away (no accumulators:
  /// update() ignores it); what group() hands out for rows that must not count. Must not
  /// throw.
  virtual unsigned char* discardState() noexcept = 0;
};

/// Defines the kernel runtime functions (sluice_rt_*) in `jit`.
void registerKernelRuntime(JitEngine& jit);

}  // namespace sluice

// The runtime entry points generated code calls. None lets an exception out: each records
// it as the call's kernel error (stdlib/kernel_error.h's recordKernelException) and returns a
// harmless result, and once an error is pending, rows and aggregate updates of the call are
// dropped.
extern "C" {
/// Forwards one row to `static_cast<sluice::RowSink*>(sink)->emitRow(slots, nulls)`, unless
/// a kernel error is pending (the row is then dropped).
void sluice_rt_emit_row(void* sink, const sluice::RowSlot* slots, const uint8_t* nulls) noexcept;
/// `static_cast<const JoinProbeTable*>(table)->probe(keys)`: stores the row pointers in
/// `*rows` and returns the count (an out parameter keeps the C ABI trivial); no matches if
/// the probe threw.
int64_t sluice_rt_join_probe(const void* table, const sluice::RowSlot* keys,
                             const unsigned char* const** rows) noexcept;
/// `static_cast<AggregateGroupTable*>(table)->group(keys, keyNulls)`, or its discardState()
/// if that threw.
unsigned char* sluice_rt_agg_group(void* table, const sluice::RowSlot* keys,
                                   const uint8_t* keyNulls) noexcept;
/// `static_cast<AggregateGroupTable*>(table)->update(state, fn, args, argNulls)`, unless a
/// kernel error is pending.
void sluice_rt_agg_update(void* table, unsigned char* state, int32_t fn,
                          const sluice::RowSlot* args, const uint8_t* argNulls) noexcept;
}
