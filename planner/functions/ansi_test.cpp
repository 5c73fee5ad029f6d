// ANSI mode in the planner: which expressions resolveEvalMode marks, and the errors constant
// folding raises for them (Spark's error classes), with NULL inputs and TRY_CAST left alone.
#include "planner/functions/ansi.h"

#include <gtest/gtest.h>

#include "planner/functions/function.h"
#include "planner/functions/test_util.h"

namespace sluice {
namespace {

using namespace sluice::testing;

ExprPtr ansi(const ExprPtr& e) {
  return resolveEvalMode(e, true);
}

// The message folding `e` in ANSI mode fails with ("" when it succeeds).
std::string foldError(const ExprPtr& e) {
  try {
    evaluateConstant(ansi(e));
  } catch (const AnalysisError& err) {
    return err.message();
  }
  return "";
}

TEST(Ansi, MarksOnlyExpressionsThatDifferInAnsiMode) {
  const ExprPtr add = call("+", {lit(1), lit(2)});
  EXPECT_TRUE(isAnsi(*ansi(add)));
  EXPECT_FALSE(isAnsi(*resolveEvalMode(add, false)));
  EXPECT_FALSE(isAnsi(*add));
  // The ANSI form is another row with the same name, fold and emitter.
  EXPECT_NE(ansi(add)->fn, add->fn);
  EXPECT_EQ(ansi(add)->fn->name, "+");
  EXPECT_EQ(ansiForm(*add->fn), ansiForm(*add->fn));
  EXPECT_FALSE(isAnsi(*ansi(call("+", {litD(1), litD(2)}))));  // doubles do not overflow
  EXPECT_FALSE(isAnsi(*ansi(call("upper", {litS("a")}))));
  EXPECT_TRUE(isAnsi(*ansi(makeCast(litS("1"), DataType::integer()))));
  EXPECT_FALSE(isAnsi(*ansi(makeCast(lit(1), DataType::string()))));
  EXPECT_FALSE(isAnsi(*ansi(asTryCast(makeCast(litS("1"), DataType::integer())))));
  EXPECT_FALSE(isAnsi(*ansi(call("try_element_at", {call("array", {lit(1)}), lit(5)}))));
  EXPECT_TRUE(isAnsi(*ansi(call("element_at", {call("array", {lit(1)}), lit(5)}))));
  // A missing map key stays NULL.
  EXPECT_FALSE(isAnsi(*ansi(call("element_at", {call("map", {litS("a"), lit(1)}), litS("b")}))));
}

TEST(Ansi, FoldingRaisesSparksErrorClasses) {
  EXPECT_EQ(foldError(call("+", {lit(2147483647), lit(1)}))
                .rfind("[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_add'", 0),
            0u);
  EXPECT_EQ(foldError(call("negative", {litL(INT64_MIN)}))
                .rfind("[ARITHMETIC_OVERFLOW] long overflow.", 0),
            0u);
  EXPECT_EQ(foldError(call("%", {lit(1), lit(0)})).rfind("[DIVIDE_BY_ZERO]", 0), 0u);
  EXPECT_EQ(foldError(call("div", {lit(1), lit(0)})).rfind("[DIVIDE_BY_ZERO]", 0), 0u);
  EXPECT_EQ(foldError(call("div", {litL(INT64_MIN), litL(-1)})).rfind("[ARITHMETIC_OVERFLOW]", 0),
            0u);
  EXPECT_EQ(foldError(call("*", {litDec("99999999999999999999", 38, 0),
                                 litDec("99999999999999999999", 38, 0)})),
            "[NUMERIC_VALUE_OUT_OF_RANGE] The result cannot be represented as Decimal(38, 0). If "
            "necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
  EXPECT_EQ(foldError(makeCast(litS("x"), DataType::date()))
                .rfind("[CAST_INVALID_INPUT] The value 'x' of the type \"STRING\" cannot be cast "
                       "to \"DATE\"",
                       0),
            0u);
  EXPECT_EQ(
      foldError(makeCast(litD(-1e10), DataType::integer()))
          .rfind(
              "[CAST_OVERFLOW] The value -1.0E10D of the type \"DOUBLE\" cannot be cast to \"INT\"",
              0),
      0u);
  EXPECT_EQ(
      foldError(makeCast(lit(100), DataType::decimal(2, 0)))
          .rfind("[NUMERIC_VALUE_OUT_OF_RANGE] 100 cannot be represented as Decimal(2, 0)", 0),
      0u);
  EXPECT_EQ(
      foldError(call("get_item", {call("array", {lit(1)}), lit(1)}))
          .rfind("[INVALID_ARRAY_INDEX] The index 1 is out of bounds. The array has 1 elements.",
                 0),
      0u);
  EXPECT_EQ(
      foldError(call("to_timestamp", {litS("x")})).rfind("[CANNOT_PARSE_TIMESTAMP] Text 'x'", 0),
      0u);
}

TEST(Ansi, NullInputsAndTryCastsAndValuesInRangeDoNotFail) {
  EXPECT_EQ(foldError(call("+", {litNull(DataType::integer()), lit(1)})), "");
  EXPECT_EQ(foldError(call("/", {lit(1), litNull(DataType::integer())})), "");
  EXPECT_EQ(foldError(makeCast(litNull(DataType::string()), DataType::integer())), "");
  EXPECT_EQ(foldError(call("+", {lit(2147483646), lit(1)})), "");
  EXPECT_EQ(foldError(makeCast(litD(2147483647.5), DataType::integer())), "");
  EXPECT_EQ(foldError(call("element_at", {call("array", {lit(1)}), lit(-1)})), "");
  EXPECT_TRUE(evaluateConstant(ansi(asTryCast(makeCast(lit(300), DataType::byte())))).isNull());
  EXPECT_TRUE(evaluateConstant(ansi(asTryCast(makeCast(litS("x"), DataType::integer())))).isNull());
  // Legacy mode wraps.
  EXPECT_EQ(evaluateConstant(makeCast(lit(300), DataType::byte())).asInt(), 44);
}

}  // namespace
}  // namespace sluice
