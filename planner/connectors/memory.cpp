#include "planner/connectors/formats.h"

namespace sluice {

// Spark's memory sink: rows kept by the engine, readable with SELECT (api/memory_tables).
ConnectorInfo memoryConnector() {
  ConnectorInfo c;
  c.name = "memory";
  c.batchRead = c.batchWrite = c.streamWrite = true;
  c.note = "a memory table is a sink; read it with a batch SELECT";
  return c;
}

}  // namespace sluice
