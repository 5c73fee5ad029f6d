#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

struct CollapseProjectTest : ::testing::Test {
  Attribute a = attr("a", DataType::integer());
  Attribute k = attr("k", DataType::string());
  TypePtr st =
      DataType::structOf({{"f", DataType::integer(), true}, {"g", DataType::string(), true}});
  Attribute s = attr("s", st);
  PlanPtr input = scan({a, k, s});
};

TEST_F(CollapseProjectTest, SubstitutesAliases) {
  auto inner = project({as(bin(col(a), "*", lit(2)), "x")}, input);
  auto x = inner->output()[0];
  auto p = project({as(bin(col(x), "+", lit(1)), "y")}, inner);
  EXPECT_EQ(tree(run(makeCollapseProject(), p)),
            "Project [((a#1 * 2) + 1) AS y#2]\n"
            "+- Relation t[memory] [a#1, k#3, s#4]");
}

TEST_F(CollapseProjectTest, BareReferenceKeepsProducerAlias) {
  auto inner = project({as(bin(col(a), "*", lit(2)), "x"), col(k)}, input);
  auto x = inner->output()[0];
  auto p = project({col(x), col(k)}, inner);
  auto out = run(makeCollapseProject(), p);
  EXPECT_EQ(tree(out),
            "Project [(a#1 * 2) AS x#2, k#3]\n"
            "+- Relation t[memory] [a#1, k#3, s#4]");
  EXPECT_EQ(out->output()[0].id, x.id);
}

TEST_F(CollapseProjectTest, CheapProducersMayBeDuplicated) {
  auto inner = project({as(col(s), "r")}, input);
  auto r = inner->output()[0];
  auto p = project({as(field(col(r), "f"), "f"), as(field(col(r), "g"), "g")}, inner);
  EXPECT_EQ(tree(run(makeCollapseProject(), p)),
            "Project [s#1.f AS f#2, s#1.g AS g#3]\n"
            "+- Relation t[memory] [a#4, k#5, s#1]");
}

TEST_F(CollapseProjectTest, ExpensiveProducerUsedTwiceStays) {
  auto inner = project({as(bin(col(a), "*", lit(2)), "x")}, input);
  auto x = inner->output()[0];
  auto p = project({as(bin(col(x), "+", lit(1)), "y"), as(bin(col(x), "+", lit(2)), "z")}, inner);
  EXPECT_EQ(run(makeCollapseProject(), p), p);

  auto json = callT("from_json", {cast(col(k), DataType::string()), slit("f INT, g STRING")}, st);
  auto parsed = project({as(json, "parsed")}, input);
  auto pa = parsed->output()[0];
  auto q = project({as(field(col(pa), "f"), "f"), as(field(col(pa), "g"), "g")}, parsed);
  EXPECT_EQ(run(makeCollapseProject(), q), q);
}

TEST_F(CollapseProjectTest, NonDeterministicProducerStays) {
  auto inner = project({as(callT("rand", {}, DataType::doubleType(), false), "r")}, input);
  auto r = inner->output()[0];
  auto p = project({as(bin(col(r), "*", makeLiteral(Value::real(2), DataType::doubleType())), "y")},
                   inner);
  EXPECT_EQ(run(makeCollapseProject(), p), p);
}

TEST_F(CollapseProjectTest, CollapsesIntoAggregate) {
  auto cnt = callT("count", {lit(1)}, DataType::bigint(), false);
  auto agg = aggregate({col(k)}, {col(k), as(cnt, "c")}, input);
  auto c = agg->output()[1];
  auto p = project({col(k), as(cast(col(c), DataType::string()), "value")}, agg);
  EXPECT_EQ(tree(run(makeCollapseProject(), p)),
            "Aggregate [k#1], [k#1, cast(count(1) as string) AS value#2]\n"
            "+- Relation t[memory] [a#3, k#1, s#4]");
}

TEST_F(CollapseProjectTest, SingleProjectUnchanged) {
  auto p = project({col(a)}, input);
  EXPECT_EQ(run(makeCollapseProject(), p), p);
}

}  // namespace
}  // namespace sluice
