#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

PlanPtr push(const PlanPtr& p) {
  return run(makePushDownPredicates(), p);
}

TEST(PushDownPredicates, ThroughProjectSubstitutingAliases) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  auto proj = project({as(bin(col(a), "+", lit(1)), "x"), col(b)}, scan({a, b}));
  auto x = proj->output()[0];
  EXPECT_EQ(tree(push(filter(and_(gt(col(x), lit(1)), lt(col(b), lit(5))), proj))),
            "Project [(a#1 + 1) AS x#2, b#3]\n"
            "+- Filter (((a#1 + 1) > 1) and (b#3 < 5))\n"
            "   +- Relation t[memory] [a#1, b#3]");
}

TEST(PushDownPredicates, NotThroughNonDeterministicProject) {
  auto a = attr("a", DataType::integer());
  auto proj =
      project({col(a), as(callT("rand", {}, DataType::doubleType(), false), "r")}, scan({a}));
  auto p = filter(gt(col(a), lit(1)), proj);
  EXPECT_EQ(push(p), p);
}

TEST(PushDownPredicates, NeverDuplicatesFromJson) {
  auto k = attr("k", DataType::string());
  auto v = attr("v", DataType::string());
  auto st = DataType::structOf({{"f", DataType::integer(), true}});
  auto proj = project({as(callT("from_json", {col(v), slit("f INT")}, st), "parsed"), col(k)},
                      scan({k, v}));
  auto parsed = proj->output()[0];
  auto p = filter(and_(gt(field(col(parsed), "f"), lit(1)), eq(col(k), slit("x"))), proj);
  EXPECT_EQ(tree(push(p)),
            "Filter (parsed#1.f > 1)\n"
            "+- Project [from_json(v#2, 'f INT') AS parsed#1, k#3]\n"
            "   +- Filter (k#3 = 'x')\n"
            "      +- Relation t[memory] [k#3, v#2]");
}

TEST(PushDownPredicates, ThroughGenerateOnlyChildColumns) {
  auto a = attr("a", DataType::integer());
  auto arr = attr("arr", DataType::arrayOf(DataType::integer()));
  auto gen = generate("explode", col(arr), {"e"}, scan({a, arr}));
  auto e = gen->generatorOutput[0];
  EXPECT_EQ(tree(push(filter(and_(gt(col(a), lit(1)), gt(col(e), lit(2))), gen))),
            "Filter (e#1 > 2)\n"
            "+- Generate explode(arr#2), false, [e#1]\n"
            "   +- Filter (a#3 > 1)\n"
            "      +- Relation t[memory] [a#3, arr#2]");
}

struct JoinPushTest : ::testing::Test {
  Attribute la = attr("la", DataType::integer());
  Attribute lk = attr("lk", DataType::string());
  Attribute rb = attr("rb", DataType::integer());
  Attribute rk = attr("rk", DataType::string());
  PlanPtr l = scan({la, lk}, "l");
  PlanPtr r = scan({rb, rk}, "r");
  ExprPtr on = eq(col(lk), col(rk));
  ExprPtr cond = and_(and_(gt(col(la), lit(1)), lt(col(rb), lit(2))), gt(col(la), col(rb)));
};

TEST_F(JoinPushTest, InnerSplitsIntoSidesAndCondition) {
  EXPECT_EQ(tree(push(filter(cond, join(JoinKind::Inner, on, l, r)))),
            "Join Inner, ((lk#1 = rk#2) and (la#3 > rb#4))\n"
            ":- Filter (la#3 > 1)\n"
            ":  +- Relation l[memory] [la#3, lk#1]\n"
            "+- Filter (rb#4 < 2)\n"
            "   +- Relation r[memory] [rb#4, rk#2]");
}

TEST_F(JoinPushTest, LeftOuterOnlyPushesLeftSide) {
  EXPECT_EQ(tree(push(filter(cond, join(JoinKind::LeftOuter, on, l, r)))),
            "Filter ((rb#1 < 2) and (la#2 > rb#1))\n"
            "+- Join LeftOuter, (lk#3 = rk#4)\n"
            "   :- Filter (la#2 > 1)\n"
            "   :  +- Relation l[memory] [la#2, lk#3]\n"
            "   +- Relation r[memory] [rb#1, rk#4]");
}

TEST_F(JoinPushTest, RightOuterOnlyPushesRightSide) {
  EXPECT_EQ(tree(push(filter(cond, join(JoinKind::RightOuter, on, l, r)))),
            "Filter ((la#1 > 1) and (la#1 > rb#2))\n"
            "+- Join RightOuter, (lk#3 = rk#4)\n"
            "   :- Relation l[memory] [la#1, lk#3]\n"
            "   +- Filter (rb#2 < 2)\n"
            "      +- Relation r[memory] [rb#2, rk#4]");
}

TEST_F(JoinPushTest, FullOuterKeepsEverything) {
  auto p = filter(cond, join(JoinKind::FullOuter, on, l, r));
  EXPECT_EQ(push(p), p);
}

