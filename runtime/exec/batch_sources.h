#pragma once
// Reading the scans of a batch query: inline VALUES, csv / json file tables, and Kafka topics
// read from their starting to their ending offsets (Spark's batch Kafka source).
#include "planner/physical/phys_scan.h"
#include "runtime/column_batch.h"

namespace sluice {

/// All rows of `scan` (not a streaming scan), as a batch of its output columns.
ColumnBatch readBatchSource(const PhysScan& scan);
/// All rows of `scan` handed to `consume`: in several batches when `chunked` and the
/// connector reads in chunks (Kafka), else as one. The batches must not outlive the call.
void readBatchSource(const PhysScan& scan, bool chunked, const BatchConsumer& consume);

/// The column names of KafkaReader's batches (Spark's Kafka schema, + headers).
const std::vector<std::string>& kafkaColumnNames(bool headers);

/// Every record of Kafka scan `scan` between its starting and ending offsets (the kafka
/// connector's batch reader).
ColumnBatch readKafkaTable(const PhysScan& scan);
/// The same records handed to `consume` in chunks, in the same order (the kafka
/// connector's chunked batch reader).
void readKafkaTableChunks(const PhysScan& scan, const BatchConsumer& consume);

/// `batch` (columns named `names`) narrowed and ordered to `attrs` (matched by name, case
/// insensitively, as pruning keeps Spark's names).
ColumnBatch selectByName(ColumnBatch batch, const std::vector<std::string>& names,
                         const std::vector<Attribute>& attrs);

}  // namespace sluice
