#include "planner/sources/jdbc/jdbc_sql.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

PushedFilter filter(const std::string& column, const std::string& op, Value v, TypePtr type) {
  return PushedFilter{column, op, std::move(v), std::move(type)};
}

std::string compiled(JdbcDialect d, const PushedFilter& f) {
  auto c = compileJdbcFilter(d, f);
  return c ? *c : "<not pushed>";
}

TEST(JdbcSql, IdentifiersAreQuoted) {
  EXPECT_EQ(quoteJdbcIdentifier(JdbcDialect::Postgres, "a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(quoteJdbcIdentifier(JdbcDialect::MySql, "a`b"), "`a``b`");
}

TEST(JdbcSql, StringLiteralsCannotEscapeTheirQuotes) {
  const auto pg = JdbcDialect::Postgres, my = JdbcDialect::MySql;
  const Value evil = Value::bytes("x' OR 1=1 --\\");
  EXPECT_EQ(*jdbcLiteral(pg, evil, *DataType::string()), "'x'' OR 1=1 --\\'");
  // MySQL: hex with a charset introducer, whatever sql_mode says about backslashes.
  EXPECT_EQ(*jdbcLiteral(my, Value::bytes("a'\\"), *DataType::string()), "_utf8mb4 X'61275c'");
  // PostgreSQL text cannot hold NUL: such a value is not pushed.
  EXPECT_FALSE(jdbcLiteral(pg, Value::bytes(std::string("a\0b", 3)), *DataType::string()));
  EXPECT_EQ(*jdbcLiteral(pg, Value::bytes("\x01\xff"), *DataType::binary()), "'\\x01ff'::bytea");
}

TEST(JdbcSql, LiteralsOfEachType) {
  const auto pg = JdbcDialect::Postgres, my = JdbcDialect::MySql;
  EXPECT_EQ(*jdbcLiteral(pg, Value::integer(-5), *DataType::bigint()), "-5");
  EXPECT_EQ(*jdbcLiteral(pg, Value::decimal(1250), *DataType::decimal(10, 2)), "12.50");
  EXPECT_EQ(*jdbcLiteral(pg, Value::real(0.1), *DataType::doubleType()),
            "CAST('0.10000000000000001' AS DOUBLE PRECISION)");
  EXPECT_EQ(*jdbcLiteral(pg, Value::real(0.1f), *DataType::floatType()),
            "CAST('0.100000001' AS REAL)");
  EXPECT_EQ(*jdbcLiteral(my, Value::real(0.5), *DataType::doubleType()), "0.5E0");
  EXPECT_FALSE(jdbcLiteral(my, Value::real(0.5), *DataType::floatType()));
  EXPECT_FALSE(jdbcLiteral(my, Value::boolean(true), *DataType::boolean()));
  EXPECT_EQ(*jdbcLiteral(pg, Value::integer(19782), *DataType::date()), "DATE '2024-02-29'");
  EXPECT_EQ(*jdbcLiteral(pg, Value::integer(1500000), *DataType::timestamp()),
            "TIMESTAMPTZ '1970-01-01 00:00:01.5+00'");
  EXPECT_EQ(*jdbcLiteral(my, Value::integer(1500000), *DataType::timestamp()),
            "TIMESTAMP '1970-01-01 00:00:01.5'");
  EXPECT_FALSE(jdbcLiteral(pg, Value::integer(-800000), *DataType::date()));  // year < 1
}

TEST(JdbcSql, FiltersCompileOnlyWhenTheServerDecidesAsSpark) {
  const auto pg = JdbcDialect::Postgres, my = JdbcDialect::MySql;
  const auto s = DataType::string();
  EXPECT_EQ(compiled(pg, filter("n", "<", Value::bytes("m"), s)), "(\"n\" COLLATE \"C\") < 'm'");
  EXPECT_EQ(compiled(my, filter("n", "=", Value::bytes("m"), s)), "`n` = _utf8mb4 X'6d'");
  EXPECT_EQ(compiled(my, filter("n", "<", Value::bytes("m"), s)), "<not pushed>");
  EXPECT_EQ(compiled(my, filter("n", "isnull", Value(), s)), "`n` IS NULL");
  EXPECT_EQ(compiled(pg, filter("n", "isnotnull", Value(), s)), "\"n\" IS NOT NULL");
  EXPECT_EQ(compiled(pg, filter("n", "!=", Value::integer(1), DataType::integer())),
            "<not pushed>");
}

TEST(JdbcSql, SelectWithColumnsAndPushedFilters) {
  JdbcOptions o;
  o.url.dialect = JdbcDialect::Postgres;
  o.dbtable = "public.people";
  const auto i = DataType::integer();
  EXPECT_EQ(jdbcSelectSql(o, {"id", "Name"},
                          {filter("id", ">", Value::integer(3), i),
                           filter("Name", "isnotnull", Value(), DataType::string())}),
            "SELECT \"id\", \"Name\" FROM public.people WHERE \"id\" > 3 AND \"Name\" IS NOT NULL");
  JdbcOptions q;
  q.url.dialect = JdbcDialect::MySql;
  q.query = "SELECT a FROM t";
  q.prepareQuery = "WITH t AS (SELECT 1 AS a)";
  EXPECT_EQ(jdbcSelectSql(q, {}, {}),
            "WITH t AS (SELECT 1 AS a) SELECT 1 FROM (SELECT a FROM t) SPARK_GEN_SUBQ_0");
}

}  // namespace
}  // namespace sluice
