#include "runtime/connectors/file_stream_source.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "frontend/error.h"
#include "planner/logical/scan.h"
#include "planner/sources/file_source.h"
#include "runtime/files/file_reader.h"
#include "runtime/files/stream/file_source_log.h"
#include "stdlib/json.h"

namespace sluice {
namespace {

std::string offsetJson(int64_t logOffset) {
  return "{\"logOffset\":" + std::to_string(logOffset) + "}";
}

int64_t modifiedMs(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 0;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
}

class FileStreamSource : public StreamSource {
 public:
  FileStreamSource(const PhysScan& scan, const StreamOpenOptions& o)
      : scan_(scan.scan), options_(parseFileSourceOptions(scan.scan.format, scan.scan.options)) {
    if (!o.sourcesDir.empty())
      log_.emplace(std::filesystem::path(o.sourcesDir) / std::to_string(o.sourceIndex));
  }

  std::string description() const override {
    return "FileStreamSource[" + options_.resolvedPath + "]";
  }
  bool recordsInitialOffsets() const override { return false; }
  std::string initialOffsets() override { return offsetJson(-1); }

  // Every file there now, logged in batches of maxFilesPerTrigger (availableNow's target).
  std::string latestOffsets() override {
    while (logNewFiles()) {
    }
    return offsetJson(log().latestBatchId());
  }

  std::string planBatch(const std::string& start) override {
    const int64_t s = parse(start);
    // A batch planned before (a replay, or availableNow's target) is taken as logged.
    if (log().latestBatchId() > s) return offsetJson(s + 1);
    return logNewFiles() ? offsetJson(s + 1) : start;
  }

  std::string clampTo(const std::string& end, const std::string& limit) override {
    return parse(end) <= parse(limit) ? end : limit;
  }
  bool reached(const std::string& at, const std::string& target) override {
    return parse(at) >= parse(target);
  }

  ColumnBatch read(const std::string& start, const std::string& end) override {
    return readFileTableFiles(scan_, log().filesBetween(parse(start), parse(end)));
  }
  // JSON files in pieces read ahead on the read threads (runtime/files/json_reader.h).
  void read(const std::string& start, const std::string& end,
            const BatchConsumer& consume) override {
    readFileTableFilesChunks(scan_, log().filesBetween(parse(start), parse(end)), consume);
  }
  int64_t recordsBetween(const std::string& start, const std::string& end) override {
    return static_cast<int64_t>(log().filesBetween(parse(start), parse(end)).size());
  }

 private:
  FileSourceLog& log() {
    if (!log_) throw ExecutionError(description() + ": no checkpoint to keep its log in");
    return *log_;
  }

  int64_t parse(const std::string& offset) const {
    auto v = stdlib::parseJson(offset);
    const stdlib::JsonValue* n = v ? v->field("logOffset") : nullptr;
    if (!n || n->kind != stdlib::JsonValue::Kind::Number || !n->integral)
      throw ExecutionError(description() + ": offset '" + offset +
                           "' is not a file source offset {\"logOffset\":N}");
    return std::stoll(n->text);
  }

  // Logs the next batch of files not seen yet; false when there are none.
  bool logNewFiles() {
    auto listed = listSourceFiles(options_);
    if (!listed) return false;  // the directory does not exist yet: nothing new
    keepCommittedFiles(options_.resolvedPath, *listed);
    std::vector<StreamedFile> fresh;
    for (auto& p : *listed)
      if (!log().seen(p)) fresh.push_back({p, modifiedMs(p)});
    if (fresh.empty()) return false;
    std::sort(fresh.begin(), fresh.end(), [&](const StreamedFile& a, const StreamedFile& b) {
      if (a.modifiedMs != b.modifiedMs)
        return options_.latestFirst ? a.modifiedMs > b.modifiedMs : a.modifiedMs < b.modifiedMs;
      return a.path < b.path;
    });
    if (options_.maxFilesPerTrigger > 0 &&
        fresh.size() > static_cast<size_t>(options_.maxFilesPerTrigger))
      fresh.resize(static_cast<size_t>(options_.maxFilesPerTrigger));
    log().add(log().latestBatchId() + 1, fresh);
    return true;
  }

  const Scan& scan_;
  FileSourceOptions options_;
  std::optional<FileSourceLog> log_;
};

}  // namespace

std::unique_ptr<StreamSource> openFileStream(const PhysScan& scan,
                                             const StreamOpenOptions& options) {
  return std::make_unique<FileStreamSource>(scan, options);
}

}  // namespace sluice
