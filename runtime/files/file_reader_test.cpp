#include "runtime/files/file_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "frontend/error.h"
#include "planner/logical/scan.h"
#include "planner/sources/file_source.h"
#include "planner/type_conversion.h"
#include "stdlib/datetime.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;

class FileReaderTest : public ::testing::Test {
 protected:
  fs::path dir;

  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sluice_file_reader_" + std::to_string(::getpid()) + "_" +
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

  // A scan of `path` (relative to the test directory) with table schema `ddl` reading the
  // columns `read` (all when empty), in that order.
  std::unique_ptr<Scan> scan(const std::string& format, const std::string& path,
                             const std::string& ddl, std::map<std::string, std::string> opts = {},
                             std::vector<std::string> read = {}) {
    TypePtr schema = parseDdlSchema(ddl, "test schema");
    opts["path"] = path;
    opts[kResolvedPathOption] = (dir / path).string();
    opts[kTableSchemaOption] = schema->toDdl();
    if (read.empty())
      for (const auto& f : schema->fields()) read.push_back(f.name);
    std::vector<Attribute> attrs;
    for (const auto& name : read) {
      const auto& f = schema->fields()[static_cast<size_t>(schema->fieldIndex(name))];
      attrs.push_back(Attribute{static_cast<ExprId>(attrs.size() + 1), f.name, f.type, true, "t"});
    }
    return std::make_unique<Scan>(SourceKind::File, "t", format, opts, attrs, false);
  }

  std::string readError(const Scan& s) {
    try {
      readFileTable(s);
    } catch (const Error& e) {
      return e.message();
    }
    return "<no error>";
  }
};

bool isNull(const ColumnBatch& b, size_t c, int64_t r) {
  return b.columns()[c].nulls && b.columns()[c].nulls[r];
}
template <typename T>
T at(const ColumnBatch& b, size_t c, int64_t r) {
  return static_cast<const T*>(b.columns()[c].values)[r];
}
std::string str(const ColumnBatch& b, size_t c, int64_t r) {
  if (isNull(b, c, r)) return "NULL";
  return std::string(at<StringView>(b, c, r).view());
}
std::string ints(const ColumnBatch& b, size_t c) {
  std::string s;
  for (int64_t r = 0; r < b.rows(); ++r)
    s += (r ? "," : "") + (isNull(b, c, r) ? "NULL" : std::to_string(at<int32_t>(b, c, r)));
  return s;
}
std::string strs(const ColumnBatch& b, size_t c) {
  std::string s;
  for (int64_t r = 0; r < b.rows(); ++r) s += (r ? "," : "") + str(b, c, r);
  return s;
}

TEST_F(FileReaderTest, CsvTypedColumnsAndNulls) {
  write("t.csv",
        "id,name,score,day,at,ok,price\n"
        "1,ann,1.5,2020-01-02,2020-01-02 03:04:05,true,12.345\n"
        "2,,NaN,,,FALSE,\n"
        "3,NA,-Inf,2020-3-4,2020-01-02T03:04:05Z,,7\n");
  auto s = scan("csv", "t.csv",
                "id INT, name STRING, score DOUBLE, day DATE, at TIMESTAMP, ok BOOLEAN, "
                "price DECIMAL(10,2)",
                {{"header", "true"}, {"nullValue", "NA"}});
  ColumnBatch b = readFileTable(*s);
  ASSERT_EQ(b.rows(), 3);
  EXPECT_EQ(ints(b, 0), "1,2,3");
  // An empty field is not nullValue 'NA' here: it is still NULL (Spark: unquoted empty).
  EXPECT_EQ(strs(b, 1), "ann,NULL,NULL");
  EXPECT_DOUBLE_EQ(at<double>(b, 2, 0), 1.5);
  EXPECT_TRUE(std::isnan(at<double>(b, 2, 1)));
  EXPECT_EQ(at<double>(b, 2, 2), -HUGE_VAL);
  EXPECT_EQ(at<int32_t>(b, 3, 0), stdlib::daysFromCivil(2020, 1, 2));
  EXPECT_EQ(at<int32_t>(b, 3, 2), stdlib::daysFromCivil(2020, 3, 4));
  EXPECT_TRUE(isNull(b, 3, 1));
  const int64_t ts = stdlib::daysFromCivil(2020, 1, 2) * stdlib::kMicrosPerDay +
                     (3 * 3600 + 4 * 60 + 5) * stdlib::kMicrosPerSecond;
  EXPECT_EQ(at<int64_t>(b, 4, 0), ts);
  EXPECT_EQ(at<int64_t>(b, 4, 2), ts);
  EXPECT_EQ(at<uint8_t>(b, 5, 0), 1);
  EXPECT_EQ(at<uint8_t>(b, 5, 1), 0);
  EXPECT_TRUE(isNull(b, 5, 2));
  EXPECT_EQ(at<int64_t>(b, 6, 0), 1235);  // HALF_UP to scale 2
  EXPECT_EQ(at<int64_t>(b, 6, 2), 700);
}

