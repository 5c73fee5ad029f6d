#include "planner/connectors/formats.h"
#include "planner/sources/jdbc/jdbc_options.h"

namespace sluice {

// Database tables through Spark's JDBC option names (planner/sources/jdbc): batch reads and
// the static side of streaming queries; nothing is written to databases.
ConnectorInfo jdbcConnector() {
  ConnectorInfo c;
  c.name = "jdbc";
  c.batchRead = true;
  c.options = jdbcOptionNames();
  c.note =
      "a jdbc table is read in batch queries and as the static side of a streaming join; "
      "sluice does not write to databases";
  return c;
}

}  // namespace sluice
