#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(RemoveNoopOperators, IdentityProjectDisappears) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  auto t = scan({a, b});
  auto f = filter(gt(col(a), lit(0)), t);
  EXPECT_EQ(tree(run(makeRemoveNoopOperators(), project({col(a), col(b)}, f))),
            "Filter (a#1 > 0)\n"
            "+- Relation t[memory] [a#1, b#2]");
}

TEST(RemoveNoopOperators, KeepsReorderingNarrowingOrComputingProjects) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  auto t = scan({a, b});
  for (const auto& p :
       {project({col(b), col(a)}, t), project({col(a)}, t), project({col(a), as(col(b), "c")}, t)})
    EXPECT_EQ(run(makeRemoveNoopOperators(), p), p);
}

}  // namespace
}  // namespace sluice
