#pragma once
// The streaming sources of one query, in the plan's source order (= the order of the offsets
// lines in offsets/<n> and of sources/<i>/). Tracks where the next batch starts per source,
// plans the next batch's end offsets, and reads each source's rows of a batch.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/streaming/streaming_plan.h"
#include "runtime/checkpoint/checkpoint_log.h"
#include "runtime/connectors/connector.h"
#include "runtime/progress/query_progress.h"

namespace sluice {

/// End offsets of a batch, one JSON text per source.
using BatchOffsets = std::vector<std::string>;

class SourceSet {
 public:
  /// Opens every streaming scan of `plan` through its connector.
  SourceSet(const StreamingPlan& plan, const StreamOpenOptions& options);
  ~SourceSet();

  size_t size() const { return sources_.size(); }
  StreamSource& source(size_t i) { return *sources_[i]; }

  /// Where the first batch of this run starts: the committed batch's end offsets, or, for a
  /// new query, each source's initial offsets, recorded once in sources/<i>/0.
  void restore(CheckpointLog& log, const RestartPlan& restart);
  /// The offsets a logged batch (a replay) ends at, checked against the sources.
  BatchOffsets logged(const OffsetSeq& seq, const std::string& what) const;
  /// Fixes the offsets that exist now as the end of a once / availableNow run.
  void fixTarget();
  /// Whether every source reached the fixed target.
  bool reachedTarget();
  /// End offsets of the next batch (the target, for once), limited to the target.
  BatchOffsets plan(bool singleBatch);
  /// The offsets the next batch starts at.
  const BatchOffsets& start() const { return start_; }
  /// Reads source `i`'s rows of [start, end[i]) into `consume`: in one or more batches when
  /// `chunked`, else as one.
  void read(size_t i, const BatchOffsets& end, bool chunked, const BatchConsumer& consume);
  /// After a committed batch: the next one starts at `end`.
  void advance(BatchOffsets end) { start_ = std::move(end); }
  /// Progress entries of a batch ending at `end` with `rows[i]` rows per source.
  std::vector<SourceProgress> progress(const BatchOffsets& end, const std::vector<int64_t>& rows,
                                       int64_t durationMs);
  /// What a source waits for, for the status line ("" when nothing).
  std::string waitingFor() const;

 private:
  std::vector<std::unique_ptr<StreamSource>> sources_;
  BatchOffsets start_;
  std::optional<BatchOffsets> target_;
};

}  // namespace sluice
