#include <optional>

#include "frontend/error.h"
#include "frontend/text.h"
#include "runtime/connectors/sinks.h"
#include "runtime/kafka/kafka_writer.h"
#include "runtime/stop_source.h"

namespace sluice {
namespace {

int findColumn(const std::vector<Attribute>& columns, const char* name) {
  for (size_t i = 0; i < columns.size(); ++i)
    if (equalsIgnoreCase(columns[i].name, name)) return static_cast<int>(i);
  return -1;
}

bool isBytes(const DataType& t) {
  return t.id() == TypeId::String || t.id() == TypeId::Binary;
}

// Spark's Kafka sink: value (string or binary) required; key, topic, partition optional.
class KafkaSink : public StreamSink {
 public:
  explicit KafkaSink(const PhysSink& sink) : writer_(sink.options) {
    const std::string& table = sink.target;
    const std::vector<Attribute>& columns = sink.columns;
    value_ = findColumn(columns, "value");
    key_ = findColumn(columns, "key");
    topic_ = findColumn(columns, "topic");
    partition_ = findColumn(columns, "partition");
    auto need = [&](int c, const char* what, bool ok) {
      if (c >= 0 && !ok)
        throw ExecutionError("the Kafka sink " + table + " needs the " + what + " column to be " +
                             (std::string(what) == "partition" ? "an int" : "a string or binary") +
                             ", not " + columns[static_cast<size_t>(c)].type->toString());
    };
    if (value_ < 0)
      throw ExecutionError("the Kafka sink " + table +
                           " needs a column named value (string or binary), as in Spark");
    need(value_, "value", isBytes(*columns[static_cast<size_t>(value_)].type));
    need(key_, "key", key_ < 0 || isBytes(*columns[static_cast<size_t>(key_)].type));
    need(topic_, "topic",
         topic_ < 0 || columns[static_cast<size_t>(topic_)].type->id() == TypeId::String);
    need(partition_, "partition",
         partition_ < 0 || columns[static_cast<size_t>(partition_)].type->id() == TypeId::Int);
    if (writer_.topic().empty() && topic_ < 0)
      throw ExecutionError("the Kafka sink " + table +
                           " needs a topic: OPTIONS (topic '...') or a topic column");
    description_ = "KafkaSink[" +
                   (writer_.topic().empty() ? std::string("<topic column>") : writer_.topic()) +
                   "]";
  }
  void beginBatch(int64_t) override { rows_ = 0; }
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    auto bytes = [&](int c) -> std::optional<std::string_view> {
      if (c < 0 || nulls[c]) return std::nullopt;
      return slots[c].as<StringView>().view();
    };
    std::string_view topic;
    if (topic_ >= 0 && !nulls[topic_]) topic = slots[topic_].as<StringView>().view();
    const int32_t partition =
        partition_ >= 0 && !nulls[partition_] ? slots[partition_].as<int32_t>() : -1;
    writer_.write(bytes(key_), bytes(value_), topic, partition);
    ++rows_;
  }
  void endBatch(const StopSource* stop) override {
    writer_.flush([stop] { return stop && stop->stopRequested(); });
  }
  void setStop(const StopSource* stop) override {
    StreamSink::setStop(stop);
    writer_.setStopCheck([stop] { return stop && stop->stopRequested(); });
  }
  std::string waitingFor() const override { return writer_.waitingFor(); }
  void setOnWait(std::function<void(std::string_view)> onWait) override {
    writer_.setOnWait(std::move(onWait));
  }
  std::string description() const override { return description_; }

 private:
  KafkaWriter writer_;
  int value_, key_, topic_, partition_;
  std::string description_;
};

}  // namespace

std::unique_ptr<StreamSink> openKafkaSink(const PhysSink& sink) {
  return std::make_unique<KafkaSink>(sink);
}

}  // namespace sluice
