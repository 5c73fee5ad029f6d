#include "runtime/exec/task_pool.h"

#include <sched.h>

#include <cstdlib>
#include <string>

namespace sluice {

int defaultExecThreads() {
  if (const char* env = std::getenv("SLUICE_EXEC_THREADS")) {
    char* end = nullptr;
    const long n = std::strtol(env, &end, 10);
    if (end && *end == '\0' && n >= 1 && n <= 1024) return static_cast<int>(n);
  }
  // The affinity mask, not the machine: a process pinned to one CPU gains nothing from two
  // workers but pays their hand-offs.
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n >= 1) return n;
  }
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : static_cast<int>(hw);
}

TaskPool::TaskPool(int threads) {
  if (threads < 1) threads = 1;
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this, i] { work(i); });
}

TaskPool::~TaskPool() {
  {
    std::lock_guard lock(mu_);
    closing_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

void TaskPool::submit(std::function<void(int)> task) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
}

void TaskPool::work(int worker) {
  for (;;) {
    std::function<void(int)> task;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task(worker);
  }
}

}  // namespace sluice
