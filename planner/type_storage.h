#pragma once
// The one mapping from a SQL type to its physical representation: the C type a value
// occupies in a column slot, a nested value's slot (stdlib/nested.h) and a kernel register.
// Code generation (LLVM types), the runtime (column batches, result tables, key encodings)
// and the value readers all derive their layouts from storageOf, so a type's layout is
// decided here once. No LLVM here: codegen maps Storage to LLVM types (ir/sql_value.h).
#include <cstddef>
#include <cstdint>

#include "planner/types.h"

namespace sluice {

/// How a value of one SQL type is stored.
enum class Storage : uint8_t {
  Bool,     ///< uint8_t 0 / 1 in memory, i1 in registers: boolean and the untyped NULL
  I8,       ///< int8_t: tinyint
  I16,      ///< int16_t: smallint
  I32,      ///< int32_t: int, date (days)
  I64,      ///< int64_t: bigint, timestamp (micros), decimal of precision <= 18 (unscaled)
  I128,     ///< __int128: decimal of precision > 18 (unscaled)
  F32,      ///< float
  F64,      ///< double
  View,     ///< StringView {ptr, len}: string, binary
  Pointer,  ///< const void*: struct / array / map (stdlib/nested.h); interval (unsupported)
};

/// Spark keeps decimals of precision <= 18 as an unscaled long (Decimal.MAX_LONG_DIGITS).
inline constexpr int kMaxLongDecimalDigits = 18;

/// The storage of SQL type `t`.
Storage storageOf(const DataType& t);
/// Bytes one value of storage `s` occupies in a slot.
size_t storageSize(Storage s);
/// Bytes one value of SQL type `t` occupies in a column or nested slot.
inline size_t storageSize(const DataType& t) {
  return storageSize(storageOf(t));
}

}  // namespace sluice
