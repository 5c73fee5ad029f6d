#include "runtime/files/sink/file_sink.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <unordered_map>

#include "frontend/error.h"
#include "planner/sinks/file_sink_spec.h"
#include "runtime/checkpoint/file_io.h"
#include "runtime/exec/slot_values.h"
#include "runtime/files/sink/file_format_writer.h"
#include "runtime/files/sink/partition_path.h"
#include "runtime/files/sink/sink_log.h"

namespace sluice {
namespace fs = std::filesystem;
namespace {

// A data file being written: its writer, temp and final paths.
struct OpenFile {
  std::unique_ptr<FileFormatWriter> writer;
  fs::path temp, target;
  uintmax_t bytes = 0;  ///< size once finished
};

// A partition directory of the current batch and its file counter (c000, c001, ...).
struct PartitionFiles {
  fs::path dir;
  int counter = 0;
  std::unique_ptr<OpenFile> open;
};

// `part-<prefix>-00000` names: the batch's files start with `part-<prefix>-`.
std::string batchPrefix(int64_t batchId) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%05lld", static_cast<long long>(batchId));
  return buf;
}

// A job id for a batch INSERT: unique per run, so an INSERT never replaces earlier files.
std::string newJobId() {
  std::random_device rd;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%08x%08x", rd(), rd());
  return buf;
}

// The batch id in a streaming file name `part-<digits>-...`, or -1.
int64_t batchOfName(const std::string& name) {
  if (name.rfind("part-", 0) != 0) return -1;
  const size_t dash = name.find('-', 5);
  if (dash == std::string::npos) return -1;
  return parseBatchId(std::string_view(name).substr(5, dash - 5));
}

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

class FileSink : public StreamSink {
 public:
  explicit FileSink(const PhysSink& sink) : spec_(sink.fileSink), root_(spec_->path), log_(root_) {
    for (size_t i : spec_->dataColumns) {
      names_.push_back(sink.columns[i].name);
      types_.push_back(sink.columns[i].type);
    }
    for (size_t i : spec_->partitionColumns) {
      partNames_.push_back(sink.columns[i].name);
      partTypes_.push_back(sink.columns[i].type);
    }
    dataSlots_.resize(names_.size());
    dataNulls_.resize(names_.size());
  }

  ~FileSink() override {
    // An unfinished batch (failure, stop): its temp files go; the batch is replayed.
    for (auto& [key, p] : partitions_)
      if (p.open) removeQuietly(p.open->temp);
    for (const auto& f : finished_) removeQuietly(f.temp);
  }

  void beginBatch(int64_t batchId) override {
    rows_ = 0;
    batch_ = batchId;
    partitions_.clear();
    finished_.clear();
    std::error_code ec;
    fs::create_directories(root_, ec);
    if (ec)
      throw ExecutionError("file sink of table " + spec_->table + ": cannot create directory " +
                           root_.string() + ": " + ec.message());
    if (!spec_->streaming) {
      prefix_ = newJobId();
      skip_ = false;
      return;
    }
    const int64_t committed = log_.latestBatchId();
    if (!recovered_) {
      recover(committed);
      recovered_ = true;
    }
    skip_ = batchId <= committed;
    if (skip_)
      std::cerr << "sluice: file sink " << root_.string() << ": batch " << batchId
                << " is already in its _spark_metadata log; skipped (as Spark does)" << std::endl;
    prefix_ = batchPrefix(batchId);
  }

  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    ++rows_;
    if (skip_) return;
    PartitionFiles& p = partitionOf(slots, nulls);
    if (!p.open) open(p);
    for (size_t i = 0; i < spec_->dataColumns.size(); ++i) {
      dataSlots_[i] = slots[spec_->dataColumns[i]];
      dataNulls_[i] = nulls[spec_->dataColumns[i]];
    }
    p.open->writer->appendRow(dataSlots_.data(), dataNulls_.data());
    if (spec_->maxRecordsPerFile > 0 && p.open->writer->rows() >= spec_->maxRecordsPerFile)
      close(p);
  }

  void endBatch(const StopSource*) override {
    if (skip_) return;
    for (auto& [key, p] : partitions_)
      if (p.open) close(p);
    std::sort(finished_.begin(), finished_.end(),
              [](const OpenFile& a, const OpenFile& b) { return a.target < b.target; });
    // Every file is complete and durable under its temp name. Streaming: the log entry is the
    // commit point, and the renames after it only make committed files visible (a crash in
    // between is rolled forward on restart), so a directory listing never shows rows of a
    // batch that is not committed. Batch INSERT: the renames are the commit.
    if (spec_->streaming) {
      std::vector<SinkFileEntry> entries;
      for (const auto& f : finished_)
        entries.push_back({f.target.string(), static_cast<int64_t>(f.bytes), nowMs()});
      log_.commit(batch_, entries);
    }
    std::vector<fs::path> dirs;
    for (const auto& f : finished_) {
      publish(f.temp, f.target);
      if (std::find(dirs.begin(), dirs.end(), f.target.parent_path()) == dirs.end())
        dirs.push_back(f.target.parent_path());
    }
    for (const auto& d : dirs) syncDirectory(d);
    finished_.clear();
    partitions_.clear();
  }

