#include "planner/connectors/formats.h"

namespace sluice {
namespace {

// File formats: file sinks write append only (Spark's FileStreamSink), batch INSERT appends
// files too. Options are not listed: Spark's file readers ignore options they do not know,
// and so does sluice.
ConnectorInfo fileConnector(const char* name, bool readable, bool writable) {
  ConnectorInfo c;
  c.name = name;
  c.fileBased = true;
  c.batchRead = readable;
  c.streamRead = readable;
  c.batchWrite = writable;
  c.streamWrite = writable;
  c.sinkModes = {OutputMode::Append};
  if (!readable && !writable)
    c.note = std::string(name) + " files can be declared but not read or written yet";
  else if (!readable)
    c.note = std::string(name) + " files can be written but not read yet";

  return c;
}

}  // namespace

ConnectorInfo csvConnector() {
  return fileConnector("csv", true, true);
}
ConnectorInfo jsonConnector() {
  return fileConnector("json", true, true);
}
ConnectorInfo parquetConnector() {
  return fileConnector("parquet", true, true);
}
ConnectorInfo textConnector() {
  return fileConnector("text", false, false);
}

}  // namespace sluice
