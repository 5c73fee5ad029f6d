#include <gtest/gtest.h>

#include "planner/functions/test_util.h"

namespace sluice {
namespace {

using namespace sluice::testing;

TEST(Strings, TypeRules) {
  EXPECT_EQ(typeOf("upper", {litS("a")}), "string");
  EXPECT_EQ(typeOf("upper", {lit(1)}), "string");  // atomic -> string implicit cast
  EXPECT_EQ(bindError("upper", {col("a", DataType::arrayOf(DataType::integer()))}),
            "function upper expects string, got array<int> for argument 1");
  EXPECT_EQ(bindError("ucase", {col("a", DataType::arrayOf(DataType::integer()))}),
            "function ucase expects string, got array<int> for argument 1");
  EXPECT_EQ(typeOf("split", {litS("a,b"), litS(",")}), "array<string>");
  EXPECT_EQ(typeOf("length", {litS("a")}), "int");
  EXPECT_EQ(typeOf("substr", {litS("abc"), litL(1)}), "string");
  EXPECT_EQ(bindError("substring", {litS("abc"), litB(true)}),
            "function substring expects int, got boolean for argument 2");
  EXPECT_EQ(typeOf("reverse", {col("a", DataType::arrayOf(DataType::integer()))}), "array<int>");
}

TEST(Strings, Substring) {
  EXPECT_EQ(fold("substring", {litS("Spark SQL"), lit(5)}), "k SQL");
  EXPECT_EQ(fold("substring", {litS("Spark SQL"), lit(-3)}), "SQL");
  EXPECT_EQ(fold("substring", {litS("Spark SQL"), lit(5), lit(1)}), "k");
  EXPECT_EQ(fold("substring", {litS("Spark SQL"), lit(0), lit(2)}), "Sp");
  EXPECT_EQ(fold("substring", {litS("Spark SQL"), lit(1), lit(2)}), "Sp");
  EXPECT_EQ(fold("substring", {litS("Spark"), lit(-10), lit(7)}), "Sp");
  EXPECT_EQ(fold("substring", {litS("Spark"), lit(10)}), "");
  EXPECT_EQ(fold("substring", {litS("Spark"), lit(2), lit(-1)}), "");
  EXPECT_EQ(fold("substr", {litS("héllo"), lit(2), lit(2)}), "él");
  EXPECT_EQ(fold("substring", {litNull(), lit(1)}), "NULL");
}

TEST(Strings, Basics) {
  EXPECT_EQ(fold("length", {litS("héllo")}), "5");
  EXPECT_EQ(fold("upper", {litS("abcé")}), "ABCÉ");
  EXPECT_EQ(fold("lcase", {litS("ABC")}), "abc");
  EXPECT_EQ(fold("initcap", {litS("sPark sql")}), "Spark Sql");
  EXPECT_EQ(fold("reverse", {litS("abc")}), "cba");
  EXPECT_EQ(fold("trim", {litS("  a b  ")}), "a b");
  EXPECT_EQ(fold("ltrim", {litS("  a ")}), "a ");
  EXPECT_EQ(fold("rtrim", {litS("  a ")}), "  a");
  EXPECT_EQ(fold("trim", {litS("xxaxx"), litS("x")}), "a");
  EXPECT_EQ(fold("lpad", {litS("hi"), lit(5), litS("?!")}), "?!?hi");
  EXPECT_EQ(fold("lpad", {litS("hello"), lit(2)}), "he");
  EXPECT_EQ(fold("rpad", {litS("hi"), lit(4)}), "hi  ");
  EXPECT_EQ(fold("instr", {litS("SparkSQL"), litS("SQL")}), "6");
  EXPECT_EQ(fold("instr", {litS("SparkSQL"), litS("x")}), "0");
  EXPECT_EQ(fold("locate", {litS("bar"), litS("foobarbar"), lit(5)}), "7");
  EXPECT_EQ(fold("replace", {litS("ABCabc"), litS("abc"), litS("DEF")}), "ABCDEF");
  EXPECT_EQ(fold("startswith", {litS("Spark"), litS("Sp")}), "true");
  EXPECT_EQ(fold("endswith", {litS("Spark"), litS("rk")}), "true");
  EXPECT_EQ(fold("contains", {litS("Spark"), litS("par")}), "true");
  EXPECT_EQ(fold("concat_ws", {litS("-"), litS("a"), litNull(DataType::string()), litS("b")}),
            "a-b");
  EXPECT_EQ(fold("concat_ws", {litNull(DataType::string()), litS("a")}), "NULL");
  EXPECT_EQ(fold("concat_ws", {litS(","), call("array", {litS("x"), litS("y")}), litS("z")}),
            "x,y,z");
  EXPECT_EQ(fold("left", {litS("Spark"), lit(2)}), "Sp");
  EXPECT_EQ(fold("right", {litS("Spark"), lit(2)}), "rk");
  EXPECT_EQ(fold("repeat", {litS("ab"), lit(3)}), "ababab");
  EXPECT_EQ(fold("ascii", {litS("A")}), "65");
}

TEST(Strings, Regex) {
  EXPECT_EQ(fold("split", {litS("a1b22c"), litS("[0-9]+")}), "[a, b, c]");
  EXPECT_EQ(fold("split", {litS("a,b,"), litS(",")}), "[a, b, ]");
  EXPECT_EQ(fold("split", {litS("a,b,c"), litS(","), lit(2)}), "[a, b,c]");
  EXPECT_EQ(fold("split", {litS("abc"), litS("")}), "[a, b, c]");
  EXPECT_EQ(fold("regexp_extract", {litS("100-200"), litS("(\\d+)-(\\d+)"), lit(2)}), "200");
  EXPECT_EQ(fold("regexp_extract", {litS("foo"), litS("(\\d+)")}), "");
  EXPECT_THROW(fold("regexp_extract", {litS("1"), litS("(\\d)"), lit(3)}), AnalysisError);
  EXPECT_THROW(fold("rlike", {litS("1"), litS("(")}), AnalysisError);
  EXPECT_EQ(fold("regexp_replace", {litS("100-200"), litS("(\\d+)"), litS("num")}), "num-num");
  EXPECT_EQ(fold("regexp_replace", {litS("100-200"), litS("(\\d+)-(\\d+)"), litS("$2-$1")}),
            "200-100");
}

}  // namespace
}  // namespace sluice
