#include "codegen/query_compiler.h"

#include <gtest/gtest.h>

#include "codegen/codegen_test_util.h"
#include "frontend/error.h"

namespace sluice {
namespace {

using cgtest::Batch;
using cgtest::TextSink;
using Rows = std::vector<std::string>;

class QueryCompilerTest : public ::testing::TestWithParam<int> {};

TEST_P(QueryCompilerTest, FusesScanFilterProjectLimitSink) {
  const PhysicalPlan p = cgtest::plan(
      "SELECT a * 2 AS x, b FROM VALUES (1, 'q'), (NULL, 'r') AS t(a, b) WHERE a > 1 LIMIT 3");
  const CompiledQuery q = compileQuery(p, GetParam());
  ASSERT_EQ(q.pipelines().size(), 1u);
  const CompiledPipeline& k = q.pipelines()[0];
  EXPECT_EQ(k.stateSlots, 1);

  // a: 1, 2, NULL, 3, 4, 5 (NULL fails the filter); b: r0..r5.
  Batch batch;
  batch.add<int32_t>({1, 2, 77, 3, 4, 5}, {2});
  const char* names[] = {"r0", "r1", "r2", "r3", "r4", "r5"};
  std::vector<StringView> b;
  for (const char* n : names) b.push_back(StringView{n, 2});
  batch.add(b);
  TextSink sink(static_cast<const PhysSink*>(k.pipeline->ops.back())->columns);
  int64_t state[1] = {0};
  KernelArgs args = batch.args(&sink, state);
  k.entry(&args);
  EXPECT_EQ(sink.rows, (Rows{"4|r1", "6|r3", "8|r4"}));
  EXPECT_EQ(state[0], 3);
  // The LIMIT counter lives in the caller's state: a second batch adds nothing.
  k.entry(&args);
  EXPECT_EQ(sink.rows.size(), 3u);
}

TEST_P(QueryCompilerTest, ColumnsWithoutNullsArray) {
  const PhysicalPlan p = cgtest::plan("SELECT a + 1 AS x FROM VALUES (1), (NULL) AS t(a)");
  const CompiledQuery q = compileQuery(p, GetParam());
  Batch batch;
  batch.add<int32_t>({10, 20});  // nulls == nullptr: no NULLs in this batch
  TextSink sink(static_cast<const PhysSink*>(q.pipelines()[0].pipeline->ops.back())->columns);
  KernelArgs args = batch.args(&sink, nullptr);
  q.pipelines()[0].entry(&args);
  EXPECT_EQ(sink.rows, (Rows{"11", "21"}));
}

TEST_P(QueryCompilerTest, EmptyBatch) {
  const PhysicalPlan p = cgtest::plan("SELECT a FROM VALUES (1) AS t(a)");
  const CompiledQuery q = compileQuery(p, GetParam());
  Batch batch;
  batch.add<int32_t>({});
  TextSink sink(static_cast<const PhysSink*>(q.pipelines()[0].pipeline->ops.back())->columns);
  KernelArgs args = batch.args(&sink, nullptr);
  q.pipelines()[0].entry(&args);
  EXPECT_TRUE(sink.rows.empty());
}

INSTANTIATE_TEST_SUITE_P(OptLevels, QueryCompilerTest, ::testing::Values(0, 2));

TEST(QueryCompiler, IrRecordsWhatThePipelineFuses) {
  const PhysicalPlan p = cgtest::plan("SELECT a FROM VALUES (1) AS t(a) WHERE a > 0");
  const CompiledQuery q = compileQuery(p, 2);
  const std::string ir = q.irText();
  EXPECT_NE(ir.find("; pipeline_1: LocalTableScan -> Filter -> WriteTo"), std::string::npos) << ir;
  EXPECT_NE(ir.find("!sluice.pipeline = !{"), std::string::npos) << ir;
  EXPECT_NE(ir.find("define void @pipeline_1(ptr"), std::string::npos) << ir;
  EXPECT_NE(ir.find("sluice_rt_emit_row"), std::string::npos) << ir;
}

TEST(QueryCompiler, LimitZeroEmitsNothing) {
  EXPECT_TRUE(cgtest::run("SELECT a FROM VALUES (1), (2) AS t(a) LIMIT 0").empty());
}

TEST(QueryCompiler, BreakersSplitPipelines) {
  const PhysicalPlan p =
      cgtest::plan("SELECT a, count(*) FROM VALUES (1), (2) AS t(a) GROUP BY a ORDER BY a");
  const CompiledQuery q = compileQuery(p, 0);
  ASSERT_EQ(q.pipelines().size(), 3u);
  EXPECT_EQ(q.pipelines()[0].description, "pipeline_1: LocalTableScan -> HashAggregate(input)");
  EXPECT_NE(q.irText().find("sluice_rt_agg_group"), std::string::npos);
}

// Filter + join + aggregate: the probe side's scan, filter, join probe and aggregate update
// fuse into one kernel; only the build side and the aggregate's output are separate.
TEST(QueryCompiler, JoinProbeFusesWithFilterAndAggregateUpdate) {
  const PhysicalPlan p = cgtest::plan(
      "SELECT b.name, count(*) FROM VALUES (1, 5), (2, 7) AS a(k, v) "
      "JOIN VALUES (1, 'x'), (2, 'y') AS b(k, name) ON a.k = b.k WHERE a.v > 6 GROUP BY b.name");
  const CompiledQuery q = compileQuery(p, 2);
  ASSERT_EQ(q.pipelines().size(), 3u);
  const CompiledPipeline& probe = q.pipelines()[1];
  EXPECT_EQ(probe.description,
            "pipeline_2: LocalTableScan -> Filter -> Project -> BroadcastHashJoin(probe) -> "
            "HashAggregate(input)");
  // One function does the probe and the group update.
  EXPECT_NE(probe.ir.find("define void @pipeline_2("), std::string::npos);
  EXPECT_NE(probe.ir.find("call i64 @sluice_rt_join_probe"), std::string::npos) << probe.ir;
  EXPECT_NE(probe.ir.find("call ptr @sluice_rt_agg_group"), std::string::npos) << probe.ir;
}

TEST(QueryCompiler, UnsupportedTypeIsNamed) {
  // A calendar interval (weeks are not an ANSI interval field) has no column form.
  const PhysicalPlan p = cgtest::plan("SELECT i FROM VALUES (INTERVAL 2 WEEKS) AS t(i)");
  try {
    compileQuery(p, 0);
    FAIL() << "expected a CodegenError";
  } catch (const CodegenError& e) {
    EXPECT_NE(e.message().find("columns of type interval"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("pipeline_1"), std::string::npos) << e.message();
  }
}

TEST(QueryCompiler, UnsupportedFunctionIsNamedWithItsSpan) {
  const PhysicalPlan p = cgtest::plan("SELECT hash(array(a)) FROM VALUES (1) AS t(a)");
  try {
    compileQuery(p, 0);
    FAIL() << "expected a CodegenError";
  } catch (const CodegenError& e) {
    EXPECT_NE(e.message().find("hash of array<int> is not supported"), std::string::npos)
        << e.message();
    EXPECT_TRUE(e.span().known);
  }
}

}  // namespace
}  // namespace sluice
