#include <gtest/gtest.h>

#include "frontend/parser_test_util.h"

namespace sluice {
namespace {

using testing::src;

std::string typeSql(const std::string& text) {
  return toSql(parseType(src(text)));
}

std::string schemaSql(const std::string& text) {
  std::string out;
  for (const auto& c : parseSchema(src(text))) {
    if (!out.empty()) out += ", ";
    out += quoteIdent(c.name.name) + " " + toSql(c.type);
    if (c.notNull) out += " NOT NULL";
    if (c.comment) out += " COMMENT " + *c.comment;
  }
  return out;
}

std::string typeError(const std::string& text) {
  return testing::renderedError([](const SourceFilePtr& f) { parseType(f); }, text);
}

std::string schemaMessage(const std::string& text) {
  try {
    parseSchema(src(text));
  } catch (const ParseError& e) {
    return e.message();
  }
  return "no error";
}

TEST(Types, Primitives) {
  for (const char* name :
       {"boolean",   "tinyint",       "byte",          "smallint", "short",  "int",
        "integer",   "bigint",        "long",          "float",    "real",   "double",
        "decimal",   "dec",           "numeric",       "string",   "binary", "date",
        "timestamp", "timestamp_ntz", "timestamp_ltz", "interval", "void"}) {
    EXPECT_EQ(typeSql(name), name);
  }
  EXPECT_EQ(typeSql("INT"), "int");
  EXPECT_EQ(typeSql("Decimal(10, 2)"), "decimal(10,2)");
  EXPECT_EQ(typeSql("NUMERIC(5)"), "numeric(5)");
  EXPECT_EQ(typeSql("varchar(20)"), "varchar(20)");
  EXPECT_EQ(typeSql("char(1)"), "char(1)");
  const auto t = parseType(src("decimal(38,18)"));
  EXPECT_EQ(t.name, "decimal");
  EXPECT_EQ(t.params, (std::vector<int64_t>{38, 18}));
  EXPECT_EQ(t.span.begin, 0u);
  EXPECT_EQ(t.span.end, 14u);
}

TEST(Types, Nested) {
  EXPECT_EQ(typeSql("ARRAY<STRING>"), "array<string>");
  EXPECT_EQ(typeSql("map<string, array<map<string,int>>>"), "map<string,array<map<string,int>>>");
  EXPECT_EQ(typeSql("struct<a: int, b string NOT NULL COMMENT 'x', `c d`: array<bigint>>"),
            "struct<a:int,b:string NOT NULL COMMENT 'x',`c d`:array<bigint>>");
  EXPECT_EQ(typeSql("struct<>"), "struct<>");
  EXPECT_EQ(typeSql("struct< >"), "struct<>");
  EXPECT_EQ(typeSql("struct<from: int, window: struct<start: timestamp, end: timestamp>>"),
            "struct<`from`:int,window:struct<start:timestamp,`end`:timestamp>>");
  const auto t = parseType(src("map<string, struct<x: int>>"));
  ASSERT_EQ(t.children.size(), 2u);
  EXPECT_EQ(t.children[1].fields.at(0).name.name, "x");
}

TEST(Types, Errors) {
  EXPECT_EQ(typeError("foo"),
            "test.sql:1:1: error: unknown data type 'foo'\n"
            "  foo\n"
            "  ^~~");
  EXPECT_NE(typeError("array<int").find("unexpected end of input: expected '>'"),
            std::string::npos);
  EXPECT_NE(typeError("map<int>").find("expected ','"), std::string::npos);
  EXPECT_NE(typeError("varchar").find("type 'varchar' needs a length"), std::string::npos);
  EXPECT_NE(typeError("decimal(1,2,3)").find("expected ')'"), std::string::npos);
  EXPECT_NE(typeError("decimal(99999999999)").find("invalid parameter for type 'decimal'"),
            std::string::npos);
  EXPECT_NE(typeError("int(3)").find("expected end of input"), std::string::npos);
  EXPECT_NE(typeError("struct<a int").find("expected ',' or '>'"), std::string::npos);
  EXPECT_NE(typeError("").find("unexpected end of input: expected a data type"), std::string::npos);
}

TEST(Schema, ColumnLists) {
  EXPECT_EQ(schemaSql("a INT, b STRUCT<c: STRING, d: ARRAY<MAP<STRING, INT>>>"),
            "a int, b struct<c:string,d:array<map<string,int>>>");
  EXPECT_EQ(schemaSql("a: int, b: string"), "a int, b string");
  EXPECT_EQ(schemaSql("id bigint NOT NULL COMMENT 'key', `value` binary"),
            "id bigint NOT NULL COMMENT key, value binary");
  EXPECT_EQ(schemaSql("struct<a: int, b: string>"), "a int, b string");
  EXPECT_EQ(schemaSql("STRUCT<>"), "");
  EXPECT_EQ(schemaSql(""), "");
  EXPECT_EQ(schemaSql("struct struct<x: int>"), "struct struct<x:int>");
  // The article's camera schema.
  EXPECT_EQ(schemaSql("metadata STRUCT<access_token: STRING, client_version: INT>, "
                      "devices STRUCT<cameras: MAP<STRING, STRUCT<device_id: STRING, "
                      "last_event: STRUCT<has_person: BOOLEAN, start_time: TIMESTAMP>>>>"),
            "metadata struct<access_token:string,client_version:int>, "
            "devices struct<cameras:map<string,struct<device_id:string,"
            "last_event:struct<has_person:boolean,start_time:timestamp>>>>");
}

TEST(Schema, Errors) {
  EXPECT_EQ(schemaMessage("a int,"), "unexpected end of input: expected a field name");
  EXPECT_EQ(schemaMessage("a int b int"),
            "syntax error at or near 'b': expected ',' or end of input");
  EXPECT_EQ(schemaMessage("a"), "unexpected end of input: expected a data type");
  EXPECT_EQ(schemaMessage("struct<a: int> x"),
            "syntax error at or near 'x': expected end of input");
  EXPECT_EQ(schemaMessage("a int NOT"), "unexpected end of input: expected NULL");
}

}  // namespace
}  // namespace sluice
