#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

// Prunes and checks the result is a fixed point (the executor relies on pointer equality).
PlanPtr prune(const PlanPtr& p) {
  auto out = run(makeColumnPruning(), p);
  EXPECT_EQ(run(makeColumnPruning(), out), out) << "not a fixed point:\n" << tree(out);
  return out;
}

TEST(ColumnPruning, NarrowsKafkaScan) {
  KafkaScan k;
  auto p = project({as(cast(col(k.value), DataType::string()), "s")}, k.plan());
  EXPECT_EQ(tree(prune(p)),
            "Project [cast(value#1 as string) AS s#2]\n"
            "+- StreamingRelation nest[kafka] [value#1] subscribe=nest-logs");
}

TEST(ColumnPruning, NarrowsInlineRows) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::string());
  auto values = std::make_shared<Scan>(SourceKind::Values, "values", "values",
                                       std::map<std::string, std::string>{},
                                       std::vector<Attribute>{a, b}, false);
  values->rows = {{lit(1), slit("x")}, {lit(2), slit("y")}};
  auto out = prune(project({col(b)}, values));
  const auto* s = as<Scan>(out->child());
  ASSERT_TRUE(s);
  EXPECT_EQ(attrList(s->attrs), attrList({b}));
  ASSERT_EQ(s->rows.size(), 2u);
  EXPECT_EQ(show(s->rows[1][0]), "'y'");
  EXPECT_EQ(s->rows[1].size(), 1u);
}

TEST(ColumnPruning, DropsUnusedItemsBelowTheRoot) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  auto c = attr("c", DataType::integer());
  auto inner = project({as(bin(col(a), "+", lit(1)), "x"), as(bin(col(b), "+", lit(1)), "y")},
                       scan({a, b, c}));
  auto x = inner->output()[0];
  EXPECT_EQ(tree(prune(project({col(x)}, inner))),
            "Project [x#1]\n"
            "+- Project [(a#2 + 1) AS x#1]\n"
            "   +- Relation t[memory] [a#2]");
}

TEST(ColumnPruning, RootOutputNeverChanges) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  auto root = project({col(a), as(bin(col(b), "+", lit(1)), "y")}, scan({a, b}));
  EXPECT_EQ(prune(root), root);
  auto cnt = callT("count", {lit(1)}, DataType::bigint(), false);
  auto agg = aggregate({col(a)}, {as(cnt, "c")}, scan({a, b}));
  auto out = prune(agg);
  EXPECT_EQ(tree(out),
            "Aggregate [a#1], [count(1) AS c#2]\n"
            "+- Relation t[memory] [a#1]");
  EXPECT_EQ(out->output()[0].id, agg->output()[0].id);
}

TEST(ColumnPruning, GenerateCarriesOnlyNeededChildColumns) {
  auto a = attr("a", DataType::integer());
  auto arr = attr("arr", DataType::arrayOf(DataType::integer()));
  auto z = attr("z", DataType::string());
  auto gen = generate("explode", col(arr), {"e"}, scan({a, arr, z}));
  auto e = gen->generatorOutput[0];
  EXPECT_EQ(tree(prune(project({col(e), col(a)}, gen))),
            "Project [e#1, a#2]\n"
            "+- Generate explode(arr#3), false, [e#1], keep [a#2]\n"
            "   +- Relation t[memory] [a#2, arr#3]");
  EXPECT_EQ(tree(prune(project({col(e)}, gen))),
            "Project [e#1]\n"
            "+- Generate explode(arr#2), false, [e#1], keep []\n"
            "   +- Relation t[memory] [arr#2]");
  // Everything used: nothing to do.
  auto all = project({col(a), col(arr), col(z), col(e)}, gen);
  EXPECT_EQ(prune(all), all);
}

TEST(ColumnPruning, JoinInputsKeepKeysAndUsedColumns) {
  auto la = attr("la", DataType::integer());
  auto lk = attr("lk", DataType::string());
  auto lx = attr("lx", DataType::string());
  auto rk = attr("rk", DataType::string());
  auto ry = attr("ry", DataType::string());
  auto j =
      join(JoinKind::Inner, eq(col(lk), col(rk)), scan({la, lk, lx}, "l"), scan({rk, ry}, "r"));
  EXPECT_EQ(tree(prune(project({col(la)}, j))),
            "Project [la#1]\n"
            "+- Join Inner, (lk#2 = rk#3)\n"
            "   :- Relation l[memory] [la#1, lk#2]\n"
            "   +- Relation r[memory] [rk#3]");
}

TEST(ColumnPruning, ProjectsAwayUnusedGeneratorColumnsUnderAJoin) {
  auto k = attr("k", DataType::string());
  auto m = attr("m", DataType::mapOf(DataType::string(), DataType::integer()));
  auto gen = generate("explode", col(m), {"key", "value"}, scan({k, m}, "l"));
  auto key = gen->generatorOutput[0];
  auto rk = attr("rk", DataType::string());
  auto j = join(JoinKind::Inner, eq(col(key), col(rk)), gen, scan({rk}, "r"));
  EXPECT_EQ(tree(prune(project({col(rk)}, j))),
            "Project [rk#1]\n"
            "+- Join Inner, (key#2 = rk#1)\n"
            "   :- Project [key#2]\n"
            "   :  +- Generate explode(m#3), false, [key#2, value#4], keep []\n"
            "   :     +- Relation l[memory] [m#3]\n"
            "   +- Relation r[memory] [rk#1]");
}

TEST(ColumnPruning, AggregateBelowTheRootDropsUnusedItems) {
  auto k = attr("k", DataType::string());
  auto v = attr("v", DataType::integer());
  auto cnt = callT("count", {lit(1)}, DataType::bigint(), false);
  auto agg = aggregate({col(k)}, {col(k), as(cnt, "c")}, scan({k, v}));
  EXPECT_EQ(tree(prune(project({col(k)}, agg))),
            "Project [k#1]\n"
            "+- Aggregate [k#1], [k#1]\n"
            "   +- Relation t[memory] [k#1]");
}

TEST(ColumnPruning, DistinctAndSinkNeedEveryColumn) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::integer());
  auto d = project({col(a)}, std::make_shared<Distinct>(scan({a, b})));
  EXPECT_EQ(prune(d), d);
  auto s = sink(scan({a, b}));
  EXPECT_EQ(prune(s), s);
}

TEST(ColumnPruning, UnionInputsPrunedByPosition) {
  auto a1 = attr("a", DataType::integer());
  auto b1 = attr("b", DataType::integer());
  auto a2 = attr("a", DataType::integer());
  auto b2 = attr("b", DataType::integer());
  auto u =
      std::make_shared<Union>(std::vector<PlanPtr>{scan({a1, b1}, "t1"), scan({a2, b2}, "t2")});
  EXPECT_EQ(tree(prune(project({col(b1)}, u))),
            "Project [b#1]\n"
            "+- Union\n"
            "   :- Relation t1[memory] [b#1]\n"
            "   +- Relation t2[memory] [b#2]");
}

TEST(ColumnPruning, WatermarkKeepsItsEventTime) {
  auto ts = attr("ts", DataType::timestamp());
  auto v = attr("v", DataType::string());
  auto w = attr("w", DataType::string());
  auto p = project({col(v)}, watermark(ts, scan({ts, v, w}, "s", true)));
  EXPECT_EQ(tree(prune(p)),
            "Project [v#1]\n"
            "+- EventTimeWatermark ts#2, interval 10 minutes\n"
            "   +- Relation s[memory] [ts#2, v#1]");
}

}  // namespace
}  // namespace sluice
