// PreparedRowExpr: the same values as RowEvaluator (the literal rewrite) over many rows, the
// columns it reads per input, NULL semantics of predicates.
#include "runtime/stream/prepared_row_expr.h"

#include <gtest/gtest.h>

#include "planner/functions/test_util.h"
#include "runtime/stream/row_evaluator.h"

namespace sluice {
namespace {
using namespace sluice::testing;

TEST(PreparedRowExpr, AgreesWithTheRowEvaluatorOverManyRows) {
  const ExprPtr a = col("a", DataType::integer()), b = col("b", DataType::integer());
  const ExprPtr c = col("c", DataType::integer()), d = col("d", DataType::integer());
  const std::vector<std::vector<Attribute>> inputs = {{a->attr, b->attr}, {c->attr, d->attr}};
  // b + a >= d AND d < a * 3 (reads a, b of the left, d of the right; a twice)
  const ExprPtr e =
      call("and", {call(">=", {call("+", {b, a}), d}), call("<", {d, call("*", {a, lit(3)})})});
  PreparedRowExpr prepared(e, inputs);
  RowEvaluator reference(inputs);
  EXPECT_EQ(prepared.columnsOf(0), (std::vector<size_t>{0, 1}));
  EXPECT_EQ(prepared.columnsOf(1), (std::vector<size_t>{1}));
  for (int i = -3; i < 6; ++i)
    for (int j = -2; j < 12; ++j) {
      const std::vector<Value> l = {Value::integer(i), i == 4 ? Value::null() : Value::integer(j)};
      const std::vector<Value> r = {Value::null(), Value::integer(j)};
      EXPECT_EQ(prepared.test({&l, &r}), reference.test(e, {&l, &r})) << i << " " << j;
      EXPECT_EQ(prepared.eval({&l, &r}), reference.eval(e, {&l, &r})) << i << " " << j;
    }
}

TEST(PreparedRowExpr, NullIsNotTrue) {
  const ExprPtr a = col("a", DataType::integer()), c = col("c", DataType::integer());
  PreparedRowExpr p(call("=", {a, c}), {{a->attr}, {c->attr}});
  const std::vector<Value> one = {Value::integer(1)}, none = {Value::null()};
  EXPECT_TRUE(p.test({&one, &one}));
  EXPECT_FALSE(p.test({&one, &none}));
  EXPECT_TRUE(p.eval({&none, &one}).isNull());
}

}  // namespace
}  // namespace sluice
