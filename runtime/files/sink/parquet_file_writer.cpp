// Parquet files of the file sink: an adapter over runtime/files/parquet's ParquetWriter.
#include "frontend/error.h"
#include "planner/sinks/file_sink_spec.h"
#include "runtime/files/sink/file_format_writer.h"

namespace sluice {

std::unique_ptr<FileFormatWriter> openParquetWriter(const FileSinkSpec& spec,
                                                    const std::string& path,
                                                    const std::vector<std::string>&,
                                                    const std::vector<TypePtr>&) {
  throw ExecutionError("writing parquet table " + spec.table + " (" + path +
                       "): the Parquet writer is not built yet");
}

}  // namespace sluice
