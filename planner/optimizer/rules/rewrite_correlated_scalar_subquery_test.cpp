#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

using namespace sluice::test;

// (SELECT <agg> FROM s WHERE s.sk = t.k) over t(k)
struct Correlated {
  Attribute k = attr("k", DataType::integer());
  Attribute sk = attr("sk", DataType::integer());
  Attribute w = attr("w", DataType::integer());
  PlanPtr t = scan({k}, "t");
  ExprPtr subquery(ExprPtr agg) const {
    auto plan =
        aggregate({}, {as(std::move(agg), "c")}, filter(eq(col(sk), col(k)), scan({sk, w}, "s")));
    auto e = std::make_shared<Expr>(*makeSubquery(SubqueryKind::Scalar, plan, {}, {col(k)}, {}));
    e->type = plan->output()[0].type;
    return e;
  }
};

TEST(RewriteCorrelatedScalarSubquery, LeftOuterJoinOnTheGroupedAggregate) {
  Correlated x;
  auto p = project({as(x.subquery(callT("max", {col(x.w)}, DataType::integer())), "m")}, x.t);
  EXPECT_EQ(tree(run(makeRewriteCorrelatedScalarSubquery(), p)),
            "Project [c#1 AS m#2]\n"
            "+- Join LeftOuter, (sk#3 = k#4)\n"
            "   :- Relation t[memory] [k#4]\n"
            "   +- Aggregate [sk#3], [max(w#5) AS c#1, sk#3]\n"
            "      +- Relation s[memory] [sk#3, w#5]");
}

TEST(RewriteCorrelatedScalarSubquery, CountOverNoRowsIsZero) {
  Correlated x;
  auto p = project({as(x.subquery(callT("count", {lit(1)}, DataType::bigint(), false)), "n")}, x.t);
  const std::string out = tree(run(makeRewriteCorrelatedScalarSubquery(), p));
  EXPECT_NE(out.find("CASE WHEN isnull(matched#"), std::string::npos) << out;
  EXPECT_NE(out.find("THEN 0L ELSE c#"), std::string::npos) << out;
  EXPECT_NE(out.find("[count(1) AS c#"), std::string::npos) << out;
  EXPECT_NE(out.find("true AS matched#"), std::string::npos) << out;
}

TEST(RewriteCorrelatedScalarSubquery, UncorrelatedLeftAlone) {
  Correlated x;
  auto plan = aggregate({}, {as(callT("max", {col(x.w)}, DataType::integer()), "c")},
                        scan({x.sk, x.w}, "s"));
  auto e = std::make_shared<Expr>(*makeSubquery(SubqueryKind::Scalar, plan, {}, {}, {}));
  e->type = DataType::integer();
  auto p = project({as(e, "m")}, x.t);
  EXPECT_EQ(run(makeRewriteCorrelatedScalarSubquery(), p), p);
}

}  // namespace
}  // namespace sluice
