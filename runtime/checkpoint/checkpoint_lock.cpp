#include "runtime/checkpoint/checkpoint_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "frontend/error.h"

namespace sluice {
namespace fs = std::filesystem;

namespace {

std::string holderOf(int fd) {
  char buf[256] = {};
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  std::string s = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.empty() ? "another process" : s;
}

}  // namespace

CheckpointLock::CheckpointLock(const fs::path& dir) : path_(dir / ".lock") {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec)
    throw ExecutionError("checkpoint " + dir.string() + ": cannot create it: " + ec.message());
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw ExecutionError("checkpoint " + dir.string() + ": cannot open its lock file " +
                         path_.string() + ": " + std::strerror(errno));
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const std::string holder = err == EWOULDBLOCK ? holderOf(fd_) : "";
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw ExecutionError("checkpoint " + dir.string() + " is in use by " + holder +
                           " (another run of this query?); stop it first, or give this run "
                           "its own checkpointLocation");
    throw ExecutionError("checkpoint " + dir.string() + ": cannot lock " + path_.string() + ": " +
                         std::strerror(err));
  }
  // Who holds it, for the error a second run prints.
  char host[128] = {};
  gethostname(host, sizeof host - 1);
  const std::string who = "process " + std::to_string(getpid()) + " on " + host + "\n";
  if (ftruncate(fd_, 0) == 0) {
    [[maybe_unused]] ssize_t w = pwrite(fd_, who.data(), who.size(), 0);
  }
}

CheckpointLock::~CheckpointLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace sluice
