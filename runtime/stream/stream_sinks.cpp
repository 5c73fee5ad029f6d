#include "runtime/stream/stream_sinks.h"

#include <cstdio>
#include <iostream>
#include <optional>

#include "frontend/error.h"
#include "frontend/text.h"
#include "runtime/kafka/kafka_writer.h"
#include "runtime/table.h"

namespace sluice {
namespace {

int findColumn(const std::vector<Attribute>& columns, const char* name) {
  for (size_t i = 0; i < columns.size(); ++i)
    if (equalsIgnoreCase(columns[i].name, name)) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> names(const std::vector<Attribute>& c) {
  std::vector<std::string> out;
  for (const auto& a : c) out.push_back(a.name);
  return out;
}

std::vector<TypePtr> types(const std::vector<Attribute>& c) {
  std::vector<TypePtr> out;
  for (const auto& a : c) out.push_back(a.type);
  return out;
}

bool isBytes(const DataType& t) {
  return t.id() == TypeId::String || t.id() == TypeId::Binary;
}

class KafkaSink : public StreamSink {
 public:
  KafkaSink(const std::string& table, const std::map<std::string, std::string>& options,
            const std::vector<Attribute>& columns)
      : writer_(options) {
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
  void endBatch() override { writer_.flush(); }
  std::string description() const override { return description_; }

 private:
  KafkaWriter writer_;
  int value_, key_, topic_, partition_;
  std::string description_;
};

class ConsoleSink : public StreamSink {
 public:
  ConsoleSink(const std::string& table, const std::map<std::string, std::string>& options,
              const std::vector<Attribute>& columns)
      : builder_(names(columns), types(columns)) {
    for (const auto& [k, v] : options) {
      const std::string key = asciiLower(k);
      if (key == "numrows") {
        try {
          numRows_ = std::stoll(v);
        } catch (...) {
          throw ExecutionError("console table " + table + ": numRows must be a number, not '" + v +
                               "'");
        }
      } else if (key == "truncate") {
        const std::string b = asciiLower(v);
        if (b != "true" && b != "false")
          throw ExecutionError("console table " + table + ": truncate must be true or false");
        truncate_ = b == "true";
      }
    }
  }
  void beginBatch(int64_t id) override {
    batch_ = id;
    rows_ = 0;
  }
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    builder_.emitRow(slots, nulls);
    ++rows_;
  }
  void endBatch() override {
    const Table t = builder_.finish();
    std::cout << "-------------------------------------------\nBatch: " << batch_
              << "\n-------------------------------------------\n"
              << t.show(numRows_, truncate_ ? 20 : 0) << "\n"
              << std::flush;
  }
  std::string description() const override { return "ConsoleSink"; }

 private:
  TableBuilder builder_;
  int64_t numRows_ = 20;
  bool truncate_ = true;
  int64_t batch_ = 0;
};

class CallbackSink : public StreamSink {
 public:
  CallbackSink(const std::vector<Attribute>& columns,
               std::function<void(int64_t, const Table&)> onBatch)
      : builder_(names(columns), types(columns)), onBatch_(std::move(onBatch)) {}
  void beginBatch(int64_t id) override {
    batch_ = id;
    rows_ = 0;
  }
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    builder_.emitRow(slots, nulls);
    ++rows_;
  }
  void endBatch() override { onBatch_(batch_, builder_.finish()); }
  std::string description() const override { return "CallbackSink"; }

 private:
  TableBuilder builder_;
  std::function<void(int64_t, const Table&)> onBatch_;
  int64_t batch_ = 0;
};

}  // namespace

std::unique_ptr<StreamSink> makeStreamSink(const std::string& table, const std::string& format,
                                           const std::map<std::string, std::string>& options,
                                           const std::vector<Attribute>& columns) {
  if (format == "kafka") return std::make_unique<KafkaSink>(table, options, columns);
  if (format == "console") return std::make_unique<ConsoleSink>(table, options, columns);
  throw ExecutionError("streaming into " + format + " table " + table +
                       " is not supported yet (supported: kafka, console)");
}

std::unique_ptr<StreamSink> makeCallbackSink(
    const std::vector<Attribute>& columns,
    std::function<void(int64_t batchId, const Table& rows)> onBatch) {
  return std::make_unique<CallbackSink>(columns, std::move(onBatch));
}

}  // namespace sluice
