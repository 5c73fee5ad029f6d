#pragma once
// A streaming source at run time. Offsets are the source's own JSON text, exactly what the
// checkpoint's offsets/<n> line and sources/<i>/0 hold for it (Spark writes each source's
// offsets as JSON in the order of the query's sources), so the micro-batch loop handles any
// number of sources of any kind without knowing what an offset is.
#include <cstdint>
#include <string>

#include "runtime/column_batch.h"

namespace sluice {

class StopSource;

class StreamSource {
 public:
  virtual ~StreamSource() = default;

  /// For progress reports and errors, e.g. `KafkaV2[Subscribe[events]]`.
  virtual std::string description() const = 0;
  /// A new query's start offsets (startingOffsets and friends).
  virtual std::string initialOffsets() = 0;
  /// The newest offsets available now.
  virtual std::string latestOffsets() = 0;
  /// End offsets of the next batch starting at `start`, after the source's rate limits
  /// (maxOffsetsPerTrigger, minOffsetsPerTrigger + maxTriggerDelay). Equal to `start` when
  /// the source has nothing it wants to process now.
  virtual std::string planBatch(const std::string& start) = 0;
  /// `end` limited to `limit` (availableNow stops at the offsets that existed at start).
  virtual std::string clampTo(const std::string& end, const std::string& limit) = 0;
  /// Whether `at` has reached `target` everywhere.
  virtual bool reached(const std::string& at, const std::string& target) = 0;
  /// The rows of [start, end), as the scan's output columns in order.
  virtual ColumnBatch read(const std::string& start, const std::string& end) = 0;
  /// The same rows handed to `consume` as one or more batches in order (at least one); a
  /// source whose batches can be large reads them in chunks. A batch must own (or keep
  /// alive, ColumnBatch::keepAlive) what it points into: partition-parallel execution may
  /// process it on a worker thread after the call returned (never after the query's batch
  /// ended, while the source still exists).
  virtual void read(const std::string& start, const std::string& end,
                    const BatchConsumer& consume) {
    consume(read(start, end));
  }
  /// Records in [start, end) (progress, minOffsetsPerTrigger).
  virtual int64_t recordsBetween(const std::string& start, const std::string& end) = 0;
  /// What the source waits for right now, for status lines, e.g. "waiting for topic 'x' to be
  /// created" ("" when nothing).
  virtual std::string waitingFor() const { return ""; }
  /// The newest offsets the source saw when it last planned a batch (Spark's latestOffset in
  /// progress reports), "" when it does not know.
  virtual std::string lastLatestOffsets() const { return ""; }
  /// Whether the query records initialOffsets() in sources/<i>/0 (Spark's Kafka source). A
  /// source that keeps its own log there (the file source) says false.
  virtual bool recordsInitialOffsets() const { return true; }
};

}  // namespace sluice
