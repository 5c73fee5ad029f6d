#pragma once
// The Kafka source as a stream: KafkaReader plus Spark's per-trigger rate options
// (maxOffsetsPerTrigger in the reader; minOffsetsPerTrigger + maxTriggerDelay here).
#include <memory>

#include "runtime/connectors/connector.h"

namespace sluice {

/// Opens Kafka scan `scan` as a stream.
std::unique_ptr<StreamSource> openKafkaStream(const PhysScan& scan,
                                              const StreamOpenOptions& options);

}  // namespace sluice
