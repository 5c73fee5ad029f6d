#pragma once
// C entry points of the string kernels for generated code. Each is a thin wrapper over the
// kernel in strings.h (written once, also used by constant folding). Conventions, which
// codegen/c_signature.h derives LLVM declarations from:
// - a string argument is a `const char*, int64_t` pair (bytes, length; not NUL-terminated);
// - a variadic list of strings is a `const StringView*, int64_t` pair (array, count);
// - a string result is written to a trailing `StringView*`, its bytes allocated in the
//   `StringArena*` that comes first;
// - SQL int arguments / results are int32_t. NULLs never reach these functions: callers
//   skip the call (the rows have NullBehavior::Propagates).
// Functions with optional SQL arguments have one entry point per arity.
#include <cstdint>

#include "stdlib/abi_types.h"

extern "C" {
using sluice::StringArena;
using sluice::StringView;

int32_t sluice_str_length(const char* s, int64_t n);
void sluice_str_upper(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_lower(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_substring(StringArena* a, const char* s, int64_t n, int32_t pos, int32_t len,
                          StringView* out);
void sluice_str_substring_from(StringArena* a, const char* s, int64_t n, int32_t pos,
                               StringView* out);
void sluice_str_concat(StringArena* a, const StringView* args, int64_t count, StringView* out);
void sluice_str_trim(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_trim_chars(StringArena* a, const char* s, int64_t n, const char* chars,
                           int64_t charsLen, StringView* out);
void sluice_str_replace(StringArena* a, const char* s, int64_t n, const char* search,
                        int64_t searchLen, const char* rep, int64_t repLen, StringView* out);
void sluice_str_remove(StringArena* a, const char* s, int64_t n, const char* search,
                       int64_t searchLen, StringView* out);
void sluice_str_lpad(StringArena* a, const char* s, int64_t n, int32_t len, const char* pad,
                     int64_t padLen, StringView* out);
void sluice_str_lpad_space(StringArena* a, const char* s, int64_t n, int32_t len, StringView* out);
void sluice_str_rpad(StringArena* a, const char* s, int64_t n, int32_t len, const char* pad,
                     int64_t padLen, StringView* out);
void sluice_str_rpad_space(StringArena* a, const char* s, int64_t n, int32_t len, StringView* out);
}
