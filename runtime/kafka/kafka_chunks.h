#pragma once
// Internal to runtime/kafka: reading a batch's offset ranges as a sequence of chunks, so a
// large batch never sits in memory whole (a 1 M-record batch held ~2 GB as one), the kernels
// run while the next chunk is fetched, and records reach the kernels without a copy.
#include <cstdint>
#include <vector>

#include "runtime/column_batch.h"
#include "runtime/kafka/kafka_fetch.h"

namespace sluice {

/// `ranges` (in (topic, partition) order) as consecutive groups of about `chunkRecords`
/// records each: a partition's range longer than that is split at offsets, and small ranges
/// share a group. Reading the groups in order reads the records in the order of `ranges`.
std::vector<std::vector<FetchRange>> chunkRanges(const std::vector<FetchRange>& ranges,
                                                 int64_t chunkRecords);

/// Fetches `groups` in order through `consumer` and hands each to `consume` as a batch of
/// Spark's Kafka columns (+ headers when `includeHeaders`), sorted as KafkaRecordBatch sorts.
/// The next group is fetched on a background thread while `consume` runs; the batches point
/// into the fetched messages and must not outlive the call. Always at least one batch (empty
/// when there are no groups). Errors of the fetch (data loss, timeouts, a stop) surface on
/// the calling thread.
void fetchChunks(KafkaClient& consumer, const std::vector<std::vector<FetchRange>>& groups,
                 const DataLossPolicy& loss, int64_t pollTimeoutMs, bool includeHeaders,
                 const BatchConsumer& consume);

}  // namespace sluice
