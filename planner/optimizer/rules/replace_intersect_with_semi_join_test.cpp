#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(ReplaceIntersectWithSemiJoin, DistinctSemiJoinWithNullSafeKeys) {
  auto a = attr("a", DataType::string());
  auto b = attr("b", DataType::string());
  PlanPtr l = scan({a}, "l"), r = scan({b}, "r");
  auto out = run(makeReplaceIntersectWithSemiJoin(), std::make_shared<Intersect>(l, r, false));
  ASSERT_TRUE(as<Distinct>(out));
  const auto* join = as<Join>(out->child());
  ASSERT_TRUE(join);
  EXPECT_EQ(join->type, JoinKind::LeftSemi);
  EXPECT_EQ(normalizeIds(join->condition->toString()),
            "((coalesce(a#1, '') = coalesce(b#2, '')) and (isnull(a#1) = isnull(b#2)))");
}

TEST(ReplaceIntersectWithSemiJoin, NestedTypesUseNullSafeEquality) {
  auto a = attr("a", DataType::arrayOf(DataType::integer()));
  auto b = attr("b", DataType::arrayOf(DataType::integer()));
  auto out = run(makeReplaceIntersectWithSemiJoin(),
                 std::make_shared<Intersect>(scan({a}), scan({b}), false));
  const auto* join = as<Join>(out->child());
  ASSERT_TRUE(join);
  EXPECT_EQ(normalizeIds(join->condition->toString()), "(a#1 <=> b#2)");
}

TEST(ReplaceIntersectWithSemiJoin, LeavesIntersectAll) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  PlanPtr all = std::make_shared<Intersect>(scan({a}), scan({b}), true);
  EXPECT_EQ(run(makeReplaceIntersectWithSemiJoin(), all), all);
}

}  // namespace
}  // namespace sluice
