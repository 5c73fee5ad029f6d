#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/streaming_top_one_dedup.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

// Filter(rn <op> c, Window(row_number() OVER (PARTITION BY k ORDER BY ts <dir>) AS rn, scan)).
struct TopOne {
  Attribute k = attr("k", DataType::integer());
  Attribute ts = attr("ts", DataType::timestamp());
  Attribute v = attr("v", DataType::string());
  PlanPtr input;
  ExprPtr rn;
  PlanPtr window;

  TopOne(bool streaming, bool ascending) {
    input = scan({k, ts, v}, "s", streaming);
    ExprPtr call = makeCall(fn("row_number"), {}, DataType::integer(), false);
    rn = makeAlias(call, "rn");
    WindowFunctionSpec spec;
    spec.frame.type = FrameType::Rows;
    spec.frame.lower.kind = FrameBoundary::UnboundedPreceding;
    window = std::make_shared<Window>(std::vector<ExprPtr>{rn},
                                      std::vector<WindowFunctionSpec>{spec},
                                      std::vector<ExprPtr>{col(k)}, std::vector<ExprPtr>{col(ts)},
                                      std::vector<SortKey>{SortKey{ascending, ascending}}, input);
  }
  PlanPtr where(const std::string& op, int64_t c) const {
    return filter(makeCall(fn(op), {col(rn->outputAttr()), lit(c)}, DataType::boolean(), false),
                  window);
  }
};

TEST(StreamingTopOneDedup, RowNumberEqualsOneOnAStreamBecomesADeduplicate) {
  for (auto [op, c] : {std::pair<std::string, int64_t>{"=", 1}, {"<=", 1}, {"<", 2}}) {
    TopOne t(true, true);
    PlanPtr out = run(makeStreamingTopOneDedup(), t.where(op, c));
    ASSERT_TRUE(as<Filter>(out)) << op;
    const auto* proj = as<Project>(out->child());
    ASSERT_TRUE(proj) << treeString(out);
    // rn is the constant 1 under its own id; the child's columns pass through.
    ASSERT_EQ(proj->list.size(), 4u);
    EXPECT_EQ(proj->list[3]->outputAttr().id, t.rn->outputAttr().id);
    EXPECT_EQ(stripAlias(proj->list[3])->kind, ExprKind::Literal);
    const auto* d = as<Distinct>(proj->child());
    ASSERT_TRUE(d) << treeString(out);
    ASSERT_EQ(d->keys.size(), 1u);
    EXPECT_EQ(d->keys[0].id, t.k.id);
    ASSERT_TRUE(d->eventTime);
    EXPECT_EQ(d->eventTime->id, t.ts.id);
    EXPECT_EQ(d->child(), t.input);
  }
}

TEST(StreamingTopOneDedup, OtherShapesAreLeftAlone) {
  TopOne batch(false, true);  // a batch query runs the real window
  PlanPtr p = batch.where("=", 1);
  EXPECT_EQ(run(makeStreamingTopOneDedup(), p), p);
  TopOne top2(true, true);  // rn <= 2 keeps two rows per key: not a dedup
  p = top2.where("<=", 2);
  EXPECT_EQ(run(makeStreamingTopOneDedup(), p), p);
  TopOne desc(true, false);  // keep-last needs retractions: left for the streaming check
  p = desc.where("=", 1);
  EXPECT_EQ(run(makeStreamingTopOneDedup(), p), p);
  const auto why = streamingTopOneWindows(p);
  ASSERT_EQ(why.size(), 1u);
  EXPECT_NE(why.begin()->second.find("needs retractions"), std::string::npos);
}

}  // namespace
}  // namespace sluice
