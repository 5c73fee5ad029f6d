// Writer -> reader round trips for every type, NULLs at every nesting level, empty and NULL
// collections, codecs, dictionary fallback, row groups and pages, projection, pruning, and
// corrupt files. Rows come from JSON lines read with a DDL schema (the json reader builds
// nested values in the kernel layout), are written with ParquetWriter and compared after
// reading back as JSON lines of a Table.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "frontend/error.h"
#include "planner/logical/scan.h"
#include "planner/sources/file_source.h"
#include "planner/timestamp_ntz.h"
#include "planner/type_conversion.h"
#include "planner/type_storage.h"
#include "runtime/files/file_reader.h"
#include "runtime/files/parquet/parquet_reader.h"
#include "runtime/files/parquet/parquet_writer.h"
#include "runtime/table.h"

namespace sluice {
namespace {

namespace fs = std::filesystem;

const char* kAllTypes =
    "b BOOLEAN, t TINYINT, s SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, d1 DECIMAL(5,2), "
    "d2 DECIMAL(15,3), d3 DECIMAL(30,4), str STRING, dt DATE, ts TIMESTAMP, "
    "st STRUCT<a: INT, b: STRING, c: STRUCT<x: DOUBLE>>, arr ARRAY<INT>, "
    "people ARRAY<STRUCT<name: STRING, id: INT>>, m MAP<STRING, INT>, aa ARRAY<ARRAY<INT>>, "
    "ms MAP<STRING, STRUCT<x: ARRAY<STRING>>>";

const char* kAllRows[] = {
    R"({"b":true,"t":-128,"s":32767,"i":-2147483648,"l":9223372036854775807,"f":1.5,"d":-2.25,"d1":-123.45,"d2":123456789012.345,"d3":"-12345678901234567890123456.7891","str":"héllo","dt":"2024-02-29","ts":"2024-02-29T12:34:56.123456Z","st":{"a":1,"b":"x","c":{"x":0.5}},"arr":[1,null,3],"people":[{"name":"ann","id":1},null,{"name":null,"id":2}],"m":{"k1":1,"k2":null},"aa":[[1,2],[],null,[null]],"ms":{"a":{"x":["p",null]},"b":null,"c":{"x":null},"d":{"x":[]}}})",
    R"({"b":false,"t":127,"s":-32768,"i":0,"l":-1,"f":-0.0,"d":1e300,"d1":0,"d2":-1,"d3":"99999999999999999999999999.9999","str":"","dt":"1969-12-31","ts":"1900-01-01T00:00:00Z","st":{"a":null,"b":null,"c":null},"arr":[],"people":[],"m":{},"aa":[],"ms":{}})",
    R"({"st":null,"arr":null,"people":null,"m":null,"aa":null,"ms":null})",
    R"({"b":true,"str":"zzz","st":{"c":{"x":null}},"arr":[null],"people":[{}],"aa":[[null,null]]})",
};

class ParquetRoundTrip : public ::testing::Test {
 protected:
  fs::path dir;

  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sluice_parquet_" + std::to_string(::getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  std::string path(const std::string& name) const { return (dir / name).string(); }

  // Rows of `lines` (JSON) typed by `ddl`, as the json reader builds them.
  ColumnBatch jsonBatch(const std::string& ddl, const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    std::ofstream(dir / "in.json", std::ios::binary) << text;
    TypePtr schema = parseDdlSchema(ddl, "test schema");
    std::map<std::string, std::string> opts = {{"path", "in.json"},
                                               {kResolvedPathOption, (dir / "in.json").string()},
                                               {kTableSchemaOption, schema->toDdl()},
                                               {"mode", "FAILFAST"}};
    std::vector<Attribute> attrs;
    for (const auto& f : schema->fields())
      attrs.push_back(Attribute{static_cast<ExprId>(attrs.size() + 1), f.name, f.type, true, "t"});
    Scan scan(SourceKind::File, "t", "json", opts, attrs, false);
    return readFileTable(scan);
  }

  static std::vector<std::string> names(const DataType& schema) {
    std::vector<std::string> out;
    for (const auto& f : schema.fields()) out.push_back(f.name);
    return out;
  }

  // Emits row `r` of `b` as RowSlots to `f(slots, nulls)`.
  template <typename F>
  static void forEachRow(const ColumnBatch& b, F&& f) {
    const size_t n = b.columns().size();
    std::vector<RowSlot> slots(n);
    std::vector<uint8_t> nulls(n);
    for (int64_t r = 0; r < b.rows(); ++r) {
      for (size_t c = 0; c < n; ++c) {
        const ColumnData& col = b.columns()[c];
        nulls[c] = col.nulls && col.nulls[r];
        const size_t w = storageSize(*b.types()[c]);
        std::memset(slots[c].bytes, 0, 16);
        std::memcpy(slots[c].bytes, static_cast<const unsigned char*>(col.values) + r * w, w);
      }
      f(slots.data(), nulls.data());
    }
  }

