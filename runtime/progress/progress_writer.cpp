#include "runtime/progress/progress_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "frontend/error.h"

namespace sluice {

ProgressWriter::ProgressWriter(std::filesystem::path path) : path_(std::move(path)) {
  std::error_code ec;
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw ExecutionError("cannot open progress file '" + path_.string() +
                         "': " + std::strerror(errno));
  }
}

ProgressWriter::~ProgressWriter() {
  if (fd_ >= 0) ::close(fd_);
}

void ProgressWriter::append(const QueryProgress& p) {
  const std::string line = p.json() + "\n";
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t w = ::write(fd_, line.data() + done, line.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      throw ExecutionError("cannot write progress file '" + path_.string() +
                           "': " + std::strerror(errno));
    }
    done += static_cast<size_t>(w);
  }
}

std::string formatBytes(int64_t bytes) {
  static const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double v = static_cast<double>(bytes);
  int unit = -1;
  while (v >= 1024 && unit < 3) {
    v /= 1024;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f %s", v, kUnits[unit]);
  return buf;
}

std::string formatStatusLine(const QueryProgress& p) {
  std::string s = p.name ? *p.name : p.id.substr(0, 8);
  s += " batch " + std::to_string(p.batchId) + ": " + std::to_string(p.numInputRows) + " rows";
  if (std::isfinite(p.processedRowsPerSecond)) {
    char buf[48];
    std::snprintf(buf, sizeof(buf), ", %.1f rows/s", p.processedRowsPerSecond);
    s += buf;
  }
  auto trigger = p.durationMs.find("triggerExecution");
  s += ", trigger " +
       std::to_string(trigger != p.durationMs.end() ? trigger->second : p.batchDuration) + " ms";
  if (p.sink.numOutputRows >= 0) s += ", sink " + std::to_string(p.sink.numOutputRows) + " rows";
  if (!p.stateOperators.empty()) {
    int64_t rows = 0, bytes = 0;
    for (const auto& op : p.stateOperators) {
      rows += op.numRowsTotal;
      bytes += op.memoryUsedBytes;
    }
    s += ", state " + std::to_string(rows) + " rows (" + formatBytes(bytes) + ")";
  }
  auto wm = p.eventTime.find("watermark");
  if (wm != p.eventTime.end()) s += ", watermark " + wm->second;
  return s;
}

void ProgressHistory::add(QueryProgress p) {
  std::lock_guard<std::mutex> lock(mu_);
  items_.push_back(std::move(p));
  while (items_.size() > capacity_) items_.pop_front();
}

std::vector<QueryProgress> ProgressHistory::recent() const {
  std::lock_guard<std::mutex> lock(mu_);
  return {items_.begin(), items_.end()};
}

std::optional<QueryProgress> ProgressHistory::last() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (items_.empty()) return std::nullopt;
  return items_.back();
}

}  // namespace sluice
