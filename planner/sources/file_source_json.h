#pragma once
// JSON-lines records and Spark's JSON schema inference (JsonInferSchema): struct fields
// sorted by name, integral numbers bigint, other numbers double (or decimal with
// prefersDecimal), conflicting types widened (bigint + double -> double, else string),
// NULL-only fields and empty arrays typed string, malformed records adding the corrupt-record
// column in PERMISSIVE mode.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "planner/sources/file_source.h"
#include "planner/types.h"
#include "stdlib/json.h"

namespace sluice {

/// Calls `fn(record, line)` for every JSON record of a file's text: each line (JSON lines),
/// or with multiLine the whole text as one record. Lines holding only whitespace (and, with
/// allowComments, comments) are skipped as Spark skips them. `line` is 1-based.
void forEachJsonRecord(std::string_view text, const FileSourceOptions& options,
                       const std::function<void(std::string_view, int64_t)>& fn);

/// Whether a JSON-lines line holds no record: only whitespace, or with `comments` (allowComments)
/// only `//` and `/* */` comments. Such lines are skipped, as Spark skips them.
bool isBlankJsonRecord(std::string_view line, bool comments);

/// The rows of one parsed record: an object is one row, an array of objects one row per
/// element (as Spark reads a top-level array); anything else is malformed (empty result,
/// `ok` false).
std::vector<const stdlib::JsonValue*> jsonRecordRows(const stdlib::JsonValue& v, bool* ok);

/// Spark's inferred type of one JSON value (NullType for null).
TypePtr inferJsonType(const stdlib::JsonValue& v, const FileSourceOptions& options);

/// Spark's JsonInferSchema.compatibleType: the type both values fit in.
TypePtr mergeJsonTypes(const TypePtr& a, const TypePtr& b);

/// Spark's JSON schema inference over `files`. Throws AnalysisError when a file cannot be
/// read, a record is malformed in FAILFAST mode, or no field was found.
TypePtr inferJsonSchema(const FileSourceOptions& options, const std::vector<std::string>& files);

}  // namespace sluice
