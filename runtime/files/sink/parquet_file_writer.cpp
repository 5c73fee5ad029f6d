// Parquet files of the file sink: an adapter over runtime/files/parquet's ParquetWriter, plus
// the fsync the sink's commit protocol needs before a file is renamed into view.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "frontend/error.h"
#include "planner/sinks/file_sink_spec.h"
#include "runtime/files/parquet/parquet_writer.h"
#include "runtime/files/sink/file_format_writer.h"

namespace sluice {
namespace {

class ParquetFileWriter : public FileFormatWriter {
 public:
  ParquetFileWriter(const FileSinkSpec& spec, const std::string& path,
                    const std::vector<std::string>& names, const std::vector<TypePtr>& types)
      : path_(path), writer_(path, names, types, options(spec)) {}

  void appendRow(const RowSlot* slots, const uint8_t* nulls) override {
    writer_.appendRow(slots, nulls);
    ++rows_;
  }

  void finish() override {
    writer_.close();
    const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fdatasync(fd) != 0) {
      const int err = errno;
      if (fd >= 0) ::close(fd);
      throw ExecutionError("cannot sync file " + path_ + ": " + std::strerror(err));
    }
    ::close(fd);
  }

 private:
  // The codec was checked and normalized at analysis (FileSinkSpec::compression).
  static ParquetWriteOptions options(const FileSinkSpec& spec) {
    auto o = spec.parquetOptions;
    o["compression"] = spec.compression.empty() ? "none" : spec.compression;
    return parquetWriteOptions(o);
  }

  std::string path_;
  ParquetWriter writer_;
};

}  // namespace

std::unique_ptr<FileFormatWriter> openParquetWriter(const FileSinkSpec& spec,
                                                    const std::string& path,
                                                    const std::vector<std::string>& names,
                                                    const std::vector<TypePtr>& types) {
  return std::make_unique<ParquetFileWriter>(spec, path, names, types);
}

}  // namespace sluice
