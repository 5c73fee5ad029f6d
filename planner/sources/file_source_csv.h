#pragma once
// CSV records and Spark's CSV schema inference. The tokenizer follows Spark's reader
// (univocity) as configured by the options: sep, quote, escape, comment lines, blank lines
// skipped, optional whitespace trimming, quoted fields across lines only with multiLine.
// One documented difference: inside quotes a doubled quote ("") is always a literal quote
// (RFC 4180), besides the escape character.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "planner/sources/file_source.h"
#include "planner/types.h"

namespace sluice {

/// One field of a CSV record.
struct CsvField {
  std::string text;     ///< unquoted, unescaped content
  bool quoted = false;  ///< the field was quoted (a quoted "" is emptyValue, not nullValue)
};

/// One CSV record.
struct CsvRecord {
  std::vector<CsvField> fields;
  int64_t line = 0;      ///< 1-based line where the record starts
  std::string_view raw;  ///< the record's text without its line terminator
  std::string error;     ///< non-empty when the record is malformed (e.g. unclosed quote)
};

/// Splits a file's text into records.
class CsvTokenizer {
 public:
  /// `text` must outlive the tokenizer; a leading UTF-8 byte order mark is skipped.
  CsvTokenizer(std::string_view text, const FileSourceOptions& options);
  /// The next record (blank and comment lines are skipped); false at the end of the text.
  bool next(CsvRecord& record);

 private:
  bool atLineEnd(size_t i) const;
  size_t skipLineEnd(size_t i);
  void readField(CsvRecord& record, CsvField& field);

  std::string_view text_;
  const FileSourceOptions& options_;
  size_t pos_ = 0;
  int64_t line_ = 1;
};

/// What a field stands for after Spark's null handling: nullptr for NULL (an unquoted empty
/// field, a quoted one when emptyValue equals nullValue, or text equal to nullValue), else
/// the text (emptyValue for a quoted "").
const std::string* csvDatum(const CsvField& field, const FileSourceOptions& options);

/// Column names from a header record, made safe as Spark does: empty or nullValue names
/// become `_c<i>`, names repeated (case-insensitively) get their index appended.
std::vector<std::string> csvHeaderNames(const CsvRecord& header, const FileSourceOptions& options);

/// Spark's CSV schema inference over `files`: column names from the header (or _c0, _c1,
/// ...); without inferSchema every column is a string; with it each column takes the
/// narrowest type all its values parse as, in Spark's order int, bigint, decimal(p,0),
/// double, date (preferDate), timestamp, boolean, string (types from different families
/// widen to string; columns with only NULLs are strings). Throws AnalysisError when a file
/// cannot be read or there is no record at all.
TypePtr inferCsvSchema(const FileSourceOptions& options, const std::vector<std::string>& files);

/// Empty when CSV can hold every field's type; otherwise Spark's message naming the first
/// column it cannot hold (struct, array, map, binary, interval, void).
std::string csvSchemaProblem(const std::vector<StructField>& fields);

}  // namespace sluice