  static std::string jsonLines(const ColumnBatch& b, const std::vector<std::string>& names) {
    TableBuilder t(names, b.types());
    forEachRow(b, [&](const RowSlot* s, const uint8_t* n) { t.emitRow(s, n); });
    return t.finish().toJsonLines();
  }

  void writeBatch(const ColumnBatch& b, const std::vector<std::string>& names,
                  const std::string& file, ParquetWriteOptions o = {}) {
    ParquetWriter w(file, names, b.types(), o);
    forEachRow(b, [&](const RowSlot* s, const uint8_t* n) { w.appendRow(s, n); });
    w.close();
    EXPECT_EQ(w.rowsWritten(), b.rows());
    EXPECT_EQ(w.bytesWritten(), static_cast<int64_t>(fs::file_size(file)));
  }

  static ColumnBatch readBack(const std::string& file,
                              const std::vector<ParquetColumnRequest>& cols,
                              const std::vector<ParquetPredicate>& preds = {}) {
    std::vector<TypePtr> types;
    for (const auto& c : cols) types.push_back(c.type);
    ColumnBatchBuilder out(types);
    ParquetFileReader(file).read(cols, out, preds);
    return out.finish();
  }

  static std::vector<ParquetColumnRequest> requests(const DataType& schema) {
    std::vector<ParquetColumnRequest> out;
    for (const auto& f : schema.fields()) out.push_back({f.name, f.type});
    return out;
  }
};

TEST_F(ParquetRoundTrip, EveryTypeEveryCodecWithAndWithoutDictionary) {
  TypePtr schema = parseDdlSchema(kAllTypes, "s");
  ColumnBatch in = jsonBatch(kAllTypes, {std::begin(kAllRows), std::end(kAllRows)});
  ASSERT_EQ(in.rows(), 4);
  const std::string expected = jsonLines(in, names(*schema));
  for (const char* codec : {"none", "snappy", "zstd", "gzip"}) {
    for (const char* dict : {"true", "false"}) {
      SCOPED_TRACE(std::string(codec) + " dictionary " + dict);
      const std::string file = path(std::string(codec) + dict + ".parquet");
      writeBatch(
          in, names(*schema), file,
          parquetWriteOptions({{"compression", codec}, {"parquet.enable.dictionary", dict}}));
      ParquetFileReader reader(file);
      EXPECT_TRUE(reader.rowType()->equals(*schema)) << reader.rowType()->toString();
      EXPECT_EQ(jsonLines(readBack(file, requests(*schema)), names(*schema)), expected);
    }
  }
}

// TIMESTAMP_NTZ is written as Spark writes it (TIMESTAMP(isAdjustedToUTC=false, MICROS), no
// converted type), read back as TIMESTAMP_NTZ, and may be read as TIMESTAMP, not the reverse.
TEST_F(ParquetRoundTrip, TimestampNtzIsNotAdjustedToUtc) {
  const std::string ddl = "ntz TIMESTAMP_NTZ, ltz TIMESTAMP";
  ColumnBatch in =
      jsonBatch(ddl, {R"({"ntz":"2020-03-08T02:30:00.5","ltz":"2020-03-08T02:30:00Z"})",
                      R"({"ntz":null,"ltz":null})"});
  TypePtr schema = parseDdlSchema(ddl, "s");
  const std::string file = path("ntz.parquet");
  writeBatch(in, names(*schema), file);
  ParquetFileReader reader(file);
  EXPECT_EQ(reader.rowType()->toString(), "struct<ntz:timestamp_ntz,ltz:timestamp>");
  const auto& elems = reader.metadata().schema;
  ASSERT_EQ(elems.size(), 3u);
  EXPECT_FALSE(elems[1].logical.adjustedToUtc);
  EXPECT_FALSE(elems[1].convertedType.has_value());
  EXPECT_TRUE(elems[2].logical.adjustedToUtc);
  EXPECT_EQ(jsonLines(readBack(file, requests(*schema)), names(*schema)),
            jsonLines(in, names(*schema)));
  const ColumnBatch asLtz = readBack(file, {{"ntz", DataType::timestamp()}});
  EXPECT_EQ(jsonLines(asLtz, {"ntz"}), "{\"ntz\":\"2020-03-08T02:30:00.500Z\"}\n{}\n");
  EXPECT_THROW(readBack(file, {{"ltz", timestampNtzType()}}), ExecutionError);
}

TEST_F(ParquetRoundTrip, ManyRowGroupsPagesAndDictionaryFallback) {
  const std::string ddl = "id BIGINT, low STRING, high STRING, tags ARRAY<STRING>";
  std::vector<std::string> lines;
  for (int i = 0; i < 5000; ++i)
    lines.push_back("{\"id\":" + std::to_string(i) + ",\"low\":\"v" + std::to_string(i % 3) +
                    "\",\"high\":\"value-" + std::to_string(i * 7919) + "\",\"tags\":" +
                    (i % 5 == 0 ? "null" : "[\"a\",\"b" + std::to_string(i % 50) + "\"]") + "}");
  ColumnBatch in = jsonBatch(ddl, lines);
  TypePtr schema = parseDdlSchema(ddl, "s");
  ParquetWriteOptions o;
  o.rowGroupSize = 20000;
  o.pageSize = 1000;
  o.dictionaryPageSize = 2000;
  const std::string file = path("many.parquet");
  writeBatch(in, names(*schema), file, o);
  ParquetFileReader reader(file);
  EXPECT_GT(reader.numRowGroups(), 3);
  bool fellBack = false, lowDict = true;
  for (const auto& g : reader.metadata().rowGroups) {
    const auto& high = *g.columns[2].meta;
    const auto& low = *g.columns[1].meta;
    auto has = [](const parquet::ColumnMetaData& m, parquet::Encoding e) {
      return std::find(m.encodings.begin(), m.encodings.end(), e) != m.encodings.end();
    };
    lowDict = lowDict && has(low, parquet::Encoding::RleDictionary);
    // The high-cardinality column starts dictionary-encoded and falls back to PLAIN: its
    // chunk is much larger than its dictionary page.
    if (has(high, parquet::Encoding::RleDictionary) && high.dictionaryPageOffset &&
        high.dataPageOffset - *high.dictionaryPageOffset < high.totalCompressedSize / 2)
      fellBack = true;
  }
  EXPECT_TRUE(lowDict);
  EXPECT_TRUE(fellBack);
  EXPECT_EQ(jsonLines(readBack(file, requests(*schema)), names(*schema)),
            jsonLines(in, names(*schema)));
}

TEST_F(ParquetRoundTrip, ZeroRowFile) {
  TypePtr schema = parseDdlSchema(kAllTypes, "s");
  std::vector<TypePtr> types;
  for (const auto& f : schema->fields()) types.push_back(f.type);
  const std::string file = path("empty.parquet");
  ParquetWriter w(file, names(*schema), types, {});
  w.close();
  ParquetFileReader r(file);
  EXPECT_EQ(r.numRows(), 0);
  EXPECT_EQ(r.numRowGroups(), 0);
  EXPECT_TRUE(r.rowType()->equals(*schema));
  EXPECT_EQ(readBack(file, requests(*schema)).rows(), 0);
}

TEST_F(ParquetRoundTrip, ProjectionNestedPruningAndMissingColumns) {
  TypePtr schema = parseDdlSchema(kAllTypes, "s");
  ColumnBatch in = jsonBatch(kAllTypes, {std::begin(kAllRows), std::end(kAllRows)});
  const std::string file = path("p.parquet");
  writeBatch(in, names(*schema), file);
  TypePtr st = parseDdlSchema("v STRUCT<c: STRUCT<x: DOUBLE>, nope: INT>", "s")->fields()[0].type;
  TypePtr people = parseDdlSchema("v ARRAY<STRUCT<id: INT>>", "s")->fields()[0].type;
  std::vector<ParquetColumnRequest> req = {
      {"STR", DataType::string()}, {"st", st}, {"people", people}, {"absent", DataType::integer()}};
  ColumnBatch b = readBack(file, req);
  EXPECT_EQ(
      jsonLines(b, {"str", "st", "people", "absent"}),
      "{\"str\":\"héllo\",\"st\":{\"c\":{\"x\":0.5}},\"people\":[{\"id\":1},null,{\"id\":2}]}\n"
      "{\"str\":\"\",\"st\":{},\"people\":[]}\n"
      "{}\n"
      "{\"str\":\"zzz\",\"st\":{\"c\":{}},\"people\":[{}]}\n");
  // Reading a column as another type is refused, naming it.
  try {
    readBack(file, {{"i", DataType::string()}});
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("column 'i' is int in the file"), std::string::npos) << e.message();
  }
}

TEST_F(ParquetRoundTrip, RowGroupPruningUsesStatisticsInTheTypesOrder) {
  const std::string ddl = "id INT, s STRING";
  std::vector<std::string> lines;
  for (int i = 0; i < 3000; ++i)
    lines.push_back("{\"id\":" + std::to_string(i - 1000) + ",\"s\":\"" +
                    (i < 1500 ? "a" : "\u00e9") + std::to_string(i) + "\"}");
  lines.push_back("{\"id\":null,\"s\":null}");
  ColumnBatch in = jsonBatch(ddl, lines);
  ParquetWriteOptions o;
  o.rowGroupSize = 8000;
  const std::string file = path("prune.parquet");
  writeBatch(in, {"id", "s"}, file, o);
  ParquetFileReader r(file);
  ASSERT_GT(r.numRowGroups(), 2);
  using Op = ParquetPredicate::Op;
  auto groups = [&](std::vector<ParquetPredicate> p) {
    int n = 0;
    for (int g = 0; g < r.numRowGroups(); ++g) n += r.rowGroupMayMatch(g, p);
    return n;
  };
  EXPECT_EQ(groups({{"id", Op::Lt, Value::integer(-1000)}}), 0);
  EXPECT_EQ(groups({{"id", Op::Le, Value::integer(-1000)}}), 1);
  EXPECT_EQ(groups({{"ID", Op::Eq, Value::integer(1999)}}), 1);
  EXPECT_EQ(groups({{"id", Op::Gt, Value::integer(5000)}}), 0);
  EXPECT_EQ(groups({{"id", Op::IsNull, {}}}), 1);  // only the last group has the NULL row
  EXPECT_EQ(groups({{"id", Op::IsNotNull, {}}}), r.numRowGroups());
  // Strings compare as unsigned bytes: 'é' (0xC3...) sorts after 'z'.
  EXPECT_EQ(groups({{"s", Op::Gt, Value::bytes("z")}}) > 0, true);
  EXPECT_LT(groups({{"s", Op::Gt, Value::bytes("z")}}), r.numRowGroups());
  ColumnBatch b =
      readBack(file, {{"id", DataType::integer()}}, {{"id", Op::Lt, Value::integer(-990)}});
  EXPECT_GT(b.rows(), 0);
  EXPECT_LT(b.rows(), 3001);
}

TEST_F(ParquetRoundTrip, TruncatedAndCorruptFilesGiveExecutionErrors) {
  TypePtr schema = parseDdlSchema(kAllTypes, "s");
  ColumnBatch in = jsonBatch(kAllTypes, {std::begin(kAllRows), std::end(kAllRows)});
  const std::string file = path("c.parquet");
  writeBatch(in, names(*schema), file, parquetWriteOptions({{"compression", "none"}}));
  std::string bytes;
  {
    std::ifstream f(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), {});
  }
  const std::string bad = path("bad.parquet");
  auto attempt = [&](const std::string& content) {
    std::ofstream(bad, std::ios::binary | std::ios::trunc) << content;
    try {
      readBack(bad, requests(*schema));
    } catch (const ExecutionError& e) {
      EXPECT_NE(e.message().find(bad), std::string::npos) << e.message();
    }
  };
  for (size_t cut = 0; cut < bytes.size(); cut += 7) attempt(bytes.substr(0, cut));
  // Flipped bytes anywhere: an error or (when the damage hits unused bits) a read, never a crash.
  for (size_t at = 4; at < bytes.size() - 8; at += 3) {
    std::string c = bytes;
    c[at] = static_cast<char>(c[at] ^ 0x5a);
    attempt(c);
  }
  std::ofstream(bad, std::ios::binary | std::ios::trunc) << "PAR1 not really PAR1";
  EXPECT_THROW(ParquetFileReader{bad}, ExecutionError);
}

