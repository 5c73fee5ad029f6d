// The functions registry_coverage_test.cpp found missing from the code generator, compiled now:
// each runs over VALUES columns (JIT) and over the same literals (constant folding), and both
// must agree (expectJitMatchesFolding), since both call one stdlib implementation. Results
// that the test sink cannot print (arrays, timestamps) go through to_json / CAST AS STRING.
#include <gtest/gtest.h>

#include "codegen/codegen_test_util.h"
#include "codegen/expr_codegen_test_util.h"
#include "frontend/error.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

using exprtest::expectJitMatchesFolding;
using exprtest::Rows;
using exprtest::run;
using Table = std::vector<std::vector<std::string>>;

TEST(RegistryFunctions, Digests) {
  const Table rows = {{"'Spark'", "224"},
                      {"''", "256"},
                      {"'h\u00e9llo'", "384"},
                      {"'abc'", "512"},
                      {"'x'", "0"},
                      {"'y'", "100"},
                      {"CAST(NULL AS STRING)", "256"},
                      {"'z'", "CAST(NULL AS INT)"}};
  for (const char* e : {"md5($1)", "sha1($1)", "sha($1)", "sha2($1, 224)", "sha2($1, 256)",
                        "sha2($1, 384)", "sha2($1, 512)", "sha2($1, 0)", "sha2($1, 1)",
                        "sha2($1, $2)", "CAST(crc32($1) AS STRING)", "md5(CAST($1 AS BINARY))",
                        "CAST(crc32(CAST($1 AS BINARY)) AS STRING)", "md5(concat($1, 'x'))"})
    expectJitMatchesFolding(e, rows);
  // Spark's documented values.
  EXPECT_EQ(run("SELECT md5(s), sha1(s), crc32(s), sha2(s, 256) FROM VALUES ('Spark') AS t(s)"),
            (Rows{"8cde774d6f7333752ed72cacddb05126|85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c|"
                  "1557323817|529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b"}));
}

TEST(RegistryFunctions, TimestampSeconds) {
  const Table rows = {{"0"}, {"1230219000"}, {"-1"}, {"CAST(NULL AS INT)"}};
  for (const char* e : {"CAST(timestamp_seconds($1) AS STRING)",
                        "CAST(timestamp_seconds(CAST($1 AS BIGINT)) AS STRING)",
                        "CAST(timestamp_seconds(CAST($1 AS TINYINT)) AS STRING)",
                        "CAST(timestamp_seconds($1 / 1000) AS STRING)",
                        "CAST(timestamp_seconds(CAST($1 AS DECIMAL(12,2)) / 8) AS STRING)",
                        "CAST(timestamp_seconds(CAST($1 AS FLOAT)) AS STRING)"})
    expectJitMatchesFolding(e, rows);
  const Table fractions = {{"1230219000.123D"},
                           {"-1.5D"},
                           {"CAST('NaN' AS DOUBLE)"},
                           {"CAST('-Infinity' AS DOUBLE)"},
                           {"1e300D"},
                           {"CAST(NULL AS DOUBLE)"}};
  expectJitMatchesFolding("CAST(timestamp_seconds($1) AS STRING)", fractions);
  expectJitMatchesFolding("CAST(timestamp_seconds(CAST($1 AS DECIMAL(20,6))) AS STRING)",
                          fractions);
  // Overflow and inexact decimals fail the query (Spark's ArithmeticException): a constant
  // at analysis time, a column in the kernel (a kernel error the runtime raises).
  EXPECT_THROW(cgtest::run("SELECT timestamp_seconds(9223372036854775807)"), AnalysisError);
  takeKernelError();
  cgtest::run("SELECT timestamp_seconds(l) FROM VALUES (9223372036854775807) AS t(l)");
  auto err = takeKernelError();
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("long overflow"), std::string::npos) << *err;
  cgtest::run(
      "SELECT timestamp_seconds(CAST(d AS DECIMAL(20,8))) FROM VALUES (1.000000012D) AS t(d)");
  err = takeKernelError();
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("Rounding necessary"), std::string::npos) << *err;
}

TEST(RegistryFunctions, SortArray) {
  const Table rows = {{"3", "1", "2"},
                      {"CAST(NULL AS INT)", "5", "-1"},
                      {"7", "7", "CAST(NULL AS INT)"},
                      {"CAST(NULL AS INT)", "CAST(NULL AS INT)", "CAST(NULL AS INT)"}};
  for (const char* e :
       {"to_json(sort_array(array($1, $2, $3)))", "to_json(sort_array(array($1, $2, $3), true))",
        "to_json(sort_array(array($1, $2, $3), false))",
        "to_json(sort_array(array(CAST($1 AS STRING), CAST($2 AS STRING), 'x')))",
        "to_json(sort_array(array($1 / 2, CAST('NaN' AS DOUBLE), -($3) / 4, -0.0D, 0D), false))",
        "to_json(sort_array(array(CAST($1 AS DECIMAL(30,2)), $2 / 3)))",
        "to_json(sort_array(array(named_struct('a', $1, 'b', $2), "
        "named_struct('a', $2, 'b', $3), named_struct('a', $1, 'b', $3))))",
        "to_json(sort_array(array(array($1, $2), array($3), array($2, $1)), false))",
        "to_json(sort_array(IF($1 IS NULL, NULL, array($1, $2))))",
        "CAST(size(sort_array(array($1, $2, $3), CAST(NULL AS BOOLEAN))) AS STRING)"})
    expectJitMatchesFolding(e, rows);
}

