// Builtins compiled through stdlib bindings: every expression runs over VALUES columns (JIT)
// and over the same literals (constant folding), and both must agree (expectJitMatchesFolding).
// Columns are bool / int / bigint / double / string (the test batch's types); other types are
// produced with casts inside the expression, and results are printed through CAST AS STRING.
#include <gtest/gtest.h>

#include "codegen/codegen_test_util.h"
#include "codegen/expr_codegen_test_util.h"
#include "frontend/error.h"

namespace sluice {
namespace {

using exprtest::expectJitMatchesFolding;
using exprtest::Rows;
using exprtest::run;
using Table = std::vector<std::vector<std::string>>;

TEST(Builtins, CastsFromString) {
  const Table rows = {{"'12'"},
                      {"' -7 '"},
                      {"'1.9'"},
                      {"'abc'"},
                      {"''"},
                      {"'128'"},
                      {"'1e3'"},
                      {"'true'"},
                      {"'N'"},
                      {"NULL"},
                      {"'2020-02-29'"},
                      {"'2021-13-01'"},
                      {"'2020-01-02 03:04:05.123456'"},
                      {"'99999999999999999999'"},
                      {"'-Infinity'"},
                      {"'NaN'"}};
  for (const char* t : {"BOOLEAN", "TINYINT", "SMALLINT", "INT", "BIGINT", "FLOAT", "DOUBLE",
                        "DECIMAL(5,1)", "DECIMAL(38,4)", "DATE", "TIMESTAMP", "BINARY"})
    expectJitMatchesFolding(std::string("CAST(CAST($1 AS ") + t + ") AS STRING)", rows);
}

TEST(Builtins, CastsBetweenNumbers) {
  const Table rows = {{"0D"},    {"-1.5D"}, {"2.5D"}, {"123456.789D"}, {"1e20D"},
                      {"-0.0D"}, {"1e-5D"}, {"NULL"}, {"9.99999D"}};
  for (const char* t : {"BOOLEAN", "TINYINT", "INT", "BIGINT", "FLOAT", "DECIMAL(6,2)",
                        "DECIMAL(20,10)", "DECIMAL(3,0)", "TIMESTAMP"})
    expectJitMatchesFolding(std::string("CAST(CAST($1 AS ") + t + ") AS STRING)", rows);
  // Decimal -> everything numeric, and decimal rescaling with HALF_UP / overflow to NULL.
  for (const char* t : {"BOOLEAN", "TINYINT", "INT", "BIGINT", "FLOAT", "DOUBLE", "DECIMAL(4,1)",
                        "DECIMAL(30,0)", "TIMESTAMP", "STRING"})
    expectJitMatchesFolding(
        std::string("CAST(CAST(CAST($1 AS DECIMAL(12,3)) AS ") + t + ") AS STRING)", rows);
  const Table ints = {{"0"}, {"-1"}, {"2147483647"}, {"NULL"}, {"300"}};
  for (const char* t : {"BOOLEAN", "TINYINT", "SMALLINT", "DECIMAL(3,1)", "DECIMAL(38,18)",
                        "TIMESTAMP", "BINARY", "DOUBLE", "FLOAT"})
    expectJitMatchesFolding(std::string("CAST(CAST($1 AS ") + t + ") AS STRING)", ints);
}

TEST(Builtins, CastsBetweenDatesAndTimestamps) {
  const Table rows = {
      {"'2020-02-29 23:59:59.5'"}, {"'1969-12-31 23:00:00'"}, {"'1970-01-01'"}, {"NULL"}};
  for (const char* e : {"CAST(CAST(CAST($1 AS TIMESTAMP) AS DATE) AS STRING)",
                        "CAST(CAST(CAST(CAST($1 AS DATE) AS TIMESTAMP) AS STRING) AS STRING)",
                        "CAST(CAST(CAST($1 AS TIMESTAMP) AS BIGINT) AS STRING)",
                        "CAST(CAST(CAST($1 AS TIMESTAMP) AS DOUBLE) AS STRING)",
                        "CAST(CAST(CAST($1 AS TIMESTAMP) AS DECIMAL(20,6)) AS STRING)",
                        "CAST(CAST(CAST($1 AS DATE) AS INT) AS STRING)"})
    expectJitMatchesFolding(e, rows);
}

TEST(Builtins, DecimalArithmetic) {
  const Table rows = {{"'1.25'", "'0.5'"},      {"'-7.5'", "'2'"}, {"'10'", "'0'"},
                      {"'99999.99'", "'0.01'"}, {"NULL", "'1'"},   {"'1'", "'3'"},
                      {"'-1'", "'3'"}};
  for (const char* op : {"+", "-", "*", "/", "%", "div"})
    expectJitMatchesFolding(
        std::string("CAST(CAST($1 AS DECIMAL(7,2)) ") + op + " CAST($2 AS DECIMAL(5,1)) AS STRING)",
        rows);
  expectJitMatchesFolding(
      "CAST(pmod(CAST($1 AS DECIMAL(7,2)), CAST($2 AS DECIMAL(5,1))) "
      "AS STRING)",
      rows);
  expectJitMatchesFolding("CAST(-CAST($1 AS DECIMAL(7,2)) AS STRING)", rows);
  expectJitMatchesFolding("CAST(CAST($1 AS DECIMAL(7,2)) + 1 AS STRING)", rows);
  // Wide decimals (i128 in generated code) and overflow to NULL.
  expectJitMatchesFolding("CAST(CAST($1 AS DECIMAL(38,2)) * CAST($2 AS DECIMAL(38,2)) AS STRING)",
                          rows);
  expectJitMatchesFolding(
      "CAST(CAST('99999999999999999999999999999999999.99' AS DECIMAL(37,2)) * "
      "CAST($1 AS DECIMAL(38,2)) AS STRING)",
      rows);
}

TEST(Builtins, Math) {
  // A NULL of the column's type: an untyped NULL literal would change the folded form's type.
  const Table rows = {{"2.5D", "2"},
                      {"-2.5D", "0"},
                      {"1.005D", "2"},
                      {"0D", "-1"},
                      {"CAST(NULL AS DOUBLE)", "1"},
                      {"123.456D", "-1"},
                      {"-0.0D", "1"}};
  for (const char* e : {"round($1)",
                        "round($1, 2)",
                        "bround($1)",
                        "bround($1, 1)",
                        "round($2, -1)",
                        "floor($1)",
                        "ceil($1)",
                        "abs($1)",
                        "abs($2)",
                        "pow($1, 2)",
                        "sqrt($1)",
                        "exp($1)",
                        "ln($1)",
                        "log10($1)",
                        "log(2, $1)",
                        "sign($1)",
                        "greatest($1, $2, 0.5D)",
                        "least($1, $2)",
                        "nullif($2, 0)",
                        "nvl($1, 7)",
                        "ifnull($1, $2)",
                        "pmod($2, 3)",
                        "$2 div 2",
                        "$2 % 0",
                        "pmod(-7, $2)",
                        "sin($1)",
                        "atan2($1, 1)"})
    expectJitMatchesFolding(std::string("CAST(") + e + " AS STRING)", rows);
  expectJitMatchesFolding("CAST(round(CAST($1 AS DECIMAL(8,3)), 1) AS STRING)", rows);
  expectJitMatchesFolding("CAST(bround(CAST($1 AS DECIMAL(8,3)), -1) AS STRING)", rows);
  expectJitMatchesFolding("CAST(floor(CAST($1 AS DECIMAL(8,3))) AS STRING)", rows);
  expectJitMatchesFolding("CAST(ceil(CAST($1 AS DECIMAL(8,3))) AS STRING)", rows);
  expectJitMatchesFolding("CAST(abs(CAST($1 AS DECIMAL(8,3))) AS STRING)", rows);
  EXPECT_EQ(run("SELECT abs(a), greatest(a, NULL), least(NULL, a) FROM VALUES (-2147483648) "
                "AS t(a)"),
            (Rows{"-2147483648|-2147483648|-2147483648"}));
}

TEST(Builtins, Datetime) {
  const Table rows = {{"'2020-02-29 13:45:59.123'", "'yyyy-MM-dd HH:mm:ss.SSS'"},
                      {"'29/02/2020'", "'dd/MM/yyyy'"},
                      {"'2020-01-01T10:00:00+02:00'", "\"yyyy-MM-dd'T'HH:mm:ssXXX\""},
                      {"'bad'", "'yyyy'"},
                      {"NULL", "'yyyy'"},
                      {"'2020-07-04'", "NULL"}};
  for (const char* e : {"CAST(to_timestamp($1) AS STRING)",
                        "CAST(to_timestamp($1, $2) AS STRING)",
                        "CAST(to_date($1) AS STRING)",
                        "CAST(to_date($1, $2) AS STRING)",
                        "CAST(to_unix_timestamp($1, $2) AS STRING)",
                        "CAST(to_unix_timestamp($1) AS STRING)",
                        "CAST(to_unix_timestamp(to_timestamp($1)) AS STRING)",
                        "date_format(to_timestamp($1), 'yyyy/MM/dd HH:mm')",
                        "date_format(to_timestamp($1), $2)",
                        "from_unixtime(to_unix_timestamp($1, $2))",
                        "from_unixtime(to_unix_timestamp($1, $2), 'dd.MM.yy')",
                        "CAST(date_trunc('hour', to_timestamp($1)) AS STRING)",
                        "CAST(date_trunc('MONTH', to_timestamp($1)) AS STRING)",
                        "CAST(date_trunc($2, to_timestamp($1)) AS STRING)",
                        "CAST(year(to_timestamp($1)) AS STRING)",
                        "CAST(month(to_date($1)) AS STRING)",
                        "CAST(day(to_date($1)) AS STRING)",
                        "CAST(dayofmonth(to_date($1)) AS STRING)",
                        "CAST(hour(to_timestamp($1)) AS STRING)",
                        "CAST(minute(to_timestamp($1)) AS STRING)",
                        "CAST(second(to_timestamp($1)) AS STRING)",
                        "CAST(date_add(to_date($1), 1) AS STRING)",
                        "CAST(to_date($1) + 3 AS STRING)",
                        "CAST(datediff(to_date($1), DATE'2020-01-01') AS STRING)",
                        "CAST(last_day(to_date($1)) AS STRING)",
                        "CAST(add_months(to_date($1), 1) AS STRING)"})
    expectJitMatchesFolding(e, rows);
  // unix_timestamp(x [, fmt]) is to_unix_timestamp (the row is never folded: without
  // arguments it reads the clock).
  EXPECT_EQ(run("SELECT unix_timestamp(s), unix_timestamp(s, 'dd/MM/yyyy'), "
                "unix_timestamp(to_date(s)), unix_timestamp(CAST(s AS TIMESTAMP)) FROM VALUES "
                "('2020-01-02 00:00:01'), ('02/01/2020'), (NULL) AS t(s)"),
            (Rows{"1577923201|NULL|1577923200|1577923201", "NULL|1577923200|NULL|NULL",
                  "NULL|NULL|NULL|NULL"}));
  const Table secs = {{"0"}, {"1593820800"}, {"-1"}, {"NULL"}};
  expectJitMatchesFolding("from_unixtime($1)", secs);
  expectJitMatchesFolding("from_unixtime($1, 'yyyy-MM-dd')", secs);
}

TEST(Builtins, CurrentTimestampIsOneValuePerBatch) {
  const Rows r =
      run("SELECT current_timestamp() = now(), CAST(current_timestamp() AS DATE) = current_date(), "
          "unix_timestamp() > 1600000000, year(current_date()) >= 2024 "
          "FROM VALUES (1), (2), (3) AS t(a)");
  EXPECT_EQ(r, (Rows{"true|true|true|true", "true|true|true|true", "true|true|true|true"}));
}

TEST(Builtins, Hash) {
  // Spark's documented values: hash('Spark', array(123), 2) = -1321691492 (array left out
  // here), hash('ABC') = -757602832, hash('ABC', 'DEF') = 599895104,
  // xxhash64('ABC') = 4105715581806190027, xxhash64('ABC', 'DEF') = 3233247871021311208.
  EXPECT_EQ(run("SELECT hash(a), hash(a, b), xxhash64(a), xxhash64(a, b) FROM VALUES "
                "('ABC', 'DEF') AS t(a, b)"),
            (Rows{"-757602832|599895104|4105715581806190027|3233247871021311208"}));
  const Table rows = {{"1", "'a'", "1.5D", "true"},
                      {"NULL", "NULL", "NULL", "NULL"},
                      {"-1", "''", "-0.0D", "false"},
                      {"2147483647", "'h\u00e9'", "0D", "NULL"}};
  for (const char* e :
       {"hash($1)", "hash($2)", "hash($3)", "hash($4)", "hash($1, $2, $3, $4)",
        "xxhash64($1, $2, $3, $4)", "hash(CAST($1 AS BIGINT))", "hash(CAST($1 AS TINYINT))",
        "hash(CAST($3 AS FLOAT))", "hash(CAST($3 AS DECIMAL(10,2)))",
        "hash(CAST($3 AS DECIMAL(30,2)))", "xxhash64(CAST($3 AS DECIMAL(30,2)))",
        "hash(CAST($2 AS BINARY))", "hash(to_date('2020-01-01'), $1)", "hash(NULL, $1)"})
    expectJitMatchesFolding(e, rows);
}

TEST(Builtins, Strings) {
  const Table rows = {{"'Hello World'", "'o'", "'[aeiou]'"},
                      {"'a,b,,c,'", "','", "','"},
                      {"''", "''", "'x*'"},
                      {"NULL", "'a'", "'a'"},
                      {"'h\u00e9llo w\u00f6rld'", "'\u00f6'", "'(\\\\w+) (\\\\w+)'"}};
  for (const char* e : {"concat_ws('-', $1, $2, NULL, $3)",
                        "concat_ws($2, $1, $3)",
                        "concat_ws(NULL, $1)",
                        "instr($1, $2)",
                        "locate($2, $1)",
                        "initcap($1)",
                        "reverse($1)",
                        "repeat($2, 3)",
                        "ltrim($1)",
                        "rtrim($1, 'd')",
                        "left($1, 3)",
                        "right($1, 3)",
                        "regexp_extract($1, '(l+)(o)', 2)",
                        "regexp_extract($1, $3, 0)",
                        "regexp_replace($1, $3, '<$0>')",
                        "regexp_replace($1, 'l', 'L', 4)",
                        "CAST($1 RLIKE $3 AS STRING)",
                        "CAST($1 LIKE '%o%' AS STRING)",
                        "CAST(startswith($1, $2) AS STRING)",
                        "CAST(contains($1, $2) AS STRING)",
                        "CAST(ascii($1) AS STRING)",
                        "CAST(octet_length($1) AS STRING)"})
    expectJitMatchesFolding(e, rows);
  // locate with a start position; Spark finds the empty string at 1 whatever the start.
  EXPECT_EQ(run("SELECT locate(b, a, 3), locate(b, a, 0), locate('', a, 5) FROM VALUES "
                "('Hello World', 'o'), ('abc', 'a'), ('x', 'z') AS t(a, b)"),
            (Rows{"5|0|1", "0|0|1", "0|0|1"}));
}

TEST(Builtins, InvalidConstantPatternsFailBeforeRunning) {
  EXPECT_THROW(cgtest::run("SELECT regexp_extract(s, '(', 1) FROM VALUES ('a') AS t(s)"),
               AnalysisError);
  EXPECT_THROW(cgtest::run("SELECT regexp_extract(s, '(a)', 3) FROM VALUES ('a') AS t(s)"),
               AnalysisError);
  EXPECT_THROW(cgtest::run("SELECT to_timestamp(s, 'yyyy-qq') FROM VALUES ('a') AS t(s)"),
               AnalysisError);
}

}  // namespace
}  // namespace sluice
