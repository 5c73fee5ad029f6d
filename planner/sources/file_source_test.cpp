#include "planner/sources/file_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "frontend/error.h"
#include "frontend/parser.h"
#include "planner/catalog/catalog.h"
#include "planner/session/statement_planner.h"
#include "planner/sources/file_source_csv.h"
#include "planner/sources/file_source_json.h"
#include "planner/sources/file_source_values.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class FileSourceTest : public ::testing::Test {
 protected:
  fs::path dir;

  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sluice_file_source_" + std::to_string(::getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  std::string write(const std::string& name, const std::string& text) {
    fs::path p = dir / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  FileSourceOptions options(const std::string& format,
                            std::map<std::string, std::string> opts = {}) {
    return parseFileSourceOptions(format, opts);
  }

  TypePtr inferCsv(const std::string& text, std::map<std::string, std::string> opts = {}) {
    auto path = write("data.csv", text);
    return inferCsvSchema(options("csv", opts), {path});
  }
  TypePtr inferJson(const std::string& text, std::map<std::string, std::string> opts = {}) {
    auto path = write("data.json", text);
    return inferJsonSchema(options("json", opts), {path});
  }

  // Runs CREATE TABLE statements declared in a query file at `sqlPath`.
  Catalog catalog;
  void create(const std::string& sql, const std::string& sqlPath = "<string>") {
    auto file = std::make_shared<SourceFile>();
    file->name = sqlPath;
    file->text = sql;
    scripts.push_back(parseScript(file));
    StatementPlanner planner(catalog);
    for (const auto& s : scripts.back().statements) planner.plan(*s, file);
  }
  std::string createError(const std::string& sql) {
    try {
      create(sql);
    } catch (const Error& e) {
      return e.message();
    }
    return "<no error>";
  }
  std::vector<ast::Script> scripts;
};

std::vector<std::string> fields(const TypePtr& t) {
  std::vector<std::string> out;
  for (const auto& f : t->fields()) out.push_back(f.name + ":" + f.type->toString());
  return out;
}
using Strings = std::vector<std::string>;

std::vector<std::string> tokens(const std::string& text, const FileSourceOptions& o) {
  CsvTokenizer tok(text, o);
  CsvRecord r;
  std::vector<std::string> out;
  while (tok.next(r)) {
    std::string s = std::to_string(r.line) + ":";
    for (size_t i = 0; i < r.fields.size(); ++i)
      s += (i ? "|" : "") + std::string(r.fields[i].quoted ? "q" : "") + "[" + r.fields[i].text +
           "]";
    if (!r.error.empty()) s += " !";
    out.push_back(s);
  }
  return out;
}

TEST_F(FileSourceTest, OptionsHaveSparkDefaultsAndCaseInsensitiveNames) {
  auto o = options("csv");
  EXPECT_FALSE(o.header);
  EXPECT_EQ(o.sep, ',');
  EXPECT_EQ(o.quote, '"');
  EXPECT_EQ(o.escape, '\\');
  EXPECT_EQ(o.mode, ParseMode::Permissive);
  EXPECT_EQ(o.corruptColumn, "_corrupt_record");
  o = options("csv", {{"HEADER", "TRUE"},
                      {"Delimiter", "\\t"},
                      {"quote", ""},
                      {"MODE", "dropMalformed"},
                      {"nullvalue", "NA"},
                      {"inferschema", "true"}});
  EXPECT_TRUE(o.header);
  EXPECT_EQ(o.sep, '\t');
  EXPECT_EQ(o.quote, '\0');
  EXPECT_EQ(o.mode, ParseMode::DropMalformed);
  EXPECT_EQ(o.nullValue, "NA");
  EXPECT_TRUE(o.inferSchema);
  // Unknown options are ignored, as in Spark.
  EXPECT_NO_THROW(options("csv", {{"someFutureOption", "x"}}));
  auto j = options("json", {{"allowComments", "true"}, {"allowSingleQuotes", "false"}});
  EXPECT_TRUE(j.json.allowComments);
  EXPECT_FALSE(j.json.allowSingleQuotes);
}

