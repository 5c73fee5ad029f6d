#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

struct NullPropagationTest : ::testing::Test {
  Attribute a = attr("a", DataType::integer());
  Attribute nn = attr("nn", DataType::integer(), /*nullable=*/false);
  Attribute s = attr("s", DataType::structOf({{"f", DataType::string(), true}}));
  PlanPtr input = scan({a, nn, s});

  PlanPtr plan(const ExprPtr& e) { return project({as(e, "x")}, input); }
  ExprPtr simplified(const ExprPtr& e) {
    return as<Project>(run(makeNullPropagation(), plan(e)))->list[0]->args[0];
  }
};

TEST_F(NullPropagationTest, NullIntolerantCallsBecomeNull) {
  auto e = simplified(bin(col(a), "+", null(DataType::integer())));
  EXPECT_TRUE(isNullLiteral(e));
  EXPECT_EQ(e->type->id(), TypeId::Int);
  auto c = simplified(eq(col(a), null(DataType::integer())));
  EXPECT_TRUE(isNullLiteral(c));
  EXPECT_EQ(c->type->id(), TypeId::Boolean);
}

TEST_F(NullPropagationTest, CastAndFieldOfNull) {
  auto e = simplified(cast(null(), DataType::bigint()));
  EXPECT_TRUE(isNullLiteral(e));
  EXPECT_EQ(e->type->id(), TypeId::Long);
  auto f = simplified(field(null(s.type), "f"));
  EXPECT_TRUE(isNullLiteral(f));
  EXPECT_EQ(f->type->id(), TypeId::String);
}

TEST_F(NullPropagationTest, NullTestsOnNonNullable) {
  EXPECT_EQ(show(simplified(call("isnull", {col(nn)}))), "false");
  EXPECT_EQ(show(simplified(call("isnotnull", {col(nn)}))), "true");
  EXPECT_EQ(show(simplified(call("isnull", {null(DataType::integer())}))), "true");
}

TEST_F(NullPropagationTest, CoalesceDropsNullsAndDeadTail) {
  EXPECT_EQ(show(simplified(call("coalesce", {null(DataType::integer()), col(a)}))), "a#1");
  EXPECT_EQ(show(simplified(call("coalesce", {col(a), null(DataType::integer()), col(nn)}))),
            "coalesce(a#1, nn#2)");
  EXPECT_EQ(show(simplified(call("coalesce", {col(a), col(nn), col(a)}))), "coalesce(a#1, nn#2)");
  EXPECT_FALSE(simplified(call("coalesce", {col(a), col(nn), col(a)}))->nullable);
  EXPECT_TRUE(isNullLiteral(
      simplified(call("coalesce", {null(DataType::integer()), null(DataType::integer())}))));
}

TEST_F(NullPropagationTest, InWithNullValue) {
  EXPECT_TRUE(isNullLiteral(simplified(call("in", {null(DataType::integer()), lit(1), col(a)}))));
}

TEST_F(NullPropagationTest, LeavesNullTolerantAndNullableAlone) {
  for (const auto& e :
       {call("isnull", {col(a)}), call("coalesce", {col(a), lit(0)}),
        call("<=>", {col(a), null(DataType::integer())}),
        and_(gt(col(a), lit(1)), null(DataType::boolean())),
        call("in", {col(a), lit(1), null(DataType::integer())}), bin(col(a), "+", col(nn))}) {
    auto p = plan(e);
    EXPECT_EQ(run(makeNullPropagation(), p), p) << show(e);
  }
}

}  // namespace
}  // namespace sluice
