#pragma once
// The in-memory layout of nested SQL values (struct, array, map), shared by generated code,
// the stdlib (from_json, to_json, ...) and the runtime (tables, buffers, state).
//
// A nested value travels as one pointer (`const void*`, 8 bytes; LLVM `ptr`): in a column, in
// a RowSlot, or inside another nested value. It points to one of the structs below, allocated
// in a StringArena (kernel results, valid until the arena is reset) or owned by a batch /
// buffer. NULL is never a null pointer: it is the null flag (or null byte) next to the value.
//
// Every element or field is stored in a 16-byte Slot holding the element's *storage* value
// (codegen/abi.h table: booleans as a 0/1 byte, ints / longs / floats / doubles / dates /
// timestamps / decimals as themselves, strings and binaries as StringView, nested values as a
// pointer to their struct). Uniform 16-byte slots make element i's address `slots + 16 * i`
// for every type, so generated code and C++ never need a type-dependent stride.
#include <cstdint>
#include <cstring>

#include "stdlib/abi_types.h"

namespace sluice {

/// One element or field (same size and alignment as codegen's RowSlot).
struct alignas(16) Slot {
  unsigned char bytes[16];  ///< the storage value, at offset 0

  /// The stored value as `T` (the element's storage type).
  template <typename T>
  T as() const {
    static_assert(sizeof(T) <= sizeof(bytes));
    T v;
    std::memcpy(&v, bytes, sizeof(T));
    return v;
  }
  /// Stores `v` (the element's storage type) at offset 0.
  template <typename T>
  void set(T v) {
    static_assert(sizeof(T) <= sizeof(bytes));
    std::memcpy(bytes, &v, sizeof(T));
  }
};
static_assert(sizeof(Slot) == 16);

/// array<T>: `length` elements.
struct ArrayData {
  int64_t length;        ///< number of elements
  const uint8_t* nulls;  ///< one byte per element, nonzero = NULL; nullptr = no NULLs
  const Slot* values;    ///< `length` slots (nullptr when length is 0)
};

/// map<K, V>: `length` entries, keys unique and never NULL, in insertion order (Spark keeps
/// the order it read, e.g. a JSON object's order).
struct MapData {
  int64_t length;        ///< number of entries
  const Slot* keys;      ///< `length` key slots
  const uint8_t* nulls;  ///< one byte per value, nonzero = NULL; nullptr = no NULL values
  const Slot* values;    ///< `length` value slots
};

/// struct<f0, f1, ...>: one slot per field, in the declared order; the field count is the
/// type's.
struct StructData {
  const uint8_t* nulls;  ///< one byte per field, nonzero = NULL; nullptr = no NULL fields
  const Slot* fields;    ///< one slot per field
};

// Generated code relies on these offsets (field loads are GEPs on i8 with these constants).
static_assert(offsetof(ArrayData, length) == 0 && offsetof(ArrayData, nulls) == 8 &&
              offsetof(ArrayData, values) == 16);
static_assert(offsetof(MapData, length) == 0 && offsetof(MapData, keys) == 8 &&
              offsetof(MapData, nulls) == 16 && offsetof(MapData, values) == 24);
static_assert(offsetof(StructData, nulls) == 0 && offsetof(StructData, fields) == 8);

}  // namespace sluice
