#pragma once
// JSON-lines file contents -> rows of a file scan, with Spark's JSON reader semantics.
//
// One reader, two paths. Each record goes first through simdjson On-Demand, driven by the
// scan's columns: only the fields the query reads are converted (string bytes copied once,
// into the batch), the others are validated and skipped, nothing is allocated per record.
// That path only ever *succeeds*: a record it cannot take whole (not strict JSON, lenient
// syntax such as single quotes or comments, a top-level array, a value that does not convert,
// a number out of range, ...) is read again by the reference path, stdlib/json's DOM parser
// and jsonToSlot, which implements the semantics (modes, the corrupt-record column, messages).
// So both paths give the same rows for every input (runtime/files/json_reader_test.cpp
// checks it on mutated records), and malformed input costs what it cost before.
//
// Plain files are read in chunks into a reused padded buffer (simdjson's padding), large ones
// in byte-range splits at line boundaries on several threads (fileReadThreads()), the rows
// appended in file order.
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/files/read_plan.h"
#include "stdlib/json.h"

namespace sluice {

/// Which path readJsonText takes (tests compare them).
enum class JsonReadPath {
  Fast,       ///< simdjson first, the reference path for what it does not take
  Reference,  ///< stdlib/json's DOM parser for every record (the semantics)
  FastOnly,   ///< tests: the records the fast path does not take are left out
};

/// Appends the records of one JSON-lines file's text (read from `path`) to `out`: one object
/// per non-blank line (or, with multiLine, one JSON document: an object or an array of
/// objects). Fields map to columns by exact name; missing fields and JSON nulls are NULL;
/// fields not in the schema are ignored; a value of the wrong JSON type for its column (or a
/// line that is not JSON) makes the record malformed. String columns take any JSON value as
/// its JSON text, as Spark does.
void readJsonText(std::string_view text, const std::string& path, const FileReadPlan& plan,
                  ColumnBatchBuilder& out, JsonReadPath how = JsonReadPath::Fast);

/// Appends the records of the JSON file `path` to `out`, as readJsonText. Plain JSON-lines
/// files are read in chunks, and a large one in splits on up to fileReadThreads() threads;
/// `.gz` and multiLine files are read whole. False (with `error` set, nothing appended) when
/// the file cannot be opened.
bool readJsonFile(const std::string& path, const FileReadPlan& plan, ColumnBatchBuilder& out,
                  std::string* error);

/// Hands the records of the JSON file `path` to `consume` in batches, in file order: a plain
/// JSON-lines file in pieces of fileReadParallelism().chunkBytes, read on up to its threads
/// while `consume` runs on the calling thread (a few pieces ahead at most, so memory stays
/// bounded); `.gz` and multiLine files as one batch. False (with `error` set, nothing
/// consumed) when the file cannot be opened. The batches must not outlive `consume`'s call.
bool readJsonFileChunks(const std::string& path, const FileReadPlan& plan,
                        const BatchConsumer& consume, std::string* error);

/// Converts one JSON value to the storage form of `type` (nested values per stdlib/nested.h,
/// allocated in `arena`). Sets `isNull` for JSON null; false when the value does not fit the
/// type.
bool jsonToSlot(const stdlib::JsonValue& v, const DataType& type, const TextValueParser& parser,
                StringArena& arena, Slot& out, bool& isNull);

}  // namespace sluice