TEST_F(FileSourceTest, BadOptionValuesNameTheOption) {
  auto msg = [&](const std::string& fmt, std::map<std::string, std::string> o) -> std::string {
    try {
      options(fmt, o);
    } catch (const AnalysisError& e) {
      return e.message();
    }
    return "<no error>";
  };
  EXPECT_NE(msg("csv", {{"header", "yes"}}).find("option header"), std::string::npos);
  EXPECT_NE(msg("csv", {{"mode", "lenient"}}).find("option mode"), std::string::npos);
  EXPECT_NE(msg("csv", {{"sep", ";;"}}).find("option sep"), std::string::npos);
  EXPECT_NE(msg("csv", {{"sep", ""}}).find("option sep"), std::string::npos);
  EXPECT_NE(msg("csv", {{"encoding", "ISO-8859-1"}}).find("only UTF-8"), std::string::npos);
  EXPECT_EQ(msg("csv", {{"charset", "utf8"}}), "<no error>");
  EXPECT_EQ(msg("json", {{"compression", "gzip"}}), "<no error>");
  EXPECT_NE(msg("json", {{"compression", "bzip2"}}).find("option compression: unknown codec"),
            std::string::npos);
  EXPECT_NE(msg("csv", {{"maxColumns", "0"}}).find("option maxColumns"), std::string::npos);
  EXPECT_NE(msg("json", {{"primitivesAsString", "1"}}).find("primitivesAsString"),
            std::string::npos);
}

TEST_F(FileSourceTest, RelativePathsResolveAgainstTheDeclaringFile) {
  const std::string sql = write("queries/q.sql", "-- query");
  EXPECT_EQ(resolveSourcePath("data/x.csv", std::make_shared<SourceFile>(SourceFile{sql, ""})),
            (dir / "queries/data/x.csv").string());
  EXPECT_EQ(resolveSourcePath("../x.csv", std::make_shared<SourceFile>(SourceFile{sql, ""})),
            (dir / "x.csv").string());
  // API strings have no file: the current directory.
  EXPECT_EQ(resolveSourcePath("x.csv", std::make_shared<SourceFile>(SourceFile{"<string>", ""})),
            (fs::current_path() / "x.csv").string());
  EXPECT_EQ(resolveSourcePath("/abs/./x.csv", nullptr), "/abs/x.csv");
  EXPECT_EQ(resolveSourcePath("file:///abs/x.csv", nullptr), "/abs/x.csv");
}

TEST_F(FileSourceTest, DirectoriesListVisibleFilesSorted) {
  write("t/b.csv", "2\n");
  write("t/a.csv", "1\n");
  write("t/_SUCCESS", "");
  write("t/.a.csv.crc", "");
  write("t/sub/c.csv", "3\n");
  write("t/_tmp/d.csv", "4\n");
  auto o = options("csv");
  o.resolvedPath = (dir / "t").string();
  EXPECT_EQ(*listSourceFiles(o), (Strings{(dir / "t/a.csv").string(), (dir / "t/b.csv").string()}));
  o.recursiveFileLookup = true;
  EXPECT_EQ(*listSourceFiles(o), (Strings{(dir / "t/a.csv").string(), (dir / "t/b.csv").string(),
                                          (dir / "t/sub/c.csv").string()}));
  o.recursiveFileLookup = false;
  o.pathGlobFilter = "b*";
  EXPECT_EQ(*listSourceFiles(o), (Strings{(dir / "t/b.csv").string()}));
  o.pathGlobFilter = "";
  o.resolvedPath = (dir / "t/*.csv").string();
  EXPECT_EQ(listSourceFiles(o)->size(), 2u);
  o.resolvedPath = (dir / "missing").string();
  EXPECT_FALSE(listSourceFiles(o).has_value());
}

TEST_F(FileSourceTest, CsvTokenizerHandlesQuotesEscapesCommentsAndBlankLines) {
  auto o = options("csv", {{"comment", "#"}});
  EXPECT_EQ(tokens("\xEF\xBB\xBF"
                   "a,\"b,c\",d\r\n\n# note\n\"say \\\"hi\\\"\",\"x\"\"y\",\n",
                   o),
            (Strings{"1:[a]|q[b,c]|[d]", "4:q[say \"hi\"]|q[x\"y]|[]"}));
  // A quoted value spans lines only with multiLine.
  EXPECT_EQ(tokens("\"a\nb\",c\nd,e\n", o), (Strings{"1:q[a] !", "2:[b\"]|[c]", "3:[d]|[e]"}));
  auto ml = options("csv", {{"multiLine", "true"}});
  EXPECT_EQ(tokens("\"a\nb\",c\nd,e\n", ml), (Strings{"1:q[a\nb]|[c]", "3:[d]|[e]"}));
  auto ws = options(
      "csv",
      {{"ignoreLeadingWhiteSpace", "true"}, {"ignoreTrailingWhiteSpace", "true"}, {"sep", ";"}});
  EXPECT_EQ(tokens("  a ; b\t;\"c \"  \n", ws), (Strings{"1:[a]|[b]|q[c ]"}));
  auto noQuote = options("csv", {{"quote", ""}});
  EXPECT_EQ(tokens("\"a\",b\n", noQuote), (Strings{"1:[\"a\"]|[b]"}));
}

