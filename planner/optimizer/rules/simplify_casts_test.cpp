#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

struct SimplifyCastsTest : ::testing::Test {
  Attribute i = attr("i", DataType::integer());
  Attribute s = attr("s", DataType::string());
  Attribute d = attr("d", DataType::decimal(10, 2));
  PlanPtr input = scan({i, s, d});

  PlanPtr plan(const ExprPtr& e) { return project({as(e, "x")}, input); }
  std::string simplify(const ExprPtr& e) {
    return show(as<Project>(run(makeSimplifyCasts(), plan(e)))->list[0]->args[0]);
  }
};

TEST_F(SimplifyCastsTest, CastToOwnTypeDisappears) {
  EXPECT_EQ(simplify(cast(col(s), DataType::string())), "s#1");
  EXPECT_EQ(simplify(cast(col(d), DataType::decimal(10, 2))), "d#1");
}

TEST_F(SimplifyCastsTest, IntegralWideningBeforeNumericCastDisappears) {
  EXPECT_EQ(simplify(cast(cast(col(i), DataType::bigint()), DataType::doubleType())),
            "cast(i#1 as double)");
  EXPECT_EQ(simplify(cast(cast(col(i), DataType::bigint()), DataType::shortType())),
            "cast(i#1 as smallint)");
}

TEST_F(SimplifyCastsTest, KeepsValueChangingCasts) {
  for (const auto& e : {cast(col(i), DataType::bigint()),
                        // narrowing first changes values
                        cast(cast(col(i), DataType::shortType()), DataType::bigint()),
                        // to string the carrier type matters (decimal 5.00 vs 5)
                        cast(cast(col(i), DataType::decimal(12, 2)), DataType::string()),
                        cast(cast(col(i), DataType::bigint()), DataType::string()),
                        cast(col(d), DataType::decimal(12, 2))}) {
    auto p = plan(e);
    EXPECT_EQ(run(makeSimplifyCasts(), p), p) << show(e);
  }
}

}  // namespace
}  // namespace sluice