  std::string description() const override { return "FileSink[" + root_.string() + "]"; }

 private:
  PartitionFiles& partitionOf(const RowSlot* slots, const uint8_t* nulls) {
    if (spec_->partitionColumns.empty()) {
      PartitionFiles& p = partitions_[std::string()];
      if (p.dir.empty()) p.dir = root_;
      return p;
    }
    key_.clear();
    for (size_t k = 0; k < spec_->partitionColumns.size(); ++k) {
      const size_t c = spec_->partitionColumns[k];
      encodeKey(key_, &slots[c], nulls[c] != 0, *partTypes_[k]);
    }
    PartitionFiles& p = partitions_[key_];
    if (p.dir.empty()) {
      fs::path dir = root_;
      for (size_t k = 0; k < spec_->partitionColumns.size(); ++k) {
        const size_t c = spec_->partitionColumns[k];
        dir /= partitionSegment(partNames_[k], slots[c], nulls[c] != 0, *partTypes_[k]);
      }
      p.dir = dir;
    }
    return p;
  }

  void open(PartitionFiles& p) {
    char name[96];
    std::snprintf(name, sizeof(name), "part-%s-%05d.c%03d", prefix_.c_str(), 0, p.counter++);
    auto f = std::make_unique<OpenFile>();
    f->target = p.dir / (std::string(name) + spec_->extension());
    f->temp = p.dir / ("." + f->target.filename().string() + ".tmp");
    std::error_code ec;
    fs::create_directories(p.dir, ec);
    if (ec)
      throw ExecutionError("file sink of table " + spec_->table + ": cannot create directory " +
                           p.dir.string() + ": " + ec.message());
    f->writer = openFormatWriter(*spec_, f->temp.string(), names_, types_);
    p.open = std::move(f);
  }

  void close(PartitionFiles& p) {
    p.open->writer->finish();
    std::error_code ec;
    const auto bytes = fs::file_size(p.open->temp, ec);
    finished_.push_back({nullptr, p.open->temp, p.open->target, ec ? 0 : bytes});
    p.open.reset();
  }

  void publish(const fs::path& temp, const fs::path& target) {
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec)
      throw ExecutionError("file sink of table " + spec_->table + ": cannot rename " +
                           temp.string() + " to " + target.string() + ": " + ec.message());
  }

  // Crash leftovers, before the first batch: temp files of committed batches are made visible
  // (the crash came between the log entry and the renames); temp files and visible files of
  // batches the log does not hold are removed (those batches are replayed, same names).
  void recover(int64_t committed) {
    removeStaleTempFiles(log_.dir());
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (it->is_directory()) {
        if (name == "_spark_metadata") it.disable_recursion_pending();
        continue;
      }
      const bool temp = name.rfind(".part-", 0) == 0 && name.size() > 5 &&
                        name.compare(name.size() - 4, 4, ".tmp") == 0;
      const std::string data = temp ? name.substr(1, name.size() - 5) : name;
      const int64_t batch = batchOfName(data);
      if (temp && batch >= 0 && batch <= committed)
        publish(it->path(), it->path().parent_path() / data);
      else if (temp || batch > committed)
        removeQuietly(it->path());
    }
  }

  static void removeQuietly(const fs::path& p) {
    std::error_code ec;
    fs::remove(p, ec);
  }

  std::shared_ptr<const FileSinkSpec> spec_;
  fs::path root_;
  FileSinkLog log_;
  std::vector<std::string> names_, partNames_;
  std::vector<TypePtr> types_, partTypes_;
  std::vector<RowSlot> dataSlots_;
  std::vector<uint8_t> dataNulls_;
  std::unordered_map<std::string, PartitionFiles> partitions_;
  std::vector<OpenFile> finished_;
  std::string key_, prefix_;
  int64_t batch_ = 0;
  bool skip_ = false, recovered_ = false;
};

}  // namespace

std::unique_ptr<StreamSink> openFileSink(const PhysSink& sink) {
  if (!sink.fileSink)
    throw ExecutionError("table " + sink.target + " (" + sink.format + ") has no file sink plan");
  return std::make_unique<FileSink>(sink);
}

}  // namespace sluice
