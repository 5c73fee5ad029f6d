#include "tests/sql/slt_runner.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sluice/engine.h"
#include "sluice/table.h"

namespace sluice::slt {
namespace {

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool startsWith(const std::string& s, const std::string& p) {
  return s.rfind(p, 0) == 0;
}

bool isBlank(const std::string& s) {
  return trim(s).empty();
}
bool isComment(const std::string& s) {
  return startsWith(s, "#");
}

// `a#12` -> `a#`: expression ids depend on everything bound before, so plans are compared
// without them.
std::string dropExprIds(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '#')
      while (i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') ++i;
  }
  return out;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

enum class Kind { StatementOk, StatementError, Explain, Query, QueryError };

struct Record {
  Kind kind = Kind::StatementOk;
  int line = 0;           ///< header line (1-based)
  std::string arg;        ///< error substring
  bool extended = false;  ///< explain extended
  std::string sql;        ///< the statement, preceded by newlines so its line numbers match
  int firstSqlLine = 0;   ///< 1-based, inclusive
  int lastSqlLine = 0;    ///< 1-based, inclusive
  std::vector<std::string> expected;  ///< explain: lines after ----; query: result rows
  std::string types;                  ///< query: one letter per column (I, R, T, B, D)
  bool rowsort = false;               ///< query: compare rows as sorted sets
};

class Runner {
 public:
  Runner(std::string name, const std::string& text)
      : name_(std::move(name)), lines_(splitLines(text)) {}

  std::vector<Failure> run() {
    size_t i = 0;
    int records = 0;
    while (i < lines_.size()) {
      if (isBlank(lines_[i]) || isComment(lines_[i])) {
        ++i;
        continue;
      }
      const int headerLine = static_cast<int>(i) + 1;
      const std::string header = trim(lines_[i]);
      if (header == "halt") break;
      // The body: every line up to the next blank line.
      size_t end = i + 1;
      while (end < lines_.size() && !isBlank(lines_[end])) ++end;
      ++records;
      parseAndRun(headerLine, header, i + 1, end);
      i = end;
    }
    if (records == 0) fail(1, "the file has no records");
    return std::move(failures_);
  }

 private:
  void fail(int line, std::string message) { failures_.push_back({line, std::move(message)}); }

  // Lines [from, to) of the body; `#` comment lines become empty lines so numbering holds.
  void parseAndRun(int headerLine, const std::string& header, size_t from, size_t to) {
    Record r;
    r.line = headerLine;
    if (header == "statement ok") {
      r.kind = Kind::StatementOk;
    } else if (startsWith(header, "statement error")) {
      r.kind = Kind::StatementError;
      r.arg = trim(header.substr(std::string("statement error").size()));
      if (r.arg.empty())
        return fail(headerLine,
                    "`statement error` needs the expected message text: statement error <text>");
    } else if (startsWith(header, "query error")) {
      r.kind = Kind::QueryError;
      r.arg = trim(header.substr(std::string("query error").size()));
      if (r.arg.empty())
        return fail(headerLine,
                    "`query error` needs the expected message text: query error <text>");
    } else if (header == "explain" || header == "explain extended") {
      r.kind = Kind::Explain;
      r.extended = header == "explain extended";
    } else if (startsWith(header, "query")) {
      r.kind = Kind::Query;
      std::istringstream words(header.substr(5));
      words >> r.types;
      std::string mode;
      while (words >> mode) {
        if (mode == "rowsort") {
          r.rowsort = true;
        } else {
          return fail(headerLine, "unknown query option `" + mode + "` (expected rowsort)");
        }
      }
      if (r.types.empty() || r.types.find_first_not_of("IRTBD") != std::string::npos)
        return fail(headerLine,
                    "`query` needs column types: one of I (integral), R (float/double/decimal), "
                    "T (string/binary), B (boolean), D (date/timestamp) per column");
    } else if (startsWith(header, "statement")) {
      return fail(headerLine, "unknown statement record `" + header +
                                  "` (expected `statement ok` or `statement error <text>`)");
    } else {
      return fail(headerLine, "unknown record `" + header +
                                  "` (expected statement ok, statement error <text>, explain, "
                                  "halt)");
    }

    size_t sqlEnd = to;
    for (size_t k = from; k < to; ++k)
      if (trim(lines_[k]) == "----") {
        sqlEnd = k;
        break;
      }
    if (sqlEnd != to && r.kind != Kind::Explain && r.kind != Kind::Query)
      return fail(headerLine, "`----` is only allowed in explain and query records");
    if (r.kind == Kind::Query) {
      if (sqlEnd == to) return fail(headerLine, "query record without `----` and result rows");
      // Rows are tab-separated values as Table::getString prints them (NULL for NULL); an
      // empty result is a `----` with no rows.
      for (size_t k = sqlEnd + 1; k < to; ++k)
        if (!isComment(lines_[k])) r.expected.push_back(lines_[k]);
    }
    if (r.kind == Kind::Explain) {
      if (sqlEnd == to) return fail(headerLine, "explain record without `----` and plan lines");
      for (size_t k = sqlEnd + 1; k < to; ++k)
        if (!isComment(lines_[k])) r.expected.push_back(dropExprIds(trim(lines_[k])));
      if (r.expected.empty()) return fail(headerLine, "explain record with no plan lines");
    }
    r.firstSqlLine = static_cast<int>(from) + 1;
    r.lastSqlLine = static_cast<int>(sqlEnd);
    r.sql.assign(from, '\n');
    bool any = false;
    for (size_t k = from; k < sqlEnd; ++k) {
      if (!isComment(lines_[k])) {
        r.sql += lines_[k];
        any = any || !isBlank(lines_[k]);
      }
      r.sql += '\n';
    }
    if (!any) return fail(headerLine, "record without SQL");
    execute(r);
  }

