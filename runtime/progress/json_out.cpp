#include "runtime/progress/json_out.h"

#include "runtime/progress/query_progress.h"
#include "stdlib/json.h"

namespace sluice {

void JsonOut::newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(2 * static_cast<size_t>(objectDepth_), ' ');
}

void JsonOut::beforeValue() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (levels_.empty()) return;  // the top-level value
  Level& top = levels_.back();
  if (pretty_) {
    out_ += top.empty ? " " : ", ";
  } else if (!top.empty) {
    out_ += ',';
  }
  top.empty = false;
}

void JsonOut::key(std::string_view name) {
  if (!levels_.empty()) {
    if (!levels_.back().empty) out_ += ',';
    levels_.back().empty = false;
  }
  newline();
  stdlib::appendJsonString(out_, name);
  out_ += pretty_ ? " : " : ":";
  afterKey_ = true;
}

void JsonOut::beginObject() {
  beforeValue();
  out_ += '{';
  levels_.push_back({false, true});
  ++objectDepth_;
}

void JsonOut::beginArray() {
  beforeValue();
  out_ += '[';
  levels_.push_back({true, true});
}

void JsonOut::endObject() {
  const bool wasEmpty = levels_.back().empty;
  levels_.pop_back();
  --objectDepth_;
  if (pretty_ && wasEmpty) {
    out_ += ' ';
  } else {
    newline();
  }
  out_ += '}';
}

void JsonOut::endArray() {
  levels_.pop_back();
  if (pretty_) out_ += ' ';
  out_ += ']';
}

void JsonOut::string(std::string_view s) {
  beforeValue();
  stdlib::appendJsonString(out_, s);
}

void JsonOut::integer(int64_t v) {
  beforeValue();
  out_ += std::to_string(v);
}

void JsonOut::number(double v) {
  beforeValue();
  out_ += formatJavaDouble(v);
}

void JsonOut::null() {
  beforeValue();
  out_ += "null";
}

void JsonOut::value(const stdlib::JsonValue& v) {
  using Kind = stdlib::JsonValue::Kind;
  switch (v.kind) {
    case Kind::Null:
      null();
      return;
    case Kind::Bool:
      beforeValue();
      out_ += v.boolean ? "true" : "false";
      return;
    case Kind::Number:
      beforeValue();
      out_ += v.text;
      return;
    case Kind::String:
      string(v.text);
      return;
    case Kind::Array:
      beginArray();
      for (const auto& item : v.items) value(item);
      endArray();
      return;
    case Kind::Object:
      beginObject();
      for (const auto& [k, f] : v.fields) {
        key(k);
        value(f);
      }
      endObject();
      return;
  }
}

void JsonOut::jsonOrString(std::string_view text) {
  stdlib::JsonParseOptions strict;
  strict.allowSingleQuotes = false;
  strict.allowNonNumericNumbers = false;
  if (auto v = stdlib::parseJson(text, strict)) {
    value(*v);
  } else {
    string(text);
  }
}

}  // namespace sluice
