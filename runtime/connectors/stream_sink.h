#pragma once
// A streaming (or INSERT) sink at run time: the RowSink the query's last pipeline emits into,
// plus batch boundaries.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "codegen/abi.h"
#include "planner/expr.h"
#include "sluice/table.h"

namespace sluice {

class StopSource;

class StreamSink : public RowSink {
 public:
  /// Starts batch `batchId`.
  virtual void beginBatch(int64_t batchId) = 0;
  /// Makes the batch's rows durable / visible; throws ExecutionError if that failed (the
  /// batch then does not commit and is replayed on restart), or Interrupted when `stop` is
  /// requested while it waits.
  virtual void endBatch(const StopSource* stop = nullptr) = 0;
  /// Rows emitted in the current batch.
  int64_t rowsInBatch() const { return rows_; }
  /// For progress reports, e.g. "KafkaSink[nest-camera-stats]".
  virtual std::string description() const = 0;
  /// What endBatch waits for right now, for status lines ("" when nothing).
  virtual std::string waitingFor() const { return ""; }
  /// The stop request that waits inside the sink honour (writes under back-pressure, flushes);
  /// must outlive the sink.
  virtual void setStop(const StopSource* stop) { stop_ = stop; }
  /// Called (on the batch's thread) with what a long wait inside the sink waits for, e.g.
  /// "waiting for acks of 120 records to topic 'out'", and with "" when it ends.
  virtual void setOnWait(std::function<void(std::string_view)> onWait) {}
  /// The id of the streaming query writing (its checkpoint's `metadata` id), set before
  /// every batch; sinks that make replays idempotent (Kafka's exactlyOnce) mark records
  /// with it. Not called for INSERT.
  virtual void setQueryId(const std::string& queryId) {}

 protected:
  int64_t rows_ = 0;
  const StopSource* stop_ = nullptr;
};

/// A sink that hands each batch to `onBatch(batchId, rows)` (the embedding API's callback).
std::unique_ptr<StreamSink> makeCallbackSink(
    const std::vector<Attribute>& columns,
    std::function<void(int64_t batchId, const Table& rows)> onBatch);

}  // namespace sluice
