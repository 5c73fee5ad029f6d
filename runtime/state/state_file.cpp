#include "runtime/state/state_file.h"

#include <cstring>

#include "frontend/error.h"
#include "runtime/state/crc32c.h"

namespace sluice {
namespace {

constexpr char kMagic[8] = {'S', 'L', 'U', 'I', 'C', 'E', 'S', 'T'};
constexpr char kEndMagic[4] = {'S', 'L', 'N', 'D'};
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kHeaderBytes = 24;
constexpr size_t kTrailerBytes = 16;
constexpr size_t kChunkBytes = 1 << 20;

template <typename T>
void appendInt(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

template <typename T>
T loadInt(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

const char* kindName(StateFileKind k) {
  return k == StateFileKind::Delta ? "delta" : "snapshot";
}

}  // namespace

std::string stateFileName(int64_t version, StateFileKind kind) {
  return std::to_string(version) + "." + kindName(kind);
}

StateFileWriter::StateFileWriter(std::filesystem::path path, StateFileKind kind, int64_t version)
    : path_(std::move(path)), kind_(kind), out_(path_) {
  chunk_.reserve(kChunkBytes + 4096);
  chunk_.append(kMagic, sizeof(kMagic));
  appendInt<uint32_t>(chunk_, kFormatVersion);
  appendInt<uint32_t>(chunk_, static_cast<uint32_t>(kind));
  appendInt<int64_t>(chunk_, version);
}

void StateFileWriter::record(std::string_view key, const std::string_view* value) {
  if (!value && kind_ == StateFileKind::Snapshot) {
    throw ExecutionError("internal error: removal record in snapshot '" + path_.string() + "'");
  }
  if (key.size() > INT32_MAX || (value && value->size() > INT32_MAX)) {
    throw ExecutionError("state entry too large (over 2 GiB) for '" + path_.string() + "'");
  }
  appendInt<uint32_t>(chunk_, static_cast<uint32_t>(key.size()));
  appendInt<int32_t>(chunk_, value ? static_cast<int32_t>(value->size()) : -1);
  chunk_.append(key);
  if (value) chunk_.append(*value);
  ++records_;
  if (chunk_.size() >= kChunkBytes) flushChunk();
}

void StateFileWriter::flushChunk() {
  crc_ = crc32c(crc_, chunk_.data(), chunk_.size());
  out_.write(chunk_);
  chunk_.clear();
}

uint64_t StateFileWriter::finish() {
  appendInt<uint64_t>(chunk_, records_);
  crc_ = crc32c(crc_, chunk_.data(), chunk_.size());
  appendInt<uint32_t>(chunk_, crc_);
  chunk_.append(kEndMagic, sizeof(kEndMagic));
  out_.write(chunk_);
  chunk_.clear();
  const uint64_t bytes = out_.size();
  out_.commit();
  return bytes;
}

StateFileReader::StateFileReader(const std::filesystem::path& path, StateFileKind kind,
                                 int64_t expectedVersion)
    : path_(path), kind_(kind), data_(std::make_unique<std::string>(readWholeFile(path))) {
  const std::string& data = *data_;
  if (data.empty()) corrupt("the file is empty");
  if (data.size() < kHeaderBytes + kTrailerBytes) {
    corrupt("the file is truncated (" + std::to_string(data.size()) + " bytes)");
  }
  const char* p = data.data();
  if (std::memcmp(p, kMagic, sizeof(kMagic)) != 0) corrupt("not a sluice state file (bad magic)");
  const uint32_t format = loadInt<uint32_t>(p + 8);
  if (format != kFormatVersion) {
    corrupt("unsupported state file format version " + std::to_string(format) +
            " (this build reads version " + std::to_string(kFormatVersion) + ")");
  }
  const uint32_t k = loadInt<uint32_t>(p + 12);
  if (k != static_cast<uint32_t>(kind)) {
    corrupt(std::string("the header says this is not a ") + kindName(kind) + " file");
  }
  const int64_t version = loadInt<int64_t>(p + 16);
  if (version != expectedVersion) {
    corrupt("the header holds version " + std::to_string(version) + ", expected " +
            std::to_string(expectedVersion));
  }
  const char* trailer = p + data.size() - kTrailerBytes;
  if (std::memcmp(trailer + 12, kEndMagic, sizeof(kEndMagic)) != 0) {
    corrupt("the file is truncated or torn (no end marker)");
  }
  const uint32_t stored = loadInt<uint32_t>(trailer + 8);
  const uint32_t actual = crc32c(0, p, data.size() - kTrailerBytes + 8);
  if (stored != actual) corrupt("checksum mismatch (the file is corrupt)");
  count_ = loadInt<uint64_t>(trailer);
  pos_ = kHeaderBytes;
  end_ = data.size() - kTrailerBytes;
}

void StateFileReader::corrupt(const std::string& what) const {
  throw ExecutionError("corrupt state file '" + path_.string() + "': " + what);
}

bool StateFileReader::next(std::string_view& key, std::optional<std::string_view>& value) {
  if (pos_ == end_) {
    if (seen_ != count_) {
      corrupt("holds " + std::to_string(seen_) + " records but its trailer says " +
              std::to_string(count_));
    }
    return false;
  }
  if (end_ - pos_ < 8) corrupt("a record header overruns the file");
  const char* p = data_->data() + pos_;
  const uint32_t klen = loadInt<uint32_t>(p);
  const int32_t vlen = loadInt<int32_t>(p + 4);
  if (vlen < -1 || (vlen == -1 && kind_ == StateFileKind::Snapshot)) {
    corrupt("bad value length " + std::to_string(vlen) + " in record " + std::to_string(seen_));
  }
  const size_t need = 8 + static_cast<size_t>(klen) + (vlen > 0 ? static_cast<size_t>(vlen) : 0);
  if (need > end_ - pos_) corrupt("record " + std::to_string(seen_) + " overruns the file");
  key = std::string_view(p + 8, klen);
  if (vlen < 0) {
    value.reset();
  } else {
    value = std::string_view(p + 8 + klen, static_cast<size_t>(vlen));
  }
  pos_ += need;
  ++seen_;
  return true;
}

}  // namespace sluice