TEST_F(ParquetRoundTrip, IntervalsAndBadOptionsAreRefusedByName) {
  try {
    ParquetWriter w(path("i.parquet"), {"a", "span"}, {DataType::integer(), DataType::interval()},
                    {});
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("column 'span'"), std::string::npos) << e.message();
  }
  EXPECT_FALSE(fs::exists(path("i.parquet")));
  EXPECT_EQ(parquetWriteOptions({}).compression, parquet::Codec::Snappy);
  EXPECT_EQ(parquetWriteOptions({{"COMPRESSION", "ZSTD"}}).compression, parquet::Codec::Zstd);
  EXPECT_EQ(parquetWriteOptions({{"parquet.block.size", "1024"}}).rowGroupSize, 1024);
  EXPECT_FALSE(parquetWriteOptions({{"parquet.enable.dictionary", "false"}}).enableDictionary);
  for (auto [k, v] :
       std::vector<std::pair<std::string, std::string>>{{"compression", "lz5"},
                                                        {"compression", "brotli"},
                                                        {"parquet.page.size", "-1"},
                                                        {"parquet.enable.dictionary", "yes"}}) {
    try {
      parquetWriteOptions({{k, v}});
      FAIL() << k;
    } catch (const ExecutionError& e) {
      EXPECT_NE(e.message().find(k), std::string::npos);
      EXPECT_NE(e.message().find(v), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace sluice
