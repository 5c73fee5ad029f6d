#pragma once
// C entry points of the JSON functions for generated code (see json_schema.h for the
// semantics). Descriptors (`spec`) are built at codegen time and outlive the kernels that
// name them; NULL inputs never reach these functions (generated code checks first).
#include <cstdint>

#include "stdlib/abi_types.h"

using sluice::StringArena;
using sluice::StringView;

// None of these lets an exception out (generated code calls them): a failure is recorded as
// the call's kernel error (kernel_error.h) and the result is NULL.
extern "C" {
/// from_json of the `n` bytes at `s` with a `const JsonReadSpec*`: stores the nested value in
/// `*out` and returns 0, or returns 1 when the result is NULL, 2 when the record fails the
/// spec's guard (JsonReadSpec::guardField: the row is to be dropped; `*out` is NULL).
uint8_t sluice_json_from_json(const void* spec, StringArena* arena, const char* s, int64_t n,
                              const void** out) noexcept;
/// to_json of nested value `v` with a `const JsonWriteSpec*`; the text goes to the arena.
void sluice_json_to_json(const void* spec, StringArena* arena, const void* v,
                         StringView* out) noexcept;
/// get_json_object(json, path): returns 1 for NULL (no match, invalid JSON or path), else 0
/// with the result in `*out` (strings unquoted, other values as JSON text).
uint8_t sluice_json_get_json_object(StringArena* arena, const char* s, int64_t n, const char* path,
                                    int64_t pathLen, StringView* out) noexcept;
/// json_tuple(json, names...): `count` outputs; `outs[i]` / `nulls[i]` (1 = NULL) per name.
/// `names` is a `const std::vector<std::string>*` built at codegen time.
void sluice_json_tuple(const void* names, StringArena* arena, const char* s, int64_t n,
                       StringView* outs, uint8_t* nulls) noexcept;
}
