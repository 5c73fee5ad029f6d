#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TEST(ConstantFolding, FoldsArithmeticBelowAlias) {
  auto a = attr("a", DataType::integer());
  auto p = project({as(bin(lit(1), "+", lit(2)), "x"), col(a)}, scan({a}));
  auto out = run(makeConstantFolding(), p);
  ASSERT_NE(out, p);
  EXPECT_EQ(show(as<Project>(out)->list[0]), "3 AS x#1");
  EXPECT_EQ(as<Project>(out)->list[1], as<Project>(p)->list[1]);  // untouched items shared
}

TEST(ConstantFolding, FoldsConstantSubtreeOfColumnExpression) {
  auto a = attr("a", DataType::integer());
  auto p = filter(gt(col(a), bin(lit(2), "*", lit(3))), scan({a}));
  auto out = run(makeConstantFolding(), p);
  EXPECT_EQ(show(as<Filter>(out)->condition), "(a#1 > 6)");
}

TEST(ConstantFolding, FoldsCastsAndBooleanLogic) {
  auto a = attr("a", DataType::integer());
  auto p = filter(
      and_(gt(col(a), cast(slit("5"), DataType::integer())), or_(falsity(), eq(lit(1), lit(1)))),
      scan({a}));
  auto out = run(makeConstantFolding(), p);
  EXPECT_EQ(show(as<Filter>(out)->condition), "((a#1 > 5) and true)");
}

TEST(ConstantFolding, DivisionByZeroFoldsToNull) {
  auto p = project({as(bin(lit(1), "/", lit(0)), "x")}, scan({}));
  auto out = run(makeConstantFolding(), p);
  const auto& e = as<Project>(out)->list[0]->args[0];
  EXPECT_EQ(e->kind, ExprKind::Literal);
  EXPECT_TRUE(e->value.isNull());
  EXPECT_EQ(e->type->id(), TypeId::Double);
}

TEST(ConstantFolding, LeavesColumnsLiteralsAndNonDeterministicAlone) {
  auto a = attr("a", DataType::integer());
  auto p = project({as(bin(col(a), "+", lit(1)), "x"), as(lit(7), "y"),
                    as(callT("rand", {}, DataType::doubleType(), false), "r")},
                   scan({a}));
  EXPECT_EQ(run(makeConstantFolding(), p), p);
}

TEST(ConstantFolding, DoesNotFoldAggregates) {
  auto a = attr("a", DataType::integer());
  auto cnt = callT("count", {lit(1)}, DataType::bigint(), false);
  auto p = aggregate({}, {as(cnt, "c")}, scan({a}));
  EXPECT_EQ(run(makeConstantFolding(), p), p);
}

TEST(ConstantFolding, InvalidConstantFailsOnlyWhereAlwaysEvaluated) {
  auto b = attr("b", DataType::boolean());
  auto bad = [] { return call("rlike", {slit("x"), slit("(")}); };
  // In an IF branch it may never run: left for run time.
  auto p = project({as(call("if", {col(b), bad(), falsity()}), "x")}, scan({b}));
  EXPECT_EQ(run(makeConstantFolding(), p), p);
  // Evaluated on every row: a compile-time error, located at the call.
  EXPECT_THROW(run(makeConstantFolding(), project({as(bad(), "x")}, scan({b}))), AnalysisError);
}

}  // namespace
}  // namespace sluice
