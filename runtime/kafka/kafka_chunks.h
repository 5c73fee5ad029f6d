#pragma once
// Internal to runtime/kafka: reading a batch's offset ranges as a sequence of chunks, so a
// large batch never sits in memory whole (a 1 M-record batch held ~2 GB as one), the kernels
// run while the next records are fetched, and records reach the kernels without a copy.
#include <cstdint>
#include <vector>

#include "runtime/column_batch.h"
#include "runtime/kafka/kafka_fetch.h"

namespace sluice {

/// Fetches every record of `ranges` through `consumer` on a background thread, all
/// partitions at once (the broker serves them in parallel), and hands them to `consume` on
/// the calling thread in batches of about `chunkRecords` records with Spark's Kafka columns
/// (+ headers when `includeHeaders`). Within a batch rows are sorted by (topic, partition,
/// offset); every partition's records arrive in offset order across batches, while how
/// partitions interleave across batches follows the fetch (Spark gives no order across
/// partitions either). At most one batch waits while `consume` runs. The batches point into
/// the fetched messages and must not outlive the call. Always at least one batch (empty when
/// there is nothing). Errors of the fetch (data loss, timeouts, a stop) surface on the
/// calling thread; an error in `consume` stops the fetch before this returns.
void fetchChunks(KafkaClient& consumer, const std::vector<FetchRange>& ranges,
                 const DataLossPolicy& loss, int64_t pollTimeoutMs, bool includeHeaders,
                 int64_t chunkRecords, const BatchConsumer& consume);

}  // namespace sluice