  void execute(const Record& r) {
    sqlLines_.emplace_back(r.firstSqlLine, r.lastSqlLine);
    ScriptOptions options;
    options.name = name_;
    switch (r.kind) {
      case Kind::StatementOk:
        try {
          engine_.check(r.sql, options);
        } catch (const Error& e) {
          fail(r.line, "statement failed, expected ok:\n" + e.render());
        } catch (const std::exception& e) {
          fail(r.line, std::string("statement threw a non-sluice exception: ") + e.what());
        }
        return;
      case Kind::StatementError:
        try {
          engine_.check(r.sql, options);
        } catch (const Error& e) {
          checkError(r, e);
          return;
        } catch (const std::exception& e) {
          fail(r.line, std::string("statement threw a non-sluice exception: ") + e.what());
          return;
        }
        fail(r.line, "statement succeeded, expected an error containing: " + r.arg);
        return;
      case Kind::Explain: {
        std::string plan;
        try {
          plan = engine_.explain(r.sql, r.extended ? ExplainLevel::Extended : ExplainLevel::Simple,
                                 options);
        } catch (const Error& e) {
          fail(r.line, "explain failed:\n" + e.render());
          return;
        } catch (const std::exception& e) {
          fail(r.line, std::string("explain threw a non-sluice exception: ") + e.what());
          return;
        }
        checkPlan(r, plan);
        return;
      }
      case Kind::QueryError:
        runQueryError(r, options);
        return;
      case Kind::Query: {
        Table t;
        try {
          t = engine_.query(r.sql, options);
        } catch (const Error& e) {
          fail(r.line, "query failed:\n" + e.render());
          return;
        } catch (const std::exception& e) {
          fail(r.line, std::string("query threw a non-sluice exception: ") + e.what());
          return;
        }
        checkResult(r, t);
        return;
      }
    }
  }

  // Analysis must succeed (nothing folds to the error) and running must fail: the error
  // comes from generated code, at run time (it names the pipeline, not a query position).
  void runQueryError(const Record& r, const ScriptOptions& options) {
    try {
      engine_.check(r.sql, options);
    } catch (const Error& e) {
      return fail(r.line, "query failed at analysis, expected a run-time error:\n" + e.render());
    }
    try {
      engine_.query(r.sql, options);
    } catch (const Error& e) {
      if (e.message().find(r.arg) == std::string::npos)
        fail(r.line,
             "error message does not contain `" + r.arg + "`; the error was:\n" + e.render());
      return;
    } catch (const std::exception& e) {
      return fail(r.line, std::string("query threw a non-sluice exception: ") + e.what());
    }
    fail(r.line, "query succeeded, expected a run-time error containing: " + r.arg);
  }

  static char typeLetter(const std::string& type) {
    if (type == "tinyint" || type == "smallint" || type == "int" || type == "bigint") return 'I';
    if (type == "float" || type == "double" || startsWith(type, "decimal")) return 'R';
    if (type == "string" || type == "binary") return 'T';
    if (type == "boolean") return 'B';
    if (type == "date" || type == "timestamp" || type == "timestamp_ntz") return 'D';
    return '?';
  }

