#include "runtime/stream/source_set.h"

#include "frontend/error.h"
#include "runtime/progress/source_metrics.h"

namespace sluice {

SourceSet::SourceSet(const StreamingPlan& plan, const StreamOpenOptions& options) {
  for (const PhysScan* scan : plan.sources) {
    const RuntimeConnector& c = runtimeConnector(scan->scan.format);
    if (!c.openStream)
      throw ExecutionError("table " + scan->scan.name + " (" + scan->scan.format +
                           ") cannot be read as a stream");
    StreamOpenOptions o = options;
    o.sourceIndex = static_cast<int>(sources_.size());
    sources_.push_back(c.openStream(*scan, o));
  }
}

SourceSet::~SourceSet() = default;

void SourceSet::restore(CheckpointLog& log, const RestartPlan& restart) {
  start_.clear();
  if (restart.committedOffsets) {
    start_ = logged(*restart.committedOffsets, "the last committed batch");
    return;
  }
  for (size_t i = 0; i < sources_.size(); ++i)
    start_.push_back(
        sources_[i]->recordsInitialOffsets()
            ? log.writeInitialOffsets(static_cast<int>(i), sources_[i]->initialOffsets())
            : sources_[i]->initialOffsets());
}

BatchOffsets SourceSet::logged(const OffsetSeq& seq, const std::string& what) const {
  if (seq.offsets.size() != sources_.size())
    throw ExecutionError("checkpoint: " + what + " has offsets for " +
                         std::to_string(seq.offsets.size()) + " sources, but the query reads " +
                         std::to_string(sources_.size()) +
                         " streams (was the query changed? use a new checkpointLocation)");
  BatchOffsets out;
  for (size_t i = 0; i < seq.offsets.size(); ++i) {
    if (!seq.offsets[i])
      throw ExecutionError("checkpoint: " + what + " has no offsets for " +
                           sources_[i]->description());
    out.push_back(*seq.offsets[i]);
  }
  return out;
}

void SourceSet::fixTarget() {
  BatchOffsets t;
  for (auto& s : sources_) t.push_back(s->latestOffsets());
  target_ = std::move(t);
}

bool SourceSet::reachedTarget() {
  for (size_t i = 0; i < sources_.size(); ++i)
    if (!sources_[i]->reached(start_[i], (*target_)[i])) return false;
  return true;
}

BatchOffsets SourceSet::plan(bool singleBatch) {
  if (singleBatch && target_) return *target_;
  BatchOffsets end;
  for (size_t i = 0; i < sources_.size(); ++i) {
    std::string e = sources_[i]->planBatch(start_[i]);
    if (target_) e = sources_[i]->clampTo(e, (*target_)[i]);
    end.push_back(std::move(e));
  }
  return end;
}

void SourceSet::read(size_t i, const BatchOffsets& end, bool chunked,
                     const BatchConsumer& consume) {
  if (chunked) return sources_[i]->read(start_[i], end[i], consume);
  consume(sources_[i]->read(start_[i], end[i]));
}

std::vector<SourceProgress> SourceSet::progress(const BatchOffsets& end,
                                                const std::vector<int64_t>& rows,
                                                int64_t durationMs) {
  std::vector<SourceProgress> out;
  for (size_t i = 0; i < sources_.size(); ++i) {
    SourceProgress p;
    p.description = sources_[i]->description();
    p.startOffset = start_[i];
    p.endOffset = end[i];
    // Spark's latestOffset is what was available when the batch was planned; the gap to
    // the batch's end gives the Kafka metrics (avg/max/minOffsetsBehindLatest).
    const std::string latest = sources_[i]->lastLatestOffsets();
    p.latestOffset = latest.empty() ? end[i] : latest;
    p.metrics = kafkaSourceMetrics(*p.latestOffset, end[i]);
    p.numInputRows = rows[i];
    p.processedRowsPerSecond = rowsPerSecond(rows[i], durationMs);
    out.push_back(std::move(p));
  }
  return out;
}

std::string SourceSet::waitingFor() const {
  for (const auto& s : sources_)
    if (std::string w = s->waitingFor(); !w.empty()) return w;
  return "";
}

}  // namespace sluice
