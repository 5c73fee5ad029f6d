#pragma once
// A small streaming JSON writer with Spark's two layouts: compact, and the pretty form Spark's
// prettyJson gets from Jackson's DefaultPrettyPrinter (`"key" : value`, two-space indent per
// object level, arrays inline as `[ a, b ]`, empty containers `[ ]` / `{ }`). Used by the
// progress reports.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

namespace stdlib {
struct JsonValue;
}

/// Appends JSON to a string. Callers pair begin/end calls and call key() before each value
/// inside an object; the writer adds separators and indentation.
class JsonOut {
 public:
  explicit JsonOut(bool pretty) : pretty_(pretty) {}

  void beginObject();
  void endObject();
  void beginArray();
  void endArray();
  /// The name of the next object member.
  void key(std::string_view name);
  void string(std::string_view s);         ///< a quoted, escaped string
  void integer(int64_t v);                 ///< an integer
  void number(double v);                   ///< a double, printed as the JVM does (120.0, 1.0E7)
  void null();                             ///< null
  void value(const stdlib::JsonValue& v);  ///< a parsed JSON value, re-emitted in this layout
  /// Emits `text` as JSON when it parses, else as a JSON string (Spark's tryParse for offsets).
  void jsonOrString(std::string_view text);

  /// The text written so far.
  const std::string& str() const { return out_; }

 private:
  void beforeValue();
  void newline();

  bool pretty_;
  std::string out_;
  struct Level {
    bool array;  ///< an array (inline) rather than an object
    bool empty;  ///< nothing written into it yet
  };
  std::vector<Level> levels_;  ///< open containers, innermost last
  int objectDepth_ = 0;        ///< open objects (the indentation level)
  bool afterKey_ = false;
};

}  // namespace sluice
