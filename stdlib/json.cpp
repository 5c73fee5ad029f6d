#include "stdlib/json.h"

#include <cctype>
#include <cstdio>

#include "stdlib/strings.h"

namespace sluice::stdlib {
namespace {

class Parser {
 public:
  Parser(std::string_view s, const JsonParseOptions& o) : s_(s), o_(o) {}

  std::optional<JsonValue> document() {
    JsonValue v;
    if (!value(v, 0)) return std::nullopt;
    skip();
    if (i_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  bool skip() {
    for (;;) {
      while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
      if (!o_.allowComments || i_ + 1 >= s_.size() || s_[i_] != '/') return true;
      if (s_[i_ + 1] == '/') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (s_[i_ + 1] == '*') {
        const size_t end = s_.find("*/", i_ + 2);
        if (end == std::string_view::npos) return false;
        i_ = end + 2;
      } else {
        return true;
      }
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  bool value(JsonValue& v, int depth) {
    if (depth > 1000 || !skip() || i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (c == '"' || (c == '\'' && o_.allowSingleQuotes)) {
      v.kind = JsonValue::Kind::String;
      return string(v.text);
    }
    if (literal("true")) {
      v.kind = JsonValue::Kind::Bool;
      v.boolean = true;
      return true;
    }
    if (literal("false")) {
      v.kind = JsonValue::Kind::Bool;
      return true;
    }
    if (literal("null")) return true;
    return number(v);
  }

  bool number(JsonValue& v) {
    const size_t start = i_;
    v.kind = JsonValue::Kind::Number;
    if (o_.allowNonNumericNumbers) {
      for (std::string_view w : {"NaN", "Infinity", "+Infinity", "-Infinity"}) {
        if (literal(w)) {
          v.text = std::string(w);
          return true;
        }
      }
    }
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    const size_t digits = i_;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
    if (i_ == digits) return false;
    if (!o_.allowNumericLeadingZeros && i_ - digits > 1 && s_[digits] == '0') return false;
    v.integral = true;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      const size_t f = i_;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      if (i_ == f) return false;
      v.integral = false;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      const size_t e = i_;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      if (i_ == e) return false;
      v.integral = false;
    }
    v.text = std::string(s_.substr(start, i_ - start));
    return true;
  }

  bool hex4(uint32_t* out) {
    if (i_ + 4 > s_.size()) return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = s_[i_++];
      v <<= 4;
      if (h >= '0' && h <= '9')
        v |= static_cast<uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        v |= static_cast<uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        v |= static_cast<uint32_t>(h - 'A' + 10);
      else
        return false;
    }
    *out = v;
    return true;
  }

  bool string(std::string& out) {
    const char quote = s_[i_++];
    for (;;) {
      if (i_ >= s_.size()) return false;
      const char c = s_[i_++];
      if (c == quote) return true;
      if (static_cast<unsigned char>(c) < 0x20 && !o_.allowUnquotedControlChars) return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp;
          if (!hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(i_, 2) == "\\u") {
            i_ += 2;
            uint32_t lo;
            if (!hex4(&lo)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          appendUtf8(cp, out);
          break;
        }
        default:
          if (e == '\'' || o_.allowBackslashEscapingAnyCharacter) {
            out += e;
            break;
          }
          return false;
      }
    }
  }

  bool object(JsonValue& v, int depth) {
    v.kind = JsonValue::Kind::Object;
    ++i_;
    if (!skip()) return false;
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    for (;;) {
      if (!skip() || i_ >= s_.size()) return false;
      std::string name;
      if (s_[i_] == '"' || (s_[i_] == '\'' && o_.allowSingleQuotes)) {
        if (!string(name)) return false;
      } else if (o_.allowUnquotedFieldNames) {
        while (i_ < s_.size() &&
               (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '$'))
          name += s_[i_++];
        if (name.empty()) return false;
      } else {
        return false;
      }
      if (!skip() || i_ >= s_.size() || s_[i_] != ':') return false;
      ++i_;
      JsonValue item;
      if (!value(item, depth + 1)) return false;
      v.fields.emplace_back(std::move(name), std::move(item));
      if (!skip() || i_ >= s_.size()) return false;
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] != '}') return false;
      ++i_;
      return true;
    }
  }

  bool array(JsonValue& v, int depth) {
    v.kind = JsonValue::Kind::Array;
    ++i_;
    if (!skip()) return false;
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    for (;;) {
      JsonValue item;
      if (!value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
      if (!skip() || i_ >= s_.size()) return false;
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (s_[i_] != ']') return false;
      ++i_;
      return true;
    }
  }

  std::string_view s_;
  const JsonParseOptions& o_;
  size_t i_ = 0;
};

void serializeTo(const JsonValue& v, std::string& out) {
  switch (v.kind) {
    case JsonValue::Kind::Null:
      out += "null";
      break;
    case JsonValue::Kind::Bool:
      out += v.boolean ? "true" : "false";
      break;
    case JsonValue::Kind::Number:
      out += v.text;
      break;
    case JsonValue::Kind::String:
      appendJsonString(out, v.text);
      break;
    case JsonValue::Kind::Array:
      out += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ',';
        serializeTo(v.items[i], out);
      }
      out += ']';
      break;
    case JsonValue::Kind::Object:
      out += '{';
      for (size_t i = 0; i < v.fields.size(); ++i) {
        if (i) out += ',';
        appendJsonString(out, v.fields[i].first);
        out += ':';
        serializeTo(v.fields[i].second, out);
      }
      out += '}';
      break;
  }
}

std::string asText(const JsonValue& v) {
  return v.kind == JsonValue::Kind::String ? v.text : serializeJson(v);
}

// One step of a get_json_object path.
struct PathStep {
  enum Kind { Field, Index, Wildcard } kind;
  std::string name;
  size_t index = 0;
};

std::optional<std::vector<PathStep>> parsePath(std::string_view p) {
  if (p.empty() || p[0] != '$') return std::nullopt;
  std::vector<PathStep> steps;
  size_t i = 1;
  while (i < p.size()) {
    if (p[i] == '.') {
      ++i;
      std::string name;
      while (i < p.size() && p[i] != '.' && p[i] != '[') name += p[i++];
      if (name.empty()) return std::nullopt;
      steps.push_back(name == "*" ? PathStep{PathStep::Wildcard, "", 0}
                                  : PathStep{PathStep::Field, name, 0});
    } else if (p[i] == '[') {
      const size_t close = p.find(']', i);
      if (close == std::string_view::npos) return std::nullopt;
      std::string_view inner = p.substr(i + 1, close - i - 1);
      i = close + 1;
      if (inner == "*") {
        steps.push_back({PathStep::Wildcard, "", 0});
      } else if (inner.size() >= 2 && inner.front() == '\'' && inner.back() == '\'') {
        steps.push_back({PathStep::Field, std::string(inner.substr(1, inner.size() - 2)), 0});
      } else {
        if (inner.empty()) return std::nullopt;
        size_t idx = 0;
        for (char c : inner) {
          if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
          idx = idx * 10 + static_cast<size_t>(c - '0');
        }
        steps.push_back({PathStep::Index, "", idx});
      }
    } else {
      return std::nullopt;
    }
  }
  return steps;
}

void walk(const JsonValue& v, const std::vector<PathStep>& steps, size_t k,
          std::vector<const JsonValue*>& out) {
  if (k == steps.size()) {
    out.push_back(&v);
    return;
  }
  const PathStep& s = steps[k];
  switch (s.kind) {
    case PathStep::Field:
      if (v.kind == JsonValue::Kind::Object) {
        if (const JsonValue* f = v.field(s.name)) walk(*f, steps, k + 1, out);
      }
      break;
    case PathStep::Index:
      if (v.kind == JsonValue::Kind::Array && s.index < v.items.size())
        walk(v.items[s.index], steps, k + 1, out);
      break;
    case PathStep::Wildcard:
      if (v.kind == JsonValue::Kind::Array)
        for (const auto& item : v.items) walk(item, steps, k + 1, out);
      else if (v.kind == JsonValue::Kind::Object)
        for (const auto& f : v.fields) walk(f.second, steps, k + 1, out);
      break;
  }
}

}  // namespace

const JsonValue* JsonValue::field(std::string_view name) const {
  const JsonValue* found = nullptr;
  for (const auto& f : fields)
    if (f.first == name) found = &f.second;
  return found;
}

std::optional<JsonValue> parseJson(std::string_view text, const JsonParseOptions& options) {
  return Parser(text, options).document();
}

std::string serializeJson(const JsonValue& v) {
  std::string out;
  serializeTo(v, out);
  return out;
}

void appendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::optional<std::string> getJsonObject(std::string_view json, std::string_view path) {
  auto steps = parsePath(path);
  if (!steps) return std::nullopt;
  auto doc = parseJson(json);
  if (!doc) return std::nullopt;
  std::vector<const JsonValue*> found;
  walk(*doc, *steps, 0, found);
  if (found.empty()) return std::nullopt;
  if (found.size() == 1) {
    if (found[0]->kind == JsonValue::Kind::Null) return std::nullopt;
    return asText(*found[0]);
  }
  JsonValue arr;
  arr.kind = JsonValue::Kind::Array;
  for (const JsonValue* f : found) arr.items.push_back(*f);
  return serializeJson(arr);
}

std::vector<std::optional<std::string>> jsonTuple(std::string_view json,
                                                  const std::vector<std::string>& fields) {
  std::vector<std::optional<std::string>> out(fields.size());
  auto doc = parseJson(json);
  if (!doc || doc->kind != JsonValue::Kind::Object) return out;
  for (size_t i = 0; i < fields.size(); ++i) {
    const JsonValue* f = doc->field(fields[i]);
    if (f && f->kind != JsonValue::Kind::Null) out[i] = asText(*f);
  }
  return out;
}

}  // namespace sluice::stdlib
