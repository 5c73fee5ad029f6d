#include "runtime/files/json_reader.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/file_source_json.h"
#include "planner/type_storage.h"
#include "runtime/files/file_reader.h"
#include "runtime/files/json_fast_reader.h"
#include "runtime/files/json_read_buffers.h"
#include "runtime/files/json_row_filters.h"
#include "stdlib/decimal.h"
#include "stdlib/strings.h"

namespace sluice {
namespace {

using json_files::arenaString;
using json_files::FastJsonReader;
using json_files::passes;
using json_files::ReadBuffer;
using json_files::RowFilter;
using json_files::rowFiltersOf;
using json_files::StringBlocks;
using stdlib::JsonValue;

// ---------------------------------------------------------------------------------------
// Records -> rows: the fast path, then the reference path.

class RecordReader {
 public:
  /// Reads records of `path` for `plan`; setOutput() says where the rows go.
  RecordReader(const FileReadPlan& plan, const std::string& path, JsonReadPath how)
      : plan_(plan),
        path_(path),
        parser_(plan.options),
        fast_(plan, parser_),
        how_(how),
        filters_(rowFiltersOf(plan)) {}
  /// Like the above, appending to `out` (`sizeHint`: about how many bytes of input).
  RecordReader(const FileReadPlan& plan, const std::string& path, ColumnBatchBuilder& out,
               JsonReadPath how, size_t sizeHint)
      : RecordReader(plan, path, how) {
    setOutput(out, sizeHint);
  }

  /// Rows from now on go to `out` (`sizeHint`: about how many bytes of input it will take).
  void setOutput(ColumnBatchBuilder& out, size_t sizeHint) {
    out_ = &out;
    fast_.setOutput(out.arena(), sizeHint);
  }

  /// One record: text[0, size), followed by SIMDJSON_PADDING readable bytes; `line` 1-based.
  void record(const char* text, size_t size, int64_t line) {
    if (how_ != JsonReadPath::Reference && fast_.read(text, size, row_)) {
      if (filters_.empty() || passes(row_, filters_)) {
        fast_.keep(row_);
        appendStagedRow(row_, plan_, *out_);
      }
      return;
    }
    if (how_ != JsonReadPath::FastOnly) reference(std::string_view(text, size), line);
  }

  /// One record through stdlib/json's DOM parser and jsonToSlot (the semantics).
  void reference(std::string_view rec, int64_t line) {
    const size_t columns = plan_.types.size();
    const auto& fields = plan_.schema->fields();
    auto where = [&] { return path_ + ":" + std::to_string(line); };
    auto doc = stdlib::parseJson(rec, plan_.options.json);
    bool ok = doc.has_value();
    std::vector<const JsonValue*> rows;
    if (ok) rows = jsonRecordRows(*doc, &ok);
    auto markCorrupt = [&] {
      if (plan_.corruptColumn < 0) return;
      const auto c = static_cast<size_t>(plan_.corruptColumn);
      putSlot(row_.slots[c], arenaString(rec, out_->arena()));
      row_.nulls[c] = 0;
    };
    if (!ok) {
      if (!keepMalformed(plan_, where(), doc ? "not a JSON object" : "not valid JSON")) return;
      row_.reset(columns);
      markCorrupt();
      emit();
      return;
    }
    for (const JsonValue* obj : rows) {
      row_.reset(columns);
      std::string why;
      for (size_t c = 0; c < columns; ++c) {
        if (static_cast<int>(c) == plan_.corruptColumn || plan_.isPartition[c]) continue;
        const StructField& f = fields[static_cast<size_t>(plan_.fieldOf[c])];
        const JsonValue* v = obj->field(f.name);
        if (!v) continue;
        bool null = true;
        if (jsonToSlot(*v, *plan_.types[c], parser_, out_->arena(), row_.slots[c], null)) {
          row_.nulls[c] = null;
        } else if (why.empty()) {
          why = "column '" + f.name + "' (" + f.type->toString() + "): cannot convert " +
                stdlib::serializeJson(*v).substr(0, 80);
        }
      }
      if (!why.empty()) {
        if (!keepMalformed(plan_, where(), why)) continue;
        markCorrupt();
      }
      emit();
    }
  }

