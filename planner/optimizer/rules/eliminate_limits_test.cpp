#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(EliminateLimits, NestedLimitsTakeTheSmaller) {
  auto a = attr("a", DataType::integer());
  auto t = scan({a});
  auto outerSmaller = std::make_shared<Limit>(5, std::make_shared<Limit>(10, t));
  auto out = run(makeEliminateLimits(), outerSmaller);
  ASSERT_TRUE(as<Limit>(out));
  EXPECT_EQ(as<Limit>(out)->limit, 5);
  EXPECT_EQ(out->child(), t);
  PlanPtr inner = std::make_shared<Limit>(3, t);
  EXPECT_EQ(run(makeEliminateLimits(), std::make_shared<Limit>(10, inner)), inner);
}

TEST(EliminateLimits, SingleLimitUnchanged) {
  auto a = attr("a", DataType::integer());
  PlanPtr p = std::make_shared<Limit>(10, filter(gt(col(a), lit(1)), scan({a})));
  EXPECT_EQ(run(makeEliminateLimits(), p), p);
}

}  // namespace
}  // namespace sluice
