#pragma once
// A small JSON DOM for constant folding and the slow paths (get_json_object, json_tuple,
// schema inference). The hot path (from_json over Kafka records) uses simdjson in generated
// code; this parser follows the same Jackson-compatible options Spark exposes.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sluice::stdlib {

struct JsonValue {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;              ///< Number: the literal as written; String: the unescaped value
  bool integral = false;         ///< Number without fraction or exponent
  std::vector<JsonValue> items;  ///< Array
  std::vector<std::pair<std::string, JsonValue>> fields;  ///< Object, in document order

  /// Field by exact name (the last one wins like Jackson's tree model), or nullptr.
  const JsonValue* field(std::string_view name) const;
};

/// Spark's JSON reader options that change what is accepted (defaults are Spark's).
struct JsonParseOptions {
  bool allowComments = false;
  bool allowUnquotedFieldNames = false;
  bool allowSingleQuotes = true;
  bool allowNumericLeadingZeros = false;
  bool allowNonNumericNumbers = true;
  bool allowBackslashEscapingAnyCharacter = false;
  bool allowUnquotedControlChars = false;
};

/// Parses one JSON value (surrounding whitespace allowed); nullopt if malformed.
std::optional<JsonValue> parseJson(std::string_view text, const JsonParseOptions& options = {});
/// Compact serialization (numbers as written).
std::string serializeJson(const JsonValue& v);
/// Appends `s` as a quoted, escaped JSON string.
void appendJsonString(std::string& out, std::string_view s);

/// Hive/Spark get_json_object: `$`, `.name`, `['name']`, `[n]`, `[*]`. Strings are returned
/// unquoted, other values as JSON text; nullopt when the path does not match or is invalid.
std::optional<std::string> getJsonObject(std::string_view json, std::string_view path);
/// json_tuple: top-level fields of an object as text (strings unquoted); all nullopt when the
/// input is not an object.
std::vector<std::optional<std::string>> jsonTuple(std::string_view json,
                                                  const std::vector<std::string>& fields);

}  // namespace sluice::stdlib
