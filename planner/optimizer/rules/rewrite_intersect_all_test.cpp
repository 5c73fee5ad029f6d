#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(RewriteIntersectAll, SmallerCountThenReplicate) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  auto out =
      run(makeRewriteIntersectAll(), std::make_shared<Intersect>(scan({a}), scan({b}), true));
  ASSERT_TRUE(as<Project>(out));
  EXPECT_EQ(out->output()[0].id, a.id);
  const auto* gen = as<Generate>(out->child());
  ASSERT_TRUE(gen);
  const auto* counted = as<Project>(gen->child());
  ASSERT_TRUE(counted);
  EXPECT_EQ(normalizeIds(counted->list[0]->toString()),
            "if((vcol1_count#1 > vcol2_count#2), vcol2_count#2, vcol1_count#1) AS min_count#3");
  const auto* both = as<Filter>(counted->child());
  ASSERT_TRUE(both);
  EXPECT_EQ(normalizeIds(both->condition->toString()),
            "((vcol1_count#1 >= 1L) and (vcol2_count#2 >= 1L))");
  const auto* agg = as<Aggregate>(both->child());
  ASSERT_TRUE(agg);
  ASSERT_TRUE(as<Union>(agg->child()));
}

TEST(RewriteIntersectAll, LeavesIntersectDistinct) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  PlanPtr distinct = std::make_shared<Intersect>(scan({a}), scan({b}), false);
  EXPECT_EQ(run(makeRewriteIntersectAll(), distinct), distinct);
}

}  // namespace
}  // namespace sluice
