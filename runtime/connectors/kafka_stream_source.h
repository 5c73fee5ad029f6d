#pragma once
// The Kafka source as a stream: KafkaReader plus Spark's per-trigger rate options
// (maxOffsetsPerTrigger in the reader; minOffsetsPerTrigger + maxTriggerDelay here).
#include <memory>

#include "runtime/connectors/connector.h"

namespace sluice {

/// Opens Kafka scan `scan` as a stream.
std::unique_ptr<StreamSource> openKafkaStream(const PhysScan& scan,
                                              const StreamOpenOptions& options);

/// Spark's time strings (Utils.timeStringAsMs): "15m", "30s", "100ms", "1h", "2d"; a bare
/// number is milliseconds. Throws ExecutionError naming `option`.
int64_t timeStringMs(const std::string& text, const std::string& option);

}  // namespace sluice
