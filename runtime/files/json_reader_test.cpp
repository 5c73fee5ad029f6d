// The JSON-lines reader's two paths must agree: every record read by the simdjson fast path
// gives exactly the rows (values, NULLs, nested layout), the corrupt-record column and the
// FAILFAST message of the reference path (stdlib/json's DOM parser + jsonToSlot). Checked on
// hand-written edge cases and on thousands of randomly mutated records, for full and pruned
// column sets; plus the chunked and split file reads against a whole-text read.
#include "runtime/files/json_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/logical/scan.h"
#include "planner/sources/file_source.h"
#include "planner/type_conversion.h"
#include "planner/type_storage.h"
#include "runtime/files/file_reader.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;

// A read plan of table schema `ddl` reading `read` (all columns when empty), as
// file_reader.cpp builds it for a scan.
FileReadPlan makePlan(const std::string& ddl, std::map<std::string, std::string> opts = {},
                      std::vector<std::string> read = {}) {
  FileReadPlan p;
  p.table = "t";
  opts["path"] = "t.json";
  p.options = parseFileSourceOptions("json", opts);
  p.schema = parseDdlSchema(ddl, "test schema");
  const auto& fields = p.schema->fields();
  if (read.empty())
    for (const auto& f : fields) read.push_back(f.name);
  int corrupt = -1;
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == p.options.corruptColumn && fields[i].type->id() == TypeId::String)
      corrupt = static_cast<int>(i);
  p.dataFields = fields.size() - (corrupt >= 0 ? 1 : 0);
  for (const auto& name : read) {
    const int f = p.schema->fieldIndex(name);
    p.types.push_back(fields[static_cast<size_t>(f)].type);
    p.fieldOf.push_back(f);
    p.isPartition.push_back(0);
    if (f == corrupt) {
      p.corruptColumn = static_cast<int>(p.types.size()) - 1;
      p.dataIndexOf.push_back(-1);
    } else {
      p.dataIndexOf.push_back(corrupt >= 0 && f > corrupt ? f - 1 : f);
    }
  }
  p.partitionSlots.assign(p.types.size(), Slot{});
  p.partitionNulls.assign(p.types.size(), 1);
  return p;
}

// A canonical rendering of a value: exact bits of numbers, bytes of strings, nested values
// with their NULL-array layout (a NULL array pointer vs. one of zeros).
void render(const Slot& s, const DataType& t, std::string& out);

void renderValue(const void* p, const DataType& t, std::string& out) {
  Slot s;
  std::memcpy(s.bytes, p, storageSize(t));
  render(s, t, out);
}

void render(const Slot& s, const DataType& t, std::string& out) {
  char buf[64];
  switch (t.id()) {
    case TypeId::Null:
      out += "void";
      return;
    case TypeId::String:
    case TypeId::Binary: {
      const auto v = s.as<StringView>();
      out += '"';
      for (int64_t i = 0; i < v.len; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned char>(v.ptr[i]));
        out += buf;
      }
      out += '"';
      return;
    }
    case TypeId::Struct: {
      const auto* d = s.as<const StructData*>();
      out += d->nulls ? "{n " : "{ ";
      const auto& fields = t.fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        if (d->nulls && d->nulls[i])
          out += "NULL";
        else
          render(d->fields[i], *fields[i].type, out);
        out += ',';
      }
      out += '}';
      return;
    }
    case TypeId::Array: {
      const auto* d = s.as<const ArrayData*>();
      out += d->nulls ? "[n " : "[ ";
      for (int64_t i = 0; i < d->length; ++i) {
        if (d->nulls && d->nulls[i])
          out += "NULL";
        else
          render(d->values[i], *t.elementType(), out);
        out += ',';
      }
      out += ']';
      return;
    }
    case TypeId::Map: {
      const auto* d = s.as<const MapData*>();
      out += d->nulls ? "<n " : "< ";
      for (int64_t i = 0; i < d->length; ++i) {
        render(d->keys[i], *t.keyType(), out);
        out += ':';
        if (d->nulls && d->nulls[i])
          out += "NULL";
        else
          render(d->values[i], *t.valueType(), out);
        out += ',';
      }
      out += '>';
      return;
    }
    default: {
      const size_t n = storageSize(t);
      for (size_t i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", s.bytes[i]);
        out += buf;
      }
    }
  }
}