TEST_F(FileSourceTest, CsvNullAndEmptyValues) {
  auto o = options("csv");
  EXPECT_EQ(csvDatum(CsvField{"", false}, o), nullptr);
  EXPECT_EQ(csvDatum(CsvField{"", true}, o), nullptr);  // emptyValue == nullValue
  o = options("csv", {{"nullValue", "NA"}, {"emptyValue", "<empty>"}});
  EXPECT_EQ(csvDatum(CsvField{"NA", false}, o), nullptr);
  EXPECT_EQ(*csvDatum(CsvField{"", true}, o), "<empty>");
  EXPECT_EQ(*csvDatum(CsvField{"x", false}, o), "x");
}

TEST_F(FileSourceTest, CsvWithoutInferSchemaIsAllStrings) {
  EXPECT_EQ(fields(inferCsv("1,2.5,x\n")), (Strings{"_c0:string", "_c1:string", "_c2:string"}));
  EXPECT_EQ(fields(inferCsv("id,,id,ID\n1,2,3,4\n", {{"header", "true"}})),
            (Strings{"id0:string", "_c1:string", "id2:string", "ID3:string"}));
}

TEST_F(FileSourceTest, CsvInferenceFollowsSparksWideningOrder) {
  const std::string text =
      "i,l,dec,d,dt,ts,b,s,n,mixed,id\n"
      "1,1,1,1,2020-01-01,2020-01-01 10:00:00,true,x,,1,1\n"
      "2,3000000000,123456789012345678901,1.5,2020-02-29,2020-01-02T03:04:05Z,FALSE,1,,true,1.5\n"
      "-3,,,NaN,,,,2.5,,,\n";
  EXPECT_EQ(
      fields(inferCsv(text, {{"header", "true"}, {"inferSchema", "true"}})),
      (Strings{"i:int", "l:bigint", "dec:decimal(21,0)", "d:double", "dt:date", "ts:timestamp",
               "b:boolean", "s:string", "n:string", "mixed:string", "id:double"}));
  // Dates and timestamps widen to timestamp; without preferDate dates are timestamps.
  EXPECT_EQ(fields(inferCsv("2020-01-01\n2020-01-01 10:00\n", {{"inferSchema", "true"}})),
            (Strings{"_c0:timestamp"}));
  EXPECT_EQ(fields(inferCsv("2020-01-01\n", {{"inferSchema", "true"}, {"preferDate", "false"}})),
            (Strings{"_c0:timestamp"}));
  // A custom timestampFormat decides what a timestamp is.
  EXPECT_EQ(fields(inferCsv("01/02/2020 10:00\n",
                            {{"inferSchema", "true"}, {"timestampFormat", "MM/dd/yyyy HH:mm"}})),
            (Strings{"_c0:timestamp"}));
  // With a timestampFormat, dates mixed with timestamps are strings (Spark 3.4+).
  EXPECT_EQ(fields(inferCsv("2020-01-01\n01/02/2020 10:00\n",
                            {{"inferSchema", "true"}, {"timestampFormat", "MM/dd/yyyy HH:mm"}})),
            (Strings{"_c0:string"}));
  EXPECT_EQ(fields(inferCsv("NA\n7\n", {{"inferSchema", "true"}, {"nullValue", "NA"}})),
            (Strings{"_c0:int"}));
}

TEST_F(FileSourceTest, CsvInferenceReadsEveryFileAndSkipsEachHeader) {
  auto a = write("d/a.csv", "x,y\n1,a\n");
  auto b = write("d/b.csv", "x,y\n2.5,b\n");
  auto o = options("csv", {{"header", "true"}, {"inferSchema", "true"}});
  EXPECT_EQ(fields(inferCsvSchema(o, {a, b})), (Strings{"x:double", "y:string"}));
  auto empty = write("empty.csv", "");
  EXPECT_THROW(inferCsvSchema(o, {empty}), AnalysisError);
}

