#include "runtime/exec/task_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <set>

namespace sluice {
namespace {

// Every queued task runs once, on a worker numbered below threads(), before the pool is gone.
TEST(TaskPool, RunsEveryTaskOnNumberedWorkers) {
  std::atomic<int> ran{0};
  std::atomic<int> badWorker{0};
  {
    TaskPool pool(3);
    EXPECT_EQ(pool.threads(), 3);
    for (int i = 0; i < 1000; ++i)
      pool.submit([&](int w) {
        if (w < 0 || w >= 3) ++badWorker;
        ++ran;
      });
  }
  EXPECT_EQ(ran.load(), 1000);
  EXPECT_EQ(badWorker.load(), 0);
}

TEST(TaskPool, AtLeastOneWorker) {
  TaskPool pool(0);
  EXPECT_EQ(pool.threads(), 1);
}

TEST(TaskPool, DefaultThreadsFollowTheEnvironmentThenTheAffinity) {
  ::setenv("SLUICE_EXEC_THREADS", "3", 1);
  EXPECT_EQ(defaultExecThreads(), 3);
  ::setenv("SLUICE_EXEC_THREADS", "zero", 1);  // not a number: ignored
  const int n = defaultExecThreads();
  ::unsetenv("SLUICE_EXEC_THREADS");
  EXPECT_GE(n, 1);
  EXPECT_EQ(defaultExecThreads(), n);
}

}  // namespace
}  // namespace sluice
