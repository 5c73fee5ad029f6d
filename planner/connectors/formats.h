#pragma once
// The registry rows of the built-in formats, one file each (kafka.cpp, console.cpp, ...).
// Adding a format: a file defining its row, a declaration here, one line in registry.cpp,
// and its run-time side in runtime/connectors/.
#include "planner/connectors/connector.h"

namespace sluice {

ConnectorInfo kafkaConnector();
ConnectorInfo consoleConnector();
ConnectorInfo memoryConnector();
ConnectorInfo csvConnector();
ConnectorInfo jsonConnector();
ConnectorInfo parquetConnector();
ConnectorInfo textConnector();
ConnectorInfo noopConnector();
ConnectorInfo jdbcConnector();

}  // namespace sluice