TEST_F(FileSourceTest, JsonInferenceSortsFieldsAndWidensConflicts) {
  const std::string text =
      "{\"b\": 1, \"a\": \"x\", \"n\": null, \"arr\": [1, 2.5], \"s\": {\"z\": true, \"y\": 1}}\n"
      "\n"
      "{\"b\": 2.5, \"c\": true, \"arr\": [], \"s\": {\"y\": \"w\"}, \"e\": []}\n"
      "{\"c\": 1, \"big\": 123456789012345678901}\n";
  EXPECT_EQ(fields(inferJson(text)),
            (Strings{"a:string", "arr:array<double>", "b:double", "big:decimal(21,0)", "c:string",
                     "e:array<string>", "n:string", "s:struct<y:string,z:boolean>"}));
  EXPECT_EQ(fields(inferJson("{\"a\": 1, \"b\": [true]}\n", {{"primitivesAsString", "true"}})),
            (Strings{"a:string", "b:array<string>"}));
  EXPECT_EQ(fields(inferJson("{\"a\": 1.25}\n", {{"prefersDecimal", "true"}})),
            (Strings{"a:decimal(3,2)"}));
  // A top-level array of objects is one row per object.
  EXPECT_EQ(fields(inferJson("[{\"a\": 1}, {\"b\": 2}]\n")), (Strings{"a:bigint", "b:bigint"}));
}

TEST_F(FileSourceTest, JsonMalformedRecordsDuringInference) {
  const std::string text = "{\"a\": 1}\n{\"a\": \n";
  EXPECT_EQ(fields(inferJson(text)), (Strings{"_corrupt_record:string", "a:bigint"}));
  EXPECT_EQ(fields(inferJson(text, {{"mode", "DROPMALFORMED"}})), (Strings{"a:bigint"}));
  EXPECT_THROW(inferJson(text, {{"mode", "FAILFAST"}}), AnalysisError);
  EXPECT_EQ(fields(inferJson("// c\n{\"a\": 1}\n", {{"allowComments", "true"}})),
            (Strings{"a:bigint"}));
  EXPECT_THROW(inferJson("\n  \n"), AnalysisError);
}

// Schema inference types strict JSON objects with simdjson and everything else with the DOM:
// both must give the same schema, record by record, for any input.
TEST_F(FileSourceTest, JsonInferenceFastPathAgreesWithTheDom) {
  const std::vector<std::string> records = {
      R"({"a": 1, "b": 12345678901, "c": 123456789012345678901234567890, "d": 1.5, "e": 1e3,)"
      R"( "f": -0.0, "g": "s\u00e9\"", "h": true, "i": null, "j": [1, 2.5, null],)"
      R"( "k": {"y": [], "x": {"z": [[1], [true]]}}, "l": [{"p": 1}, {"q": "r"}], "a": "dup"})",
      R"({"\u0061b": 1, "m": [1, "x"], "n": [[]], "o": {}, "p": 0.1, "q": 12345.678901})",
      R"({"a": NaN, "b": 'x'})",
      R"([{"a": 1}, {"b": 2}])",
      R"({"a": 1} x)",
      R"({"x": [["k": 1}], "a": 1})",
      R"({"x": 01})",
      R"(not json)",
      R"({"big": 1e400, "neg": -12345678901234567890})",
  };
  static const char kChars[] = "\"\\{}[],: e.-0x\t'nu1E";
  std::mt19937_64 rng(99);
  std::vector<std::string> corpus = records;
  for (int i = 0; i < 6000; ++i) {
    std::string r = records[rng() % records.size()];
    for (int e = 0; e < 2 && !r.empty(); ++e) {
      const size_t at = rng() % r.size();
      if (rng() % 2)
        r.erase(at, 1);
      else
        r.insert(at, 1, kChars[rng() % (sizeof kChars - 1)]);
    }
    if (r.find('\n') == std::string::npos) corpus.push_back(r);
  }
  for (const std::map<std::string, std::string>& opts :
       std::vector<std::map<std::string, std::string>>{
           {}, {{"primitivesAsString", "true"}}, {{"prefersDecimal", "true"}}}) {
    const FileSourceOptions o = options("json", opts);
    for (const std::string& rec : corpus) {
      const TypePtr fast = inferJsonRecordType(rec, o, true);
      const TypePtr dom = inferJsonRecordType(rec, o, false);
      ASSERT_EQ(fast ? fast->toString() : "malformed", dom ? dom->toString() : "malformed")
          << rec;
    }
    // And a whole file, malformed records and all.
    std::string text;
    for (const std::string& rec : corpus) text += rec + "\n";
    const std::string path = write("all.json", text);
    EXPECT_EQ(inferJsonSchema(o, {path}, true)->toString(),
              inferJsonSchema(o, {path}, false)->toString());
  }
}

