#include "runtime/kafka/kafka_chunks.h"

#include <algorithm>
#include <future>

#include "runtime/kafka/kafka_record_batch.h"

namespace sluice {

std::vector<std::vector<FetchRange>> chunkRanges(const std::vector<FetchRange>& ranges,
                                                 int64_t chunkRecords) {
  const int64_t limit = std::max<int64_t>(chunkRecords, 1);
  std::vector<std::vector<FetchRange>> groups;
  std::vector<FetchRange> group;
  int64_t inGroup = 0;
  for (const FetchRange& r : ranges) {
    for (int64_t from = r.start; from < r.end;) {
      const int64_t to = std::min(r.end, from + (limit - inGroup));
      group.push_back(FetchRange{r.tp, from, to});
      inGroup += to - from;
      from = to;
      if (inGroup >= limit) {
        groups.push_back(std::move(group));
        group.clear();
        inGroup = 0;
      }
    }
  }
  if (!group.empty()) groups.push_back(std::move(group));
  return groups;
}

namespace {

// One group's records as a zero-copy batch.
ColumnBatch fetchGroup(KafkaClient& consumer, const std::vector<FetchRange>& group,
                       const DataLossPolicy& loss, int64_t pollTimeoutMs, bool includeHeaders) {
  KafkaRecordBatch records(includeHeaders);
  fetchRanges(consumer, group, loss, pollTimeoutMs, [&](rd_kafka_message_t* m) {
    records.add(m);
    return true;
  });
  return records.finish(/*zeroCopy=*/true);
}

}  // namespace

void fetchChunks(KafkaClient& consumer, const std::vector<std::vector<FetchRange>>& groups,
                 const DataLossPolicy& loss, int64_t pollTimeoutMs, bool includeHeaders,
                 const BatchConsumer& consume) {
  if (groups.empty()) return consume(KafkaRecordBatch(includeHeaders).finish());
  // The client is only used by one thread at a time: the fetch of group i + 1 starts after
  // group i's fetch returned. A std::async future waits for its fetch when destroyed, so an
  // error in `consume` never leaves a fetch running past this call.
  auto fetch = [&](size_t i) {
    return std::async(std::launch::async, [&, i] {
      return fetchGroup(consumer, groups[i], loss, pollTimeoutMs, includeHeaders);
    });
  };
  std::future<ColumnBatch> next = fetch(0);
  for (size_t i = 0; i < groups.size(); ++i) {
    ColumnBatch batch = next.get();
    if (i + 1 < groups.size()) next = fetch(i + 1);
    consume(std::move(batch));
  }
}

}  // namespace sluice
