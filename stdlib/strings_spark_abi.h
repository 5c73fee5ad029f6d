#pragma once
// C entry points of the kernels in strings_spark.h, for generated code (conventions as in
// strings_abi.h: strings and binaries are (bytes, length) pairs, string and binary results
// are written to a trailing StringView* in the arena; a uint8_t return is the validity of a
// result that can be NULL for non-NULL arguments).
#include <cstdint>

#include "stdlib/abi_types.h"

extern "C" {
using sluice::StringArena;
using sluice::StringView;

void sluice_str_hex_long(StringArena* a, int64_t v, StringView* out);
void sluice_str_hex_string(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_hex_binary(StringArena* a, const uint8_t* s, int64_t n, StringView* out);
/// NULL for text with a non-hex digit.
uint8_t sluice_str_unhex(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_base64(StringArena* a, const uint8_t* s, int64_t n, StringView* out);
void sluice_str_unbase64(StringArena* a, const char* s, int64_t n, StringView* out);
/// An unknown charset (only possible when it is not constant) fails the query (kernel error).
uint8_t sluice_str_encode(StringArena* a, const char* s, int64_t n, const char* cs, int64_t csLen,
                          StringView* out);
uint8_t sluice_str_decode(StringArena* a, const uint8_t* s, int64_t n, const char* cs,
                          int64_t csLen, StringView* out);
/// partNum 0 fails the query (kernel error), as in Spark.
uint8_t sluice_str_split_part(StringArena* a, const char* s, int64_t n, const char* d, int64_t dLen,
                              int32_t part, StringView* out);
void sluice_str_substring_index(StringArena* a, const char* s, int64_t n, const char* d,
                                int64_t dLen, int32_t count, StringView* out);
int32_t sluice_str_levenshtein(const char* s, int64_t n, const char* t, int64_t tLen);
int32_t sluice_str_levenshtein_bounded(const char* s, int64_t n, const char* t, int64_t tLen,
                                       int32_t threshold);
void sluice_str_soundex(StringArena* a, const char* s, int64_t n, StringView* out);
void sluice_str_translate(StringArena* a, const char* s, int64_t n, const char* f, int64_t fLen,
                          const char* t, int64_t tLen, StringView* out);
void sluice_str_overlay(StringArena* a, const char* s, int64_t n, const char* r, int64_t rLen,
                        int32_t pos, StringView* out);
void sluice_str_overlay_len(StringArena* a, const char* s, int64_t n, const char* r, int64_t rLen,
                            int32_t pos, int32_t len, StringView* out);
uint8_t sluice_str_luhn_check(const char* s, int64_t n);
/// to_binary(s[, fmt]): malformed input fails the query (try_to_binary: NULL); an unknown
/// format (only possible when not constant) fails the query.
uint8_t sluice_str_to_binary(StringArena* a, const char* s, int64_t n, StringView* out);
uint8_t sluice_str_to_binary_fmt(StringArena* a, const char* s, int64_t n, const char* f,
                                 int64_t fLen, StringView* out);
/// to_number(s, fmt) / try_to_number: the unscaled decimal (number_format.h); a mismatch
/// fails the query (try_to_number: NULL), as does an invalid format (only possible when it is
/// not constant).
uint8_t sluice_str_to_number(const char* s, int64_t n, const char* f, int64_t fLen, __int128* out);
uint8_t sluice_str_try_to_number(const char* s, int64_t n, const char* f, int64_t fLen,
                                 __int128* out);
/// to_char(number, fmt) / to_varchar: the decimal `v` of scale `scale` written with the number
/// format (number_format.h); an invalid format (only possible when it is not constant) fails
/// the query.
uint8_t sluice_str_to_char_number(StringArena* a, __int128 v, int32_t scale, const char* f,
                                  int64_t fLen, StringView* out);
uint8_t sluice_str_try_to_binary(StringArena* a, const char* s, int64_t n, StringView* out);
uint8_t sluice_str_try_to_binary_fmt(StringArena* a, const char* s, int64_t n, const char* f,
                                     int64_t fLen, StringView* out);
}
