#include "planner/connectors/formats.h"

namespace sluice {

// Spark's noop sink: runs the query, discards the rows (benchmarks).
ConnectorInfo noopConnector() {
  ConnectorInfo c;
  c.name = "noop";
  c.batchWrite = c.streamWrite = true;
  return c;
}

}  // namespace sluice
