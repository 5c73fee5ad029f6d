#pragma once
// The sinks of streaming queries: Kafka (Spark's columns key / value / topic / partition),
// the console (Spark's `Batch: N` header and table) and a callback sink for embedding hosts.
// Each is a RowSink the query's last pipeline emits into, plus batch boundaries.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "planner/expr.h"
#include "sluice/table.h"

namespace sluice {

class StreamSink : public RowSink {
 public:
  /// Starts batch `batchId`.
  virtual void beginBatch(int64_t batchId) = 0;
  /// Makes the batch's rows durable / visible; throws ExecutionError if that failed (the
  /// batch then does not commit and is replayed on restart).
  virtual void endBatch() = 0;
  /// Rows emitted in the current batch.
  int64_t rowsInBatch() const { return rows_; }
  /// For progress reports, e.g. "KafkaSink[nest-camera-stats]".
  virtual std::string description() const = 0;

 protected:
  int64_t rows_ = 0;
};

/// The sink for a table of `format` (kafka, console) with `options`, receiving `columns`.
/// Throws ExecutionError naming the table for formats and options it cannot write.
std::unique_ptr<StreamSink> makeStreamSink(const std::string& table, const std::string& format,
                                           const std::map<std::string, std::string>& options,
                                           const std::vector<Attribute>& columns);

/// A sink that hands each batch to `onBatch(batchId, rows)` (the embedding API's callback).
std::unique_ptr<StreamSink> makeCallbackSink(
    const std::vector<Attribute>& columns,
    std::function<void(int64_t batchId, const Table& rows)> onBatch);

}  // namespace sluice
