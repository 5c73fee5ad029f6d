#include "runtime/checkpoint/offset_seq.h"

#include <charconv>

#include "frontend/error.h"
#include "stdlib/json.h"

namespace sluice {
namespace {

using stdlib::JsonValue;

[[noreturn]] void corrupt(const std::string& file, const std::string& what) {
  throw ExecutionError("corrupt checkpoint file '" + file + "': " + what);
}

// Splits on '\n' and drops one trailing '\r' per line, like Scala's getLines (which Spark uses).
// A final newline does not make an extra empty line.
std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string preview(std::string_view s) {
  std::string p(s.substr(0, 60));
  for (char& c : p) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return s.size() > 60 ? p + "..." : p;
}

// Spark's HDFSMetadataLog.validateVersion: "v<n>" with 1 <= n <= supported.
void validateVersion(std::string_view line, const std::string& file) {
  line = trim(line);
  int v = 0;
  if (line.size() < 2 || line.front() != 'v') {
    corrupt(file, "expected a version line like 'v1', found '" + preview(line) + "'");
  }
  const auto [ptr, ec] = std::from_chars(line.data() + 1, line.data() + line.size(), v);
  if (ec != std::errc() || ptr != line.data() + line.size() || v <= 0) {
    corrupt(file, "malformed version line '" + preview(line) + "'");
  }
  if (v > kOffsetLogVersion) {
    corrupt(file, "unsupported log version v" + std::to_string(v) +
                      " (the newest this build reads is v" + std::to_string(kOffsetLogVersion) +
                      "); it was written by a newer version");
  }
}

JsonValue parseObject(std::string_view text, const std::string& file, const char* what) {
  auto v = stdlib::parseJson(text);
  if (!v) corrupt(file, std::string("invalid JSON in the ") + what + ": '" + preview(text) + "'");
  if (v->kind != JsonValue::Kind::Object) {
    corrupt(file, std::string("the ") + what + " is not a JSON object: '" + preview(text) + "'");
  }
  return std::move(*v);
}

// An integral JSON number field; `fallback` when absent.
int64_t intField(const JsonValue& obj, std::string_view name, int64_t fallback,
                 const std::string& file) {
  const JsonValue* f = obj.field(name);
  if (!f) return fallback;
  int64_t out = 0;
  if (f->kind == JsonValue::Kind::Number) {
    const auto [ptr, ec] = std::from_chars(f->text.data(), f->text.data() + f->text.size(), out);
    if (ec == std::errc() && ptr == f->text.data() + f->text.size()) return out;
  }
  corrupt(file, "field '" + std::string(name) + "' is not an integer");
}

}  // namespace

std::string serializeOffsetSeqMetadata(const OffsetSeqMetadata& m) {
  std::string out = "{\"batchWatermarkMs\":" + std::to_string(m.batchWatermarkMs) +
                    ",\"batchTimestampMs\":" + std::to_string(m.batchTimestampMs) + ",\"conf\":{";
  bool first = true;
  for (const auto& [k, v] : m.conf) {
    if (!first) out += ',';
    first = false;
    stdlib::appendJsonString(out, k);
    out += ':';
    stdlib::appendJsonString(out, v);
  }
  out += "}}";
  return out;
}

std::string serializeOffsetSeq(const OffsetSeq& seq) {
  std::string out = "v" + std::to_string(kOffsetLogVersion) + "\n";
  if (seq.metadata) out += serializeOffsetSeqMetadata(*seq.metadata);
  for (const auto& o : seq.offsets) {
    out += '\n';
    // A newline inside an offset would split it into two sources on reading.
    if (o && o->find('\n') != std::string::npos) {
      throw ExecutionError("source offset contains a newline and cannot be logged: '" +
                           preview(*o) + "'");
    }
    out += o ? *o : "-";
  }
  return out;
}

OffsetSeq parseOffsetSeq(std::string_view text, const std::string& file) {
  if (text.empty()) corrupt(file, "the file is empty");
  const auto lines = splitLines(text);
  validateVersion(lines[0], file);
  if (lines.size() < 2) corrupt(file, "the file is truncated after the version line");
  OffsetSeq seq;
  const std::string_view md = trim(lines[1]);
  if (!md.empty()) {
    const JsonValue obj = parseObject(md, file, "metadata line");
    OffsetSeqMetadata m;
    m.batchWatermarkMs = intField(obj, "batchWatermarkMs", 0, file);
    m.batchTimestampMs = intField(obj, "batchTimestampMs", 0, file);
    if (const JsonValue* conf = obj.field("conf")) {
      if (conf->kind != JsonValue::Kind::Object) corrupt(file, "'conf' is not a JSON object");
      for (const auto& [k, v] : conf->fields) {
        m.conf[k] = v.kind == JsonValue::Kind::String ? v.text : stdlib::serializeJson(v);
      }
    }
    seq.metadata = std::move(m);
  }
  for (size_t i = 2; i < lines.size(); ++i) {
    const std::string_view line = trim(lines[i]);
    if (line == "-") {
      seq.offsets.push_back(std::nullopt);
      continue;
    }
    if (line.empty() || !stdlib::parseJson(line)) {
      corrupt(file, "the offset of source " + std::to_string(i - 2) + " (line " +
                        std::to_string(i + 1) + ") is not valid JSON: '" + preview(line) + "'");
    }
    seq.offsets.emplace_back(line);
  }
  return seq;
}

std::string serializeCommit(const CommitMetadata& c) {
  return "v" + std::to_string(kOffsetLogVersion) +
         "\n{\"nextBatchWatermarkMs\":" + std::to_string(c.nextBatchWatermarkMs) + "}";
}

CommitMetadata parseCommit(std::string_view text, const std::string& file) {
  if (text.empty()) corrupt(file, "the file is empty");
  const auto lines = splitLines(text);
  validateVersion(lines[0], file);
  CommitMetadata c;
  if (lines.size() >= 2 && !trim(lines[1]).empty()) {
    const JsonValue obj = parseObject(trim(lines[1]), file, "commit metadata");
    c.nextBatchWatermarkMs = intField(obj, "nextBatchWatermarkMs", 0, file);
  }
  return c;
}

std::string serializeInitialOffsets(std::string_view offsetJson) {
  std::string out(1, '\0');
  out += "v" + std::to_string(kOffsetLogVersion) + "\n";
  out += offsetJson;
  return out;
}

std::string parseInitialOffsets(std::string_view text, const std::string& file) {
  if (!text.empty() && text.front() == '\0') text.remove_prefix(1);
  if (text.empty()) corrupt(file, "the file is empty");
  std::string_view json = text;
  if (text.front() == 'v') {
    const size_t nl = text.find('\n');
    if (nl == std::string_view::npos) corrupt(file, "the file is truncated after the version line");
    validateVersion(text.substr(0, nl), file);
    json = text.substr(nl + 1);
  }
  json = trim(json);
  while (!json.empty() && (json.back() == '\n' || json.back() == '\r')) json.remove_suffix(1);
  if (json.empty() || !stdlib::parseJson(json)) {
    corrupt(file, "the initial offsets are not valid JSON: '" + preview(json) + "'");
  }
  return std::string(json);
}

}  // namespace sluice
