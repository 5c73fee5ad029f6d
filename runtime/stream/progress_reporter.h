#pragma once
// Reports a streaming query's progress: one Spark StreamingQueryProgress JSON per batch
// (--progress FILE), a live one-line status on stderr (--status), including what a batch is
// waiting for ("waiting for acks of 120 records to topic 'out' (12 s)").
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "runtime/progress/input_rates.h"
#include "runtime/progress/query_monitor.h"
#include "runtime/progress/query_progress.h"

namespace sluice {

class ProgressWriter;

class ProgressReporter {
 public:
  /// `progressFile` "" = no file; `statusLine`: print the status line on stderr; `monitor`
  /// (may be null) receives every report and status for the web UI and metrics.
  ProgressReporter(const std::string& progressFile, bool statusLine,
                   std::shared_ptr<QueryMonitor> monitor = nullptr);
  ~ProgressReporter();

  /// Completes `p` (inputRowsPerSecond), appends it to the progress file, publishes it to
  /// the monitor and shows it on the status line.
  void report(QueryProgress p);
  /// Shows that the query waits (`what`, e.g. "waiting for acks of 12 records to topic 'x'")
  /// with how long it has waited so far; "" clears it.
  void waiting(const std::string& what);
  /// The last status text (thread-safe), e.g. for an embedding host.
  std::string status() const;
  /// Ends the status line (a newline) if one was shown.
  void finish();

 private:
  void show(const std::string& line);
  std::unique_ptr<ProgressWriter> writer_;
  std::shared_ptr<QueryMonitor> monitor_;
  InputRateTracker rates_;
  bool statusLine_;
  bool shown_ = false;
  mutable std::mutex mutex_;
  std::string status_;
  std::string waitingFor_;
  std::chrono::steady_clock::time_point waitingSince_;
};

}  // namespace sluice
