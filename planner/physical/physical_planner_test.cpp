#include "planner/physical/physical_planner.h"

#include <gtest/gtest.h>

#include "frontend/parser.h"
#include "planner/physical/operators.h"
#include "planner/session/statement_planner.h"

namespace sluice {
namespace {

class PhysicalPlannerTest : public ::testing::Test {
 protected:
  Catalog catalog;
  std::vector<ast::Script> scripts;

  PlannedStatement run(const std::string& sql) {
    auto file = std::make_shared<SourceFile>();
    file->name = "t.sql";
    file->text = sql;
    scripts.push_back(parseScript(file));
    StatementPlanner planner(catalog);
    PlannedStatement last;
    for (const auto& s : scripts.back().statements) last = planner.plan(*s, file);
    return last;
  }
  PlannedQuery plan(const std::string& sql) {
    auto st = run(sql);
    if (!st.query) throw std::logic_error("not a query: " + sql);
    return *st.query;
  }
  void SetUp() override {
    run("CREATE TABLE ev (ad STRING, kind STRING, t TIMESTAMP) USING json OPTIONS (path 'e');"
        "CREATE TABLE ads (ad STRING, campaign STRING) USING csv OPTIONS (path 'a')");
  }
};

TEST_F(PhysicalPlannerTest, FilterJoinAggregateFuseIntoProbePipeline) {
  auto q = plan(
      "SELECT campaign, count(*) FROM ev JOIN ads USING (ad) WHERE kind = 'view' "
      "GROUP BY campaign");
  ASSERT_TRUE(q.physical) << q.physicalError;
  const auto& ps = q.physical->pipelines;
  ASSERT_EQ(ps.size(), 3u) << q.physical->toString();
  EXPECT_EQ(ps[0].describe(), "pipeline_1: Scan -> BroadcastHashJoin(build)");
  // The probe side: scan, filter, projection, probe, aggregate update in one kernel.
  const std::string probe = ps[1].describe();
  EXPECT_EQ(probe.rfind("pipeline_2: Scan -> Filter", 0), 0u) << probe;
  EXPECT_NE(probe.find("BroadcastHashJoin(probe) -> "), std::string::npos) << probe;
  EXPECT_NE(probe.find("HashAggregate(input)"), std::string::npos) << probe;
  EXPECT_EQ(ps[2].describe(), "pipeline_3: HashAggregate(output) -> WriteTo");
  auto* sink = asPhys<PhysSink>(q.physical->root);
  ASSERT_NE(sink, nullptr);
  EXPECT_EQ(sink->target, "result");
  const std::string tree = q.physical->toString();
  EXPECT_NE(tree.find("*(2) BroadcastHashJoin [ad#"), std::string::npos) << tree;
  EXPECT_NE(tree.find("*(3) HashAggregate"), std::string::npos) << tree;
}

TEST_F(PhysicalPlannerTest, EquiKeysAndResidual) {
  auto q = plan("SELECT * FROM ev JOIN ads ON ev.ad = ads.ad AND ev.kind < ads.campaign");
  ASSERT_TRUE(q.physical);
  PhysHashJoin* join = nullptr;
  for (const auto& p : q.physical->pipelines)
    for (auto* op : p.ops)
      if (op->kind() == PhysKind::HashJoin) join = static_cast<PhysHashJoin*>(op);
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->leftKeys.size(), 1u);
  ASSERT_NE(join->residual, nullptr);
  EXPECT_NE(join->residual->toString().find("<"), std::string::npos);
}

TEST_F(PhysicalPlannerTest, RightOuterBecomesLeftOuterAndFullOuterIsABreaker) {
  auto r = plan("SELECT * FROM ev RIGHT JOIN ads USING (ad)");
  ASSERT_TRUE(r.physical);
  EXPECT_NE(r.physical->toString().find("LeftOuter"), std::string::npos);
  // FULL OUTER: build, probe (into the join's buffer), then a pipeline reading the buffer.
  auto f = plan("SELECT * FROM ev FULL JOIN ads ON ev.ad = ads.ad");
  ASSERT_TRUE(f.physical) << f.physicalError;
  const std::string s = f.physical->toString();
  EXPECT_NE(s.find("FullOuter"), std::string::npos) << s;
  EXPECT_NE(s.find("BroadcastHashJoin(probe)\n"), std::string::npos) << s;
  EXPECT_NE(s.find("BroadcastHashJoin(output) ->"), std::string::npos) << s;
  EXPECT_EQ(f.physical->pipelines.size(), 3u) << s;
}

TEST_F(PhysicalPlannerTest, SortAndDistinctArePipelineBreakers) {
  auto q = plan("SELECT DISTINCT kind FROM ev ORDER BY kind");
  ASSERT_TRUE(q.physical);
  EXPECT_EQ(q.physical->pipelines.size(), 3u) << q.physical->toString();
}

}  // namespace
}  // namespace sluice
