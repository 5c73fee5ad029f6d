#pragma once
// JSON-lines records and Spark's JSON schema inference (JsonInferSchema): struct fields
// sorted by name, integral numbers bigint, other numbers double (or decimal with
// prefersDecimal), conflicting types widened (bigint + double -> double, else string),
// NULL-only fields and empty arrays typed string, malformed records adding the corrupt-record
// column in PERMISSIVE mode.
#include <cstdint>
#include <functional>
#include <string>
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

/// Calls `fn(record, line)` for every record of the JSON-lines file `path` (not gzipped), as
/// forEachJsonRecord does for its text, reading it in chunks: each record is followed by at
/// least simdjson's padding of readable bytes. False when the file cannot be opened.
bool forEachJsonLineOfFile(const std::string& path, const FileSourceOptions& options,
                           const std::function<void(std::string_view, int64_t)>& fn);

/// Whether a JSON-lines line holds no record: only whitespace, or with `comments` (allowComments)
/// only `//` and `/* */` comments. Such lines are skipped, as Spark skips them.
bool isBlankJsonRecord(std::string_view line, bool comments);

/// Whether `s` is exactly a JSON number as stdlib/json's parser reads it without options:
/// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. `integral`: neither a fraction nor an
/// exponent.
bool isJsonNumber(std::string_view s, bool* integral);

/// The rows of one parsed record: an object is one row, an array of objects one row per
/// element (as Spark reads a top-level array); anything else is malformed (empty result,
/// `ok` false).
std::vector<const stdlib::JsonValue*> jsonRecordRows(const stdlib::JsonValue& v, bool* ok);

/// Spark's inferred type of one JSON value (NullType for null).
TypePtr inferJsonType(const stdlib::JsonValue& v, const FileSourceOptions& options);

/// Spark's JsonInferSchema.compatibleType: the type both values fit in.
TypePtr mergeJsonTypes(const TypePtr& a, const TypePtr& b);

/// The type inference gives one JSON-lines record (the merge of its rows' struct types), or
/// nullptr when the record is malformed. `fast`: simdjson first, as inferJsonSchema reads;
/// false: stdlib/json's DOM (tests compare the two).
TypePtr inferJsonRecordType(std::string_view record, const FileSourceOptions& options, bool fast);

/// Spark's JSON schema inference over `files`. Throws AnalysisError when a file cannot be
/// read, a record is malformed in FAILFAST mode, or no field was found. Records are typed
/// with simdjson where they are strict JSON objects, by stdlib/json's DOM otherwise (`fast`
/// false: the DOM for all, which tests compare with).
TypePtr inferJsonSchema(const FileSourceOptions& options, const std::vector<std::string>& files,
                        bool fast = true);

}  // namespace sluice
