#pragma once
// A sqllogictest-style runner for sluice's analysis semantics, hosted in GoogleTest
// (tests/sql/slt_test.cpp registers one test per tests/sql/**/*.test file).
//
// A .test file is a list of records separated by blank lines; lines starting with `#` are
// comments. Every record of a file runs against one sluice::Engine, so tables and views
// created by earlier records stay visible.
//
//   statement ok
//   CREATE TABLE t (a INT, b STRING) USING memory
//
//   statement error cannot resolve column 'c'
//   SELECT c
//   FROM t
//
//   explain
//   SELECT a + (1 + 2) FROM t WHERE a > 0
//   ----
//   Project [(a# + 3) AS
//   Filter (a# > 0)
//
//   halt
//
// - `statement ok` + SQL: the statement (one statement; it may span lines) must parse and
//   analyze (Engine::check).
// - `statement error <text>` + SQL: it must fail with a sluice::Error whose message contains
//   <text>, and the error must point into the record's SQL (or into an earlier record's, such
//   as the definition of a view the statement uses): the statement is given to the engine
//   under the .test file's name with its line numbers kept, so the error renders as
//   `tests/sql/x.test:<line>:<col>`.
// - `explain [extended]` + SQL + `----` + lines: the "== Optimized Logical Plan ==" section of
//   Engine::explain (`explain extended`: the whole ExplainLevel::Extended text, with the
//   parsed and analyzed plans and the rules that fired) must contain every line after `----`
//   (leading and trailing blanks ignored) as a substring of one plan line, in order: line k+1
//   must match after the end of line k's match (later on the same plan line, or on a later
//   one), so several lines can pick parts of one long Project list. Expression
//   ids are dropped on both sides before comparing (`a#12` reads `a#`), since they depend on
//   everything bound before.
// - `halt` stops the file.
// - `query <types> [rowsort]` + SQL + `----` + rows: the query runs (Engine::query) and must
//   return exactly these rows, one line per row with tab-separated values as
//   Table::getString prints them (`NULL` for NULL; a line break inside a value reads `\n`). <types> has one letter per column:
//   I integral, R float/double/decimal, T string/binary, B boolean, D date/timestamp.
//   `rowsort` compares the rows sorted.
// - `query error <text>` + SQL: the query must analyze (Engine::check) and then fail when it
//   runs (Engine::query) with a sluice::Error whose message contains <text>: an error that
//   generated code raises at run time (ANSI mode's overflow, say). Any other record type is
//   refused.
#include <string>
#include <vector>

namespace sluice::slt {

/// One problem found while running a file: the 1-based line of the record in the .test file.
struct Failure {
  int line = 0;
  std::string message;
};

/// Runs the records of `text`; `name` is the file name errors must render with (use the
/// path relative to the repository root). Returns every failure (empty: the file passed).
std::vector<Failure> runScript(const std::string& name, const std::string& text);

/// Reads `path` and runs it as `name` (see runScript); an unreadable file is one failure.
std::vector<Failure> runFile(const std::string& path, const std::string& name);

/// Every `*.test` file below `dir`, as paths relative to `dir`, sorted.
std::vector<std::string> discoverTestFiles(const std::string& dir);

}  // namespace sluice::slt
