#pragma once
// ASCII text helpers used by every folder (frontend is the leaf the others depend on; stdlib,
// the other leaf, keeps its own). SQL keywords, identifiers, function, table and option names
// compare case-insensitively in ASCII only, like Spark's `toLowerCase(Locale.ROOT)`; bytes
// outside A-Z / a-z (UTF-8 included) are left alone.
#include <string>
#include <string_view>

namespace sluice {

/// `s` with A-Z mapped to a-z.
std::string asciiLower(std::string_view s);
/// `s` with a-z mapped to A-Z.
std::string asciiUpper(std::string_view s);
/// ASCII case-insensitive equality.
bool equalsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace sluice