  /// One line of a JSON-lines text (without its '\n'), as forEachJsonRecord takes it: a
  /// trailing '\r' dropped, blank lines (and comment-only ones with allowComments) skipped.
  void line(const char* text, size_t size, int64_t line) {
    if (size && text[size - 1] == '\r') --size;
    if (size && text[0] == '{') return record(text, size, line);  // the usual case
    if (isBlankJsonRecord(std::string_view(text, size), plan_.options.json.allowComments)) return;
    record(text, size, line);
  }

 private:
  void emit() {
    if (filters_.empty() || passes(row_, filters_)) appendStagedRow(row_, plan_, *out_);
  }

  const FileReadPlan& plan_;
  const std::string& path_;
  ColumnBatchBuilder* out_ = nullptr;
  const TextValueParser parser_;
  FastJsonReader fast_;
  const JsonReadPath how_;
  const std::vector<RowFilter> filters_;
  StagedRow row_;
};

constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;

// A read buffer for a split of `span` bytes: 4 MiB (less for a small split); it grows for
// a longer line.
size_t bufferSizeFor(int64_t span) {
  return static_cast<size_t>(std::clamp<int64_t>(span, 64 << 10, 4 << 20));
}

// A file open for reading, closed on destruction.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// The records of the lines of `fd` that start in [start, stop): the first split starts at 0
// (after a byte-order mark); the others skip the line the split's start falls into (it
// belongs to the split before). Read in chunks into a reused padded buffer. Returns the
// number of lines read, blank ones included.
int64_t readSplit(int fd, const FileReadPlan& plan, const std::string& path, int64_t start,
                  int64_t stop, int64_t firstLine, RecordReader& reader, ReadBuffer& buf) {
  int64_t base = start > 0 ? start - 1 : 0;  // file offset of buf[0]
  size_t have = 0, at = 0;
  bool eof = false, skipping = start > 0, first = start == 0;
  int64_t line = firstLine;
  size_t tail = 0;  // bytes read past `stop` at a time, for the last line
  for (;;) {
    char* data = buf.data();
    const char* nl =
        at < have ? static_cast<const char*>(std::memchr(data + at, '\n', have - at)) : nullptr;
    if (!nl && !eof) {
      // Refill: keep the partial line, read the next chunk after it.
      if (at > 0) {
        std::memmove(data, data + at, have - at);
        base += static_cast<int64_t>(at);
        have -= at;
        at = 0;
      }
      if (have == buf.size()) buf.grow(have);  // a line longer than the buffer
      data = buf.data();
      // Up to the split's end, then only as far as its last line may reach (in growing
      // steps): reading on into the next split's bytes would copy them for nothing.
      const int64_t upTo = base + static_cast<int64_t>(have);
      size_t want = buf.size() - have;
      if (stop != INT64_MAX) {
        tail = upTo < stop ? size_t{16} << 10 : std::min<size_t>(tail * 2, size_t{1} << 20);
        want =
            std::min<size_t>(want, static_cast<size_t>(std::max<int64_t>(stop - upTo, 0)) + tail);
      }
      const ssize_t n = ::pread(fd, data + have, want, upTo);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0)
        throw ExecutionError("table '" + plan.table + "': error while reading file " + path + ": " +
                             std::strerror(errno));
      if (n == 0) eof = true;
      have += static_cast<size_t>(n);
      // Bytes after `have` up to the padding are whatever an earlier chunk left there:
      // readable, and never part of a record.
      continue;
    }
    // A whole line from `at` (the last one of the file may have no '\n'), or nothing left.
    const size_t end = nl ? static_cast<size_t>(nl - data) : have;
    if (skipping) {
      skipping = false;  // the line holding byte start - 1 belongs to the split before
      if (!nl) break;
      at = end + 1;
      continue;
    }
    if (!nl && at >= have) break;
    if (base + static_cast<int64_t>(at) >= stop) break;
    if (first) {
      first = false;
      if (end - at >= 3 && std::memcmp(data + at, "\xEF\xBB\xBF", 3) == 0) at += 3;
    }
    reader.line(data + at, end - at, line++);
    if (!nl) break;
    at = end + 1;
  }
  return line - firstLine;
}

// Appends every row of `b` to `out` (strings and nested values copied into out's arena).
void appendBatch(const ColumnBatch& b, ColumnBatchBuilder& out, StringBlocks& strings) {
  const auto& types = b.types();
  const auto& cols = b.columns();
  for (int64_t r = 0; r < b.rows(); ++r) {
    for (size_t c = 0; c < types.size(); ++c) {
      if (cols[c].nulls && cols[c].nulls[r]) {
        out.setNull(c);
        continue;
      }
      const void* v = cols[c].values;
      switch (types[c]->id()) {
        case TypeId::Null:
          out.setNull(c);
          break;
        case TypeId::String:
        case TypeId::Binary:
          out.setStringRef(c, strings.copy(static_cast<const StringView*>(v)[r].view()));
          break;
        case TypeId::Struct:
        case TypeId::Array:
        case TypeId::Map:
          out.setNested(c, static_cast<const void* const*>(v)[r]);
          break;
        case TypeId::Boolean:
        case TypeId::Byte:
          out.set(c, static_cast<const uint8_t*>(v)[r]);
          break;
        case TypeId::Short:
          out.set(c, static_cast<const int16_t*>(v)[r]);
          break;
        case TypeId::Int:
        case TypeId::Date:
        case TypeId::Float:
          out.set(c, static_cast<const int32_t*>(v)[r]);
          break;
        case TypeId::Long:
        case TypeId::Timestamp:
        case TypeId::Double:
          out.set(c, static_cast<const int64_t*>(v)[r]);
          break;
        case TypeId::Decimal:
          if (storageOf(*types[c]) == Storage::I64)
            out.set(c, static_cast<const int64_t*>(v)[r]);
          else
            out.set(c, static_cast<const __int128*>(v)[r]);
          break;
        case TypeId::Interval:
          out.set(c, static_cast<const void* const*>(v)[r]);
          break;
      }
    }
    out.endRow();
  }
}

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void readJsonText(std::string_view text, const std::string& path, const FileReadPlan& plan,
                  ColumnBatchBuilder& out, JsonReadPath how) {
  RecordReader reader(plan, path, out, how, text.size());
  if (plan.options.multiLine) {
    // One document (often an array of objects): the reference path.
    forEachJsonRecord(text, plan.options,
                      [&](std::string_view rec, int64_t line) { reader.reference(rec, line); });
    return;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string padded;
  padded.reserve(text.size() + kPadding);
  padded.append(text);
  padded.append(kPadding, ' ');
  const char* data = padded.data();
  int64_t line = 1;
  size_t at = 0;
  while (at < text.size()) {
    const char* nl = static_cast<const char*>(std::memchr(data + at, '\n', text.size() - at));
    const size_t end = nl ? static_cast<size_t>(nl - data) : text.size();
    reader.line(data + at, end - at, line++);
    at = end + 1;
  }
}

namespace {

// A plain JSON-lines file open for reading in byte ranges.
struct OpenFile {
  Fd f;
  int64_t size = 0;
  double rowsPerByte = 0;  // estimated from the first MiB's lines

  bool open(const std::string& path, std::string* error) {
    f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (f.fd < 0 || ::fstat(f.fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      *error = "cannot read file " + path;
      return false;
    }
    size = st.st_size;
    std::string sample(static_cast<size_t>(std::min<int64_t>(size, 1 << 20)), '\0');
    const ssize_t n = ::pread(f.fd, sample.data(), sample.size(), 0);
    if (n > 0)
      rowsPerByte = double(std::count(sample.data(), sample.data() + n, '\n') + 1) / double(n);
    return true;
  }
  // Rows to reserve for `bytes` of the file (a little more than estimated).
  int64_t rowsFor(int64_t bytes) const {
    return static_cast<int64_t>(double(bytes) * rowsPerByte * 1.05) + 16;
  }
};

// Reads the pieces of `file` (n byte ranges at line boundaries) on `workers` threads, ahead
// of the caller by at most `window` pieces, and hands each piece's batch to `consume` in file
// order on the calling thread. The first piece that fails (in file order) fails the read.
void readPieces(const OpenFile& file, const std::string& path, const FileReadPlan& plan, size_t n,
                size_t workers, const BatchConsumer& consume) {
  auto startOf = [&](size_t k) {
    return static_cast<int64_t>(static_cast<__int128>(file.size) * k / n);
  };
  auto stopOf = [&](size_t k) { return k + 1 == n ? INT64_MAX : startOf(k + 1); };
  auto readPiece = [&](size_t k, RecordReader& reader, ReadBuffer& buf, int64_t firstLine,
                       int64_t* lines) {
    ColumnBatchBuilder b(plan.types);
    b.reserve(file.rowsFor(file.size / static_cast<int64_t>(n) + 1));
    reader.setOutput(b, static_cast<size_t>(file.size / static_cast<int64_t>(n)));
    *lines = readSplit(file.f.fd, plan, path, startOf(k), stopOf(k), firstLine, reader, buf);
    return b.finish();
  };
  const size_t bufSize = bufferSizeFor(file.size / static_cast<int64_t>(n) + 1);
  if (workers <= 1) {
    RecordReader reader(plan, path, JsonReadPath::Fast);
    ReadBuffer buf(bufSize);
    int64_t firstLine = 1;
    for (size_t k = 0; k < n; ++k) {
      int64_t lines = 0;
      consume(readPiece(k, reader, buf, firstLine, &lines));
      firstLine += lines;
    }
    return;
  }
  struct Piece {
    ColumnBatch batch;
    int64_t lines = 0;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Piece> pieces(n);
  std::mutex mu;
  std::condition_variable cv;
  size_t consumed = 0;  // pieces handed to consume
  bool cancel = false;
  std::atomic<size_t> next{0};
  const size_t window = 2 * workers;
  auto work = [&] {
    RecordReader reader(plan, path, JsonReadPath::Fast);
    ReadBuffer buf(bufSize);
    for (;;) {
      const size_t k = next.fetch_add(1);
      if (k >= n) return;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return cancel || k < consumed + window; });
        if (cancel) return;
      }
      Piece p;
      try {
        p.batch = readPiece(k, reader, buf, 1, &p.lines);
      } catch (...) {
        p.error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mu);
      pieces[k] = std::move(p);
      pieces[k].ready = true;
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  auto stop = [&] {
    {
      std::lock_guard<std::mutex> lock(mu);
      cancel = true;
    }
    cv.notify_all();
    for (auto& t : threads) t.join();
    threads.clear();
  };
  try {
    for (size_t w = 0; w < workers; ++w) threads.emplace_back(work);
    int64_t firstLine = 1;
    for (size_t k = 0; k < n; ++k) {
      Piece p;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return pieces[k].ready; });
        p = std::move(pieces[k]);
      }
      if (p.error) {
        // A worker numbers a piece's lines from 1: read it again knowing where it starts, for
        // the message (FAILFAST names file:line).
        stop();
        RecordReader reader(plan, path, JsonReadPath::Fast);
        ReadBuffer buf(bufSize);
        int64_t lines = 0;
        readPiece(k, reader, buf, firstLine, &lines);
        std::rethrow_exception(p.error);
      }
      consume(std::move(p.batch));
      firstLine += p.lines;
      {
        std::lock_guard<std::mutex> lock(mu);
        ++consumed;
      }
      cv.notify_all();
    }
  } catch (...) {
    stop();
    throw;
  }
  stop();
}

}  // namespace

