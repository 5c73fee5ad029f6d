#include "runtime/stream/stream_dedup_state.h"

#include <cstring>

#include "runtime/exec/slot_values.h"

namespace sluice {
namespace {

std::vector<TypePtr> typesOf(const std::vector<Attribute>& attrs) {
  std::vector<TypePtr> out;
  for (const auto& a : attrs) out.push_back(a.type);
  return out;
}

}  // namespace

StreamDedupState::StreamDedupState(const PhysStreamDedup& op,
                                   const std::filesystem::path& stateRoot, int64_t operatorId,
                                   int32_t partitions, const StateStoreOptions& options,
                                   int64_t version)
    : op_(op),
      types_(typesOf(op.output())),
      store_(std::make_unique<PartitionedStateStore>(stateRoot, operatorId, partitions, options)),
      out_(types_) {
  store_->load(version);
}

StreamDedupState::~StreamDedupState() = default;

RowSink* StreamDedupState::input(size_t) {
  return this;
}

void StreamDedupState::emitRow(const RowSlot* slots, const uint8_t* nulls) {
  int64_t eventTime = 0;
  if (op_.eventTimeColumn) {
    const size_t c = *op_.eventTimeColumn;
    if (!nulls[c]) std::memcpy(&eventTime, slots[c].bytes, sizeof eventTime);
    // Late: at or below the watermark (a NULL time is never late, and never evicted).
    if (!nulls[c] && watermarkMicros_ && eventTime <= *watermarkMicros_) {
      ++dropped_;
      return;
    }
  }
  key_.clear();
  for (size_t k : op_.keys)
    encodeKey(key_, slots[k].bytes, nulls[k] != 0 || types_[k]->id() == TypeId::Null, *types_[k]);
  StateStore& part =
      store_->partition(PartitionedStateStore::partitionOf(key_, store_->partitions()));
  if (part.get(key_)) return;  // seen before: never emitted again
  std::string value;
  if (op_.eventTimeColumn && !nulls[*op_.eventTimeColumn]) {
    // When the key expires: its first time (+ the delay, dropDuplicatesWithinWatermark).
    const int64_t expiresAt = eventTime + op_.stateDelayMicros;
    value.assign(reinterpret_cast<const char*>(&expiresAt), sizeof expiresAt);
  }
  part.put(key_, value);
  ++updated_;
  for (size_t c = 0; c < types_.size(); ++c) {
    if (nulls[c] || types_[c]->id() == TypeId::Null)
      out_.setNull(c);
    else
      setStorage(out_, c, slots[c].bytes, *types_[c]);
  }
  out_.endRow();
}

void StreamDedupState::produce(const BatchConsumer& consume) {
  // Keys whose expiry the watermark passed: a row with that key could only come back late
  // (dropped above), or, within watermark, is a new occurrence Spark emits again.
  if (op_.eventTimeColumn && watermarkMicros_) {
    std::vector<std::string> done;
    store_->forEach([&](std::string_view k, std::string_view v, const StateStore&) {
      int64_t t = 0;
      if (v.size() != sizeof t) return;  // a NULL event time: kept
      std::memcpy(&t, v.data(), sizeof t);
      if (t <= *watermarkMicros_) done.emplace_back(k);
    });
    for (const auto& k : done) store_->remove(k);
    removed_ += static_cast<int64_t>(done.size());
  }
  consume(out_.finish());
}

StateOperatorProgress StreamDedupState::commit(int64_t version) {
  const StateCommitMetrics m = store_->commit(version);
  StateOperatorProgress p;
  p.operatorName = "dedupe";
  p.numRowsTotal = m.numRowsTotal;
  p.numRowsUpdated = updated_;
  p.numRowsRemoved = removed_;
  p.commitTimeMs = m.commitTimeMs;
  p.memoryUsedBytes = m.memoryUsedBytes;
  p.numRowsDroppedByWatermark = dropped_;
  p.numShufflePartitions = store_->partitions();
  p.numStateStoreInstances = store_->partitions();
  updated_ = removed_ = dropped_ = 0;
  return p;
}

void StreamDedupState::abort() {
  store_->abort();
  out_.finish();
  updated_ = removed_ = dropped_ = 0;
}

}  // namespace sluice
