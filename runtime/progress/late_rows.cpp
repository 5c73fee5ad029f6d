#include "runtime/progress/late_rows.h"

#include <cstring>
#include <optional>

#include "planner/nested_type.h"
#include "planner/physical/phys_hash_aggregate.h"
#include "planner/streaming/streaming_plan.h"
#include "runtime/connectors/stream_sink.h"
#include "runtime/progress/query_progress.h"
#include "stdlib/json_schema.h"
#include "stdlib/nested.h"

namespace sluice {

const std::vector<std::pair<std::string, TypePtr>>& LateRowsWriter::columns() {
  static const std::vector<std::pair<std::string, TypePtr>> cols = {
      {"row", DataType::string()},          {"reason", DataType::string()},
      {"eventTime", DataType::timestamp()}, {"watermark", DataType::timestamp()},
      {"batchId", DataType::bigint()},      {"operatorId", DataType::integer()}};
  return cols;
}

// One operator's late rows of the current batch: each row's keys as JSON (Spark's to_json of
// the key struct, as the json file sink writes rows) and its times.
struct LateRowsWriter::Operator : LateRowObserver {
  int64_t id;
  std::optional<stdlib::JsonWriteSpec> spec;  // unset: a key type JSON cannot hold (interval)
  std::vector<std::string> rows;
  std::vector<int64_t> eventTimes, watermarks;

  Operator(int64_t operatorId, const std::vector<std::string>& names,
           const std::vector<TypePtr>& types)
      : id(operatorId) {
    std::vector<StructField> fields;
    for (size_t i = 0; i < names.size(); ++i) fields.push_back({names[i], types[i], true});
    if (auto t = nestedTypeOf(*DataType::structOf(std::move(fields)))) {
      spec.emplace();
      spec->type = std::move(*t);
    }
  }
  void lateRow(const RowSlot* k, const uint8_t* nulls, int64_t eventTime,
               int64_t watermark) override {
    std::string json = "{}";
    if (spec) {
      // The keys are a struct whose fields are the slots (RowSlot and Slot share a layout).
      const StructData row{nulls, reinterpret_cast<const Slot*>(k)};
      json.clear();
      stdlib::writeJson(*spec, &row, json);
    }
    rows.push_back(std::move(json));
    eventTimes.push_back(eventTime);
    watermarks.push_back(watermark);
  }
  void clear() {
    rows.clear();
    eventTimes.clear();
    watermarks.clear();
  }
};

LateRowsWriter::LateRowsWriter(std::unique_ptr<StreamSink> sink) : sink_(std::move(sink)) {}
LateRowsWriter::~LateRowsWriter() = default;

LateRowObserver* LateRowsWriter::observer(int64_t operatorId, std::vector<std::string> keyNames,
                                          std::vector<TypePtr> keyTypes) {
  operators_.push_back(std::make_unique<Operator>(operatorId, keyNames, keyTypes));
  return operators_.back().get();
}

void LateRowsWriter::discard() {
  for (auto& op : operators_) op->clear();
}

void LateRowsWriter::flush(int64_t batchId) {
  bool any = false;
  for (const auto& op : operators_) any = any || !op->eventTimes.empty();
  if (!any) return;
  sink_->beginBatch(batchId);
  for (auto& op : operators_) {
    for (size_t i = 0; i < op->eventTimes.size(); ++i) {
      const std::string& row = op->rows[i];
      const int64_t et = op->eventTimes[i], wm = op->watermarks[i];
      const std::string reason = "the group's event time " + formatIsoTimestamp(et / 1000) +
                                 " is at or before the watermark " + formatIsoTimestamp(wm / 1000) +
                                 " (a window's end, or the event time itself): the group was "
                                 "already closed (in append mode, already emitted)";
      RowSlot slots[6];
      uint8_t nulls[6] = {0, 0, 0, 0, 0, 0};
      const StringView rowView{row.data(), static_cast<int64_t>(row.size())};
      const StringView reasonView{reason.data(), static_cast<int64_t>(reason.size())};
      const int32_t opId = static_cast<int32_t>(op->id);
      std::memcpy(slots[0].bytes, &rowView, sizeof rowView);
      std::memcpy(slots[1].bytes, &reasonView, sizeof reasonView);
      std::memcpy(slots[2].bytes, &et, sizeof et);
      std::memcpy(slots[3].bytes, &wm, sizeof wm);
      std::memcpy(slots[4].bytes, &batchId, sizeof batchId);
      std::memcpy(slots[5].bytes, &opId, sizeof opId);
      nulls[2] = et == INT64_MAX;  // a group without an event time (never late, but be safe)
      sink_->emitRow(slots, nulls);
      ++written_;
    }
    op->clear();
  }
  sink_->endBatch(nullptr);
}

LateRowObserver* lateRowObserver(LateRowsWriter& writer, const StatefulOperator& op) {
  std::vector<std::string> names;
  std::vector<TypePtr> types;
  for (const ExprPtr& k : op.op->keys) {
    names.push_back(k->isNamed() ? k->outputAttr().name : k->toString());
    types.push_back(k->type);
  }
  return writer.observer(op.operatorId, std::move(names), std::move(types));
}

}  // namespace sluice
