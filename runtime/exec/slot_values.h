#pragma once
// Typed access to values stored in the kernel ABI's storage form (a RowSlot, a Slot of a
// nested value, a column element): conversion to and from planner Values (for accumulators,
// sorting, printing), and a canonical byte encoding of keys (for hash tables and state).
#include <cstdint>
#include <string>
#include <string_view>

#include "codegen/abi.h"
#include "planner/types.h"
#include "planner/value.h"
#include "runtime/column_batch.h"

namespace sluice {

/// The Value stored at `p` (storage type of `type`, see codegen/abi.h); nested values are
/// converted recursively (struct / array as lists, map as [k0, v0, k1, v1, ...]).
Value storageToValue(const void* p, const DataType& type);
/// Stores `v` (non-NULL) into column `c` of the builder's current row.
void setValue(ColumnBatchBuilder& out, size_t c, const Value& v, const DataType& type);
/// Builds nested value `v` of `type` in `arena` (stdlib/nested.h layout).
const void* valueToNested(const Value& v, const DataType& type, StringArena& arena);

/// Appends the canonical encoding of (`slot`, `isNull`) of `type` to `out`: equal SQL values
/// (as GROUP BY and join keys compare them: -0.0 = 0.0, NaN = NaN) encode to equal bytes.
void encodeKey(std::string& out, const void* slot, bool isNull, const DataType& type);
/// Appends (`slot`, `isNull`) of `type` in encodeKey's form but exactly as stored (no
/// canonicalization of -0.0 or NaN payloads): encodeValue of the same value, without building
/// a Value (the stream-stream join's buffered rows).
void encodeStorage(std::string& out, const void* slot, bool isNull, const DataType& type);
/// Decodes one value encoded by encodeKey at `*pos` into column `c` of `out`; advances `pos`.
void decodeKey(std::string_view in, size_t* pos, ColumnBatchBuilder& out, size_t c,
               const DataType& type);

/// Decodes one value encoded by encodeKey at `*pos` as a planner Value; advances `pos`.
Value decodeKeyValue(std::string_view in, size_t* pos, const DataType& type);

/// Appends value `v` of `type` (NULL allowed) in encodeKey's form but exactly as it is (no
/// canonicalization of -0.0 or NaN payloads): how saved state holds values. decodeKeyValue
/// reads it back.
void encodeValue(std::string& out, const Value& v, const DataType& type);
/// Appends the canonical encoding (encodeKey) of value `v` of `type` (NULL allowed): equal to
/// encodeKey of the same value in storage form.
void encodeValueKey(std::string& out, const Value& v, const DataType& type);

/// Copies the storage value at `from` into column `c` of the builder's current row (strings
/// and nested values deep-copied).
void setStorage(ColumnBatchBuilder& out, size_t c, const void* from, const DataType& type);

}  // namespace sluice
