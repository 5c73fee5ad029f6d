#pragma once
// Late data you can see: the rows a stateful operator drops because the watermark already
// closed their group, routed to a table (the streaming query option `lateRowsTable`) instead
// of only counted. Each late row becomes one row of that table:
//
//   row         STRING     the dropped row as the operator saw it: its grouping key columns
//                          as a JSON object (e.g. {"zip":"94105","w":{"start":...,"end":...}})
//   reason      STRING     why it was dropped, with the times involved
//   eventTime   TIMESTAMP  the group's event time bound (a window's end, or the time itself)
//   watermark   TIMESTAMP  the watermark the batch ran with
//   batchId     BIGINT     the batch that dropped it
//   operatorId  INT        the stateful operator (state/<operatorId>/)
//
// The operator's hook is the small LateRowObserver interface; LateRowsWriter implements it per
// operator, keeps a batch's late rows and writes them through the table's sink when the batch
// commits.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "planner/types.h"

namespace sluice {

class StreamSink;
struct StatefulOperator;

/// Told about each row a stateful operator drops as late. Called on the query's thread, from
/// inside a kernel run: `keys` / `keyNulls` are only valid during the call.
class LateRowObserver {
 public:
  virtual ~LateRowObserver() = default;
  /// A row of the group `keys` was dropped: the group's event time `eventTimeMicros` is at or
  /// below the watermark `watermarkMicros`.
  virtual void lateRow(const RowSlot* keys, const uint8_t* keyNulls, int64_t eventTimeMicros,
                       int64_t watermarkMicros) = 0;
};

class LateRowsWriter {
 public:
  /// The late-rows table's columns (names and types, in order; see above).
  static const std::vector<std::pair<std::string, TypePtr>>& columns();

  /// Writes into `sink` (a sink of the table, opened for columns()).
  explicit LateRowsWriter(std::unique_ptr<StreamSink> sink);
  ~LateRowsWriter();

  /// The observer of stateful operator `operatorId`, whose grouping keys have these names
  /// and types; owned by this writer.
  LateRowObserver* observer(int64_t operatorId, std::vector<std::string> keyNames,
                            std::vector<TypePtr> keyTypes);
  /// After batch `batchId`'s kernels ran: writes its late rows (nothing when there are none)
  /// and clears them. Throws what the sink throws (the batch then does not commit).
  void flush(int64_t batchId);
  /// Forgets the late rows of a failed batch (its replay drops them again).
  void discard();
  /// Late rows written so far.
  int64_t rowsWritten() const { return written_; }

 private:
  struct Operator;
  std::unique_ptr<StreamSink> sink_;
  std::vector<std::unique_ptr<Operator>> operators_;
  int64_t written_ = 0;
};

/// The observer of stateful operator `op` (its grouping keys named as the plan names them).
LateRowObserver* lateRowObserver(LateRowsWriter& writer, const StatefulOperator& op);

}  // namespace sluice
