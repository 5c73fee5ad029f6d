#include "planner/connectors/formats.h"

namespace sluice {

// Spark's Kafka integration: source and sink options in their canonical spelling; kafka.*
// client settings pass through (Spark's refusals are checked in planner/sources/kafka_source).
ConnectorInfo kafkaConnector() {
  ConnectorInfo c;
  c.name = "kafka";
  c.batchRead = c.streamRead = c.batchWrite = c.streamWrite = true;
  c.options = {"assign",
               "subscribe",
               "subscribePattern",
               "bootstrapServers",
               "startingOffsets",
               "endingOffsets",
               "startingOffsetsByTimestamp",
               "endingOffsetsByTimestamp",
               "startingTimestamp",
               "endingTimestamp",
               "startingOffsetsByTimestampStrategy",
               "failOnDataLoss",
               "kafkaConsumer.pollTimeoutMs",
               "fetchOffset.numRetries",
               "fetchOffset.retryIntervalMs",
               "maxOffsetsPerTrigger",
               "minOffsetsPerTrigger",
               "maxTriggerDelay",
               "minPartitions",
               "maxRecordsPerPartition",
               "groupIdPrefix",
               "includeHeaders",
               "topic"};
  c.passThroughPrefix = "kafka.";
  return c;
}

}  // namespace sluice