std::vector<std::string> rows(const ColumnBatch& b) {
  std::vector<std::string> out;
  for (int64_t r = 0; r < b.rows(); ++r) {
    std::string row;
    for (size_t c = 0; c < b.types().size(); ++c) {
      const ColumnData& col = b.columns()[c];
      if (col.nulls && col.nulls[r]) {
        row += "NULL|";
        continue;
      }
      const size_t w = storageSize(*b.types()[c]);
      renderValue(static_cast<const char*>(col.values) + w * static_cast<size_t>(r), *b.types()[c],
                  row);
      row += '|';
    }
    out.push_back(row);
  }
  return out;
}

// The rows (or the error message) of `text` read one way.
struct Outcome {
  std::vector<std::string> rows;
  std::string error;
};

Outcome readAs(const std::string& text, const FileReadPlan& plan, JsonReadPath how) {
  Outcome o;
  ColumnBatchBuilder out(plan.types);
  try {
    readJsonText(text, "t.json", plan, out, how);
    o.rows = rows(out.finish());
  } catch (const Error& e) {
    o.error = e.message();
  }
  return o;
}

void expectSamePaths(const std::string& text, const FileReadPlan& plan, const std::string& what) {
  const Outcome fast = readAs(text, plan, JsonReadPath::Fast);
  const Outcome ref = readAs(text, plan, JsonReadPath::Reference);
  EXPECT_EQ(fast.error, ref.error) << what << "\n" << text;
  ASSERT_EQ(fast.rows.size(), ref.rows.size()) << what << "\n" << text;
  for (size_t i = 0; i < fast.rows.size(); ++i)
    EXPECT_EQ(fast.rows[i], ref.rows[i]) << what << ", row " << i << "\n" << text;
}

const char* kSchema =
    "a INT, b BIGINT, s STRING, d DOUBLE, f FLOAT, dec DECIMAL(10,2), big DECIMAL(30,5), "
    "bo BOOLEAN, ts TIMESTAMP, dt DATE, bin BINARY, st STRUCT<x: INT, y: STRING>, "
    "arr ARRAY<INT>, m MAP<STRING, BIGINT>, "
    "nested ARRAY<STRUCT<k: STRING, v: ARRAY<DOUBLE>>>, by TINYINT, sh SMALLINT, "
    "`we\"ird` STRING, _corrupt_record STRING";

