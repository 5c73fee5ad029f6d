#pragma once
// One run per checkpoint: a running query holds an exclusive flock on `<checkpoint>/.lock`
// (the file also names the holder: pid and host). flock is released by the kernel when the
// holder dies, so a stale lock of a killed process is taken over without any clean-up; a
// second run — another process, or another Engine in the same process — is refused at once
// with an error naming the directory and the holder.
#include <filesystem>
#include <string>

namespace sluice {

class CheckpointLock {
 public:
  /// Takes the lock of checkpoint directory `dir` (created if missing). Throws
  /// ExecutionError naming `dir` and the holding process if another run holds it.
  explicit CheckpointLock(const std::filesystem::path& dir);
  ~CheckpointLock();
  CheckpointLock(const CheckpointLock&) = delete;
  CheckpointLock& operator=(const CheckpointLock&) = delete;

  /// The lock file's path.
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace sluice