TEST_F(FileSourceTest, JsonLinesOfAFileAreTheLinesOfItsText) {
  // Chunked reading (a line longer than the 4 MiB chunk among them) gives the records and line
  // numbers forEachJsonRecord gives for the whole text: byte-order mark, CRLF, blank and
  // comment-only lines, no final newline.
  const std::string text = "\xEF\xBB\xBF{\"a\": 1}\r\n\n   \n// note\n{\"s\": \"" +
                           std::string(5 << 20, 'x') + "\"}\n{\"a\": 2} /* c */\n{\"a\": 3}";
  const std::string path = write("lines.json", text);
  for (const char* comments : {"false", "true"}) {
    const FileSourceOptions o = options("json", {{"allowComments", comments}});
    std::vector<std::pair<std::string, int64_t>> whole, chunked;
    forEachJsonRecord(text, o, [&](std::string_view r, int64_t l) {
      whole.emplace_back(std::string(r), l);
    });
    EXPECT_TRUE(forEachJsonLineOfFile(path, o, [&](std::string_view r, int64_t l) {
      chunked.emplace_back(std::string(r), l);
    }));
    EXPECT_EQ(chunked, whole);
    EXPECT_GE(whole.size(), 4u);
  }
  EXPECT_FALSE(forEachJsonLineOfFile((dir / "missing.json").string(), options("json"),
                                     [](std::string_view, int64_t) {}));
}

TEST_F(FileSourceTest, CreateTableResolvesPathAndInfersSchema) {
  write("q/data/people.csv", "name,age\nann,31\nbob,\n");
  const std::string sql =
      "CREATE TABLE people USING csv OPTIONS (path 'data/people.csv', header 'true', "
      "inferSchema 'true')";
  create(sql, write("q/query.sql", sql));
  const TableEntry* t = catalog.table("people");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(fields(t->schema), (Strings{"name:string", "age:int"}));
  EXPECT_EQ(t->options.at(kResolvedPathOption), (dir / "q/data/people.csv").string());
  EXPECT_EQ(t->options.at("path"), "data/people.csv");  // EXPLAIN shows what was written
  EXPECT_EQ(fileScanOptions(*t, {t->schema, {}}).at(kTableSchemaOption), "name STRING, age INT");
}

TEST_F(FileSourceTest, CreateTableErrors) {
  const std::string missing = (dir / "nope.csv").string();
  // Without columns and without data, the table is one a query writes later: the schema is
  // inferred when it is read, and a read before any data exists names the path.
  EXPECT_EQ(createError("CREATE TABLE t USING csv OPTIONS (path '" + missing + "')"),
            "<no error>");
  EXPECT_EQ(catalog.table("t")->schema, nullptr);
  std::string msg;
  try {
    fileTableLayout(*catalog.table("t"), nullptr, {});
  } catch (const Error& e) {
    msg = e.what();
  }
  EXPECT_NE(msg.find("path does not exist: " + missing), std::string::npos) << msg;
  // A declared schema needs no data yet (a table written later).
  EXPECT_EQ(createError("CREATE TABLE t2 (a INT) USING csv OPTIONS (path '" + missing + "')"),
            "<no error>");
  write("empty/_SUCCESS", "");
  EXPECT_EQ(
      createError("CREATE TABLE t3 USING json OPTIONS (path '" + (dir / "empty").string() + "')"),
      "<no error>");
  msg.clear();
  try {
    fileTableLayout(*catalog.table("t3"), nullptr, {});
  } catch (const Error& e) {
    msg = e.what();
  }
  EXPECT_NE(msg.find("no data files"), std::string::npos) << msg;
  msg = createError("CREATE TABLE t4 (a INT) USING csv OPTIONS (path 'x', mode 'strict')");
  EXPECT_NE(msg.find("csv option mode"), std::string::npos) << msg;
  msg = createError("CREATE TABLE t5 (a INT) USING json OPTIONS (path 'x', encoding 'UTF-16')");
  EXPECT_NE(msg.find("only UTF-8"), std::string::npos) << msg;
}

TEST_F(FileSourceTest, StrictIntegralParsing) {
  int64_t v = 0;
  EXPECT_TRUE(parseStrictIntegral("+12", INT32_MIN, INT32_MAX, &v));
  EXPECT_EQ(v, 12);
  EXPECT_TRUE(parseStrictIntegral("-9223372036854775808", INT64_MIN, INT64_MAX, &v));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_FALSE(parseStrictIntegral("9223372036854775808", INT64_MIN, INT64_MAX, &v));
  EXPECT_FALSE(parseStrictIntegral("2147483648", INT32_MIN, INT32_MAX, &v));
  EXPECT_FALSE(parseStrictIntegral("1.0", INT32_MIN, INT32_MAX, &v));
  EXPECT_FALSE(parseStrictIntegral(" 1", INT32_MIN, INT32_MAX, &v));
  EXPECT_FALSE(parseStrictIntegral("-", INT32_MIN, INT32_MAX, &v));
}

}  // namespace
}  // namespace sluice