TEST_F(FileReaderTest, CsvPrunedAndReorderedColumns) {
  write("t.csv", "1,a,x\n2,b,y\n");
  auto s = scan("csv", "t.csv", "a INT, b STRING, c STRING", {}, {"c", "a"});
  ColumnBatch b = readFileTable(*s);
  ASSERT_EQ(b.types().size(), 2u);
  EXPECT_EQ(strs(b, 0), "x,y");
  EXPECT_EQ(ints(b, 1), "1,2");
}

TEST_F(FileReaderTest, CsvQuotedValues) {
  write("t.csv", "1,\"a,b\",\"say \\\"hi\\\"\"\n2,\"\",\"x\"\"y\"\n");
  ColumnBatch b = readFileTable(*scan("csv", "t.csv", "a INT, b STRING, c STRING"));
  EXPECT_EQ(strs(b, 1), "a,b,NULL");  // a quoted "" is emptyValue == nullValue: NULL
  EXPECT_EQ(strs(b, 2), "say \"hi\",x\"y");
  auto e = scan("csv", "t.csv", "a INT, b STRING, c STRING", {{"emptyValue", "<e>"}});
  EXPECT_EQ(strs(readFileTable(*e), 1), "a,b,<e>");
  write("m.csv", "1,\"two\nlines\"\n2,x\n");
  auto m = scan("csv", "m.csv", "a INT, b STRING", {{"multiLine", "true"}});
  ColumnBatch mb = readFileTable(*m);
  EXPECT_EQ(strs(mb, 1), "two\nlines,x");
  // Without multiLine the first record is malformed (unclosed quote) and the next line is a
  // record of its own.
  auto single = scan("csv", "m.csv", "a INT, b STRING", {{"mode", "DROPMALFORMED"}});
  EXPECT_EQ(ints(readFileTable(*single), 0), "2");
}

