// RowEvaluator: column references resolved to the right input row and column, predicates
// true only when TRUE (NULL and false are not), Spark semantics of the folded expression.
#include "runtime/stream/row_evaluator.h"

#include <gtest/gtest.h>

#include "planner/functions/test_util.h"

namespace sluice {
namespace {
using namespace sluice::testing;

TEST(RowEvaluator, ReadsEachInputsColumnsAndTestsPredicates) {
  const ExprPtr a = col("a", DataType::integer()), b = col("b", DataType::integer());
  const ExprPtr c = col("c", DataType::bigint());
  RowEvaluator ev({{a->attr, b->attr}, {c->attr}});
  const std::vector<Value> left = {Value::integer(3), Value::integer(4)};
  const std::vector<Value> right = {Value::integer(7)};
  EXPECT_EQ(ev.eval(b, {&left, &right}).asInt(), 4);
  EXPECT_EQ(ev.eval(call("+", {a, b}), {&left, &right}).asInt(), 7);
  EXPECT_TRUE(ev.test(call("=", {call("+", {a, b}), c}), {&left, &right}));
  EXPECT_FALSE(ev.test(call("<", {c, a}), {&left, &right}));
  EXPECT_TRUE(ev.test(nullptr, {&left, &right}));
  const std::vector<Value> nullRight = {Value::null()};
  EXPECT_FALSE(ev.test(call("=", {a, c}), {&left, &nullRight}));  // NULL is not true
}

}  // namespace
}  // namespace sluice
