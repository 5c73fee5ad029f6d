#include "runtime/files/stream/file_source_log.h"

#include "frontend/error.h"
#include "runtime/checkpoint/file_io.h"
#include "stdlib/json.h"

namespace sluice {
namespace fs = std::filesystem;

FileSourceLog::FileSourceLog(fs::path dir) : dir_(std::move(dir)) {
  for (int64_t id : listBatchFiles(dir_)) {
    if (id != latest_ + 1)
      throw ExecutionError("file source log " + dir_.string() + ": batch " +
                           std::to_string(latest_ + 1) + " is missing (found " +
                           std::to_string(id) + ")");
    for (auto& p : readBatch(id)) seen_.insert(std::move(p));
    latest_ = id;
  }
}

std::vector<std::string> FileSourceLog::readBatch(int64_t id) const {
  const fs::path file = dir_ / std::to_string(id);
  const std::string text = readWholeFile(file);
  std::vector<std::string> out;
  size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    if (first) {
      if (line != "v1")
        throw ExecutionError("file source log " + file.string() + ": unsupported version '" +
                             std::string(line) + "' (expected v1)");
      first = false;
      continue;
    }
    if (line.empty()) continue;
    auto v = stdlib::parseJson(line);
    const stdlib::JsonValue* path = v ? v->field("path") : nullptr;
    if (!path || path->kind != stdlib::JsonValue::Kind::String)
      throw ExecutionError("file source log " + file.string() + ": corrupt entry '" +
                           std::string(line.substr(0, 200)) + "'");
    std::string p = path->text;
    if (p.rfind("file://", 0) == 0)
      p = p.substr(7);
    else if (p.rfind("file:", 0) == 0)
      p = p.substr(5);
    out.push_back(std::move(p));
  }
  if (first) throw ExecutionError("file source log " + file.string() + " is empty");
  return out;
}

void FileSourceLog::add(int64_t batchId, const std::vector<StreamedFile>& files) {
  std::string text = "v1\n";
  for (const auto& f : files) {
    text += "{\"path\":";
    stdlib::appendJsonString(text, "file://" + f.path);
    text += ",\"timestamp\":" + std::to_string(f.modifiedMs) +
            ",\"batchId\":" + std::to_string(batchId) + "}\n";
  }
  writeFileAtomically(dir_ / std::to_string(batchId), text);
  for (const auto& f : files) seen_.insert(f.path);
  latest_ = std::max(latest_, batchId);
}

std::vector<std::string> FileSourceLog::filesBetween(int64_t from, int64_t to) const {
  std::vector<std::string> out;
  for (int64_t id = from + 1; id <= to; ++id) {
    auto batch = readBatch(id);
    out.insert(out.end(), batch.begin(), batch.end());
  }
  return out;
}

}  // namespace sluice
