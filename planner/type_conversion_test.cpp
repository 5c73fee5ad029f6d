#include "planner/type_conversion.h"

#include <gtest/gtest.h>

#include "frontend/error.h"
#include "frontend/parser.h"
#include "planner/timestamp_ntz.h"

namespace sluice {
namespace {

std::string convert(const std::string& text) {
  auto file = std::make_shared<SourceFile>();
  file->name = "<test>";
  file->text = text;
  return toDataType(parseType(file), file)->toString();
}

TEST(TypeConversion, NamesAndAliases) {
  EXPECT_EQ(convert("boolean"), "boolean");
  EXPECT_EQ(convert("byte"), "tinyint");
  EXPECT_EQ(convert("short"), "smallint");
  EXPECT_EQ(convert("integer"), "int");
  EXPECT_EQ(convert("long"), "bigint");
  EXPECT_EQ(convert("real"), "float");
  EXPECT_EQ(convert("double"), "double");
  EXPECT_EQ(convert("decimal"), "decimal(10,0)");
  EXPECT_EQ(convert("dec(5)"), "decimal(5,0)");
  EXPECT_EQ(convert("numeric(12, 3)"), "decimal(12,3)");
  EXPECT_EQ(convert("varchar(10)"), "string");
  EXPECT_EQ(convert("char(3)"), "string");
  EXPECT_EQ(convert("timestamp_ltz"), "timestamp");
  EXPECT_EQ(convert("array<map<string, struct<a: int, b: binary>>>"),
            "array<map<string,struct<a:int,b:binary>>>");
}

TEST(TypeConversion, Errors) {
  // The parser already rejects unknown names; toDataType guards ASTs built elsewhere.
  ast::TypeSpec spec;
  spec.name = "blob";
  spec.span = SourceSpan::of(0, 4);
  try {
    toDataType(spec, nullptr);
    FAIL();
  } catch (const AnalysisError& e) {
    EXPECT_EQ(e.message(), "unsupported data type 'blob'");
    EXPECT_TRUE(e.span().known);
  }
  EXPECT_THROW(convert("decimal(40, 2)"), AnalysisError);
  EXPECT_THROW(convert("decimal(5, 6)"), AnalysisError);
}

TEST(TypeConversion, DdlSchema) {
  TypePtr t = parseDdlSchema("a INT, b STRUCT<c: STRING>, d ARRAY<BIGINT> NOT NULL", "<schema>");
  EXPECT_EQ(t->toString(), "struct<a:int,b:struct<c:string>,d:array<bigint>>");
  EXPECT_FALSE(t->fields()[2].nullable);
  EXPECT_EQ(parseDdlSchema("STRUCT<a: INT>", "<schema>")->toString(), "struct<a:int>");
  EXPECT_EQ(parseDdlType("array<int>", "<schema>")->toString(), "array<int>");
  EXPECT_EQ(parseDdlType("MAP<STRING, INT>", "<schema>")->toString(), "map<string,int>");
  EXPECT_THROW(parseDdlSchema("a INT,, b", "<schema>"), Error);
  EXPECT_THROW(parseDdlSchema("a FOO", "<schema>"), Error);
}

// TIMESTAMP_NTZ shares Timestamp's id and layout but is its own type; a bare TIMESTAMP follows
// spark.sql.timestampType (a ScopedTimestampType while a statement is planned).
TEST(TypeConversion, TimestampNtzAndLtz) {
  EXPECT_EQ(convert("timestamp_ntz"), "timestamp_ntz");
  EXPECT_EQ(convert("timestamp"), "timestamp");
  EXPECT_EQ(convert("array<timestamp_ntz>"), "array<timestamp_ntz>");
  const TypePtr ntz = timestampNtzType();
  EXPECT_TRUE(isNtz(ntz));
  EXPECT_FALSE(isNtz(DataType::timestamp()));
  EXPECT_EQ(ntz->id(), TypeId::Timestamp);
  EXPECT_FALSE(ntz->equals(*DataType::timestamp()));
  EXPECT_TRUE(ntz->equals(*timestampNtzType()));
  EXPECT_EQ(parseDdlSchema("a TIMESTAMP_NTZ, b TIMESTAMP", "<schema>")->toDdl(),
            "a TIMESTAMP_NTZ, b TIMESTAMP");
  {
    ScopedTimestampType scope(timestampNtzType());
    EXPECT_EQ(convert("timestamp"), "timestamp_ntz");
    EXPECT_EQ(convert("timestamp_ltz"), "timestamp");
    {
      ScopedTimestampType inner(DataType::timestamp());
      EXPECT_EQ(convert("timestamp"), "timestamp");
    }
    EXPECT_EQ(convert("timestamp"), "timestamp_ntz");
  }
  EXPECT_EQ(convert("timestamp"), "timestamp");
}

}  // namespace
}  // namespace sluice
