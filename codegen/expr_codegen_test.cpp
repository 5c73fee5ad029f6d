#include "codegen/expr_codegen.h"

#include <gtest/gtest.h>

#include "codegen/codegen_test_util.h"
#include "frontend/error.h"

namespace sluice {
namespace {

using Rows = std::vector<std::string>;

// Every query runs at -O0 and -O2; both must give the same rows.
Rows run(const std::string& sql) {
  Rows o0 = cgtest::run(sql, 0);
  Rows o2 = cgtest::run(sql, 2);
  EXPECT_EQ(o0, o2) << "-O0 and -O2 disagree on " << sql;
  return o2;
}

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

TEST(ExprCodegen, UnsupportedFunctionIsACodegenError) {
  EXPECT_THROW(cgtest::run("SELECT upper(s) FROM VALUES ('a') AS t(s)"), CodegenError);
  EXPECT_THROW(cgtest::run("SELECT CAST(s AS INT) FROM VALUES ('1') AS t(s)"), CodegenError);
}

}  // namespace
}  // namespace sluice
