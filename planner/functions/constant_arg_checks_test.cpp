#include <gtest/gtest.h>

#include "planner/functions/registry_rows.h"
#include "planner/functions/test_util.h"

namespace sluice {
namespace {

using testing::call;
using testing::col;
using testing::lit;
using testing::litS;

// The row's own check, as the code generator runs it before emitting the call.
void check(const ExprPtr& e) {
  ASSERT_TRUE(e->fn->checkConstantArgs) << e->fn->name << " has no constant-argument check";
  e->fn->checkConstantArgs(*e);
}

TEST(ConstantArgChecks, LiteralRegexMustCompile) {
  const ExprPtr s = col("s", DataType::string());
  EXPECT_NO_THROW(check(call("rlike", {s, litS("a+")})));
  EXPECT_THROW(check(call("rlike", {s, litS("(")})), AnalysisError);
  EXPECT_THROW(check(call("split", {s, litS("[")})), AnalysisError);
  EXPECT_THROW(check(call("regexp_replace", {s, litS("("), litS("x")})), AnalysisError);
  // A pattern from data is checked at run time (NULL), not here.
  EXPECT_NO_THROW(check(call("rlike", {s, s})));
}

TEST(ConstantArgChecks, RegexpExtractGroupMustExist) {
  const ExprPtr s = col("s", DataType::string());
  EXPECT_NO_THROW(check(call("regexp_extract", {s, litS("(a)(b)"), lit(2)})));
  EXPECT_THROW(check(call("regexp_extract", {s, litS("(a)"), lit(3)})), AnalysisError);
}

TEST(ConstantArgChecks, LiteralDatetimePatternMustCompile) {
  const ExprPtr s = col("s", DataType::string());
  EXPECT_NO_THROW(check(call("to_timestamp", {s, litS("yyyy-MM-dd")})));
  for (const char* fn : {"to_timestamp", "to_date", "unix_timestamp", "to_unix_timestamp"})
    EXPECT_THROW(check(call(fn, {s, litS("yyyy-MM-dd'")})), AnalysisError) << fn;
}

TEST(ConstantArgChecks, ErrorPointsAtTheCall) {
  ExprPtr e = call("rlike", {col("s", DataType::string()), litS("(")});
  auto located = std::make_shared<Expr>(*e);
  located->span = SourceSpan::of(7, 12);
  try {
    located->fn->checkConstantArgs(*located);
    FAIL() << "no error";
  } catch (const AnalysisError& err) {
    EXPECT_EQ(err.span().begin, 7u);
    EXPECT_EQ(err.span().end, 12u);
  }
}

}  // namespace
}  // namespace sluice
