#pragma once
// The engine's memory tables: Spark's memory sink plus its foreachBatch, for embedding hosts.
// A table declared `CREATE TABLE t (...) USING memory` that a query writes into keeps its
// rows in the engine (complete output mode replaces them per batch, append / update add to
// them), readable through Engine::memoryTable and `SELECT ... FROM t`; every batch is also
// handed to the callbacks the host registered with Engine::onBatch. As Spark's memory sink, a
// batch id a streaming query already delivered (a replay after a failed batch) is skipped.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "planner/expr.h"
#include "runtime/column_batch.h"
#include "runtime/connectors/stream_sink.h"
#include "sluice/table.h"

namespace sluice {

class PhysScan;

class MemoryTables {
 public:
  using Callback = std::function<void(int64_t batchId, const Table& rows)>;

  /// Calls `callback` after every batch written into memory table `table` (any case).
  void onBatch(const std::string& table, Callback callback);
  /// The rows of `table` so far; nullptr when nothing has been written into it.
  std::shared_ptr<const Table> rows(const std::string& table) const;

  /// The sink of a query writing `columns` into `table`: `query` names a streaming query
  /// ("" for INSERT, whose batches are never deduplicated); `complete` replaces the rows.
  std::unique_ptr<StreamSink> sink(const std::string& table, const std::string& query,
                                   bool complete, const std::vector<Attribute>& columns);

  /// The rows of memory table `scan` reads, as a batch of its scanned columns; an empty batch
  /// when nothing has been written yet. Throws ExecutionError for columns it cannot read back.
  ColumnBatch read(const PhysScan& scan) const;

 private:
  struct Entry {
    std::shared_ptr<const Table> rows;         // replaced, never mutated: readers keep theirs
    std::map<std::string, int64_t> delivered;  // streaming query -> last batch id written
    std::vector<Callback> callbacks;
  };
  void deliver(const std::string& table, const std::string& query, bool complete, int64_t batchId,
               const Table& batch);

  mutable std::mutex mutex_;
  std::map<std::string, Entry> tables_;  // by lower-case name
};

/// `a` followed by the rows of `b` (same columns).
Table concatTables(const Table& a, const Table& b);

}  // namespace sluice
