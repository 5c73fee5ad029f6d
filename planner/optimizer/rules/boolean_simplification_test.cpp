#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

struct BooleanSimplificationTest : ::testing::Test {
  Attribute a = attr("a", DataType::integer());
  Attribute b = attr("b", DataType::boolean());
  Attribute nn = attr("nn", DataType::boolean(), /*nullable=*/false);
  PlanPtr input = scan({a, b, nn});

  // The simplified form of `cond` used as a filter.
  std::string simplify(const ExprPtr& cond) {
    auto out = run(makeBooleanSimplification(), filter(cond, input));
    return show(as<Filter>(out)->condition);
  }
  bool unchanged(const ExprPtr& cond) {
    auto p = filter(cond, input);
    return run(makeBooleanSimplification(), p) == p;
  }
};

TEST_F(BooleanSimplificationTest, NeutralElementsDisappear) {
  EXPECT_EQ(simplify(and_(truth(), gt(col(a), lit(1)))), "(a#1 > 1)");
  EXPECT_EQ(simplify(and_(gt(col(a), lit(1)), truth())), "(a#1 > 1)");
  EXPECT_EQ(simplify(or_(falsity(), col(b))), "b#1");
  EXPECT_EQ(simplify(or_(col(b), falsity())), "b#1");
}

TEST_F(BooleanSimplificationTest, AbsorbingElementsWinEvenOverNull) {
  EXPECT_EQ(simplify(and_(col(b), falsity())), "false");
  EXPECT_EQ(simplify(and_(null(DataType::boolean()), falsity())), "false");
  EXPECT_EQ(simplify(or_(truth(), col(b))), "true");
  EXPECT_EQ(simplify(or_(col(b), truth())), "true");
  EXPECT_EQ(simplify(and_(null(DataType::boolean()), truth())), "null");
}

TEST_F(BooleanSimplificationTest, NotRules) {
  EXPECT_EQ(simplify(not_(not_(col(b)))), "b#1");
  EXPECT_EQ(simplify(not_(truth())), "false");
  EXPECT_EQ(simplify(not_(lt(col(a), lit(3)))), "(a#1 >= 3)");
  EXPECT_EQ(simplify(not_(gt(col(a), lit(3)))), "(a#1 <= 3)");
  EXPECT_EQ(simplify(not_(call("isnull", {col(a)}))), "isnotnull(a#1)");
  // De Morgan, with the inner negations simplified in the same pass.
  EXPECT_EQ(simplify(not_(and_(lt(col(a), lit(3)), not_(col(b))))), "((a#1 >= 3) or b#2)");
}

TEST_F(BooleanSimplificationTest, IdempotenceAndContradiction) {
  EXPECT_EQ(simplify(and_(col(b), col(b))), "b#1");
  EXPECT_EQ(simplify(and_(col(nn), not_(col(nn)))), "false");
  EXPECT_EQ(simplify(or_(col(nn), not_(col(nn)))), "true");
}

TEST_F(BooleanSimplificationTest, LeavesNullSensitiveFormsAlone) {
  // b AND NOT b is NULL for a NULL b, not false.
  EXPECT_TRUE(unchanged(and_(col(b), not_(col(b)))));
  EXPECT_TRUE(unchanged(not_(eq(col(a), lit(1)))));  // a <> 1 stays as written
  EXPECT_TRUE(unchanged(and_(gt(col(a), lit(1)), col(b))));
}

}  // namespace
}  // namespace sluice
