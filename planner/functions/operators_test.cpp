#include <gtest/gtest.h>

#include "planner/functions/test_util.h"

namespace sluice {
namespace {

using namespace sluice::testing;

TEST(Operators, CanonicalRowsExist) {
  for (const char* n :
       {"+",      "-",         "*",      "/",        "%",  "div",      "negative", "=",
        "<=>",    "<",         "<=",     ">",        ">=", "and",      "or",       "not",
        "isnull", "isnotnull", "in",     "casewhen", "if", "coalesce", "nullif",   "like",
        "ilike",  "rlike",     "concat", "&",        "|",  "^",        "~"})
    EXPECT_NO_THROW(builtinOp(n)) << n;
  EXPECT_THROW(builtinOp("<>"), std::logic_error);
  EXPECT_TRUE(builtinOp("+").infix);
  EXPECT_EQ(FunctionRegistry::builtins().find("NVL"), &builtinOp("coalesce"));
}

TEST(Operators, ArithmeticTypes) {
  EXPECT_EQ(typeOf("+", {lit(1), lit(2)}), "int");
  EXPECT_EQ(typeOf("+", {lit(1), litL(2)}), "bigint");
  EXPECT_EQ(typeOf("/", {lit(1), lit(2)}), "double");
  EXPECT_EQ(typeOf("div", {lit(7), lit(2)}), "bigint");
  EXPECT_EQ(typeOf("+", {litS("1"), lit(2)}), "double");
  EXPECT_EQ(typeOf("+", {litDec("1.5", 3, 1), lit(2)}), "decimal(12,1)");
  EXPECT_EQ(typeOf("*", {litDec("1.5", 3, 1), litDec("2.25", 4, 2)}), "decimal(8,3)");
  EXPECT_EQ(typeOf("/", {litDec("1.5", 3, 1), litDec("2.25", 4, 2)}), "decimal(10,6)");
  EXPECT_EQ(typeOf("+", {litDec("1.5", 3, 1), litD(1)}), "double");
  EXPECT_EQ(typeOf("+", {litDate("2020-01-01"), lit(3)}), "date");
  EXPECT_EQ(typeOf("%", {lit(7), litD(2)}), "double");
  EXPECT_EQ(bindError("+", {lit(1), litB(true)}),
            "function + expects numeric, got boolean for argument 2");
  // Expr::toString prints infix rows as (a + b).
  EXPECT_EQ(call("+", {lit(1), lit(2)})->toString(), "(1 + 2)");
}

TEST(Operators, ArithmeticFolding) {
  EXPECT_EQ(fold("+", {lit(1), lit(2)}), "3");
  EXPECT_EQ(fold("/", {lit(1), lit(0)}), "NULL");
  EXPECT_EQ(fold("/", {lit(7), lit(2)}), "3.5");
  EXPECT_EQ(fold("div", {lit(7), lit(2)}), "3");
  EXPECT_EQ(fold("div", {lit(7), lit(0)}), "NULL");
  EXPECT_EQ(fold("%", {lit(-7), lit(3)}), "-1");
  EXPECT_EQ(fold("%", {lit(7), lit(0)}), "NULL");
  EXPECT_EQ(fold("+", {lit(2147483647), lit(1)}), "-2147483648");  // int overflow wraps
  EXPECT_EQ(fold("+", {litNull(), lit(1)}), "NULL");
  EXPECT_EQ(fold("+", {litDec("1.5", 3, 1), litDec("2.25", 4, 2)}), "3.75");
  EXPECT_EQ(fold("*", {litDec("1.5", 3, 1), litDec("2.25", 4, 2)}), "3.375");
  EXPECT_EQ(fold("/", {litDec("1", 3, 0), litDec("3", 3, 0)}), "0.333333");
  EXPECT_EQ(fold("/", {litDec("2", 3, 0), litDec("3", 3, 0)}), "0.666667");
  EXPECT_EQ(fold("-", {litDec("1.5", 3, 1), lit(2)}), "-0.5");
  EXPECT_EQ(fold("+", {litS("1.5"), lit(2)}), "3.5");
  EXPECT_EQ(fold("+", {litDate("2020-02-28"), lit(2)}), "2020-03-01");
  EXPECT_EQ(fold("negative", {lit(5)}), "-5");
  EXPECT_EQ(fold("&", {lit(6), lit(3)}), "2");
  EXPECT_EQ(fold("|", {lit(6), lit(3)}), "7");
  EXPECT_EQ(fold("^", {lit(6), lit(3)}), "5");
  EXPECT_EQ(fold("~", {lit(0)}), "-1");
}

TEST(Operators, Comparisons) {
  EXPECT_EQ(fold("=", {lit(1), litL(1)}), "true");
  EXPECT_EQ(fold("=", {litS("1"), lit(1)}), "true");  // string cast to int
  EXPECT_EQ(fold("<", {litS("abc"), litS("abd")}), "true");
  EXPECT_EQ(fold("=", {litNull(), lit(1)}), "NULL");
  EXPECT_EQ(fold("<=>", {litNull(), lit(1)}), "false");
  EXPECT_EQ(fold("<=>", {litNull(), litNull()}), "true");
  EXPECT_EQ(fold(">", {litD(NAN), litD(1e300)}), "true");  // NaN is largest
  EXPECT_EQ(fold("=", {litD(NAN), litD(NAN)}), "true");
  EXPECT_EQ(fold("=", {litDate("2020-01-01"), litS("2020-01-01")}), "true");
  EXPECT_EQ(fold("=", {litTs("2020-01-01 00:00:00"), litDate("2020-01-01")}), "true");
  EXPECT_FALSE(call("<=>", {col("a", DataType::integer()), lit(1)})->nullable);
  EXPECT_EQ(bindError("<", {lit(1), col("a", DataType::arrayOf(DataType::integer()))}),
            "function < expects int, got array<int> for argument 2");
  auto m = col("m", DataType::mapOf(DataType::string(), DataType::integer()));
  EXPECT_NE(bindError("=", {m, m}), "");
}

TEST(Operators, Logic) {
  EXPECT_EQ(fold("and", {litB(false), litNull()}), "false");
  EXPECT_EQ(fold("and", {litNull(), litB(true)}), "NULL");
  EXPECT_EQ(fold("or", {litNull(), litB(true)}), "true");
  EXPECT_EQ(fold("or", {litB(false), litNull()}), "NULL");
  EXPECT_EQ(fold("not", {litB(false)}), "true");
  EXPECT_EQ(fold("not", {litNull()}), "NULL");
  EXPECT_EQ(fold("isnull", {litNull()}), "true");
  EXPECT_EQ(fold("isnotnull", {lit(1)}), "true");
  EXPECT_EQ(bindError("and", {litB(true), lit(1)}),
            "function and expects boolean, got int for argument 2");
  EXPECT_FALSE(call("and", {col("a", DataType::boolean(), false), litB(true)})->nullable);
}

TEST(Operators, InCaseLike) {
  EXPECT_EQ(fold("in", {lit(2), lit(1), lit(2)}), "true");
  EXPECT_EQ(fold("in", {lit(3), lit(1), litNull()}), "NULL");
  EXPECT_EQ(fold("in", {lit(3), lit(1), lit(2)}), "false");
  EXPECT_EQ(fold("in", {litS("1"), lit(1)}), "true");
  EXPECT_EQ(typeOf("casewhen", {litB(false), lit(1), litL(2)}), "bigint");
  EXPECT_EQ(fold("casewhen", {litB(false), lit(1), litL(2)}), "2");
  EXPECT_EQ(fold("casewhen", {litB(false), lit(1)}), "NULL");
  EXPECT_EQ(fold("casewhen", {litNull(), lit(1), litB(true), lit(2), lit(3)}), "2");
  // Untaken branches are not evaluated (1/0 would be NULL anyway, but CASE must not care).
  EXPECT_EQ(fold("casewhen", {litB(true), lit(1), call("/", {lit(1), lit(0)})}), "1.0");
  EXPECT_TRUE(call("casewhen", {litB(true), lit(1)})->nullable);
  EXPECT_EQ(bindError("casewhen", {lit(1), lit(1)}),
            "function casewhen expects boolean, got int for argument 1");
  EXPECT_EQ(fold("like", {litS("abc"), litS("a%")}), "true");
  EXPECT_EQ(fold("like", {litS("abc"), litS("a_")}), "false");
  EXPECT_EQ(fold("like", {litS("a_c"), litS("a\\_c")}), "true");
  EXPECT_EQ(fold("like", {litS("%"), litS("!%"), litS("!")}), "true");
  EXPECT_THROW(fold("like", {litS("a"), litS("a\\")}), AnalysisError);
  EXPECT_EQ(fold("ilike", {litS("ABC"), litS("a%")}), "true");
  EXPECT_EQ(fold("rlike", {litS("abc123"), litS("[0-9]+")}), "true");
  EXPECT_EQ(fold("concat", {litS("a"), lit(1), litS("b")}), "a1b");
  EXPECT_EQ(fold("concat", {litS("a"), litNull()}), "NULL");
}

TEST(Conditionals, Basics) {
  EXPECT_EQ(fold("if", {litB(true), lit(1), litL(2)}), "1");
  EXPECT_EQ(typeOf("if", {litB(true), lit(1), litL(2)}), "bigint");
  EXPECT_EQ(fold("if", {litNull(), lit(1), lit(2)}), "2");
  EXPECT_EQ(fold("coalesce", {litNull(), lit(2), lit(3)}), "2");
  EXPECT_EQ(typeOf("coalesce", {litNull(), lit(2), litS("x")}), "string");
  EXPECT_FALSE(call("coalesce", {col("a", DataType::integer()), lit(0)})->nullable);
  EXPECT_EQ(fold("nvl", {litNull(), lit(2)}), "2");
  EXPECT_NE(bindError("nvl", {litNull(), lit(2), lit(3)}), "");
  EXPECT_EQ(fold("nvl2", {litNull(), lit(1), lit(2)}), "2");
  EXPECT_EQ(fold("nullif", {lit(1), lit(1)}), "NULL");
  EXPECT_EQ(fold("nullif", {lit(1), lit(2)}), "1");
  EXPECT_EQ(fold("isnan", {litD(NAN)}), "true");
  EXPECT_EQ(fold("isnan", {litNull()}), "false");
  EXPECT_EQ(fold("nanvl", {litD(NAN), litD(1)}), "1.0");
  EXPECT_EQ(bindError("coalesce", {lit(1), col("a", DataType::arrayOf(DataType::integer()))}),
            "function coalesce expects int, got array<int> for argument 2");
}

}  // namespace
}  // namespace sluice
