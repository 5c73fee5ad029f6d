#pragma once
// C helpers generated code calls to build nested values (stdlib/nested.h layout).
#include <cstdint>

#include "stdlib/abi_types.h"
#include "stdlib/nested.h"

using sluice::StringArena;

extern "C" {
/// `bytes` bytes from the kernel's arena, 16-byte aligned (nested values, their slots).
void* sluice_nested_alloc(StringArena* arena, int64_t bytes);
/// Spark's map() key check (spark.sql.mapKeyDedupPolicy = EXCEPTION): raises a kernel error
/// "Duplicate map key ..." and returns 1 when two keys of `m` are equal. `keyKind` is the
/// keys' stdlib::NestedKind, with Long for decimal(p <= 18) (whose slots hold an int64).
uint8_t sluice_nested_map_check_keys(const sluice::MapData* m, int32_t keyKind);
}
