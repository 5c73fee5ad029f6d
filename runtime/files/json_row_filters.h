#pragma once
// Pushed filters (Spark's JSON filter pushdown): rows that fail one are not appended. Each is
// a conjunct of the Filter above the scan, which still runs: dropping a row for which one is
// false or NULL changes nothing but the work. Forms the reader does not evaluate (floating
// point and decimal comparisons, nested or partition columns) keep their rows.
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/files/file_reader.h"
#include "runtime/files/read_plan.h"

namespace sluice::json_files {

struct RowFilter {
  enum class Op { Eq, Lt, Le, Gt, Ge, IsNull, IsNotNull };
  size_t column;
  Op op;
  TypeId type;
  int64_t integer = 0;  // integral, date, timestamp, boolean literals
  std::string bytes;    // string / binary literals
};

/// The pushed filters of `plan` the reader evaluates.
std::vector<RowFilter> rowFiltersOf(const FileReadPlan& plan);
/// Whether `row` passes every filter (a NULL operand fails all but IS NULL).
bool passes(const StagedRow& row, const std::vector<RowFilter>& filters);

}  // namespace sluice::json_files
