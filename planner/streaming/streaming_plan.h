#pragma once
// Every decision a streaming query's runtime executes, made once at planning time: the
// trigger, which scans are streams (and their source index in the offsets log), which
// pipelines read only static inputs, the stateful operators with their state operator id,
// event-time key and emit behaviour, the watermark operators and how several combine, and the
// sink's format and options. The runtime (runtime/stream) never guesses from names or shapes.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "planner/analysis/streaming_checks.h"
#include "planner/physical/operators.h"
#include "planner/physical/physical_planner.h"
#include "planner/session/settings.h"
#include "planner/streaming/event_time.h"
#include "planner/streaming/static_refresh.h"
#include "planner/streaming/trigger.h"
#include "planner/streaming/watermark_propagation.h"

namespace sluice {

/// Settings of CREATE STREAMING QUERY ... OPTIONS (...), with Spark's names.
struct StreamingQuerySpec {
  std::string name;
  std::string checkpointLocation;  ///< required
  OutputMode outputMode = OutputMode::Append;
  Trigger trigger;                             ///< parsed once; the runtime executes it as is
  std::map<std::string, std::string> options;  ///< all options as written
};

/// Which rows a stateful aggregate emits after a batch (Spark's output modes).
enum class StateEmit {
  All,        ///< complete: every group
  Updated,    ///< update: groups changed by the batch
  Finalized,  ///< append: groups the watermark closed, once
};

/// A stateful operator of the query: its state lives in state/<operatorId>/0/.
struct StatefulOperator {
  const PhysHashAggregate* op = nullptr;
  int64_t operatorId = 0;                    ///< position in state/ (Spark's operator id)
  std::optional<EventTimeKey> eventTimeKey;  ///< set when a watermark can close its groups
  StateEmit emit = StateEmit::All;
  /// The watermark it applies to its input, relative to the query's (an aggregation after
  /// another aggregation or after a stream-stream join; planner/streaming/watermark_propagation.h).
  InputWatermark inputWatermark;
};

/// A stateful operator that keeps its own state (a stream-stream join in
/// state/<operatorId>/0/{left,right}, a deduplication in state/<operatorId>/0/).
struct KeyedStateOperator {
  const PhysicalOp* op = nullptr;  ///< a PhysStreamJoin or a PhysStreamDedup
  int64_t operatorId = 0;          ///< position in state/, numbered with the aggregations
};

struct StreamingPlan {
  StreamingQuerySpec spec;
  /// Streaming scans; a scan's position is its source index (offsets/<n> line, sources/<i>/).
  std::vector<const PhysScan*> sources;
  std::set<int> staticPipelines;  ///< pipelines over static inputs (run in the first batch)
  /// Which static pipelines run again in later batches (re-read jdbc tables), and when.
  StaticRefreshPlan staticRefresh;
  std::vector<StatefulOperator> stateful;
  std::vector<KeyedStateOperator> keyed;         ///< stream-stream joins and deduplications
  std::vector<const PhysWatermark*> watermarks;  ///< event-time operators over the streams
  WatermarkPolicy watermarkPolicy = WatermarkPolicy::Min;
  const PhysSink* sink = nullptr;  ///< where the rows go (format and options on the node)

  /// The source index of `scan`, or -1 if it is not a stream.
  int sourceIndex(const PhysScan* scan) const;
};

/// Derives the streaming plan of `physical` (a streaming query's plan). Throws PlanError when
/// the plan cannot run as the spec asks (e.g. append mode without a usable event-time key).
StreamingPlan planStreaming(const PhysicalPlan& physical, StreamingQuerySpec spec,
                            WatermarkPolicy policy);

}  // namespace sluice
