#pragma once
// CSV file contents -> rows of a file scan, with Spark's CSV reader semantics.
#include <string>
#include <string_view>

#include "runtime/files/read_plan.h"

namespace sluice {

/// Appends the records of one CSV file (`text`, read from `path`) to `out`: the header line
/// is skipped when `header` is set; fields map to the table's columns by position; a field
/// equal to nullValue is NULL; a value that does not parse as its column's type, a record
/// with more or fewer fields than the schema, or an unclosed quote make the record
/// malformed (handled per the plan's mode). Only the plan's columns are parsed.
void readCsvText(std::string_view text, const std::string& path, const FileReadPlan& plan,
                 ColumnBatchBuilder& out);

}  // namespace sluice