const std::vector<std::string> kRecords = {
    R"({"a": 1, "b": 12345678901, "s": "hello \"world\" \u00e9 \ud83d\ude00", "d": 1.5e3, )"
    R"("f": -0.25, "dec": 123.45, "big": "12345678901234567890.12345", "bo": true, )"
    R"("ts": "2020-01-02 03:04:05", "dt": "2020-01-02", "bin": "YWJj", "st": {"x": 5, "y": "z"}, )"
    R"("arr": [1, null, 3], "m": {"k1": 1, "k2": null, "k1": 3}, )"
    R"("nested": [{"k": "a", "v": [1.0, 2, -3e-2]}, {"k": null, "v": []}, null], "by": 7, )"
    R"("sh": -300, "we\"ird": "w", "extra": {"deep": [1, {"x": "y"}, [true, false, null]]}})",
    R"({"user_id":"71099da6-be6e-226c-1580-c29d9d72fbf2","page_id":"bc29bed0-4baa-5641-e5a3","ad_id":"52dd188d","ad_type":"banner","event_type":"view","event_time":1700000000082,"ip_address":"157.45.217.201"})",
    R"({"a": "1", "s": 42, "st": [1,2], "arr": {"x":1}, "ts": 1577934245, "d": "NaN", "f": "-INF", "dec": "1.5", "big": 1e3})",
    R"({"s": {"x": [1, true, "\u0041", 1.50, {"y": null}]}, "bin": "\n", "dt": 20200102, "ts": 1.5, "bo": "true"})",
    R"({"s": [ 1 , 2 ], "a": -0, "b": -9223372036854775808, "by": 128, "sh": 32767, "d": 1e400, "f": 3.4e39})",
    R"({"a": 2147483648, "b": 9223372036854775808, "dec": 123456789.123, "big": -0.000001})",
    R"({"a": 1, "a": "x"})",
    R"({"a": "x", "a": 2})",
    R"({"a": 1, "a": null})",
    R"({"\u0061": 5, "s\u0074": {"x": 1, "\u0079": "q"}, "m": {"\u006b": 7}})",
    R"({"st": {"x": 1, "x": 2, "y": null}, "arr": [], "m": {}, "nested": [{"v": null}]})",
    R"({"s": true, "bo": false, "a": null, "st": null, "arr": null, "m": null})",
    R"({"s": "", "bin": "", "dt": "", "ts": ""})",
    R"({"s": "tab\tnewline\nquote\"backslash\\slash\/uni\u0000"})",
    R"({"d": -0.0, "f": 1E+2, "b": 0, "dec": -0.005, "big": 99999999999999999999999999.99999})",
    R"({})",
    R"([{"a": 1}, {"a": 2}])",
    R"([{"a": 1}, 2])",
    R"([])",
    R"(null)",
    R"("just a string")",
    R"(42)",
    R"({"a": 1} {"a": 2})",
    R"({"a": 1}x)",
    R"({"a": 01})",
    R"({'a': 1, 's': 'single'})",
    R"({a: 1})",
    R"({"a": NaN, "d": NaN, "f": Infinity})",
    R"({"d": -Infinity, "s": +Infinity})",
    R"({"a": 1, /* comment */ "b": 2})",
    R"({"a": 1,})",
    R"({"a": 1 "b": 2})",
    R"({"a": tru})",
    R"({"x": nul, "a": 1})",
    R"({"x": [1, 2,], "a": 1})",
    R"({"x": "\q", "a": 1})",
    R"({"x": "\ud800", "a": 1})",
    R"({"x": "\udc00\u0041", "a": 1})",
    R"({"s": "\ud800\u0041"})",
    R"({"s": "\'"})",
    "{\"s\": \"raw\ttab\"}",
    "{\"s\": \"bad \xff utf8\"}",
    "{\"x\": \"bad \xc3\x28\", \"a\": 1}",
    "{\"s\": \"ok\"}\x0b",
    "\x0b{\"s\": \"ok\"}",
    R"({"x": 1.5e, "a": 1})",
    R"({"x": -, "a": 1})",
    R"({"x": 1., "a": 1})",
    R"({"x": .5, "a": 1})",
    R"({"x": 12345678901234567890123456789012345678901234567890, "a": 1})",
    R"({"s": 12345678901234567890123456789012345678901234567890})",
    R"({"x": {"y": {"z": [[[[{"deep": "er"}]]]]}}, "a": 3})",
    R"(  {"a": 4}  )",
    R"({"a":5}   )",
};

TEST(JsonReaderPaths, HandWrittenRecordsAgree) {
  const FileReadPlan all = makePlan(kSchema);
  const FileReadPlan pruned = makePlan(kSchema, {}, {"nested", "a", "s", "_corrupt_record"});
  const FileReadPlan noCorrupt = makePlan(kSchema, {}, {"ts", "b", "st", "m"});
  const FileReadPlan drop = makePlan(kSchema, {{"mode", "DROPMALFORMED"}});
  const FileReadPlan fail = makePlan(kSchema, {{"mode", "FAILFAST"}}, {"a", "s", "arr"});
  const FileReadPlan lenient = makePlan(kSchema, {{"allowNumericLeadingZeros", "true"},
                                                  {"allowComments", "true"},
                                                  {"allowUnquotedFieldNames", "true"},
                                                  {"allowNonNumericNumbers", "false"},
                                                  {"allowBackslashEscapingAnyCharacter", "true"},
                                                  {"allowUnquotedControlChars", "true"},
                                                  {"timestampFormat", "yyyy-MM-dd HH:mm:ss"},
                                                  {"dateFormat", "yyyy-MM-dd"}});
  for (const auto& rec : kRecords) {
    expectSamePaths(rec, all, "all columns");
    expectSamePaths(rec, pruned, "pruned");
    expectSamePaths(rec, noCorrupt, "no corrupt column");
    expectSamePaths(rec, drop, "DROPMALFORMED");
    expectSamePaths(rec, fail, "FAILFAST");
    expectSamePaths(rec, lenient, "lenient options");
  }
  std::string text;
  for (const auto& rec : kRecords) text += rec + "\n";
  expectSamePaths(text, all, "all records in one text");
  expectSamePaths(text, fail, "FAILFAST over all records");
}

