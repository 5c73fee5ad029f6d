#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

struct ReplaceNullTest : ::testing::Test {
  Attribute a = attr("a", DataType::integer());
  Attribute b = attr("b", DataType::boolean());
  PlanPtr input = scan({a, b});
  ExprPtr nullBool = null(DataType::boolean());
};

TEST_F(ReplaceNullTest, InFilterAndJoinConditions) {
  auto f =
      run(makeReplaceNullWithFalseInPredicate(), filter(and_(gt(col(a), lit(1)), nullBool), input));
  EXPECT_EQ(show(as<Filter>(f)->condition), "((a#1 > 1) and false)");
  auto c = attr("c", DataType::integer());
  auto j = run(makeReplaceNullWithFalseInPredicate(),
               join(JoinKind::Inner, or_(eq(col(a), col(c)), nullBool), input, scan({c}, "r")));
  EXPECT_EQ(show(as<Join>(j)->condition), "((a#1 = c#2) or false)");
  auto cw = run(makeReplaceNullWithFalseInPredicate(),
                filter(call("if", {col(b), nullBool, gt(col(a), lit(0))}), input));
  EXPECT_EQ(show(as<Filter>(cw)->condition), "if(b#1, false, (a#2 > 0))");
}

TEST_F(ReplaceNullTest, LeavesNullWhereItDiffersFromFalse) {
  // NOT NULL is NULL but NOT false is true; projections keep NULL as a value.
  for (const auto& p :
       {filter(not_(nullBool), input), filter(eq(col(b), nullBool), input),
        project({as(and_(col(b), nullBool), "x")}, input), filter(gt(col(a), lit(1)), input)})
    EXPECT_EQ(run(makeReplaceNullWithFalseInPredicate(), p), p);
}

}  // namespace
}  // namespace sluice
