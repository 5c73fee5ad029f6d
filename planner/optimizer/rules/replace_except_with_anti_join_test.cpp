#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(ReplaceExceptWithAntiJoin, DistinctAntiJoinWithNullSafeKeys) {
  auto a = attr("a", DataType::integer());
  auto k = attr("k", DataType::string(), false);
  auto b = attr("b", DataType::integer());
  auto j = attr("j", DataType::string(), false);
  PlanPtr l = scan({a, k}, "l"), r = scan({b, j}, "r");
  auto out = run(makeReplaceExceptWithAntiJoin(), std::make_shared<Except>(l, r, false));
  ASSERT_TRUE(as<Distinct>(out));
  const auto* join = as<Join>(out->child());
  ASSERT_TRUE(join);
  EXPECT_EQ(join->type, JoinKind::LeftAnti);
  EXPECT_EQ(join->left(), l);
  EXPECT_EQ(join->right(), r);
  // Nullable columns compare through coalesce + isnull (NULLs equal), the others by `=`.
  EXPECT_EQ(normalizeIds(join->condition->toString()),
            "(((coalesce(a#1, 0) = coalesce(b#2, 0)) and (isnull(a#1) = isnull(b#2))) and "
            "(k#3 = j#4))");
  EXPECT_EQ(out->output()[0].id, a.id);
}

TEST(ReplaceExceptWithAntiJoin, LeavesExceptAllAndOtherPlans) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  PlanPtr all = std::make_shared<Except>(scan({a}), scan({b}), true);
  EXPECT_EQ(run(makeReplaceExceptWithAntiJoin(), all), all);
  PlanPtr other = filter(gt(col(a), lit(1)), scan({a}));
  EXPECT_EQ(run(makeReplaceExceptWithAntiJoin(), other), other);
}

}  // namespace
}  // namespace sluice
