#pragma once
// How many hash partitions a query's state has (spark.sql.shuffle.partitions). As in Spark the
// number is fixed at the query's first batch and recorded in the metadata of every
// offsets/<n> file; a restart uses the recorded number whatever the session says now, since
// the keys already sit in the partition directories that number chose.
#include <cstdint>

#include "runtime/checkpoint/checkpoint_log.h"

namespace sluice {

/// The conf key recorded in offsets/<n> metadata (Spark's name).
inline constexpr const char* kShufflePartitionsConf = "spark.sql.shuffle.partitions";

/// sluice's default: 8, not Spark's 200. Spark sizes it for the reduce tasks of a cluster;
/// here a partition is a unit of state a process could later own (scale-out), and each costs
/// a delta file (written and synced) per operator and batch: 8 lets a query spread over up to
/// 8 processes while a batch commits 8 small files instead of 200.
inline constexpr int32_t kDefaultStatePartitions = 8;

/// The number of state partitions for the run `restart` describes: the value recorded in the
/// offsets of the batch it replays or continues from; 1 when that file records none (a
/// checkpoint from before state was partitioned, whose state is `<op>/0/` only);
/// `sessionValue` for a new query. Throws ExecutionError naming the conf when the recorded
/// value is not a positive number.
int32_t statePartitions(const RestartPlan& restart, int32_t sessionValue);

}  // namespace sluice
