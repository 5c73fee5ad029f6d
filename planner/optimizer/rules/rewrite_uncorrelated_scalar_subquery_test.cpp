#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

using namespace sluice::test;

ExprPtr scalar(const PlanPtr& plan) {
  auto e = std::make_shared<Expr>(*makeSubquery(SubqueryKind::Scalar, plan, {}, {}, {}));
  e->type = plan->output()[0].type;
  e->nullable = true;
  return e;
}

TEST(RewriteUncorrelatedScalarSubquery, JoinsOneCheckedRow) {
  auto k = attr("k", DataType::integer());
  auto w = attr("w", DataType::integer());
  auto p = project({as(bin(col(k), "+", scalar(scan({w}, "s"))), "x")}, scan({k}, "t"));
  EXPECT_EQ(tree(run(makeRewriteUncorrelatedScalarSubquery(), p)),
            "Project [(k#1 + scalar_subquery_result(n#2, w#3)) AS x#4]\n"
            "+- Join Inner\n"
            "   :- Relation t[memory] [k#1]\n"
            "   +- Aggregate [], [count(1) AS n#2, first(w#5) AS w#3]\n"
            "      +- Relation s[memory] [w#5]");
}

TEST(RewriteUncorrelatedScalarSubquery, FilterKeepsItsColumns) {
  auto k = attr("k", DataType::integer());
  auto w = attr("w", DataType::integer());
  auto p = filter(gt(col(k), scalar(scan({w}, "s"))), scan({k}, "t"));
  EXPECT_EQ(tree(run(makeRewriteUncorrelatedScalarSubquery(), p)),
            "Project [k#1]\n"
            "+- Filter (k#1 > scalar_subquery_result(n#2, w#3))\n"
            "   +- Join Inner\n"
            "      :- Relation t[memory] [k#1]\n"
            "      +- Aggregate [], [count(1) AS n#2, first(w#4) AS w#3]\n"
            "         +- Relation s[memory] [w#4]");
}

TEST(RewriteUncorrelatedScalarSubquery, AggregateComputesTheSubqueryOnItsResult) {
  auto k = attr("k", DataType::integer());
  auto w = attr("w", DataType::bigint());
  auto cnt = callT("count", {lit(1)}, DataType::bigint(), false);
  auto p =
      aggregate({col(k)}, {col(k), as(bin(cnt, "+", scalar(scan({w}, "s"))), "c")}, scan({k}, "t"));
  const std::string out = tree(run(makeRewriteUncorrelatedScalarSubquery(), p));
  // count(1) stays in the aggregate; the sum with the subquery's value is computed above it.
  EXPECT_NE(out.find("Project [k#1, (count(1)#"), std::string::npos) << out;
  EXPECT_NE(out.find("+- Join Inner\n   :- Aggregate [k#1], [k#1, count(1) AS count(1)#"),
            std::string::npos)
      << out;
}

TEST(RewriteUncorrelatedScalarSubquery, CorrelatedLeftAlone) {
  auto k = attr("k", DataType::integer());
  auto w = attr("w", DataType::integer());
  auto s = scan({w}, "s");
  auto sq = std::make_shared<Expr>(
      *makeSubquery(SubqueryKind::Scalar, filter(eq(col(w), col(k)), s), {}, {col(k)}, {}));
  sq->type = DataType::integer();
  auto p = project({as(sq, "x")}, scan({k}, "t"));
  EXPECT_EQ(run(makeRewriteUncorrelatedScalarSubquery(), p), p);
}

}  // namespace
}  // namespace sluice