TEST(JsonReaderPaths, FastPathTakesWellFormedRecords) {
  // The first 16 records are strict JSON objects: the fast path reads those whose values
  // convert (and leaves the others, malformed, to the reference), except record 7, a repeated
  // key whose first value does not convert (the fast path gives up at the first failure).
  const FileReadPlan all = makePlan(kSchema);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 7) continue;
    const Outcome fast = readAs(kRecords[i], all, JsonReadPath::FastOnly);
    const Outcome ref = readAs(kRecords[i], all, JsonReadPath::Reference);
    const bool malformed =
        !ref.rows.empty() &&
        ref.rows[0].substr(ref.rows[0].rfind("|", ref.rows[0].size() - 2) + 1) != "NULL|";
    if (malformed) {
      EXPECT_TRUE(fast.rows.empty()) << kRecords[i];
    } else {
      EXPECT_EQ(fast.rows, ref.rows) << kRecords[i];
    }
  }
  // Records the fast path leaves to the reference: lenient syntax, arrays, bad values.
  for (const char* rec : {R"({'a': 1})", R"([{"a": 1}])", R"({"a": "x"})", R"({"a": 1} x)",
                          R"({"x": tru, "a": 1})", R"({"a": 01})"})
    EXPECT_TRUE(readAs(rec, all, JsonReadPath::FastOnly).rows.empty()) << rec;
}

TEST(JsonReaderPaths, MutatedRecordsAgree) {
  const FileReadPlan all = makePlan(kSchema);
  const FileReadPlan pruned = makePlan(kSchema, {}, {"d", "s", "_corrupt_record", "by"});
  const FileReadPlan fail = makePlan(kSchema, {{"mode", "FAILFAST"}}, {"a", "st", "bin"});
  static const char kChars[] = "\"\\{}[],: e.-0x\t'/*nu1Ef+\x01\xff";
  std::mt19937_64 rng(12345);
  int checked = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string rec = kRecords[rng() % kRecords.size()];
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits && !rec.empty(); ++e) {
      const size_t at = rng() % rec.size();
      switch (rng() % 4) {
        case 0:
          rec.erase(at, 1);
          break;
        case 1:
          rec.insert(at, 1, kChars[rng() % (sizeof kChars - 1)]);
          break;
        case 2:
          rec[at] = kChars[rng() % (sizeof kChars - 1)];
          break;
        default: {
          const size_t len = 1 + rng() % 8;
          rec.insert(rng() % rec.size(), rec.substr(at, len));
        }
      }
    }
    if (rec.find('\n') != std::string::npos) continue;
    expectSamePaths(rec, all, "mutated, all columns");
    expectSamePaths(rec, pruned, "mutated, pruned");
    if (round % 4 == 0) expectSamePaths(rec, fail, "mutated, FAILFAST");
    ++checked;
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(checked, 15000);
}

