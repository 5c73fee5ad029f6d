#pragma once
// What an engine's web UI and metrics endpoint read about its streaming queries. The query
// loop publishes each batch's progress as an immutable snapshot (a shared_ptr to a const
// QueryProgress) under a short lock; readers (the HTTP server's thread) copy the pointers and
// read the snapshots without holding any lock, so a slow reader never stalls a batch.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "runtime/progress/query_progress.h"

namespace sluice {

/// What is known about a streaming query before its first batch.
struct QueryInfo {
  std::string name;                  ///< the query's name
  std::string trigger;               ///< e.g. "ProcessingTime(10000 ms)", "AvailableNow"
  std::vector<std::string> sources;  ///< each source's table name and format
  std::string sink;                  ///< the table written and its format
  std::string checkpoint;            ///< checkpointLocation
  std::string queryText;             ///< the CREATE STREAMING QUERY statement's text
  std::string plan;                  ///< the physical plan with its pipelines (EXPLAIN)
  double compileMs = 0;              ///< kernel code generation + JIT time at start
};

/// A query's lifecycle as the UI shows it.
enum class QueryState { Starting, Active, Stopped, Failed };
const char* queryStateName(QueryState s);  ///< "starting", "active", "stopped", "failed"

/// Upper bounds (seconds) of the batch duration histogram buckets (+Inf is implied).
extern const std::vector<double> kBatchDurationBuckets;

/// Running totals over every batch of this run (not only the recent ones kept).
struct QueryTotals {
  int64_t batches = 0;
  int64_t inputRows = 0;
  int64_t outputRows = 0;                          ///< batches whose sink could count
  std::map<std::string, int64_t> sourceInputRows;  ///< by source description
  std::map<int, int64_t> lateRowsByOperator;       ///< numRowsDroppedByWatermark, by index
  std::vector<int64_t> durationBucketCounts;       ///< cumulative per kBatchDurationBuckets
  double durationSecondsSum = 0;
};

/// One query's view: its description, state and recent progress. Thread-safe.
class QueryMonitor {
 public:
  /// `capacity`: how many recent batches to keep (Spark's numRecentProgressUpdates, 100).
  explicit QueryMonitor(QueryInfo info, size_t capacity = 100);

  /// The query thread: a batch finished (also moves Starting to Active).
  void publish(const QueryProgress& p);
  /// What the query does or waits for right now (the status line).
  void setStatusText(std::string text);
  /// The run ended: stopped (no error) or failed with `error`.
  void finish(std::optional<std::string> error);
  /// Makes generated IR available on request; nullptr withdraws it. `f` runs under this
  /// monitor's IR lock, so withdrawing waits for a running call to return.
  void setIrSource(std::function<std::string()> f);
  /// The generated LLVM IR of the query's kernels, or nullopt when no longer available.
  std::optional<std::string> ir();

  /// A consistent copy for readers.
  struct Snapshot {
    std::shared_ptr<const QueryInfo> info;
    QueryState state = QueryState::Starting;
    std::string statusText;
    std::optional<std::string> error;
    std::vector<std::shared_ptr<const QueryProgress>> recent;  ///< oldest first
    QueryTotals totals;
  };
  Snapshot snapshot() const;

 private:
  std::shared_ptr<const QueryInfo> info_;
  size_t capacity_;
  mutable std::mutex mu_;
  QueryState state_ = QueryState::Starting;
  std::string statusText_;
  std::optional<std::string> error_;
  std::deque<std::shared_ptr<const QueryProgress>> recent_;
  QueryTotals totals_;
  std::mutex irMu_;
  std::function<std::string()> irSource_;
};

/// The streaming queries of one engine, in start order (a restarted name gets a new entry).
class QueryRegistry {
 public:
  /// Adds a query and returns its monitor.
  std::shared_ptr<QueryMonitor> add(QueryInfo info);
  /// Every query added so far, oldest first.
  std::vector<std::shared_ptr<QueryMonitor>> queries() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<QueryMonitor>> queries_;
};

}  // namespace sluice
