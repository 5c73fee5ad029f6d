#include "planner/connectors/formats.h"
#include "planner/sources/kafka_source.h"

namespace sluice {

// Spark's Kafka integration: source and sink options in their canonical spelling; kafka.*
// client settings pass through (Spark's refusals are checked in planner/sources/kafka_source).
ConnectorInfo kafkaConnector() {
  ConnectorInfo c;
  c.name = "kafka";
  c.batchRead = c.streamRead = c.batchWrite = c.streamWrite = true;
  c.options = sparkKafkaSourceOptions();    // "topic" is the sink's
  c.options.push_back("bootstrapServers");  // Databricks' name of kafka.bootstrap.servers
  c.passThroughPrefix = "kafka.";
  return c;
}

}  // namespace sluice
