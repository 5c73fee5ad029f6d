#pragma once
// The built-in sinks, one file each (kafka_sink.cpp, console_sink.cpp, noop_sink.cpp,
// callback_sink.cpp), registered in registry.cpp.
#include <memory>
#include <string>
#include <vector>

#include "planner/physical/phys_sink.h"
#include "runtime/connectors/stream_sink.h"
#include "runtime/table.h"

namespace sluice {

/// A sink that collects each batch's rows into a Table (console, host callbacks).
class TableSink : public StreamSink {
 public:
  explicit TableSink(const std::vector<Attribute>& columns);
  void beginBatch(int64_t batchId) override;
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override;

 protected:
  /// The current batch's rows (the builder starts over).
  Table takeRows() { return builder_.finish(); }
  /// The zone the collected tables show timestamps in.
  void setTimeZone(const std::string& zone) { builder_.setTimeZone(zone); }
  int64_t batch_ = 0;  ///< the current batch id

 private:
  TableBuilder builder_;
};

std::unique_ptr<StreamSink> openKafkaSink(const PhysSink& sink);
std::unique_ptr<StreamSink> openConsoleSink(const PhysSink& sink);
std::unique_ptr<StreamSink> openNoopSink(const PhysSink& sink);

/// The names / types of `columns` (TableBuilder's arguments).
std::vector<std::string> columnNames(const std::vector<Attribute>& columns);
std::vector<TypePtr> columnTypes(const std::vector<Attribute>& columns);

}  // namespace sluice
