#pragma once
// Stop requests, scoped: each Engine owns a StopSource, each running query one whose parent
// is its engine's. A stop asked of an engine reaches all of its queries; one asked of a query
// reaches only that query; nothing is process-wide. Long waits (a sink's acknowledgements, a
// broker that does not answer, kernels over a big batch) poll stopRequested() so a stop is
// honoured within about a second.
#include <atomic>

#include "frontend/error.h"

namespace sluice {

class StopSource {
 public:
  /// A source whose stopRequested() is also true once `parent` (if any) is stopped.
  /// `parent` must outlive this object.
  explicit StopSource(const StopSource* parent = nullptr) : parent_(parent) {}
  StopSource(const StopSource&) = delete;
  StopSource& operator=(const StopSource&) = delete;

  /// Asks for a stop. Async-signal-safe (one lock-free atomic store).
  void requestStop() noexcept { flag_.store(true, std::memory_order_relaxed); }
  /// Withdraws this source's own request (a parent's request still counts).
  void clear() noexcept { flag_.store(false, std::memory_order_relaxed); }
  /// True once this source or one of its parents was asked to stop.
  bool stopRequested() const noexcept {
    return flag_.load(std::memory_order_relaxed) || (parent_ && parent_->stopRequested());
  }

 private:
  static_assert(std::atomic<bool>::is_always_lock_free);
  std::atomic<bool> flag_{false};
  const StopSource* parent_;
};

/// Thrown when a stop request interrupts work that cannot finish cleanly first (a batch
/// statement's kernels, a streaming batch waiting on its sink or on a broker). Nothing of the
/// interrupted batch is committed; a streaming query replays it on restart.
class Interrupted : public ExecutionError {
 public:
  explicit Interrupted(std::string what) : ExecutionError("stopped: " + std::move(what)) {}
};

}  // namespace sluice
