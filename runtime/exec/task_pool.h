#pragma once
// TaskPool: a fixed set of worker threads that run the tasks of a partition-parallel pipeline
// (one task per source chunk or split). Workers are numbered so a task can use per-worker
// objects without locking; the pool itself holds no query state (kernels and plans are
// immutable, a task's mutable state lives in the objects its closure names).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sluice {

/// Threads a query's kernels use when nothing is set: the CPUs this process may run on
/// (its affinity mask, so `taskset -c 0` means 1), else std::thread::hardware_concurrency().
/// The environment variable SLUICE_EXEC_THREADS, when a positive number, overrides it.
int defaultExecThreads();

class TaskPool {
 public:
  /// Starts `threads` workers (at least 1).
  explicit TaskPool(int threads);
  /// Waits for the queued tasks, then joins the workers.
  ~TaskPool();
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  /// Number of workers.
  int threads() const { return static_cast<int>(workers_.size()); }
  /// Queues `task`; a worker calls it with its number (0 .. threads()-1). A task must not
  /// throw (catch and hand errors back through its own result object).
  void submit(std::function<void(int worker)> task);

 private:
  void work(int worker);

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void(int)>> queue_;
  bool closing_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace sluice
