#include "runtime/progress/query_monitor.h"

namespace sluice {

const std::vector<double> kBatchDurationBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                   1,     2.5,  5,     10,   30,  60,   300};

const char* queryStateName(QueryState s) {
  switch (s) {
    case QueryState::Starting:
      return "starting";
    case QueryState::Active:
      return "active";
    case QueryState::Stopped:
      return "stopped";
    case QueryState::Failed:
      return "failed";
  }
  return "unknown";
}

QueryMonitor::QueryMonitor(QueryInfo info, size_t capacity)
    : info_(std::make_shared<const QueryInfo>(std::move(info))),
      capacity_(capacity ? capacity : 1) {
  totals_.durationBucketCounts.assign(kBatchDurationBuckets.size(), 0);
}

void QueryMonitor::publish(const QueryProgress& p) {
  // Built outside the lock: readers only ever see complete, never-changing snapshots.
  auto snap = std::make_shared<const QueryProgress>(p);
  const double secs = static_cast<double>(p.batchDuration) / 1000.0;
  std::lock_guard<std::mutex> lock(mu_);
  if (state_ == QueryState::Starting) state_ = QueryState::Active;
  recent_.push_back(std::move(snap));
  while (recent_.size() > capacity_) recent_.pop_front();
  ++totals_.batches;
  totals_.inputRows += p.numInputRows;
  if (p.sink.numOutputRows > 0) totals_.outputRows += p.sink.numOutputRows;
  for (const auto& s : p.sources) totals_.sourceInputRows[s.description] += s.numInputRows;
  for (size_t i = 0; i < p.stateOperators.size(); ++i)
    totals_.lateRowsByOperator[static_cast<int>(i)] +=
        p.stateOperators[i].numRowsDroppedByWatermark;
  for (size_t b = 0; b < kBatchDurationBuckets.size(); ++b)
    if (secs <= kBatchDurationBuckets[b]) ++totals_.durationBucketCounts[b];
  totals_.durationSecondsSum += secs;
}

void QueryMonitor::setStatusText(std::string text) {
  std::lock_guard<std::mutex> lock(mu_);
  statusText_ = std::move(text);
}

void QueryMonitor::finish(std::optional<std::string> error) {
  setIrSource(nullptr);
  std::lock_guard<std::mutex> lock(mu_);
  state_ = error ? QueryState::Failed : QueryState::Stopped;
  error_ = std::move(error);
}

void QueryMonitor::setIrSource(std::function<std::string()> f) {
  std::lock_guard<std::mutex> lock(irMu_);
  irSource_ = std::move(f);
}

std::optional<std::string> QueryMonitor::ir() {
  std::lock_guard<std::mutex> lock(irMu_);
  if (!irSource_) return std::nullopt;
  return irSource_();
}

QueryMonitor::Snapshot QueryMonitor::snapshot() const {
  Snapshot s;
  s.info = info_;
  std::lock_guard<std::mutex> lock(mu_);
  s.state = state_;
  s.statusText = statusText_;
  s.error = error_;
  s.recent.assign(recent_.begin(), recent_.end());
  s.totals = totals_;
  return s;
}

std::shared_ptr<QueryMonitor> QueryRegistry::add(QueryInfo info) {
  auto m = std::make_shared<QueryMonitor>(std::move(info));
  std::lock_guard<std::mutex> lock(mu_);
  queries_.push_back(m);
  return m;
}

std::vector<std::shared_ptr<QueryMonitor>> QueryRegistry::queries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queries_;
}

}  // namespace sluice
