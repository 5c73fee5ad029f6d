#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(CombineFilters, MergesWithInnerConditionFirst) {
  auto a = attr("a", DataType::integer());
  auto p = filter(gt(col(a), lit(1)), filter(lt(col(a), lit(9)), scan({a})));
  EXPECT_EQ(tree(run(makeCombineFilters(), p)),
            "Filter ((a#1 < 9) and (a#1 > 1))\n"
            "+- Relation t[memory] [a#1]");
}

TEST(CombineFilters, MergesChainsAndDropsDuplicates) {
  auto a = attr("a", DataType::integer());
  auto p =
      filter(gt(col(a), lit(1)), filter(gt(col(a), lit(1)), filter(lt(col(a), lit(9)), scan({a}))));
  EXPECT_EQ(tree(run(makeCombineFilters(), p)),
            "Filter ((a#1 < 9) and (a#1 > 1))\n"
            "+- Relation t[memory] [a#1]");
}

TEST(CombineFilters, KeepsNonDeterministicApart) {
  auto a = attr("a", DataType::integer());
  auto r = gt(callT("rand", {}, DataType::doubleType(), false),
              makeLiteral(Value::real(0.5), DataType::doubleType()));
  auto p = filter(gt(col(a), lit(1)), filter(r, scan({a})));
  EXPECT_EQ(run(makeCombineFilters(), p), p);
  auto q = filter(r, filter(gt(col(a), lit(1)), scan({a})));
  EXPECT_EQ(run(makeCombineFilters(), q), q);
}

TEST(CombineFilters, SingleFilterUnchanged) {
  auto a = attr("a", DataType::integer());
  auto p = filter(gt(col(a), lit(1)), scan({a}));
  EXPECT_EQ(run(makeCombineFilters(), p), p);
}

}  // namespace
}  // namespace sluice
