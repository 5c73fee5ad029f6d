#include "runtime/files/sink/file_format_writer.h"

#include "frontend/error.h"
#include "planner/sinks/file_sink_spec.h"

namespace sluice {

std::unique_ptr<FileFormatWriter> openFormatWriter(const FileSinkSpec& spec,
                                                   const std::string& path,
                                                   const std::vector<std::string>& names,
                                                   const std::vector<TypePtr>& types) {
  if (spec.format == "json") return openJsonWriter(spec, path, names, types);
  if (spec.format == "csv") return openCsvWriter(spec, path, names, types);
  if (spec.format == "parquet") return openParquetWriter(spec, path, names, types);
  throw ExecutionError("no file writer for format '" + spec.format + "'");
}

}  // namespace sluice
