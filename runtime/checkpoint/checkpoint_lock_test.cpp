#include "runtime/checkpoint/checkpoint_lock.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>

#include "frontend/error.h"
#include "runtime/checkpoint/test_dir.h"

namespace sluice {
namespace {

TEST(CheckpointLock, SecondHolderIsRefusedWithTheHolderNamed) {
  testing::TempDir d;
  CheckpointLock first(d.path() / "ckpt");
  try {
    CheckpointLock second(d.path() / "ckpt");
    FAIL() << "a second lock on the same checkpoint was granted";
  } catch (const ExecutionError& e) {
    const std::string m = e.message();
    EXPECT_NE(
        m.find((d.path() / "ckpt").string() + " is in use by process " + std::to_string(getpid())),
        std::string::npos)
        << m;
  }
}

TEST(CheckpointLock, ReleasedOnDestruction) {
  testing::TempDir d;
  { CheckpointLock first(d.path()); }
  EXPECT_NO_THROW(CheckpointLock again(d.path()));
}

TEST(CheckpointLock, LockOfAKilledProcessIsTakenOver) {
  testing::TempDir d;
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    CheckpointLock held(d.path());
    [[maybe_unused]] ssize_t w = write(ready[1], "x", 1);
    pause();  // until SIGKILL
    _exit(0);
  }
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  EXPECT_THROW(CheckpointLock busy(d.path()), ExecutionError);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  EXPECT_NO_THROW(CheckpointLock taken(d.path()));
  close(ready[0]);
  close(ready[1]);
}

}  // namespace
}  // namespace sluice
