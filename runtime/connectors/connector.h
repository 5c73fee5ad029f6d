#pragma once
// The connector registry, run-time side: per format (the names of planner/connectors), how to
// read a table in a batch query, how to open it as a stream, and how to open a sink on it.
// Missing entries are uses the analysis side already refuses.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "planner/physical/phys_scan.h"
#include "planner/physical/phys_sink.h"
#include "runtime/column_batch.h"
#include "runtime/connectors/stream_sink.h"
#include "runtime/connectors/stream_source.h"

namespace sluice {

/// How a stream is going to be consumed (decided by the plan's trigger).
struct StreamOpenOptions {
  /// once / availableNow: the query processes what exists at start and ends, so sources fail
  /// on what is missing instead of waiting for it, and minOffsetsPerTrigger does not apply.
  bool toCompletion = false;
  /// The query's stop request, which waits inside the source honour; must outlive it.
  const StopSource* stop = nullptr;
  /// Called with what a long wait inside the source waits for ("" when it ends).
  std::function<void(std::string_view)> onWait;
  /// `<checkpoint>/sources`, where sources keep their own logs (`<i>/` per source); empty
  /// when the query only is checked (sluice check), and then nothing may be written.
  std::string sourcesDir;
  /// This source's index among the query's sources (its `sources/<i>/` directory).
  int sourceIndex = 0;
};

struct RuntimeConnector {
  std::string name;
  /// Every row of `scan` for a batch query.
  ColumnBatch (*readBatch)(const PhysScan& scan) = nullptr;
  /// `scan` as a stream.
  std::unique_ptr<StreamSource> (*openStream)(const PhysScan& scan,
                                              const StreamOpenOptions& options) = nullptr;
  /// A sink writing into `sink`'s table (format and options on the node).
  std::unique_ptr<StreamSink> (*openSink)(const PhysSink& sink) = nullptr;
  /// Every row of `scan` for a batch query in several batches, in order (optional: for
  /// sources worth streaming through the kernels, so memory stays bounded).
  void (*readBatchChunks)(const PhysScan& scan, const BatchConsumer& consume) = nullptr;
};

/// The entry of `format`; throws ExecutionError naming the format if there is none.
const RuntimeConnector& runtimeConnector(std::string_view format);

}  // namespace sluice
