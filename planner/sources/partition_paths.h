#pragma once
// Hive-style partition directories (`col=value/`), as Spark writes and discovers them: the
// escaping of names and values in path segments, and the partition columns of a directory
// tree with Spark's type inference (int, bigint, double, date, timestamp, else string).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/types.h"

namespace sluice {

/// Spark's directory name for a NULL (or empty string) partition value.
inline constexpr const char* kHiveDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

/// `name` escaped for a path segment (%XX for control characters and "#%'*/:=?\\\x7F{[]^).
std::string escapePathName(std::string_view name);
/// The inverse of escapePathName (%XX sequences decoded; malformed ones kept as they are).
std::string unescapePathName(std::string_view name);

/// One partition column value of a file: the column name and its raw value (nullopt for
/// __HIVE_DEFAULT_PARTITION__, i.e. NULL).
using PartitionValue = std::pair<std::string, std::optional<std::string>>;

/// The `col=value` directories between `root` and `file`, in order (empty when `file` is not
/// below `root` or has none).
std::vector<PartitionValue> partitionValuesOf(const std::string& root, const std::string& file);

/// The partition columns of `files` below directory `root`, typed as Spark infers them.
/// Throws AnalysisError when files disagree on the partition columns (Spark's "conflicting
/// directory structures").
std::vector<StructField> discoverPartitionColumns(const std::string& root,
                                                  const std::vector<std::string>& files);

}  // namespace sluice
