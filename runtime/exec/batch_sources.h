#pragma once
// Reading the scans of a batch query: inline VALUES, csv / json file tables, and Kafka topics
// read from their starting to their ending offsets (Spark's batch Kafka source).
#include "planner/physical/phys_scan.h"
#include "runtime/column_batch.h"

namespace sluice {

/// All rows of `scan` (not a streaming scan), as a batch of its output columns.
ColumnBatch readBatchSource(const PhysScan& scan);

/// The column names of KafkaReader's batches (Spark's Kafka schema, + headers).
const std::vector<std::string>& kafkaColumnNames(bool headers);

/// Every record of Kafka scan `scan` between its starting and ending offsets (the kafka
/// connector's batch reader).
ColumnBatch readKafkaTable(const PhysScan& scan);

/// `batch` (columns named `names`) narrowed and ordered to `attrs` (matched by name, case
/// insensitively, as pruning keeps Spark's names).
ColumnBatch selectByName(ColumnBatch batch, const std::vector<std::string>& names,
                         const std::vector<Attribute>& attrs);

}  // namespace sluice
