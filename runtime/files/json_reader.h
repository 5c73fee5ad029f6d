#pragma once
// JSON-lines file contents -> rows of a file scan, with Spark's JSON reader semantics.
#include <string>
#include <string_view>

#include "runtime/files/read_plan.h"
#include "stdlib/json.h"

namespace sluice {

/// Appends the records of one JSON-lines file (`text`, read from `path`) to `out`: one
/// object per non-blank line (or, with multiLine, one JSON document: an object or an array
/// of objects). Fields map to columns by exact name; missing fields and JSON nulls are NULL;
/// fields not in the schema are ignored; a value of the wrong JSON type for its column (or a
/// line that is not JSON) makes the record malformed. String columns take any JSON value as
/// its JSON text, as Spark does.
void readJsonText(std::string_view text, const std::string& path, const FileReadPlan& plan,
                  ColumnBatchBuilder& out);

/// Converts one JSON value to the storage form of `type` (nested values per stdlib/nested.h,
/// allocated in `arena`). Sets `isNull` for JSON null; false when the value does not fit the
/// type.
bool jsonToSlot(const stdlib::JsonValue& v, const DataType& type, const TextValueParser& parser,
                StringArena& arena, Slot& out, bool& isNull);

}  // namespace sluice
