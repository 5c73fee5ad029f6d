#include "planner/connectors/formats.h"

namespace sluice {

// Spark's console sink: each batch printed as show() does.
ConnectorInfo consoleConnector() {
  ConnectorInfo c;
  c.name = "console";
  c.batchWrite = c.streamWrite = true;
  c.options = {"numRows", "truncate"};
  return c;
}

}  // namespace sluice
