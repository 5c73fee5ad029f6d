#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(RewriteExceptAll, SumOfTagsThenReplicate) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  auto out = run(makeRewriteExceptAll(), std::make_shared<Except>(scan({a}), scan({b}), true));
  // Project [a] <- Generate explode(sequence(1, sum)) <- Filter (sum > 0) <- Aggregate <- Union
  ASSERT_TRUE(as<Project>(out));
  EXPECT_EQ(out->output().size(), 1u);
  EXPECT_EQ(out->output()[0].id, a.id);
  const auto* gen = as<Generate>(out->child());
  ASSERT_TRUE(gen);
  EXPECT_EQ(normalizeIds(gen->generator->toString()), "explode(sequence(1L, sum#1))");
  const auto* positive = as<Filter>(gen->child());
  ASSERT_TRUE(positive);
  EXPECT_EQ(normalizeIds(positive->condition->toString()), "(sum#1 > 0L)");
  const auto* agg = as<Aggregate>(positive->child());
  ASSERT_TRUE(agg);
  EXPECT_EQ(normalizeIds(exprList(agg->groupings)), "[a#1]");
  const auto* u = as<Union>(agg->child());
  ASSERT_TRUE(u);
  EXPECT_EQ(normalizeIds(exprList(as<Project>(u->children()[0])->list)), "[a#1, 1L AS vcol#2]");
  EXPECT_EQ(normalizeIds(exprList(as<Project>(u->children()[1])->list)), "[b#1, -1L AS vcol#2]");
}

TEST(RewriteExceptAll, LeavesExceptDistinct) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  PlanPtr distinct = std::make_shared<Except>(scan({a}), scan({b}), false);
  EXPECT_EQ(run(makeRewriteExceptAll(), distinct), distinct);
}

}  // namespace
}  // namespace sluice
