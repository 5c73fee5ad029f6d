#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/file_source.h"
#include "runtime/connectors/connector.h"
#include "runtime/connectors/file_stream_source.h"
#include "runtime/connectors/jdbc/jdbc_reader.h"
#include "runtime/connectors/kafka_stream_source.h"
#include "runtime/connectors/sinks.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/files/file_reader.h"
#include "runtime/files/parquet/parquet_reader.h"
#include "runtime/files/sink/file_sink.h"

namespace sluice {
namespace {

ColumnBatch readFile(const PhysScan& scan) {
  return readFileTable(scan.scan);
}

void readFileChunks(const PhysScan& scan, const BatchConsumer& consume) {
  readFileTableChunks(scan.scan, consume);
}

// One line per format: name, batch reader, stream opener, sink opener[, chunked batch reader].
// (memory tables belong to an Engine: api/memory_tables.)
const std::vector<RuntimeConnector>& registry() {
  static const std::vector<RuntimeConnector> rows = {
      {"kafka", readKafkaTable, openKafkaStream, openKafkaSink, readKafkaTableChunks},
      {"console", nullptr, nullptr, openConsoleSink},
      {"noop", nullptr, nullptr, openNoopSink},
      {"csv", readFile, openFileStream, openFileSink},
      {"json", readFile, openFileStream, openFileSink, readFileChunks},
      {"parquet", readFile, openFileStream, openFileSink},
      {"jdbc", readJdbcTable, nullptr, nullptr, readJdbcTableChunks},
  };
  return rows;
}

// CREATE TABLE ... USING parquet without columns reads the schema of the first file; the
// planner reaches the reader through this hook (it cannot depend on the runtime). Installed
// at load time: every program that runs queries links this file.
const bool kParquetSchemaReaderInstalled = (setParquetSchemaReader(&readParquetSchema), true);

}  // namespace

const RuntimeConnector& runtimeConnector(std::string_view format) {
  for (const auto& c : registry())
    if (equalsIgnoreCase(c.name, format)) return c;
  throw ExecutionError("no run-time connector for format '" + std::string(format) + "'");
}

}  // namespace sluice
