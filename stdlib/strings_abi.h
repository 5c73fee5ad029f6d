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
// Functions with optional SQL arguments have one entry point per arity. Functions whose
// result can be NULL for non-NULL arguments (a regex that does not compile at run time) return
// uint8_t: 1 with the result written, 0 for NULL. Nested results (split) are a `const void*`
// to an ArrayData (stdlib/nested.h) in the arena, nullptr for NULL.
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

int32_t sluice_str_octet_length(const char* s, int64_t n);
void sluice_str_initcap(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_reverse(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_repeat(StringArena* a, const char* s, int64_t n, int32_t times, StringView* out);
void sluice_str_ltrim(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_ltrim_chars(StringArena* a, const char* s, int64_t n, const char* chars,
                            int64_t charsLen, StringView* out);
void sluice_str_rtrim(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_rtrim_chars(StringArena* a, const char* s, int64_t n, const char* chars,
                            int64_t charsLen, StringView* out);
void sluice_str_left(StringArena* a, const char* s, int64_t n, int32_t len, StringView* out);
void sluice_str_right(StringArena* a, const char* s, int64_t n, int32_t len, StringView* out);
int32_t sluice_str_instr(const char* s, int64_t n, const char* sub, int64_t subLen);
int32_t sluice_str_locate(const char* sub, int64_t subLen, const char* s, int64_t n);
int32_t sluice_str_locate_from(const char* sub, int64_t subLen, const char* s, int64_t n,
                               int32_t pos);
uint8_t sluice_str_startswith(const char* s, int64_t n, const char* p, int64_t pLen);
uint8_t sluice_str_endswith(const char* s, int64_t n, const char* p, int64_t pLen);
uint8_t sluice_str_contains(const char* s, int64_t n, const char* p, int64_t pLen);
int32_t sluice_str_ascii(const char* s, int64_t n);
/// concat_ws(sep, args...): views with a negative length are NULL arguments and skipped.
void sluice_str_concat_ws(StringArena* a, const char* sep, int64_t sepLen, const StringView* args,
                          int64_t count, StringView* out);
/// LIKE / RLIKE; NULL for a pattern that is invalid (only possible when it is not constant).
uint8_t sluice_str_like(const char* s, int64_t n, const char* p, int64_t pLen, uint8_t* out);
/// LIKE ... ESCAPE e and ILIKE [ESCAPE e]: NULL for an invalid pattern or escape (not one byte).
uint8_t sluice_str_like_escape(const char* s, int64_t n, const char* p, int64_t pLen, const char* e,
                               int64_t eLen, uint8_t* out);
uint8_t sluice_str_ilike(const char* s, int64_t n, const char* p, int64_t pLen, uint8_t* out);
uint8_t sluice_str_ilike_escape(const char* s, int64_t n, const char* p, int64_t pLen,
                                const char* e, int64_t eLen, uint8_t* out);
uint8_t sluice_str_rlike(const char* s, int64_t n, const char* re, int64_t reLen, uint8_t* out);
/// split(s, regex [, limit]) -> array<string> in the arena.
const void* sluice_str_split(StringArena* a, const char* s, int64_t n, const char* re,
                             int64_t reLen);
const void* sluice_str_split_limit(StringArena* a, const char* s, int64_t n, const char* re,
                                   int64_t reLen, int32_t limit);
uint8_t sluice_str_regexp_extract(StringArena* a, const char* s, int64_t n, const char* re,
                                  int64_t reLen, StringView* out);
uint8_t sluice_str_regexp_extract_group(StringArena* a, const char* s, int64_t n, const char* re,
                                        int64_t reLen, int32_t group, StringView* out);
uint8_t sluice_str_regexp_replace(StringArena* a, const char* s, int64_t n, const char* re,
                                  int64_t reLen, const char* rep, int64_t repLen, StringView* out);
uint8_t sluice_str_regexp_replace_from(StringArena* a, const char* s, int64_t n, const char* re,
                                       int64_t reLen, const char* rep, int64_t repLen, int32_t pos,
                                       StringView* out);
}
