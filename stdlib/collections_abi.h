#pragma once
// C entry points of the array functions for generated code (stdlib/collections.h). Arrays
// and values travel as `const void*` (nested.h layout; CType::Nested), the element type as
// the address of a process-lifetime NestedType descriptor the code generator built at compile
// time. NULL arrays and values never reach them (generated code tests them first).
#include <cstdint>

#include "stdlib/abi_types.h"

extern "C" {
/// sort_array(array, asc): a new array in the arena (NULLs first ascending, last descending).
const void* sluice_array_sort(const void* array, const void* elementType, uint8_t asc,
                              sluice::StringArena* arena);
/// array_distinct(array): the first occurrence of each element (and of NULL), in order.
const void* sluice_array_distinct(const void* array, const void* elementType,
                                  sluice::StringArena* arena);
/// concat(a, b) and reverse(a) of arrays: new arrays in the arena.
const void* sluice_array_concat(const void* a, const void* b, sluice::StringArena* arena);
const void* sluice_array_reverse(const void* array, sluice::StringArena* arena);
/// Spark's ordering of two non-NULL nested values (struct, array or map) of type `type`:
/// <0, 0, >0 (stdlib::compareSlots), for equality tests such as IN.
int32_t sluice_nested_compare(const void* a, const void* b, const void* type);
/// array_contains(array, value): `value` points to a Slot holding the value (of the element
/// type). Returns 0 for NULL (no element equals the value but one is NULL), else writes the
/// answer to `out` and returns 1.
uint8_t sluice_array_contains(const void* array, const void* elementType, const void* value,
                              uint8_t* out);
}