TEST(JsonReaderPaths, PushedFiltersDropFailingRows) {
  // Rows whose pushed conjuncts are false or NULL are not appended (the Filter above drops
  // them anyway); forms the reader does not evaluate (double comparisons) keep their rows.
  FileReadPlan plan = makePlan("a INT, s STRING, d DOUBLE, ts TIMESTAMP, _corrupt_record STRING");
  plan.pushedFilters = {
      {"a", ">=", Value::integer(2), DataType::integer()},
      {"S", "<", Value::bytes("y"), DataType::string()},
      {"ts", "isnotnull", Value(), DataType::timestamp()},
      {"d", ">", Value::real(100), DataType::doubleType()},
  };
  const std::string text =
      "{\"a\": 1, \"s\": \"a\", \"ts\": 0, \"d\": 1}\n"  // a < 2
      "{\"a\": 2, \"s\": \"x\", \"ts\": 0, \"d\": 1}\n"  // kept (d not evaluated)
      "{\"a\": 3, \"s\": \"xyz\", \"ts\": 0}\n"          // kept: "xyz" < "y"
      "{\"a\": 4, \"s\": \"y\", \"ts\": 0}\n"            // "y" < "y" false
      "{\"a\": 5, \"s\": \"b\"}\n"                       // ts NULL
      "{\"a\": null, \"s\": \"b\", \"ts\": 0}\n"         // a NULL
      "{\"a\": \"bad\", \"s\": \"b\", \"ts\": 0}\n"      // malformed: a NULL
      "{'a': 6, 's': 'c', 'ts': 0}\n";                   // reference path, kept
  for (JsonReadPath how : {JsonReadPath::Fast, JsonReadPath::Reference}) {
    const Outcome o = readAs(text, plan, how);
    ASSERT_EQ(o.rows.size(), 3u);
    EXPECT_EQ(o.rows[0].substr(0, 9), "02000000|");
    EXPECT_EQ(o.rows[1].substr(0, 9), "03000000|");
    EXPECT_EQ(o.rows[2].substr(0, 9), "06000000|");
  }
}

class JsonFileReadTest : public ::testing::Test {
 protected:
  fs::path dir;
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sluice_json_reader_" + std::to_string(::getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override {
    setFileReadParallelism({});
    fs::remove_all(dir);
  }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  // readJsonFileChunks: the batches' rows concatenated (and how many batches there were).
  Outcome readChunks(const std::string& path, const FileReadPlan& plan, size_t* batches = nullptr) {
    Outcome o;
    std::string error;
    size_t n = 0;
    try {
      if (!readJsonFileChunks(
              path, plan,
              [&](ColumnBatch&& b) {
                ++n;
                for (auto& r : rows(b)) o.rows.push_back(std::move(r));
              },
              &error))
        o.error = error;
    } catch (const Error& e) {
      o.error = e.message();
    }
    if (batches) *batches = n;
    return o;
  }
  Outcome readFile(const std::string& path, const FileReadPlan& plan) {
    Outcome o;
    ColumnBatchBuilder out(plan.types);
    std::string error;
    try {
      if (!readJsonFile(path, plan, out, &error)) o.error = error;
      o.rows = rows(out.finish());
    } catch (const Error& e) {
      o.error = e.message();
    }
    return o;
  }
};

// A file of many records: chunk boundaries, a line longer than the buffer, blank lines,
// CRLF, a byte-order mark, a malformed line here and there, no final newline.
std::string bigText(size_t records) {
  std::string text = "\xEF\xBB\xBF";
  std::mt19937_64 rng(7);
  for (size_t i = 0; i < records; ++i) {
    text += kRecords[rng() % 6];
    if (i % 97 == 0) text += "\r";
    text += "\n";
    if (i % 1000 == 3) text += "\n   \n";
    if (i % 1500 == 7) text += "not json\n";
    if (i == records / 2) text += "{\"s\": \"" + std::string(300000, 'x') + "\"}\n";
  }
  text += R"({"a": 99})";
  return text;
}

