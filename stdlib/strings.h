#pragma once
// String kernels with Spark semantics. Strings are UTF-8; positions and lengths count code
// points like Spark's UTF8String. Kernels that can fail on a bad pattern return false /
// nullopt, or throw std::invalid_argument with Spark's message for invalid constant patterns.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::stdlib {

// ---- ASCII / UTF-8 helpers shared by the stdlib kernels (stdlib is a leaf: it keeps its own
// copy of frontend/text.h's helpers).
/// `s` with A-Z mapped to a-z; other bytes unchanged.
std::string asciiLower(std::string_view s);
/// ASCII case-insensitive equality.
bool equalsIgnoreCase(std::string_view a, std::string_view b);
/// Appends the UTF-8 encoding of a code point.
void appendUtf8(uint32_t codePoint, std::string& out);

/// Strips whitespace and ASCII control characters (Spark's trimAll), for casts.
std::string_view trimWhitespace(std::string_view s);
/// Java's Double.parseDouble plus Spark's special literals (inf, -infinity, nan, ...).
std::optional<double> parseDouble(std::string_view s);
/// Spark's string -> boolean: t/true/y/yes/1 and f/false/n/no/0, case-insensitive, trimmed.
std::optional<bool> parseBoolean(std::string_view s);
/// Spark's CAST(string AS tinyint .. bigint) (UTF8String.toLong): trimmed, optional sign,
/// digits, an optional `.digits` fraction that is dropped; nullopt when malformed or outside
/// [lo, hi].
std::optional<int64_t> parseIntegral(std::string_view s, int64_t lo, int64_t hi);
/// Java's Double.toString / Float.toString (`1.0`, `1.0E10`, `NaN`, `-Infinity`): Spark's
/// CAST(double AS STRING). `isFloat` formats the shortest float form.
std::string formatDouble(double v, bool isFloat);

/// Number of code points.
int64_t charLength(std::string_view s);
std::string upper(std::string_view s);
std::string lower(std::string_view s);
/// Spark's initcap: lower-cases, then upper-cases the first letter of each space-separated word.
std::string initcap(std::string_view s);
std::string reverse(std::string_view s);

/// Spark's substring(str, pos, len): 1-based, pos 0 is the first char, negative pos counts
/// from the end.
std::string substring(std::string_view s, int64_t pos, int64_t len = INT32_MAX);
/// trim/ltrim/rtrim: remove `chars` (default a space) from the ends.
std::string trim(std::string_view s, std::string_view chars = " ");
std::string ltrim(std::string_view s, std::string_view chars = " ");
std::string rtrim(std::string_view s, std::string_view chars = " ");
std::string lpad(std::string_view s, int64_t len, std::string_view pad = " ");
std::string rpad(std::string_view s, int64_t len, std::string_view pad = " ");
/// 1-based code point position of the first `sub`, 0 when absent.
int64_t instr(std::string_view s, std::string_view sub);
/// Spark's locate(sub, s, pos): the 1-based position of the first `sub` at or after code
/// point `pos`, 0 when absent or pos < 1.
int64_t locate(std::string_view sub, std::string_view s, int64_t pos = 1);
/// Replaces every `search` by `replacement` (an empty search leaves s unchanged).
std::string replace(std::string_view s, std::string_view search, std::string_view replacement);
std::string repeat(std::string_view s, int64_t n);
inline bool startsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}
inline bool endsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
/// glibc's memmem (two-way, vectorized first-byte scan), not string_view::find.
bool contains(std::string_view s, std::string_view p);

/// SQL LIKE with Spark's escape rules (default escape '\'); throws std::invalid_argument for
/// an invalid pattern (escape before an ordinary character or at the end).
/// Matches bytes, one compiled pattern cached per thread; same results as likeCodePoints.
bool like(std::string_view s, std::string_view pattern, char escape = '\\');
/// The reference LIKE: the input split into code points, the pattern compiled per call.
bool likeCodePoints(std::string_view s, std::string_view pattern, char escape = '\\');
/// ILIKE: LIKE after lower-casing both sides.
bool ilike(std::string_view s, std::string_view pattern, char escape = '\\');

// ---- regular expressions (RE2; Java-specific syntax beyond RE2 is not supported).
// The functions below throw std::invalid_argument for an invalid regex. Compiled regexes are
// cached per thread by pattern text, so a kernel calling them per row with a literal pattern
// compiles it once.
/// Throws std::invalid_argument when `regex` does not compile (for checks before running).
void validateRegex(std::string_view regex);
/// RLIKE: the regex matches somewhere in s.
bool rlike(std::string_view s, std::string_view regex);
/// Java's Pattern.split(s, limit) as Spark calls it (limit <= 0: no limit, keep trailing empty).
std::vector<std::string> split(std::string_view s, std::string_view regex, int64_t limit = -1);
/// Group `idx` of the first match, "" when there is no match; throws std::invalid_argument
/// when idx exceeds the group count.
std::string regexpExtract(std::string_view s, std::string_view regex, int64_t idx = 1);
/// Replaces all matches from code point `pos` (1-based); `rep` uses Java syntax ($1, \$).
std::string regexpReplace(std::string_view s, std::string_view regex, std::string_view rep,
                          int64_t pos = 1);

}  // namespace sluice::stdlib