TEST(RegistryFunctions, ArrayDistinctAndContains) {
  const Table rows = {{"1", "2", "1"},
                      {"CAST(NULL AS INT)", "5", "CAST(NULL AS INT)"},
                      {"7", "7", "7"},
                      {"0", "CAST(NULL AS INT)", "3"}};
  for (const char* e :
       {"to_json(array_distinct(array($1, $2, $3, $1, $2)))",
        "to_json(array_distinct(array(CAST($1 AS DOUBLE) / 0, $2 / 0, -0.0D, 0D)))",
        "to_json(array_distinct(array(CAST($1 AS STRING), 'x', CAST($3 AS STRING))))",
        "to_json(array_distinct(array(named_struct('a', $1), named_struct('a', $3))))",
        "to_json(array_distinct(IF($2 IS NULL, NULL, array($2, $2))))",
        "CAST(array_contains(array($1, $2), $3) AS STRING)",
        "CAST(array_contains(array($1, $2, 9), 9) AS STRING)",
        "CAST(array_contains(array($1, $2), 4) AS STRING)",
        "CAST(array_contains(array(CAST($1 AS STRING), 'x'), CAST($3 AS STRING)) "
        "AS STRING)",
        "CAST(array_contains(IF($2 IS NULL, NULL, array($1)), $1) AS STRING)",
        "CAST(array_contains(array(array($1), array($2)), array($3)) AS STRING)",
        "CAST(array_contains(array($1 / 2, 0.5D), $3 / 2) AS STRING)"})
    expectJitMatchesFolding(e, rows);
}

TEST(RegistryFunctions, BitwiseInConcatReverseLength) {
  const Table rows = {{"12", "10", "'ab'"},
                      {"-1", "CAST(NULL AS INT)", "''"},
                      {"0", "7", "CAST(NULL AS STRING)"},
                      {"CAST(NULL AS INT)", "3", "'hé'"}};
  for (const char* e :
       {"CAST($1 & $2 AS STRING)", "CAST($1 | $2 AS STRING)", "CAST($1 ^ $2 AS STRING)",
        "CAST(~$1 AS STRING)", "CAST(CAST($1 AS TINYINT) & CAST($2 AS SMALLINT) AS STRING)",
        "CAST(~CAST($2 AS BIGINT) AS STRING)", "CAST($1 IN ($2, 12, 0) AS STRING)",
        "CAST($1 IN ($2) AS STRING)", "CAST($3 IN ('ab', $3) AS STRING)",
        "CAST(array($1) IN (array($2), array(12)) AS STRING)",
        "CAST(named_struct('a', $1) IN (named_struct('a', $2), named_struct('a', 0)) AS STRING)",
        "CAST(length(CAST($3 AS BINARY)) AS STRING)", "CAST(length($3) AS STRING)",
        "CAST(concat(CAST($3 AS BINARY), CAST('!' AS BINARY), CAST($3 AS BINARY)) AS STRING)",
        "to_json(concat(array($1, $2), array(5), array($2)))", "to_json(reverse(array($1, $2, 3)))",
        "to_json(reverse(split($3, '')))"})
    expectJitMatchesFolding(e, rows);
}

TEST(RegistryFunctions, TimeInputsWithAPatternIgnoreIt) {
  const Table rows = {{"'2020-02-29 13:45:59'", "'dd/MM/yyyy'"},
                      {"'1969-12-31 23:00:00'", "'yyyy'"},
                      {"CAST(NULL AS STRING)", "'yyyy'"}};
  for (const char* e : {"CAST(to_timestamp(CAST($1 AS DATE), $2) AS STRING)",
                        "CAST(to_timestamp(CAST($1 AS TIMESTAMP), $2) AS STRING)",
                        "CAST(to_date(CAST($1 AS TIMESTAMP), $2) AS STRING)",
                        "CAST(to_date(CAST($1 AS DATE), $2) AS STRING)",
                        "CAST(to_unix_timestamp(CAST($1 AS DATE), $2) AS STRING)",
                        "CAST(to_unix_timestamp(CAST($1 AS TIMESTAMP), $2) AS STRING)"})
    expectJitMatchesFolding(e, rows);
}

// rand / randn are never folded: the kernel's values equal Spark's on one partition
// (spark.range(0, 2, 1, 1).select(rand(42), randn(42)): 0.619189370225...,
// 0.5096018842446... and 2.384479054241..., 0.1920934041293...), and each kernel run (batch)
// starts again from the seed, as each Spark task does.
TEST(RegistryFunctions, RandMatchesSparkOnOnePartition) {
  const std::string sql = "SELECT rand(42), randn(42), rand() >= 0 FROM VALUES (1), (2) AS t(x)";
  const Rows r = run(sql);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].rfind("0.619189370225", 0), 0u) << r[0];
  EXPECT_NE(r[0].find("|2.384479054241"), std::string::npos) << r[0];
  EXPECT_EQ(r[1].rfind("0.5096018842446", 0), 0u) << r[1];
  EXPECT_NE(r[1].find("|0.1920934041293"), std::string::npos) << r[1];
  EXPECT_EQ(r[0].substr(r[0].size() - 4), "true");
  EXPECT_EQ(run(sql), r);
}

}  // namespace
}  // namespace sluice
