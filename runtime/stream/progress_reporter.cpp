#include "runtime/stream/progress_reporter.h"

#include <iostream>

#include "runtime/progress/progress_writer.h"

namespace sluice {

ProgressReporter::ProgressReporter(const std::string& progressFile, bool statusLine,
                                   std::shared_ptr<QueryMonitor> monitor)
    : monitor_(std::move(monitor)), statusLine_(statusLine) {
  if (!progressFile.empty()) writer_ = std::make_unique<ProgressWriter>(progressFile);
}

ProgressReporter::~ProgressReporter() = default;

void ProgressReporter::show(const std::string& line) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    status_ = line;
  }
  if (monitor_) monitor_->setStatusText(line);
  if (!statusLine_) return;
  std::cerr << "\r\033[K" << line << std::flush;
  shown_ = true;
}

void ProgressReporter::report(QueryProgress p) {
  rates_.apply(p);
  if (writer_) writer_->append(p);
  if (monitor_) monitor_->publish(p);
  waitingFor_.clear();
  show(formatStatusLine(p));
}

void ProgressReporter::waiting(const std::string& what) {
  if (what.empty()) {
    waitingFor_.clear();
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (what != waitingFor_) {
    waitingFor_ = what;
    waitingSince_ = now;
  }
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(now - waitingSince_).count();
  show(what + " (" + std::to_string(s) + " s)");
}

std::string ProgressReporter::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

void ProgressReporter::finish() {
  if (shown_) std::cerr << "\n";
  shown_ = false;
}

}  // namespace sluice
