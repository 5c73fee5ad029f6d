#include "codegen/expr_codegen.h"

#include <gtest/gtest.h>

#include "codegen/codegen_test_util.h"
#include "codegen/expr_codegen_test_util.h"
#include "frontend/error.h"

namespace sluice {
namespace {

using exprtest::expectJitMatchesFolding;
using exprtest::Rows;
using exprtest::run;

TEST(ExprCodegen, Arithmetic) {
  EXPECT_EQ(run("SELECT a + b, a - b, a * b, a % b, -a FROM VALUES (7, 2), (NULL, 1) AS t(a, b)"),
            (Rows{"9|5|14|1|-7", "NULL|NULL|NULL|NULL|NULL"}));
  EXPECT_EQ(run("SELECT a + 1 FROM VALUES (2147483647) AS t(a)"), (Rows{"-2147483648"}));
}

TEST(ExprCodegen, DivisionByZeroIsNull) {
  EXPECT_EQ(run("SELECT a / b, a % b FROM VALUES (1, 0), (6, 4) AS t(a, b)"),
            (Rows{"NULL|NULL", "1.5|2"}));
}

TEST(ExprCodegen, ThreeValuedLogic) {
  EXPECT_EQ(run("SELECT a AND b, a OR b, NOT a FROM VALUES (true, NULL), (false, NULL), "
                "(NULL, NULL), (true, true) AS t(a, b)"),
            (Rows{"NULL|true|false", "false|NULL|true", "NULL|NULL|NULL", "true|true|false"}));
}

TEST(ExprCodegen, Comparisons) {
  EXPECT_EQ(run("SELECT a < b, a = b, a <=> b, a >= b FROM VALUES (1, 2), (2, 2), (NULL, 2), "
                "(NULL, NULL) AS t(a, b)"),
            (Rows{"true|false|false|false", "false|true|true|true", "NULL|NULL|false|NULL",
                  "NULL|NULL|true|NULL"}));
  EXPECT_EQ(run("SELECT s = 'b', s < 'b', s > 'ab' FROM VALUES ('a'), ('b'), (NULL) AS t(s)"),
            (Rows{"false|true|false", "true|false|true", "NULL|NULL|NULL"}));
}

TEST(ExprCodegen, NullFunctionsAndConditionals) {
  EXPECT_EQ(run("SELECT a IS NULL, a IS NOT NULL, coalesce(a, b, 0), if(a > 1, 'y', 'n'), "
                "CASE WHEN a = 1 THEN 'one' WHEN b = 1 THEN 'b1' END FROM VALUES (1, 5), "
                "(NULL, 1), (NULL, NULL), (3, NULL) AS t(a, b)"),
            (Rows{"false|true|1|n|one", "true|false|1|n|b1", "true|false|0|n|NULL",
                  "false|true|3|y|NULL"}));
}

TEST(ExprCodegen, Literals) {
  EXPECT_EQ(run("SELECT 'lit', 2.5D, true, NULL, 7L FROM VALUES (1) AS t(a)"),
            (Rows{"lit|2.5|true|NULL|7"}));
}

TEST(ExprCodegen, NumericCasts) {
  EXPECT_EQ(run("SELECT CAST(d AS INT), CAST(d AS BIGINT), CAST(a AS DOUBLE) "
                "FROM VALUES (-3.7D, 5), (1e20D, NULL) AS t(d, a)"),
            (Rows{"-3|-3|5.0", "2147483647|9223372036854775807|NULL"}));
}

TEST(ExprCodegen, StdlibUpperLowerLength) {
  const std::vector<std::vector<std::string>> rows = {
      {"'abc'"}, {"'MiXeD 1'"}, {"''"}, {"NULL"}, {"'h\u00e9llo'"}};
  expectJitMatchesFolding("upper($1)", rows);
  expectJitMatchesFolding("lower($1)", rows);
  expectJitMatchesFolding("length($1)", rows);
  EXPECT_EQ(run("SELECT upper(s), lcase(s), char_length(s) FROM VALUES ('aBc'), (NULL) AS t(s)"),
            (Rows{"ABC|abc|3", "NULL|NULL|NULL"}));
}

TEST(ExprCodegen, StdlibSubstringPositions) {
  // Spark: 1-based; 0 acts as 1; negative counts from the end; out of range is empty.
  const std::vector<std::vector<std::string>> rows = {
      {"'hello'", "2", "3"},  {"'hello'", "0", "2"},    {"'hello'", "-3", "2"},
      {"'hello'", "10", "1"}, {"'hello'", "-10", "3"},  {"'hello'", "2", "-1"},
      {"NULL", "1", "1"},     {"'hello'", "NULL", "1"}, {"'hello'", "1", "NULL"}};
  expectJitMatchesFolding("substring($1, $2, $3)", rows);
  expectJitMatchesFolding("substr($1, $2)", rows);
  EXPECT_EQ(run("SELECT substring(s, -3, 2), substr(s, 2) FROM VALUES ('hello') AS t(s)"),
            (Rows{"ll|ello"}));
}

TEST(ExprCodegen, StdlibConcatTrimAndNesting) {
  const std::vector<std::vector<std::string>> rows = {{"'a'", "'b'", "'c'"},
                                                      {"'a'", "NULL", "'c'"},
                                                      {"''", "''", "''"},
                                                      {"'  x y '", "'xy'", "'x'"}};
  expectJitMatchesFolding("concat($1, $2, $3)", rows);
  expectJitMatchesFolding("concat($1, '-', $3)", rows);
  expectJitMatchesFolding("concat('[', trim($1), ']')", rows);
  expectJitMatchesFolding("trim($2, $3)", rows);
  expectJitMatchesFolding("upper(concat(trim($1), substring($2, -1, 1), lower($3)))", rows);
  EXPECT_EQ(run("SELECT concat(a, b) FROM VALUES ('x', 'y'), ('x', NULL) AS t(a, b)"),
            (Rows{"xy", "NULL"}));
}

TEST(ExprCodegen, StdlibPadAndReplace) {
  const std::vector<std::vector<std::string>> rows = {
      {"'ab'", "5", "'xy'"}, {"'abcdef'", "3", "'-'"}, {"'ab'", "-1", "'z'"}, {"NULL", "2", "'.'"}};
  expectJitMatchesFolding("lpad($1, $2, $3)", rows);
  expectJitMatchesFolding("rpad($1, $2, $3)", rows);
  expectJitMatchesFolding("concat('[', lpad($1, $2), rpad($1, $2), ']')", rows);
  expectJitMatchesFolding("replace($1, 'b', $3)", rows);
  expectJitMatchesFolding("replace($1, 'b')", rows);
}

TEST(ExprCodegen, UnsupportedFunctionIsACodegenError) {
  EXPECT_THROW(cgtest::run("SELECT hash(array(s)) FROM VALUES ('a') AS t(s)"), CodegenError);
  EXPECT_THROW(cgtest::run("SELECT CAST(s AS BINARY) = CAST(1.5D AS STRING) FROM VALUES ('1') "
                           "AS t(s) WHERE CAST(CAST(s AS BINARY) AS DOUBLE) > 0"),
               Error);
}

}  // namespace
}  // namespace sluice
