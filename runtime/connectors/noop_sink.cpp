#include "runtime/connectors/sinks.h"

namespace sluice {
namespace {

// Spark's noop sink: the query runs, the rows are counted and dropped.
class NoopSink : public StreamSink {
 public:
  void beginBatch(int64_t) override { rows_ = 0; }
  void emitRow(const RowSlot*, const uint8_t*) override { ++rows_; }
  void endBatch(const StopSource*) override {}
  std::string description() const override { return "NoopSink"; }
};

}  // namespace

std::unique_ptr<StreamSink> openNoopSink(const PhysSink&) {
  return std::make_unique<NoopSink>();
}

}  // namespace sluice
