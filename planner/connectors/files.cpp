#include "planner/connectors/formats.h"

namespace sluice {
namespace {

// File formats: file sinks write append only (Spark's FileStreamSink). Options are not listed:
// Spark's file readers ignore options they do not know, and so does sluice.
ConnectorInfo fileConnector(const char* name, bool readable) {
  ConnectorInfo c;
  c.name = name;
  c.batchRead = readable;
  c.sinkModes = {OutputMode::Append};
  c.note = readable ? "file sinks and file streams are not built yet"
                    : std::string(name) + " files can be declared but not read or written yet";
  return c;
}

}  // namespace

ConnectorInfo csvConnector() {
  return fileConnector("csv", true);
}
ConnectorInfo jsonConnector() {
  return fileConnector("json", true);
}
ConnectorInfo parquetConnector() {
  return fileConnector("parquet", true);
}
ConnectorInfo textConnector() {
  return fileConnector("text", false);
}

}  // namespace sluice
