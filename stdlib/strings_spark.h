#pragma once
// Spark string and encoding kernels beyond strings.h: hex / unhex, base64, charset
// encode / decode, split_part, substring_index, levenshtein, soundex, translate, overlay,
// luhn_check. Written once, called by constant folding (planner) and, through
// strings_spark_abi.h, by generated code. Strings are UTF-8; positions count code points.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice::stdlib {

/// hex(bigint): upper-case hex of the two's complement, no leading zeros (hex(-1) is 16 F's).
std::string hexOfLong(int64_t v);
/// hex(string | binary): two upper-case hex digits per byte.
std::string hexOfBytes(std::string_view bytes);
/// unhex(s): bytes of hex text (an odd length gets a leading 0); nullopt on a non-hex digit.
std::optional<std::string> unhex(std::string_view s);
/// base64(bin): RFC 4648 with padding, no line breaks (Spark 3's commons-codec call).
std::string base64Encode(std::string_view bytes);
/// unbase64(s): lenient as commons-codec is: characters outside the alphabet are skipped and
/// decoding stops at the first '='.
std::string base64Decode(std::string_view s);
/// encode(s, charset): `s`'s text in `charset` (US-ASCII, ISO-8859-1, UTF-8, UTF-16BE,
/// UTF-16LE, UTF-16 with a big-endian BOM; case-insensitive); unmappable characters become
/// '?', as Java's String.getBytes does. Throws std::invalid_argument for another charset.
std::string encodeCharset(std::string_view s, std::string_view charset);
/// decode(bin, charset): the text `bin` holds in `charset`, as UTF-8; invalid sequences
/// become U+FFFD as in Java's new String(bytes, charset). Throws for an unknown charset.
std::string decodeCharset(std::string_view bin, std::string_view charset);
/// Throws std::invalid_argument unless `charset` is one encode / decode support.
void checkCharset(std::string_view charset);

/// to_binary(s, fmt): `s` read as `fmt`, one of 'hex', 'utf-8' / 'utf8', 'base64'
/// (case-insensitive); nullopt when `s` is not hex text (base64 decodes leniently, as
/// unbase64). Throws std::invalid_argument (Spark's INVALID_PARAMETER_VALUE.BINARY_FORMAT) for
/// another format.
std::optional<std::string> toBinary(std::string_view s, std::string_view fmt);
/// Spark's CONVERSION_INVALID_INPUT text for `s` that is not valid in `fmt`.
std::string malformedBinaryMessage(std::string_view s, std::string_view fmt);

/// split_part(s, delim, n): part n (1-based; negative counts from the end) of s split at
/// every delim; "" when out of range; an empty delim leaves s whole. n == 0 throws
/// std::invalid_argument (Spark's INVALID_INDEX_OF_ZERO).
std::string splitPart(std::string_view s, std::string_view delim, int64_t n);
/// substring_index(s, delim, count): before the count-th delim (count > 0) or after the
/// count-th from the end (count < 0); "" for count 0 or an empty delim.
std::string substringIndex(std::string_view s, std::string_view delim, int64_t count);
/// levenshtein(a, b): edit distance in code points.
int64_t levenshtein(std::string_view a, std::string_view b);
/// levenshtein(a, b, threshold): the distance, or -1 when it exceeds threshold.
int64_t levenshteinBounded(std::string_view a, std::string_view b, int64_t threshold);
/// soundex(s): American Soundex, upper-case, 4 characters; s unchanged when it is empty or
/// does not start with an ASCII letter (Spark's UTF8String.soundex).
std::string soundex(std::string_view s);
/// translate(s, from, to): each code point of `from` replaced by the one at the same place
/// in `to`, or deleted when `to` is shorter; the first occurrence in `from` wins.
std::string translate(std::string_view s, std::string_view from, std::string_view to);
/// overlay(s, rep, pos[, len]): s with `len` code points from `pos` (1-based) replaced by rep;
/// len < 0 means rep's length (Spark's default).
std::string overlay(std::string_view s, std::string_view rep, int64_t pos, int64_t len = -1);
/// luhn_check(s): s is non-empty, all ASCII digits, and passes the Luhn checksum.
bool luhnCheck(std::string_view s);

}  // namespace sluice::stdlib