bool readJsonFile(const std::string& path, const FileReadPlan& plan, ColumnBatchBuilder& out,
                  std::string* error) {
  if (plan.options.multiLine || endsWith(path, ".gz")) {
    std::string text;
    if (!readSourceFile(path, &text, error)) return false;
    readJsonText(text, path, plan, out);
    return true;
  }
  OpenFile file;
  if (!file.open(path, error)) return false;
  const int64_t size = file.size;
  // Room for the rows up front: the batch's columns are then written once, not copied at
  // every doubling.
  out.reserve(out.rows() + file.rowsFor(size));
  const FileReadParallelism par = fileReadParallelism();
  int64_t splits = std::max<int64_t>(1, size / std::max<int64_t>(1, par.minSplitBytes));
  splits = std::min<int64_t>(splits, std::max(1, par.threads));
  if (splits <= 1) {
    RecordReader reader(plan, path, out, JsonReadPath::Fast, static_cast<size_t>(size));
    ReadBuffer buf(bufferSizeFor(size + 1));
    readSplit(file.f.fd, plan, path, 0, INT64_MAX, 1, reader, buf);
    return true;
  }
  // Byte-range splits at line boundaries, one per thread (this one reads the first, straight
  // into `out`); the others' rows are appended in split order, so the result is the file's
  // order whatever the timing.
  const auto n = static_cast<size_t>(splits);
  auto startOf = [&](size_t k) { return static_cast<int64_t>(k) * (size / splits); };
  auto stopOf = [&](size_t k) { return k + 1 == n ? INT64_MAX : startOf(k + 1); };
  struct Part {
    std::unique_ptr<ColumnBatchBuilder> out;
    int64_t lines = 0;
    std::exception_ptr error;
  };
  std::vector<Part> parts(n);
  auto run = [&](size_t k) {
    try {
      RecordReader reader(plan, path, k == 0 ? out : *parts[k].out, JsonReadPath::Fast,
                          static_cast<size_t>(size / splits));
      ReadBuffer buf(bufferSizeFor(size / splits + 1));
      parts[k].lines = readSplit(file.f.fd, plan, path, startOf(k), stopOf(k), 1, reader, buf);
    } catch (...) {
      parts[k].error = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (size_t k = 1; k < n; ++k) {
    parts[k].out = std::make_unique<ColumnBatchBuilder>(plan.types);
    parts[k].out->reserve(file.rowsFor(size / splits));
    threads.emplace_back(run, k);
  }
  run(0);
  for (auto& t : threads) t.join();
  int64_t firstLine = 1;
  StringBlocks strings(out.arena(), static_cast<size_t>(size));
  for (size_t k = 0; k < n; ++k) {
    if (parts[k].error) {
      // The first failing split in file order fails the read. Its worker numbered lines from
      // 1; read it again knowing where it starts, for the message (FAILFAST names file:line).
      if (k > 0) {
        ColumnBatchBuilder scratch(plan.types);
        RecordReader reader(plan, path, scratch, JsonReadPath::Fast, 0);
        ReadBuffer buf(bufferSizeFor(size / splits + 1));
        readSplit(file.f.fd, plan, path, startOf(k), stopOf(k), firstLine, reader, buf);
      }
      std::rethrow_exception(parts[k].error);
    }
    if (k > 0) appendBatch(parts[k].out->finish(), out, strings);
    firstLine += parts[k].lines;
  }
  return true;
}

bool readJsonFileChunks(const std::string& path, const FileReadPlan& plan,
                        const BatchConsumer& consume, std::string* error) {
  if (plan.options.multiLine || endsWith(path, ".gz")) {
    ColumnBatchBuilder out(plan.types);
    if (!readJsonFile(path, plan, out, error)) return false;
    consume(out.finish());
    return true;
  }
  OpenFile file;
  if (!file.open(path, error)) return false;
  const FileReadParallelism par = fileReadParallelism();
  const int64_t piece = std::max<int64_t>(1, par.chunkBytes);
  const auto n = static_cast<size_t>(std::max<int64_t>(1, (file.size + piece - 1) / piece));
  const auto workers = static_cast<size_t>(std::max(1, par.threads));
  readPieces(file, path, plan, n, std::min(workers, n), consume);
  return true;
}

}  // namespace sluice
