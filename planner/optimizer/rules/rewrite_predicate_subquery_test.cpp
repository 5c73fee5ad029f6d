#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"
#include "planner/subquery_expr.h"

namespace sluice {
namespace {

using namespace sluice::test;

struct Tables {
  Attribute k = attr("k", DataType::integer());
  Attribute v = attr("v", DataType::integer());
  Attribute sk = attr("sk", DataType::integer());
  PlanPtr t = scan({k, v}, "t");
  PlanPtr s = scan({sk}, "s");
};

TEST(RewritePredicateSubquery, InBecomesLeftSemiJoin) {
  Tables x;
  auto sq = makeSubquery(SubqueryKind::In, x.s, {col(x.k)}, {}, {});
  auto p = filter(and_(gt(col(x.v), lit(1)), sq), x.t);
  EXPECT_EQ(tree(run(makeRewritePredicateSubquery(), p)),
            "Join LeftSemi, (k#1 = sk#2)\n"
            ":- Filter (v#3 > 1)\n"
            ":  +- Relation t[memory] [k#1, v#3]\n"
            "+- Relation s[memory] [sk#2]");
}

TEST(RewritePredicateSubquery, NotInIsNullAware) {
  Tables x;
  auto sq = makeSubquery(SubqueryKind::In, x.s, {col(x.k)}, {}, {});
  auto p = filter(not_(sq), x.t);
  EXPECT_EQ(tree(run(makeRewritePredicateSubquery(), p)),
            "Join LeftAnti, ((k#1 = sk#2) or isnull((k#1 = sk#2)))\n"
            ":- Relation t[memory] [k#1, v#3]\n"
            "+- Relation s[memory] [sk#2]");
}

TEST(RewritePredicateSubquery, CorrelatedExistsJoinsOnThePulledPredicate) {
  Tables x;
  // EXISTS (SELECT sk FROM s WHERE s.sk = t.k AND sk > 0)
  auto inner =
      project({col(x.sk)}, filter(and_(eq(col(x.sk), col(x.k)), gt(col(x.sk), lit(0))), x.s));
  auto sq = makeSubquery(SubqueryKind::Exists, inner, {}, {col(x.k)}, {});
  auto p = filter(not_(sq), x.t);
  EXPECT_EQ(tree(run(makeRewritePredicateSubquery(), p)),
            "Join LeftAnti, (sk#1 = k#2)\n"
            ":- Relation t[memory] [k#2, v#3]\n"
            "+- Project [sk#1]\n"
            "   +- Filter (sk#1 > 0)\n"
            "      +- Relation s[memory] [sk#1]");
}

TEST(RewritePredicateSubquery, FilterWithoutSubqueryUnchanged) {
  Tables x;
  auto p = filter(gt(col(x.v), lit(1)), x.t);
  EXPECT_EQ(run(makeRewritePredicateSubquery(), p), p);
}

}  // namespace
}  // namespace sluice