TEST_F(JoinPushTest, JoinConditionSingleSideConjuncts) {
  auto c = and_(and_(on, gt(col(la), lit(1))), lt(col(rb), lit(2)));
  EXPECT_EQ(tree(push(join(JoinKind::Inner, c, l, r))),
            "Join Inner, (lk#1 = rk#2)\n"
            ":- Filter (la#3 > 1)\n"
            ":  +- Relation l[memory] [la#3, lk#1]\n"
            "+- Filter (rb#4 < 2)\n"
            "   +- Relation r[memory] [rb#4, rk#2]");
  // Left outer: only the right (non-preserved) side may be filtered early.
  EXPECT_EQ(tree(push(join(JoinKind::LeftOuter, c, l, r))),
            "Join LeftOuter, ((lk#1 = rk#2) and (la#3 > 1))\n"
            ":- Relation l[memory] [la#3, lk#1]\n"
            "+- Filter (rb#4 < 2)\n"
            "   +- Relation r[memory] [rb#4, rk#2]");
  // Semi join: both sides may be filtered early; right outer: only the left.
  EXPECT_EQ(tree(push(join(JoinKind::LeftSemi, c, l, r))),
            "Join LeftSemi, (lk#1 = rk#2)\n"
            ":- Filter (la#3 > 1)\n"
            ":  +- Relation l[memory] [la#3, lk#1]\n"
            "+- Filter (rb#4 < 2)\n"
            "   +- Relation r[memory] [rb#4, rk#2]");
  EXPECT_EQ(tree(push(join(JoinKind::RightOuter, c, l, r))),
            "Join RightOuter, ((lk#1 = rk#2) and (rb#3 < 2))\n"
            ":- Filter (la#4 > 1)\n"
            ":  +- Relation l[memory] [la#4, lk#1]\n"
            "+- Relation r[memory] [rb#3, rk#2]");
  auto full = join(JoinKind::FullOuter, c, l, r);
  EXPECT_EQ(push(full), full);
  auto onlyKeys = join(JoinKind::Inner, on, l, r);
  EXPECT_EQ(push(onlyKeys), onlyKeys);
}

TEST(PushDownPredicates, IntoEveryUnionInputRemapped) {
  auto a1 = attr("a", DataType::integer());
  auto a2 = attr("a", DataType::integer());
  auto u = std::make_shared<Union>(std::vector<PlanPtr>{scan({a1}, "t1"), scan({a2}, "t2")});
  EXPECT_EQ(tree(push(filter(gt(col(a1), lit(1)), u))),
            "Union\n"
            ":- Filter (a#1 > 1)\n"
            ":  +- Relation t1[memory] [a#1]\n"
            "+- Filter (a#2 > 1)\n"
            "   +- Relation t2[memory] [a#2]");
}

TEST(PushDownPredicates, NeverBelowWatermarkOnEventTime) {
  auto ts = attr("ts", DataType::timestamp());
  auto hp = attr("has_person", DataType::boolean());
  auto w = watermark(ts, scan({ts, hp}, "s", true));
  auto p = filter(and_(gt(col(ts), makeLiteral(Value::integer(0), DataType::timestamp())),
                       eq(col(hp), truth())),
                  w);
  EXPECT_EQ(tree(push(p)),
            "Filter (ts#1 > TIMESTAMP '1970-01-01 00:00:00')\n"
            "+- EventTimeWatermark ts#1, interval 10 minutes\n"
            "   +- Filter (has_person#2 = true)\n"
            "      +- Relation s[memory] [ts#1, has_person#2]");
  auto onlyTs = filter(gt(col(ts), makeLiteral(Value::integer(0), DataType::timestamp())), w);
  EXPECT_EQ(push(onlyTs), onlyTs);
}

TEST(PushDownPredicates, BelowAggregateOnGroupingColumnsOnly) {
  auto k = attr("k", DataType::string());
  auto v = attr("v", DataType::integer());
  auto cnt = callT("count", {lit(1)}, DataType::bigint(), false);
  auto agg = aggregate({col(k)}, {col(k), as(cnt, "c")}, scan({k, v}));
  auto c = agg->output()[1];
  EXPECT_EQ(tree(push(filter(and_(eq(col(k), slit("x")), gt(col(c), litLong(5))), agg))),
            "Filter (c#1 > 5L)\n"
            "+- Aggregate [k#2], [k#2, count(1) AS c#1]\n"
            "   +- Filter (k#2 = 'x')\n"
            "      +- Relation t[memory] [k#2, v#3]");
  auto global = aggregate({}, {as(cnt, "n")}, scan({k, v}));
  auto g = filter(gt(col(global->output()[0]), litLong(5)), global);
  EXPECT_EQ(push(g), g);
}

TEST(PushDownPredicates, AllTheWayInOnePass) {
  // Filter over Project over Watermark over Project over Generate: the has_person predicate
  // reaches the Generate (it reads a generated column), the event-time one stops at the
  // watermark.
  auto arr =
      attr("arr", DataType::arrayOf(DataType::structOf(
                      {{"ts", DataType::timestamp(), true}, {"hp", DataType::boolean(), true}})));
  auto gen = generate("explode", col(arr), {"e"}, scan({arr}, "s", true));
  auto e = gen->generatorOutput[0];
  auto p1 = project({as(field(col(e), "ts"), "ts"), as(field(col(e), "hp"), "hp")}, gen);
  auto ts = p1->output()[0], hp = p1->output()[1];
  auto w = watermark(ts, p1);
  auto p2 = project({col(ts), col(hp)}, w);
  auto f = filter(and_(eq(col(hp), truth()),
                       gt(col(ts), makeLiteral(Value::integer(0), DataType::timestamp()))),
                  p2);
  EXPECT_EQ(tree(push(f)),
            "Project [ts#1, hp#2]\n"
            "+- Filter (ts#1 > TIMESTAMP '1970-01-01 00:00:00')\n"
            "   +- EventTimeWatermark ts#1, interval 10 minutes\n"
            "      +- Project [e#3.ts AS ts#1, e#3.hp AS hp#2]\n"
            "         +- Filter (e#3.hp = true)\n"
            "            +- Generate explode(arr#4), false, [e#3]\n"
            "               +- Relation s[memory] [arr#4]");
}

}  // namespace
}  // namespace sluice
