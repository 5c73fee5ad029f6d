#include "runtime/files/sink/file_output.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include "frontend/error.h"

namespace sluice {

// gzip framing through zlib's deflate (windowBits 15 + 16 = a gzip header and trailer).
struct FileOutput::Gzip {
  z_stream z{};
  Gzip() {
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw ExecutionError("cannot start gzip compression");
  }
  ~Gzip() { deflateEnd(&z); }
};

namespace {
constexpr size_t kBufferBytes = 1 << 20;
}

FileOutput::FileOutput(std::string path, bool gzip) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) fail("cannot create", errno);
  if (gzip) gzip_ = std::make_unique<Gzip>();
  buffer_.reserve(kBufferBytes);
}

FileOutput::~FileOutput() {
  if (fd_ >= 0) ::close(fd_);
}

void FileOutput::fail(const std::string& what, int err) const {
  throw ExecutionError(what + " file " + path_ + ": " + std::strerror(err));
}

void FileOutput::write(std::string_view bytes) {
  size_ += bytes.size();
  buffer_.append(bytes);
  if (buffer_.size() >= kBufferBytes) flush(false);
}

namespace {
void writeAll(int fd, const char* p, size_t n, const std::function<void(int)>& onError) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      onError(errno);
      return;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
}
}  // namespace

void FileOutput::flush(bool end) {
  auto onError = [this](int err) { fail("cannot write", err); };
  if (!gzip_) {
    writeAll(fd_, buffer_.data(), buffer_.size(), onError);
    buffer_.clear();
    return;
  }
  z_stream& z = gzip_->z;
  z.next_in = reinterpret_cast<Bytef*>(buffer_.data());
  z.avail_in = static_cast<uInt>(buffer_.size());
  char out[1 << 16];
  int rc = Z_OK;
  do {
    z.next_out = reinterpret_cast<Bytef*>(out);
    z.avail_out = sizeof(out);
    rc = deflate(&z, end ? Z_FINISH : Z_NO_FLUSH);
    if (rc == Z_STREAM_ERROR) throw ExecutionError("gzip compression of file " + path_ + " failed");
    writeAll(fd_, out, sizeof(out) - z.avail_out, onError);
  } while (z.avail_out == 0 || (end && rc != Z_STREAM_END));
  buffer_.clear();
}

void FileOutput::finish() {
  flush(true);
  if (::fdatasync(fd_) != 0) fail("cannot sync", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("cannot close", errno);
}

}  // namespace sluice
