#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

struct SimplifyConditionalsTest : ::testing::Test {
  Attribute a = attr("a", DataType::integer());
  Attribute b = attr("b", DataType::boolean());
  PlanPtr input = scan({a, b});

  PlanPtr plan(const ExprPtr& e) { return project({as(e, "x")}, input); }
  std::string simplify(const ExprPtr& e) {
    return show(as<Project>(run(makeSimplifyConditionals(), plan(e)))->list[0]);
  }
};

TEST_F(SimplifyConditionalsTest, IfWithConstantCondition) {
  EXPECT_EQ(simplify(call("if", {truth(), col(a), lit(0)})), "a#1 AS x#2");
  EXPECT_EQ(simplify(call("if", {falsity(), col(a), lit(0)})), "0 AS x#1");
  EXPECT_EQ(simplify(call("if", {null(DataType::boolean()), col(a), lit(0)})), "0 AS x#1");
  EXPECT_EQ(simplify(call("if", {col(b), col(a), col(a)})), "a#1 AS x#2");
}

TEST_F(SimplifyConditionalsTest, CaseWhenDropsDeadBranches) {
  EXPECT_EQ(simplify(call("casewhen", {falsity(), lit(1), col(b), lit(2), lit(3)})),
            "CASE WHEN b#1 THEN 2 ELSE 3 END AS x#2");
  EXPECT_EQ(simplify(call("casewhen", {col(b), lit(1), truth(), lit(2), col(b), lit(3)})),
            "CASE WHEN b#1 THEN 1 ELSE 2 END AS x#2");
  EXPECT_EQ(simplify(call("casewhen", {truth(), lit(1), col(b), lit(2)})), "1 AS x#1");
  EXPECT_EQ(simplify(call("casewhen", {falsity(), lit(1)})), "null AS x#1");
}

TEST_F(SimplifyConditionalsTest, LeavesLiveConditionalsAlone) {
  auto p = plan(call("casewhen", {col(b), lit(1), gt(col(a), lit(0)), lit(2), lit(3)}));
  EXPECT_EQ(run(makeSimplifyConditionals(), p), p);
  auto q = plan(call("if", {col(b), col(a), lit(0)}));
  EXPECT_EQ(run(makeSimplifyConditionals(), q), q);
}

}  // namespace
}  // namespace sluice
