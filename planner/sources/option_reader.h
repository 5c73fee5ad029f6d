#pragma once
// Reading a table's OPTIONS at analysis: typed getters that throw AnalysisError naming the
// format and the option (located at the statement), shared by file sources and file sinks.
#include <cstdint>
#include <map>
#include <string>

#include "frontend/error.h"
#include "frontend/source.h"
#include "frontend/text.h"
#include "planner/sources/file_source_values.h"

namespace sluice {

// Option keys are compared in lower case (Spark's CaseInsensitiveMap), so `inferschema` and
// `inferSchema` are the same option; names a reader does not know are ignored, as in Spark.
class OptionReader {
 public:
  /// `format` names the table format in messages ("csv option sep: ...").
  OptionReader(const std::map<std::string, std::string>& options, const std::string& format,
               const SourceFilePtr& file, SourceSpan span)
      : format_(format), file_(file), span_(span) {
    for (const auto& [k, v] : options) lowered_[asciiLower(k)] = v;
  }

  /// The value of option `name` (case-insensitive), or nullptr when it is not set.
  const std::string* get(const std::string& name) const {
    auto it = lowered_.find(asciiLower(name));
    return it == lowered_.end() ? nullptr : &it->second;
  }

  /// The table format these options belong to.
  const std::string& format() const { return format_; }

  /// Throws AnalysisError "<format> option <name>: <why>" at the statement.
  [[noreturn]] void fail(const std::string& name, const std::string& why) const {
    throw AnalysisError(format_ + " option " + name + ": " + why, file_, span_);
  }

  /// A 'true' / 'false' option (case-insensitive), `def` when unset.
  bool boolean(const std::string& name, bool def) const {
    const std::string* v = get(name);
    if (!v) return def;
    if (equalsIgnoreCase(*v, "true")) return true;
    if (equalsIgnoreCase(*v, "false")) return false;
    fail(name, "expected 'true' or 'false', got '" + *v + "'");
  }

  /// An integer option >= `min`, `def` when unset.
  int64_t integer(const std::string& name, int64_t def, int64_t min) const {
    const std::string* v = get(name);
    if (!v) return def;
    int64_t out = 0;
    if (!parseStrictIntegral(*v, min, INT64_MAX, &out))
      fail(name, "expected an integer >= " + std::to_string(min) + ", got '" + *v + "'");
    return out;
  }

  /// A string option as written, `def` when unset.
  std::string string(const std::string& name, const std::string& def) const {
    const std::string* v = get(name);
    return v ? *v : def;
  }

  /// One character (Spark's CSVExprUtils.toChar): `\t`-style escapes allowed; '' means
  /// "none" (quote, escape) or is an error (sep).
  char character(const std::string& name, char def, bool emptyMeansNone) const {
    const std::string* v = get(name);
    if (!v) return def;
    const std::string& s = *v;
    if (s.empty()) {
      if (emptyMeansNone) return '\0';
      fail(name, "cannot be an empty string");
    }
    if (s.size() == 1) return s[0];
    if (s == "\\u0000") return '\0';
    if (s.size() == 2 && s[0] == '\\') {
      switch (s[1]) {
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case 'b':
          return '\b';
        case 'f':
          return '\f';
        case '"':
        case '\'':
        case '\\':
          return s[1];
        default:
          fail(name, "unsupported special character '" + s + "'");
      }
    }
    fail(name, "must be a single character, got '" + s + "'");
  }

 private:
  std::string format_;
  SourceFilePtr file_;
  SourceSpan span_;
  std::map<std::string, std::string> lowered_;
};

}  // namespace sluice
