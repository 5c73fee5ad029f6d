#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(PruneFilters, TrueFilterDisappears) {
  auto a = attr("a", DataType::integer());
  auto t = scan({a});
  EXPECT_EQ(run(makePruneFilters(), filter(truth(), t)), t);
}

TEST(PruneFilters, FalseOrNullFilterBecomesEmptyRelation) {
  auto a = attr("a", DataType::integer());
  for (const auto& c : {falsity(), null(DataType::boolean())}) {
    auto out = run(makePruneFilters(), project({col(a)}, filter(c, scan({a}))));
    EXPECT_EQ(tree(out),
              "Project [a#1]\n"
              "+- LocalRelation [a#1] 0 rows");
  }
}

TEST(PruneFilters, KeepsStreamsAndRealConditions) {
  auto a = attr("a", DataType::integer());
  auto stream = filter(falsity(), scan({a}, "s", /*streaming=*/true));
  EXPECT_EQ(run(makePruneFilters(), stream), stream);
  auto p = filter(gt(col(a), lit(1)), scan({a}));
  EXPECT_EQ(run(makePruneFilters(), p), p);
}

}  // namespace
}  // namespace sluice
