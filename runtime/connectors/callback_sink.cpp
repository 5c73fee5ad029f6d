#include "runtime/connectors/sinks.h"
#include "runtime/table.h"

namespace sluice {
namespace {

class CallbackSink : public StreamSink {
 public:
  CallbackSink(const std::vector<Attribute>& columns,
               std::function<void(int64_t, const Table&)> onBatch)
      : builder_(columnNames(columns), columnTypes(columns)), onBatch_(std::move(onBatch)) {}
  void beginBatch(int64_t id) override {
    batch_ = id;
    rows_ = 0;
  }
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    builder_.emitRow(slots, nulls);
    ++rows_;
  }
  void endBatch(const StopSource*) override { onBatch_(batch_, builder_.finish()); }
  std::string description() const override { return "CallbackSink"; }

 private:
  TableBuilder builder_;
  std::function<void(int64_t, const Table&)> onBatch_;
  int64_t batch_ = 0;
};

}  // namespace

std::unique_ptr<StreamSink> makeCallbackSink(
    const std::vector<Attribute>& columns,
    std::function<void(int64_t batchId, const Table& rows)> onBatch) {
  return std::make_unique<CallbackSink>(columns, std::move(onBatch));
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
