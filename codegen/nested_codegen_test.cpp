#include "codegen/nested_codegen.h"

#include <gtest/gtest.h>

#include "codegen/codegen_test_util.h"
#include "frontend/error.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

using Rows = std::vector<std::string>;

// Every test runs unoptimized and optimized: the IR must be right before LLVM cleans it up.
class NestedCodegenTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override { takeKernelError(); }
  Rows run(const std::string& sql) { return cgtest::run(sql, GetParam()); }
};

TEST_P(NestedCodegenTest, StructConstructionAndFieldAccess) {
  EXPECT_EQ(run("SELECT s.a, s.b FROM (SELECT named_struct('a', x, 'b', upper(y)) AS s "
                "FROM VALUES (1, 'p'), (NULL, NULL) AS t(x, y))"),
            (Rows{"1|P", "NULL|NULL"}));
}

TEST_P(NestedCodegenTest, ArrayAccessAndSize) {
  EXPECT_EQ(run("SELECT element_at(array(x, x + 1, x + 2), -1), array(x, 5)[1], "
                "element_at(array(x), 2), size(array(x, x)) FROM VALUES (1), (NULL) AS t(x)"),
            (Rows{"3|5|NULL|2", "NULL|5|NULL|2"}));
}

TEST_P(NestedCodegenTest, MapLookupByKey) {
  EXPECT_EQ(run("SELECT map(k, x, 'z', 0)[k], map(k, x)['nope'], size(map_keys(map(k, x))) "
                "FROM VALUES ('a', 1), ('b', NULL) AS t(k, x)"),
            (Rows{"1|NULL|1", "NULL|NULL|1"}));
}

TEST_P(NestedCodegenTest, FromJsonIntoNestedFields) {
  EXPECT_EQ(run("SELECT j.a, j.m['k'], j.arr[1] FROM (SELECT from_json(s, "
                "'a INT, m MAP<STRING, STRING>, arr ARRAY<BIGINT>') AS j "
                "FROM VALUES ('{\"a\":1,\"m\":{\"k\":\"v\"},\"arr\":[5,6]}'), ('x'), (NULL) "
                "AS t(s))"),
            (Rows{"1|v|6", "NULL|NULL|NULL", "NULL|NULL|NULL"}));
  EXPECT_FALSE(hasKernelError());
}

// FAILFAST through a kernel needs the options map literal compiled (ExprCodegen's nested
// literal hook, pending); the stdlib tests cover its error path directly.

TEST_P(NestedCodegenTest, KernelErrorsForInvalidMapKeysAndIndexZero) {
  run("SELECT map(k, 1, 'a', 2)['a'] FROM VALUES ('a') AS t(k)");
  auto err = takeKernelError();
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find("Duplicate map key"), std::string::npos);
  run("SELECT map(k, 1)['a'] FROM VALUES (CAST(NULL AS STRING)) AS t(k)");
  EXPECT_EQ(takeKernelError().value_or(""), "Cannot use null as map key");
  run("SELECT element_at(array(x), x - 1) FROM VALUES (1) AS t(x)");
  EXPECT_NE(takeKernelError().value_or("").find("start at 1"), std::string::npos);
}

TEST_P(NestedCodegenTest, ExplodeAndPosexplode) {
  EXPECT_EQ(run("SELECT x, pos, col FROM (SELECT x, posexplode_outer(array(x, x * 10)) "
                "FROM VALUES (1), (2) AS t(x))"),
            (Rows{"1|0|1", "1|1|10", "2|0|2", "2|1|20"}));
  EXPECT_EQ(run("SELECT key, value FROM (SELECT explode(from_json(s, 'MAP<STRING, INT>')) "
                "FROM VALUES ('{\"a\":1,\"b\":2}'), ('[]'), (NULL) AS t(s))"),
            (Rows{"a|1", "b|2"}));
}

TEST_P(NestedCodegenTest, JsonTupleAndToJson) {
  EXPECT_EQ(run("SELECT json_tuple(s, 'a', 'b') FROM VALUES ('{\"a\":\"x\",\"b\":[1]}'), "
                "(NULL) AS t(s)"),
            (Rows{"x|[1]", "NULL|NULL"}));
  EXPECT_EQ(run("SELECT to_json(named_struct('a', x, 'b', array(x))) FROM VALUES (1) AS t(x)"),
            (Rows{"{\"a\":1,\"b\":[1]}"}));
}

// Sliding windows give several rows per input row: GROUP BY turns them into a Generate
// (tests/sql/exec/time_windows.test); as a plain expression they are refused.
TEST_P(NestedCodegenTest, SlidingWindowsOutsideGroupByAreRefused) {
  try {
    run("SELECT window(CAST(x AS TIMESTAMP), '10 minutes', '5 minutes').start "
        "FROM VALUES (1) AS t(x)");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("GROUP BY expression only"), std::string::npos) << e.message();
  }
}

INSTANTIATE_TEST_SUITE_P(OptLevels, NestedCodegenTest, ::testing::Values(0, 2));

}  // namespace
}  // namespace sluice
