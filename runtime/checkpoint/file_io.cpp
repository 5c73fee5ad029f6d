#include "runtime/checkpoint/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>

#include "frontend/error.h"

namespace sluice {
namespace fs = std::filesystem;

namespace {

constexpr size_t kBufferBytes = 1 << 20;

std::string errnoText(int err) {
  return std::strerror(err);
}

// Unique enough temp suffix: two writers of the same checkpoint must not collide on the temp
// name even though only one of them can win the rename.
std::string randomSuffix() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^
                                   (static_cast<uint64_t>(::getpid()) << 32));
  static const char* kHex = "0123456789abcdef";
  uint64_t r = rng();
  std::string s(12, '0');
  for (char& c : s) {
    c = kHex[r & 15];
    r >>= 4;
  }
  return s;
}

// Returns 0 or the errno of the failed write.
int writeAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return 0;
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(fs::path path) : path_(std::move(path)) {
  std::error_code ec;
  const fs::path dir = path_.parent_path().empty() ? fs::path(".") : path_.parent_path();
  fs::create_directories(dir, ec);
  if (ec) {
    throw ExecutionError("cannot create checkpoint directory '" + dir.string() +
                         "': " + ec.message());
  }
  temp_ = dir / ("." + path_.filename().string() + "." + randomSuffix() + ".tmp");
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot create temp file '" + temp_.string() + "'", errno);
  buffer_.reserve(4096);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFileWriter::fail(const std::string& what, int err) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
  throw ExecutionError("cannot write checkpoint file '" + path_.string() + "': " + what + ": " +
                       errnoText(err));
}

void AtomicFileWriter::write(std::string_view bytes) {
  if (fd_ < 0) throw ExecutionError("checkpoint file '" + path_.string() + "' already closed");
  if (buffer_.size() + bytes.size() > kBufferBytes) {
    flushBuffer();
    if (bytes.size() >= kBufferBytes) {
      if (int err = writeAll(fd_, bytes.data(), bytes.size())) fail("write failed", err);
      written_ += bytes.size();
      return;
    }
  }
  buffer_.append(bytes);
}

void AtomicFileWriter::flushBuffer() {
  if (buffer_.empty()) return;
  if (int err = writeAll(fd_, buffer_.data(), buffer_.size())) fail("write failed", err);
  written_ += buffer_.size();
  buffer_.clear();
}

void AtomicFileWriter::finishTemp() {
  if (fd_ < 0) throw ExecutionError("checkpoint file '" + path_.string() + "' already closed");
  flushBuffer();
  if (::fsync(fd_) != 0) fail("fsync failed", errno);
  if (::close(fd_) != 0) {
    fd_ = -1;
    fail("close failed", errno);
  }
  fd_ = -1;
}

void AtomicFileWriter::commit() {
  finishTemp();
  if (::rename(temp_.c_str(), path_.c_str()) != 0) fail("rename failed", errno);
  temp_.clear();
  syncDirectory(path_.parent_path());
}

bool AtomicFileWriter::commitIfAbsent() {
  finishTemp();
  if (::link(temp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    if (err == EEXIST) {
      ::unlink(temp_.c_str());
      temp_.clear();
      return false;
    }
    fail("link failed", err);
  }
  ::unlink(temp_.c_str());
  temp_.clear();
  syncDirectory(path_.parent_path());
  return true;
}

void writeFileAtomically(const fs::path& path, std::string_view bytes) {
  AtomicFileWriter w(path);
  w.write(bytes);
  w.commit();
}

bool writeFileIfAbsent(const fs::path& path, std::string_view bytes) {
  AtomicFileWriter w(path);
  w.write(bytes);
  return w.commitIfAbsent();
}

std::string readWholeFile(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw ExecutionError("cannot read checkpoint file '" + path.string() +
                         "': " + errnoText(errno));
  }
  std::string out;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) out.reserve(static_cast<size_t>(st.st_size));
  char chunk[1 << 16];
  for (;;) {
    // Read straight into the string when its capacity allows, to avoid a copy of big files.
    const size_t room = out.capacity() - out.size();
    if (room >= sizeof(chunk)) {
      const size_t old = out.size();
      out.resize(out.capacity());
      const ssize_t r = ::read(fd, out.data() + old, room);
      if (r < 0) {
        out.resize(old);
        if (errno == EINTR) continue;
        const int err = errno;
        ::close(fd);
        throw ExecutionError("cannot read checkpoint file '" + path.string() +
                             "': " + errnoText(err));
      }
      out.resize(old + static_cast<size_t>(r));
      if (r == 0) break;
      continue;
    }
    const ssize_t r = ::read(fd, chunk, sizeof(chunk));
    if (r < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      throw ExecutionError("cannot read checkpoint file '" + path.string() +
                           "': " + errnoText(err));
    }
    if (r == 0) break;
    out.append(chunk, static_cast<size_t>(r));
  }
  ::close(fd);
  return out;
}

bool isAtomicTempName(std::string_view name) {
  // The exact shape the constructor creates: "." + target + "." + randomSuffix() + ".tmp".
  constexpr size_t kHexDigits = 12;
  constexpr std::string_view kExt = ".tmp";
  if (name.size() < 1 + 1 + 1 + kHexDigits + kExt.size() || name.front() != '.') return false;
  if (name.substr(name.size() - kExt.size()) != kExt) return false;
  const std::string_view rest = name.substr(0, name.size() - kExt.size());
  const std::string_view hex = rest.substr(rest.size() - kHexDigits);
  if (rest[rest.size() - kHexDigits - 1] != '.') return false;
  return std::all_of(hex.begin(), hex.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

size_t removeStaleTempFiles(const fs::path& dir) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return 0;
  std::vector<fs::path> stale;
  for (const auto& entry : it) {
    std::error_code typeEc;
    if (isAtomicTempName(entry.path().filename().string()) && entry.is_regular_file(typeEc))
      stale.push_back(entry.path());
  }
  size_t removed = 0;
  for (const auto& p : stale)
    if (::unlink(p.c_str()) == 0) ++removed;
  return removed;
}

void syncDirectory(const fs::path& dir) {
  const fs::path d = dir.empty() ? fs::path(".") : dir;
  const int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    throw ExecutionError("cannot open checkpoint directory '" + d.string() +
                         "': " + errnoText(errno));
  }
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  // Some file systems refuse fsync on directories (EINVAL); the rename is still atomic there.
  if (rc != 0 && err != EINVAL) {
    throw ExecutionError("cannot sync checkpoint directory '" + d.string() +
                         "': " + errnoText(err));
  }
}

bool isHiddenName(std::string_view name) {
  return !name.empty() && name.front() == '.';
}

int64_t parseBatchId(std::string_view name) {
  if (name.empty() || name.size() > 18) return -1;
  int64_t v = 0;
  for (char c : name) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::vector<int64_t> listBatchFiles(const fs::path& dir) {
  std::vector<int64_t> ids;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return ids;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    throw ExecutionError("cannot list checkpoint directory '" + dir.string() +
                         "': " + ec.message());
  }
  for (const auto& entry : it) {
    const std::string name = entry.path().filename().string();
    if (isHiddenName(name)) continue;
    const int64_t id = parseBatchId(name);
    if (id >= 0) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace sluice
