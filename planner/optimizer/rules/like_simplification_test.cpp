#include <gtest/gtest.h>

#include <algorithm>

#include "planner/functions/evaluate.h"
#include "planner/optimizer/optimizer.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

struct LikeSimplificationTest : ::testing::Test {
  Attribute s = attr("s", DataType::string());
  Attribute nn = attr("nn", DataType::string(), /*nullable=*/false);
  PlanPtr input = scan({s, nn});

  PlanPtr plan(const ExprPtr& e) { return project({as(e, "x")}, input); }
  ExprPtr simplified(const ExprPtr& e) {
    return as<Project>(run(makeLikeSimplification(), plan(e)))->list[0]->args[0];
  }
  std::string simplify(const ExprPtr& e) { return show(simplified(e)); }
  ExprPtr like(ExprPtr x, const std::string& p) { return call("like", {std::move(x), slit(p)}); }
};

TEST_F(LikeSimplificationTest, SimplePatternsBecomeStringPredicates) {
  EXPECT_EQ(simplify(like(col(s), "abc%")), "startswith(s#1, 'abc')");
  EXPECT_EQ(simplify(like(col(s), "%abc")), "endswith(s#1, 'abc')");
  EXPECT_EQ(simplify(like(col(s), "%abc%")), "contains(s#1, 'abc')");
  EXPECT_EQ(simplify(like(col(s), "abc")), "(s#1 = 'abc')");
  EXPECT_EQ(simplify(like(col(s), "")), "(s#1 = '')");
  EXPECT_EQ(simplify(like(col(s), "abc%def")),
            "((octet_length(s#1) >= 6) and (startswith(s#1, 'abc') and endswith(s#1, 'def')))");
  // The guard counts bytes: 'é' is two.
  EXPECT_EQ(simplify(like(col(s), "é%x")),
            "((octet_length(s#1) >= 3) and (startswith(s#1, 'é') and endswith(s#1, 'x')))");
  EXPECT_EQ(simplify(like(col(s), "%\"event-type\":\"view\"%")),
            "contains(s#1, '\"event-type\":\"view\"')");
}

TEST_F(LikeSimplificationTest, ResultIsTypedAndKeepsNullability) {
  for (const char* p : {"a%", "%a", "%a%", "a", "a%b"}) {
    auto e = simplified(like(col(nn), p));
    EXPECT_EQ(e->type->id(), TypeId::Boolean) << p;
    EXPECT_FALSE(e->nullable) << p;
    EXPECT_TRUE(simplified(like(col(s), p))->nullable) << p;
  }
}

TEST_F(LikeSimplificationTest, OtherPatternsStayLike) {
  for (const char* p : {"%", "%%", "_", "a_c%", "%a_c%", "%a_", "a%b%", "%a%b%", "%a%b", "a%%",
                        "%%a", "a\\%", "a\\%%", "\\%abc%", "%a\\_b%", "a\\\\b", "ab\\"}) {
    auto e = plan(like(col(s), p));
    EXPECT_EQ(run(makeLikeSimplification(), e), e) << p;
  }
}

TEST_F(LikeSimplificationTest, ExplicitEscapeCharacter) {
  // With ESCAPE '!' a backslash is an ordinary character and '!' blocks the rewrite.
  EXPECT_EQ(simplify(call("like", {col(s), slit("a\\b%"), slit("!")})),
            "startswith(s#1, 'a\\\\b')");
  auto kept = plan(call("like", {col(s), slit("a!%%"), slit("!")}));
  EXPECT_EQ(run(makeLikeSimplification(), kept), kept);
  // An escape that is not one character is left for the LIKE to report.
  auto bad = plan(call("like", {col(s), slit("a%"), slit("!!")}));
  EXPECT_EQ(run(makeLikeSimplification(), bad), bad);
}

TEST_F(LikeSimplificationTest, NullPatternIsNull) {
  auto e = simplified(call("like", {col(s), null(DataType::string())}));
  EXPECT_TRUE(isNullLiteral(e));
  EXPECT_EQ(e->type->id(), TypeId::Boolean);
}

TEST_F(LikeSimplificationTest, NonLiteralPatternStaysLike) {
  auto e = plan(call("like", {col(s), col(nn)}));
  EXPECT_EQ(run(makeLikeSimplification(), e), e);
}

TEST_F(LikeSimplificationTest, IlikeLowersBothSides) {
  EXPECT_EQ(simplify(call("ilike", {col(s), slit("AbC%")})), "startswith(lower(s#1), 'abc')");
  auto kept = plan(call("ilike", {col(s), slit("A_c")}));
  EXPECT_EQ(run(makeLikeSimplification(), kept), kept);
}

// The standard optimizer runs the rule in its operator optimization batch, after
// ConstantFolding (a folded pattern is simplified too).
TEST_F(LikeSimplificationTest, FiresInTheStandardOptimizer) {
  auto p = filter(call("like", {col(s), call("concat", {slit("%ab"), slit("c%")})}), input);
  auto result = optimize(p);
  EXPECT_EQ(tree(result.plan),
            "Filter contains(s#1, 'abc')\n"
            "+- Relation t[memory] [s#1, nn#2]");
  auto names = result.firedRuleNames();
  EXPECT_NE(std::find(names.begin(), names.end(), "LikeSimplification"), names.end());
  for (const auto& f : result.fired)
    if (f.rule == "LikeSimplification") EXPECT_EQ(f.batch, "Operator Optimization");
  EXPECT_EQ(tree(optimize(p, {"LikeSimplification"}).plan),
            "Filter (s#1 like '%abc%')\n"
            "+- Relation t[memory] [s#1, nn#2]");
}

// The rewrite must give what LIKE gives, value by value (through the constant evaluator,
// which shares its kernels with generated code).
TEST_F(LikeSimplificationTest, SameResultsAsLike) {
  const std::vector<std::string> values = {
      "",      "a",     "ab",       "abc", "abcabc", "xabc", "abcx", "xabcx", "aXc", "abcdef",
      "abdef", "abcdf", "abc\ndef", "é",   "éé",     "aé",   "éa",   "a𝄞b",   "%",   "_"};
  const std::vector<std::string> patterns = {"",      "a",   "abc",     "abc%", "%abc",
                                             "%abc%", "a%a", "abc%def", "é%",   "%é",
                                             "%é%",   "é%é", "a%b",     "a𝄞%b"};
  for (const auto& p : patterns) {
    for (const auto& v : values) {
      for (const char* fnName : {"like", "ilike"}) {
        auto e = call(fnName, {slit(v), slit(p)});
        auto r = simplified(e);
        ASSERT_NE(r, e) << fnName << " " << p;
        EXPECT_EQ(evaluateConstant(r), evaluateConstant(e))
            << v << " " << fnName << " " << p << " => " << show(r);
      }
    }
  }
}

}  // namespace
}  // namespace sluice