TEST_F(JsonFileReadTest, ChunkedAndSplitReadsGiveTheTextsRows) {
  const std::string text = bigText(8000);
  const std::string path = write("big.json", text);
  for (const auto& plan : {makePlan(kSchema), makePlan(kSchema, {}, {"s", "a"}),
                           makePlan(kSchema, {{"mode", "DROPMALFORMED"}})}) {
    const Outcome whole = readAs(text, plan, JsonReadPath::Reference);
    ASSERT_EQ(whole.error, "");
    setFileReadParallelism({1, 1 << 20});
    const Outcome chunked = readFile(path, plan);
    EXPECT_EQ(chunked.error, "");
    EXPECT_TRUE(chunked.rows == whole.rows) << chunked.rows.size() << " vs " << whole.rows.size();
    for (int threads : {2, 3, 7}) {
      setFileReadParallelism({threads, 1});
      const Outcome split = readFile(path, plan);
      EXPECT_EQ(split.error, "");
      EXPECT_TRUE(split.rows == whole.rows)
          << threads << " threads: " << split.rows.size() << " vs " << whole.rows.size();
    }
    // In chunks: pieces of 50 kB (so some line crosses a piece's end, and the long line
    // spans several), read on 1, 2 or 3 threads, handed over in file order.
    for (int threads : {1, 2, 3}) {
      setFileReadParallelism({threads, 1, 50000});
      size_t batches = 0;
      const Outcome chunks = readChunks(path, plan, &batches);
      EXPECT_EQ(chunks.error, "");
      EXPECT_GT(batches, 10u);
      EXPECT_TRUE(chunks.rows == whole.rows)
          << threads << " threads: " << chunks.rows.size() << " vs " << whole.rows.size();
    }
  }
}

TEST_F(JsonFileReadTest, FailFastNamesTheLineWhateverTheSplit) {
  std::string text;
  for (int i = 1; i <= 5000; ++i) text += i == 4321 ? "{\"a\": \"x\"}\n" : "{\"a\": 1}\n";
  const std::string path = write("t.json", text);
  const FileReadPlan plan = makePlan("a INT", {{"mode", "FAILFAST"}});
  for (int threads : {1, 2, 5}) {
    setFileReadParallelism({threads, 1, 1000});
    const Outcome o = readFile(path, plan);
    EXPECT_NE(o.error.find(path + ":4321"), std::string::npos) << threads << ": " << o.error;
    const Outcome c = readChunks(path, plan);
    EXPECT_NE(c.error.find(path + ":4321"), std::string::npos) << threads << ": " << c.error;
  }
}

TEST_F(JsonFileReadTest, AConsumerThatFailsStopsTheChunkedRead) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "{\"a\": " + std::to_string(i) + "}\n";
  const std::string path = write("t.json", text);
  const FileReadPlan plan = makePlan("a INT");
  for (int threads : {1, 2, 4}) {
    setFileReadParallelism({threads, 1, 4096});
    int seen = 0;
    std::string error;
    EXPECT_THROW(readJsonFileChunks(
                     path, plan,
                     [&](ColumnBatch&&) {
                       if (++seen == 3) throw ExecutionError("stop here");
                     },
                     &error),
                 ExecutionError);
    EXPECT_EQ(seen, 3);
  }
}

TEST_F(JsonFileReadTest, SmallAndOddFiles) {
  const FileReadPlan plan = makePlan("a INT");
  setFileReadParallelism({4, 1});
  EXPECT_EQ(readFile(write("empty.json", ""), plan).rows.size(), 0u);
  EXPECT_EQ(readFile(write("nl.json", "\n\n\n"), plan).rows.size(), 0u);
  EXPECT_EQ(readFile(write("one.json", "{\"a\": 1}"), plan).rows.size(), 1u);
  EXPECT_EQ(readFile(write("bom.json", "\xEF\xBB\xBF{\"a\": 1}\n{\"a\": 2}"), plan).rows.size(),
            2u);
  EXPECT_EQ(readFile(write("crlf.json", "{\"a\": 1}\r\n\r\n{\"a\": 2}\r\n"), plan).rows.size(), 2u);
  setFileReadParallelism({4, 1, 3});
  EXPECT_EQ(readChunks(write("e2.json", ""), plan).rows.size(), 0u);
  EXPECT_EQ(
      readChunks(write("tiny.json", "{\"a\": 1}\n{\"a\": 2}\n\n{\"a\": 3}"), plan).rows.size(), 3u);
  std::string error;
  ColumnBatchBuilder out(plan.types);
  EXPECT_FALSE(readJsonFile((dir / "missing.json").string(), plan, out, &error));
  EXPECT_NE(error.find("cannot read file"), std::string::npos) << error;
  EXPECT_NE(readChunks((dir / "missing.json").string(), plan).error.find("cannot read file"),
            std::string::npos);
}

}  // namespace
}  // namespace sluice
