#include "runtime/files/sink/sink_log.h"

#include <algorithm>

#include "frontend/error.h"
#include "runtime/checkpoint/file_io.h"
#include "stdlib/json.h"

namespace sluice {
namespace fs = std::filesystem;
namespace {

constexpr const char* kVersion = "v1";
constexpr const char* kCompactSuffix = ".compact";

// Hadoop's Path.toUri form of a local file, as Spark writes it.
std::string toUri(const std::string& path) {
  return "file:" + path;
}

std::string fromUri(const std::string& uri) {
  if (uri.rfind("file://", 0) == 0) return uri.substr(7);
  if (uri.rfind("file:", 0) == 0) return uri.substr(5);
  return uri;
}

// Batch ids of the log: plain `<n>` files and `<n>.compact` files.
std::vector<std::pair<int64_t, bool>> listLog(const fs::path& dir) {
  std::vector<std::pair<int64_t, bool>> out;  // (id, compact)
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    bool compact = false;
    if (name.size() > 8 && name.compare(name.size() - 8, 8, kCompactSuffix) == 0) {
      name.resize(name.size() - 8);
      compact = true;
    }
    const int64_t id = parseBatchId(name);
    if (id >= 0) out.emplace_back(id, compact);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void appendEntry(std::string& out, const SinkFileEntry& e) {
  out += "{\"path\":";
  stdlib::appendJsonString(out, toUri(e.path));
  out += ",\"size\":" + std::to_string(e.size) +
         ",\"isDir\":false,\"modificationTime\":" + std::to_string(e.modificationTime) +
         ",\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}\n";
}

}  // namespace

FileSinkLog::FileSinkLog(fs::path outputDir, int64_t compactInterval)
    : dir_(std::move(outputDir) / "_spark_metadata"), compactInterval_(compactInterval) {}

int64_t FileSinkLog::latestBatchId() const {
  auto ids = listLog(dir_);
  return ids.empty() ? -1 : ids.back().first;
}

void FileSinkLog::commit(int64_t batchId, const std::vector<SinkFileEntry>& files) {
  std::string text = std::string(kVersion) + "\n";
  if (isCompactionBatch(batchId)) {
    for (const auto& e : allFiles()) appendEntry(text, e);
    for (const auto& e : files) appendEntry(text, e);
    writeFileAtomically(dir_ / (std::to_string(batchId) + kCompactSuffix), text);
    return;
  }
  for (const auto& e : files) appendEntry(text, e);
  writeFileAtomically(dir_ / std::to_string(batchId), text);
}

std::vector<SinkFileEntry> FileSinkLog::readBatch(int64_t id, bool compact) const {
  const fs::path file = dir_ / (std::to_string(id) + (compact ? kCompactSuffix : ""));
  const std::string text = readWholeFile(file);
  std::vector<SinkFileEntry> out;
  size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    if (first) {
      if (line != kVersion)
        throw ExecutionError("file sink log " + file.string() + ": unsupported version '" +
                             std::string(line) + "' (expected v1)");
      first = false;
      continue;
    }
    if (line.empty()) continue;
    auto v = stdlib::parseJson(line);
    const stdlib::JsonValue* path = v ? v->field("path") : nullptr;
    if (!path || path->kind != stdlib::JsonValue::Kind::String)
      throw ExecutionError("file sink log " + file.string() + ": corrupt entry '" +
                           std::string(line.substr(0, 200)) + "'");
    const stdlib::JsonValue* action = v->field("action");
    SinkFileEntry e;
    e.path = fromUri(path->text);
    if (const auto* size = v->field("size")) e.size = std::atoll(size->text.c_str());
    if (const auto* t = v->field("modificationTime"))
      e.modificationTime = std::atoll(t->text.c_str());
    if (action && action->text == "delete") {
      std::erase_if(out, [&](const SinkFileEntry& x) { return x.path == e.path; });
      continue;
    }
    out.push_back(std::move(e));
  }
  if (first) throw ExecutionError("file sink log " + file.string() + " is empty");
  return out;
}

std::vector<SinkFileEntry> FileSinkLog::allFiles() const {
  auto ids = listLog(dir_);
  int64_t from = -1;  // the newest compaction holds every entry before it
  for (const auto& [id, compact] : ids)
    if (compact) from = id;
  std::vector<SinkFileEntry> out;
  for (const auto& [id, compact] : ids) {
    if (id < from || (id == from && !compact)) continue;
    auto batch = readBatch(id, compact);
    out.insert(out.end(), batch.begin(), batch.end());
  }
  return out;
}

bool hasFileSinkLog(const fs::path& dir) {
  return !listLog(dir / "_spark_metadata").empty();
}

}  // namespace sluice
