#pragma once
// Hive-style partition directories as Spark writes them: `col=value/` per partition column,
// the value in its string form (a cast to string) with path-unsafe characters escaped as %XX
// (Spark's ExternalCatalogUtils.escapePathName), NULL and "" as __HIVE_DEFAULT_PARTITION__.
#include <string>
#include <string_view>

#include "codegen/abi.h"
#include "planner/sources/partition_paths.h"
#include "planner/types.h"

namespace sluice {

/// The `col=value` segment of a partition value `slot` (storage form of `type`).
std::string partitionSegment(const std::string& column, const RowSlot& slot, bool isNull,
                             const DataType& type);

}  // namespace sluice
