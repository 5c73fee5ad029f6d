#include "runtime/stream/stateful_operators.h"

#include "runtime/exec/aggregate_table.h"
#include "runtime/exec/plan_executor.h"
#include "runtime/progress/late_rows.h"
#include "runtime/state/partitioned_state_store.h"
#include "runtime/state/state_store.h"

namespace sluice {
namespace {

AggregateTable::Emit tableEmit(StateEmit e) {
  switch (e) {
    case StateEmit::All:
      return AggregateTable::Emit::All;
    case StateEmit::Updated:
      return AggregateTable::Emit::Updated;
    case StateEmit::Finalized:
      return AggregateTable::Emit::Finalized;
  }
  return AggregateTable::Emit::All;
}

}  // namespace

StatefulOperators::StatefulOperators(const std::vector<StatefulOperator>& ops, PlanExecutor& exec,
                                     const std::filesystem::path& stateRoot, int64_t version,
                                     const StateOptions& options)
    : ops_(ops), lateRows_(options.lateRows) {
  // The groups the aggregate output pipelines emit: all stateful operators of a query share
  // its output mode.
  if (!ops_.empty()) exec.setAggregateEmit(static_cast<int>(tableEmit(ops_[0].emit)));
  for (const StatefulOperator& op : ops_) {
    AggregateTable& table = exec.aggregateTable(*op.op);
    if (op.eventTimeKey) table.setEventTimeKey(op.eventTimeKey->index);
    if (lateRows_) table.setLateRowObserver(lateRowObserver(*lateRows_, op));
    StateStoreOptions so;
    so.minDeltasForSnapshot = options.minDeltasForSnapshot;
    so.minVersionsToRetain = options.minBatchesToRetain;
    auto store = std::make_unique<PartitionedStateStore>(stateRoot, op.operatorId,
                                                         options.shufflePartitions, so);
    store->load(version);
    // The stores merge snapshot + deltas, so a bad value is named by directory and version.
    const StateStore* named = nullptr;
    std::string where;
    store->forEach([&](std::string_view k, std::string_view v, const StateStore& from) {
      if (named != &from) {
        named = &from;
        where = from.dir().string() + " (state version " + std::to_string(version) + ")";
      }
      table.restore(k, v, where);
    });
    entries_.push_back({&op, &table, std::move(store)});
  }
}

StatefulOperators::~StatefulOperators() = default;

void StatefulOperators::setWatermark(int64_t watermarkMs, int64_t previousWatermarkMs) {
  for (auto& e : entries_) {
    if (!e.spec->eventTimeKey) continue;
    const InputWatermark& in = e.spec->inputWatermark;
    const int64_t evict = watermarkMs * 1000 - in.delayMicros;
    const int64_t late =
        (in.lateByPreviousBatch ? previousWatermarkMs : watermarkMs) * 1000 - in.delayMicros;
    e.table->setWatermark(evict, tableEmit(e.spec->emit), late);
  }
}

std::vector<StateOperatorProgress> StatefulOperators::commit(int64_t version) {
  if (lateRows_) lateRows_->flush(version - 1);  // the batch's late rows, before its commit
  std::vector<StateOperatorProgress> out;
  for (auto& e : entries_) {
    e.table->forEachUpdated([&](std::string_view k, std::string_view v) { e.store->put(k, v); });
    e.table->clearUpdated();
    for (const std::string& k : e.table->takeEvicted()) e.store->remove(k);
    const StateCommitMetrics m = e.store->commit(version);
    StateOperatorProgress op;
    op.operatorName = e.spec->op->sessionKey ? "sessionWindowStateStoreSaveExec" : "stateStoreSave";
    op.numRowsTotal = m.numRowsTotal;
    op.numRowsUpdated = m.numRowsUpdated;
    op.numRowsRemoved = m.numRowsRemoved;
    op.commitTimeMs = m.commitTimeMs;
    op.memoryUsedBytes = m.memoryUsedBytes;
    op.numStateStoreInstances = e.store->partitions();
    op.numRowsDroppedByWatermark = e.table->takeDroppedByWatermark();
    op.numShufflePartitions = e.store->partitions();
    out.push_back(op);
  }
  return out;
}

void StatefulOperators::abort() {
  if (lateRows_) lateRows_->discard();
  for (auto& e : entries_) e.store->abort();
}

}  // namespace sluice
