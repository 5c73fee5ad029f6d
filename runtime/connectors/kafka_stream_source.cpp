#include "runtime/connectors/kafka_stream_source.h"

#include <chrono>
#include <map>
#include <optional>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/kafka_source.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/kafka/kafka_reader.h"
#include "runtime/stop_source.h"

namespace sluice {
namespace {

using Clock = std::chrono::steady_clock;

class KafkaStreamSource : public StreamSource {
 public:
  KafkaStreamSource(const PhysScan& scan, const StreamOpenOptions& o)
      : scan_(scan), spec_(*scan.scan.kafka), reader_(spec_.options, /*streaming=*/true) {
    // Spark 3.3: a batch waits until minOffsetsPerTrigger records are there or maxTriggerDelay
    // passed since the last batch; once / availableNow process what is there.
    if (!o.toCompletion) minOffsets_ = spec_.minOffsetsPerTrigger;
    // Spark's continuous queries wait for a subscribed topic that does not exist yet; once /
    // availableNow fail in bounded time naming it.
    reader_.setAllowMissingTopics(!o.toCompletion);
    if (const StopSource* stop = o.stop)
      reader_.setStopCheck([stop] { return stop->stopRequested(); });
    if (o.onWait) reader_.setOnWait(o.onWait);
  }

  std::string waitingFor() const override {
    if (std::string w = reader_.waitingFor(); !w.empty()) return w;
    const auto missing = reader_.missingTopics();
    if (missing.empty()) return "";
    std::string out = missing.size() == 1 ? "waiting for topic " : "waiting for topics ";
    for (size_t i = 0; i < missing.size(); ++i) out += (i ? ", '" : "'") + missing[i] + "'";
    return out + " to be created";
  }

  std::string description() const override { return reader_.description(); }
  std::string initialOffsets() override { return partitionOffsetsToJson(reader_.initialOffsets()); }
  std::string latestOffsets() override { return partitionOffsetsToJson(reader_.latestOffsets()); }
  std::string lastLatestOffsets() const override {
    const auto l = reader_.lastLatestOffsets();
    return l ? partitionOffsetsToJson(*l) : "";
  }

  std::string planBatch(const std::string& start) override {
    const PartitionOffsets from = parse(start);
    const PartitionOffsets end = reader_.planBatch(from);
    if (minOffsets_ && end != from) {
      const auto waited =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - lastBatchAt_);
      if (count(from, end) < *minOffsets_ && waited.count() < spec_.maxTriggerDelayMs) return start;
    }
    if (end != from) lastBatchAt_ = Clock::now();
    return partitionOffsetsToJson(end);
  }

  std::string clampTo(const std::string& end, const std::string& limit) override {
    PartitionOffsets e = parse(end);
    const PartitionOffsets l = parse(limit);
    for (auto& [tp, off] : e) {
      auto it = l.find(tp);
      if (it != l.end() && off > it->second) off = it->second;
    }
    return partitionOffsetsToJson(e);
  }

  bool reached(const std::string& at, const std::string& target) override {
    const PartitionOffsets a = parse(at);
    for (const auto& [tp, off] : parse(target)) {
      auto it = a.find(tp);
      if (it == a.end() ? off > 0 : it->second < off) return false;
    }
    return true;
  }

  ColumnBatch read(const std::string& start, const std::string& end) override {
    return selectByName(reader_.read(parse(start), parse(end)),
                        kafkaColumnNames(spec_.includeHeaders), scan_.scan.attrs);
  }

  void read(const std::string& start, const std::string& end,
            const BatchConsumer& consume) override {
    const auto& names = kafkaColumnNames(spec_.includeHeaders);
    reader_.read(parse(start), parse(end), [&](ColumnBatch&& b) {
      consume(selectByName(std::move(b), names, scan_.scan.attrs));
    });
  }

  int64_t recordsBetween(const std::string& start, const std::string& end) override {
    return count(parse(start), parse(end));
  }

 private:
  PartitionOffsets parse(const std::string& json) const {
    return parsePartitionOffsets(json, "offsets of " + reader_.description());
  }
  // Records in [start, end) over all partitions (a partition new in `end` counts from 0).
  static int64_t count(const PartitionOffsets& start, const PartitionOffsets& end) {
    int64_t n = 0;
    for (const auto& [tp, off] : end) {
      auto it = start.find(tp);
      n += off - (it == start.end() ? 0 : it->second);
    }
    return n;
  }

  const PhysScan& scan_;
  const KafkaSourceSpec& spec_;
  KafkaReader reader_;
  std::optional<int64_t> minOffsets_;
  Clock::time_point lastBatchAt_ = Clock::now();
};

}  // namespace

std::unique_ptr<StreamSource> openKafkaStream(const PhysScan& scan,
                                              const StreamOpenOptions& options) {
  return std::make_unique<KafkaStreamSource>(scan, options);
}

}  // namespace sluice