  void checkResult(const Record& r, const Table& t) {
    if (t.columns() != static_cast<int>(r.types.size()))
      return fail(r.line, "query returned " + std::to_string(t.columns()) +
                              " columns, the record "
                              "declares " +
                              std::to_string(r.types.size()));
    for (int c = 0; c < t.columns(); ++c)
      if (typeLetter(t.columnType(c)) != r.types[static_cast<size_t>(c)])
        return fail(r.line, "column " + std::to_string(c + 1) + " ('" + t.columnName(c) + "') is " +
                                t.columnType(c) + ", the record declares " +
                                r.types[static_cast<size_t>(c)]);
    std::vector<std::string> actual;
    for (int64_t row = 0; row < t.rows(); ++row) {
      std::string line;
      for (int c = 0; c < t.columns(); ++c) {
        if (c) line += '\t';
        // A value spanning lines (SHOW CREATE TABLE) reads `\n` for each line break.
        std::string v = t.isNull(row, c) ? "NULL" : t.getString(row, c);
        for (size_t at = 0; (at = v.find('\n', at)) != std::string::npos; at += 2)
          v.replace(at, 1, "\\n");
        line += v;
      }
      actual.push_back(line);
    }
    std::vector<std::string> expected = r.expected;
    if (r.rowsort) {
      std::sort(actual.begin(), actual.end());
      std::sort(expected.begin(), expected.end());
    }
    if (actual == expected) return;
    std::string msg = "query result differs\n--- expected\n";
    for (const auto& l : expected) msg += l + "\n";
    msg += "--- actual\n";
    for (const auto& l : actual) msg += l + "\n";
    fail(r.line, msg);
  }

  void checkError(const Record& r, const Error& e) {
    const std::string rendered = e.render();
    if (e.message().find(r.arg) == std::string::npos) {
      fail(r.line, "error message does not contain `" + r.arg + "`; the error was:\n" + rendered);
      return;
    }
    if (!e.file() || !e.span().known) {
      fail(r.line,
           "the error has no source location; it must point into the statement:\n" + rendered);
      return;
    }
    const LineCol lc = e.file()->lineCol(e.span().begin);
    const int line = static_cast<int>(lc.line);
    const std::string prefix = name_ + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col);
    // This record's SQL, or an earlier record's (a view's definition, say).
    bool inSql = false;
    for (const auto& [first, last] : sqlLines_) inSql = inSql || (line >= first && line <= last);
    if (e.file()->name != name_ || !inSql || !startsWith(rendered, prefix + ": error: ")) {
      fail(r.line, "the error must point into the SQL of this record (" + name_ + " lines " +
                       std::to_string(r.firstSqlLine) + "-" + std::to_string(r.lastSqlLine) +
                       ") or of an earlier one; it renders as:\n" + rendered);
    }
  }

  // `explain` compares with the "== Optimized Logical Plan ==" sections only (EXPLAIN's other
  // sections, such as the physical plan, have their own tests); `explain extended` with all.
  static std::vector<std::string> planLines(const std::string& text, bool extended) {
    std::vector<std::string> all = splitLines(dropExprIds(text));
    if (extended) return all;
    std::vector<std::string> out;
    bool in = false;
    for (const auto& l : all) {
      if (startsWith(l, "== ") || startsWith(l, "-- "))
        in = l == "== Optimized Logical Plan ==";
      else if (in && !isBlank(l))
        out.push_back(l);
    }
    return out;
  }

  void checkPlan(const Record& r, const std::string& plan) {
    const std::vector<std::string> got = planLines(plan, r.extended);
    // Each expected part must appear after the end of the previous one's match (on the same
    // plan line or a later one).
    size_t line = 0, col = 0;
    for (const auto& want : r.expected) {
      size_t at = std::string::npos;
      while (line < got.size() && (at = got[line].find(want, col)) == std::string::npos) {
        ++line;
        col = 0;
      }
      if (line == got.size()) {
        bool anywhere = false;
        for (const auto& g : got) anywhere = anywhere || g.find(want) != std::string::npos;
        fail(r.line, "the plan has no `" + want + "`" +
                         (anywhere ? " after the part matched before it" : "") +
                         "; the plan is:\n" + plan);
        return;
      }
      col = at + want.size();
    }
  }

  std::string name_;
  std::vector<std::string> lines_;
  Engine engine_;
  std::vector<Failure> failures_;
  std::vector<std::pair<int, int>> sqlLines_;  ///< SQL line ranges of the records run so far
};

}  // namespace

std::vector<Failure> runScript(const std::string& name, const std::string& text) {
  return Runner(name, text).run();
}

std::vector<Failure> runFile(const std::string& path, const std::string& name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {{1, "cannot read " + path}};
  std::stringstream ss;
  ss << in.rdbuf();
  return runScript(name, ss.str());
}

std::vector<std::string> discoverTestFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".test")
      out.push_back(fs::relative(it->path(), dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sluice::slt
