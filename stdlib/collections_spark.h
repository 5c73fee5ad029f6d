#pragma once
// Kernels of Spark's array, map, JSON and format functions that produce text or read text
// (array_join, json_array_length, json_object_keys, str_to_map, format_string / printf),
// shared by constant folding (planner Values) and generated code (collections_spark_abi.h).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::stdlib {

/// array_join: the non-NULL elements joined by `delim`; NULL elements take `nullReplacement`
/// when given, else are skipped.
std::string arrayJoin(const std::vector<std::optional<std::string_view>>& elements,
                      std::string_view delim, const std::optional<std::string_view>& replacement);

/// json_array_length: elements of the outermost JSON array; nullopt (NULL) for anything else
/// or invalid JSON.
std::optional<int32_t> jsonArrayLength(std::string_view json);
/// json_object_keys: the outermost object's keys in order; nullopt for anything else.
std::optional<std::vector<std::string>> jsonObjectKeys(std::string_view json);

/// str_to_map: `text` split into entries by the regex `pairDelim`, each into key and value by
/// the regex `keyValueDelim` (a missing value is NULL). Throws std::invalid_argument with
/// Spark's DUPLICATED_MAP_KEY text for a repeated key.
std::vector<std::pair<std::string, std::optional<std::string>>> strToMap(
    std::string_view text, std::string_view pairDelim, std::string_view keyValueDelim);

/// One argument of format_string.
struct FormatArg {
  enum class Kind { Null, Bool, Int, Double, Decimal, String } kind = Kind::Null;
  bool b = false;
  int64_t i = 0;
  double d = 0;
  __int128 unscaled = 0;  ///< Decimal
  int scale = 0;          ///< Decimal
  std::string_view s;     ///< String
};
/// format_string / printf with java.util.Formatter's syntax (%[index$][flags][width][.precision]
/// conversion; conversions b s S d o x X e E f g G c % n). Throws std::invalid_argument with
/// Java's exception text for a malformed format or a conversion that does not fit the argument.
std::string formatString(std::string_view format, const std::vector<FormatArg>& args);

}  // namespace sluice::stdlib