TEST_F(FileReaderTest, CsvMalformedRecordsInEveryMode) {
  write("t.csv", "1,x\nbad,y\n3\n4,z,extra\n5,w\n");
  const std::string ddl = "a INT, b STRING, _corrupt_record STRING";
  ColumnBatch p = readFileTable(*scan("csv", "t.csv", ddl));
  EXPECT_EQ(ints(p, 0), "1,NULL,3,4,5");
  EXPECT_EQ(strs(p, 1), "x,y,NULL,z,w");
  EXPECT_EQ(strs(p, 2), "NULL,bad,y,3,4,z,extra,NULL");
  ColumnBatch d = readFileTable(*scan("csv", "t.csv", ddl, {{"mode", "DROPMALFORMED"}}));
  EXPECT_EQ(ints(d, 0), "1,5");
  auto msg = readError(*scan("csv", "t.csv", "a INT, b STRING", {{"mode", "FAILFAST"}}));
  EXPECT_NE(msg.find((dir / "t.csv").string() + ":2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("column 'a' (int)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'bad'"), std::string::npos) << msg;
}

TEST_F(FileReaderTest, CsvDropMalformedOnlyParsesTheColumnsRead) {
  // Spark prunes CSV columns before parsing: a bad value in an unread column drops nothing.
  write("t.csv", "1,x\n2,notanint\n");
  auto s = scan("csv", "t.csv", "a INT, b INT", {{"mode", "DROPMALFORMED"}}, {"a"});
  EXPECT_EQ(ints(readFileTable(*s), 0), "1,2");
  auto all = scan("csv", "t.csv", "a INT, b INT", {{"mode", "DROPMALFORMED"}});
  EXPECT_EQ(ints(readFileTable(*all), 0), "");
}

TEST_F(FileReaderTest, DirectoriesEmptyFilesAndMissingPaths) {
  write("d/b.csv", "h\n3\n4\n");
  write("d/a.csv", "h\n1\n2\n");
  write("d/c.csv", "");
  write("d/_SUCCESS", "");
  write("d/.a.csv.crc", "junk");
  EXPECT_EQ(ints(readFileTable(*scan("csv", "d", "v INT", {{"header", "true"}})), 0), "1,2,3,4");
  write("e.csv", "");
  EXPECT_EQ(readFileTable(*scan("csv", "e.csv", "v INT")).rows(), 0);
  auto msg = readError(*scan("csv", "missing.csv", "v INT"));
  EXPECT_NE(msg.find("path does not exist: " + (dir / "missing.csv").string()), std::string::npos)
      << msg;
  msg = readError(*scan("csv", "e.csv", "v STRUCT<x: INT>"));
  EXPECT_NE(msg.find("does not support struct<x:int>"), std::string::npos) << msg;
}

TEST_F(FileReaderTest, JsonValuesNestedAndMissingFields) {
  write("t.json",
        "{\"id\": 1, \"name\": \"ann\", \"tags\": [\"a\", null], \"loc\": {\"zip\": \"94105\", "
        "\"n\": 3}, \"m\": {\"k\": 1}, \"at\": \"2020-01-02 03:04:05\", \"extra\": 1}\n"
        "\n"
        "{\"id\": 2, \"name\": 42, \"loc\": null, \"at\": 1577934245}\n"
        "{\"id\": null, \"name\": {\"x\": [1, true]}}\n");
  auto s = scan("json", "t.json",
                "id BIGINT, name STRING, tags ARRAY<STRING>, loc STRUCT<n: INT, zip: STRING>, "
                "m MAP<STRING, INT>, at TIMESTAMP");
  ColumnBatch b = readFileTable(*s);
  ASSERT_EQ(b.rows(), 3);
  EXPECT_EQ(at<int64_t>(b, 0, 1), 2);
  EXPECT_TRUE(isNull(b, 0, 2));
  // String columns take any JSON value as its JSON text.
  EXPECT_EQ(strs(b, 1), "ann,42,{\"x\":[1,true]}");
  const auto* tags = at<const ArrayData*>(b, 2, 0);
  ASSERT_EQ(tags->length, 2);
  EXPECT_EQ(tags->values[0].as<StringView>().view(), "a");
  ASSERT_NE(tags->nulls, nullptr);
  EXPECT_TRUE(tags->nulls[1]);
  EXPECT_TRUE(isNull(b, 2, 1));
  const auto* loc = at<const StructData*>(b, 3, 0);
  EXPECT_EQ(loc->fields[0].as<int32_t>(), 3);
  EXPECT_EQ(loc->fields[1].as<StringView>().view(), "94105");
  EXPECT_TRUE(isNull(b, 3, 1));
  const auto* m = at<const MapData*>(b, 4, 0);
  ASSERT_EQ(m->length, 1);
  EXPECT_EQ(m->keys[0].as<StringView>().view(), "k");
  EXPECT_EQ(m->values[0].as<int32_t>(), 1);
  // A timestamp string, and an integral number of seconds since the epoch.
  EXPECT_EQ(at<int64_t>(b, 5, 0), 1577934245LL * 1000000);
  EXPECT_EQ(at<int64_t>(b, 5, 1), 1577934245LL * 1000000);
}

TEST_F(FileReaderTest, JsonMalformedRecordsInEveryMode) {
  write("t.json", "{\"a\": 1}\n{\"a\": \"one\"}\nnot json\n{\"a\": 3}\n");
  const std::string ddl = "_corrupt_record STRING, a INT";
  ColumnBatch p = readFileTable(*scan("json", "t.json", ddl));
  EXPECT_EQ(ints(p, 1), "1,NULL,NULL,3");
  EXPECT_EQ(strs(p, 0), "NULL,{\"a\": \"one\"},not json,NULL");
  ColumnBatch d = readFileTable(*scan("json", "t.json", ddl, {{"mode", "DROPMALFORMED"}}));
  EXPECT_EQ(ints(d, 1), "1,3");
  auto msg = readError(*scan("json", "t.json", "a INT", {{"mode", "FAILFAST"}}));
  EXPECT_NE(msg.find((dir / "t.json").string() + ":2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("column 'a' (int)"), std::string::npos) << msg;
}

TEST_F(FileReaderTest, JsonMultiLineArrayAndOptions) {
  write("t.json", "[\n  {\"a\": 1},\n  {\"a\": 2, 'b': 'x'}\n]\n");
  ColumnBatch b =
      readFileTable(*scan("json", "t.json", "a INT, b STRING", {{"multiLine", "true"}}));
  EXPECT_EQ(ints(b, 0), "1,2");
  EXPECT_EQ(strs(b, 1), "NULL,x");
  write("c.json", "// header comment\n{\"a\": 5 /* five */}\n");
  EXPECT_EQ(ints(readFileTable(*scan("json", "c.json", "a INT", {{"allowComments", "true"}})), 0),
            "5");
  EXPECT_EQ(ints(readFileTable(*scan("json", "c.json", "a INT")), 0), "NULL,NULL");
}

}  // namespace
}  // namespace sluice
