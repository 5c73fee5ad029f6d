#include "runtime/stream/state_partitions.h"

#include "frontend/error.h"

namespace sluice {

int32_t statePartitions(const RestartPlan& restart, int32_t sessionValue) {
  const std::optional<OffsetSeq>& logged =
      restart.replay ? restart.replayOffsets : restart.committedOffsets;
  if (!logged) return sessionValue;
  if (!logged->metadata) return 1;
  auto it = logged->metadata->conf.find(kShufflePartitionsConf);
  if (it == logged->metadata->conf.end()) return 1;
  const std::string& v = it->second;
  const std::string batch =
      std::to_string(restart.replay ? restart.nextBatchId : restart.nextBatchId - 1);
  if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(v) < 1)
    throw ExecutionError("checkpoint: offsets/" + batch + " records " + kShufflePartitionsConf +
                         " = '" + v + "', expected a positive number (a damaged checkpoint?)");
  return std::stoi(v);
}

}  // namespace sluice
