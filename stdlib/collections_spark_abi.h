#pragma once
// C entry points of stdlib/collections_spark.h for generated code. Arrays and maps travel as
// `const void*` in the nested layout (stdlib/nested.h), built in the kernel's arena; NULL
// inputs never reach them. Errors (a repeated map key, a malformed format) are kernel errors.
#include <cstdint>

#include "stdlib/abi_types.h"

extern "C" {
using sluice::StringArena;
using sluice::StringView;

/// array_join of an array<string>; `hasReplacement` says whether NULL elements are replaced.
void sluice_array_join(StringArena* a, const void* array, const char* d, int64_t dLen,
                       const char* r, int64_t rLen, uint8_t hasReplacement, StringView* out);
/// NULL (0) for text that is not a JSON array.
uint8_t sluice_json_array_length(const char* s, int64_t n, int32_t* out);
/// An array<string> of the keys, or nullptr (NULL) for text that is not a JSON object.
const void* sluice_json_object_keys(const char* s, int64_t n, StringArena* a);
/// A map<string, string>.
const void* sluice_str_to_map(const char* s, int64_t n, const char* p, int64_t pLen, const char* kv,
                              int64_t kvLen, StringArena* a);
/// format_string over the fields of struct `args` (its descriptor: a NestedType of kind
/// Struct whose field kinds say how each slot is read).
void sluice_format_string(StringArena* a, const char* f, int64_t fLen, const void* args,
                          const void* argsType, StringView* out);
}
