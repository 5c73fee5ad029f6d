#include "runtime/connectors/sinks.h"
#include "runtime/table.h"

namespace sluice {
namespace {

class CallbackSink : public TableSink {
 public:
  CallbackSink(const std::vector<Attribute>& columns,
               std::function<void(int64_t, const Table&)> onBatch)
      : TableSink(columns), onBatch_(std::move(onBatch)) {}
  void endBatch(const StopSource*) override { onBatch_(batch_, takeRows()); }
  std::string description() const override { return "CallbackSink"; }

 private:
  std::function<void(int64_t, const Table&)> onBatch_;
};

}  // namespace

std::unique_ptr<StreamSink> makeCallbackSink(
    const std::vector<Attribute>& columns,
    std::function<void(int64_t batchId, const Table& rows)> onBatch) {
  return std::make_unique<CallbackSink>(columns, std::move(onBatch));
}

TableSink::TableSink(const std::vector<Attribute>& columns)
    : builder_(columnNames(columns), columnTypes(columns)) {}

void TableSink::beginBatch(int64_t batchId) {
  batch_ = batchId;
  rows_ = 0;
}

void TableSink::emitRow(const RowSlot* slots, const uint8_t* nulls) {
  builder_.emitRow(slots, nulls);
  ++rows_;
}

std::vector<std::string> columnNames(const std::vector<Attribute>& c) {
  std::vector<std::string> out;
  for (const auto& a : c) out.push_back(a.name);
  return out;
}

std::vector<TypePtr> columnTypes(const std::vector<Attribute>& c) {
  std::vector<TypePtr> out;
  for (const auto& a : c) out.push_back(a.type);
  return out;
}

}  // namespace sluice
