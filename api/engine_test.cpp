#include "sluice/engine.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

TEST(Engine, CatalogPersistsAcrossCalls) {
  Engine e;
  e.execute("CREATE TABLE t (a INT, b STRING) USING csv OPTIONS (path 't.csv')");
  EXPECT_NO_THROW(e.check("SELECT a FROM t"));
  const std::string plan = e.explain("SELECT a + 1 AS x FROM t WHERE a > 1", ExplainLevel::Simple);
  EXPECT_NE(plan.find("== Optimized Logical Plan =="), std::string::npos) << plan;
  EXPECT_NE(plan.find("Filter"), std::string::npos) << plan;
}

TEST(Engine, ExtendedExplainListsPhasesAndRules) {
  Engine e;
  const std::string text =
      e.explain("SELECT x FROM (SELECT 1 + 2 AS x, 'a' AS y) WHERE x > 0", ExplainLevel::Extended);
  for (const char* s : {"== Parsed Logical Plan ==", "== Analyzed Logical Plan ==",
                        "== Optimized Logical Plan ==", "== Rules Applied ==", "ConstantFolding"})
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
}

TEST(Engine, ExplainStatementAndSet) {
  Engine e;
  const std::string out = e.execute("SET a.b = 3; SET a.b; EXPLAIN SELECT 1");
  EXPECT_NE(out.find("a.b=3"), std::string::npos) << out;
  EXPECT_NE(out.find("Optimized Logical Plan"), std::string::npos) << out;
}

TEST(Engine, ErrorsCarryLocations) {
  Engine e;
  ScriptOptions o;
  o.name = "q.sql";
  try {
    e.check("SELECT 1;\nSELECT nope FROM (SELECT 1 AS a)", o);
    FAIL() << "expected an error";
  } catch (const AnalysisError& err) {
    EXPECT_NE(err.render().find("q.sql:2:8: error"), std::string::npos) << err.render();
  }
  EXPECT_THROW(e.check("SELEC 1", o), ParseError);
}

TEST(Engine, ConstantFoldingErrorsAreLocated) {
  Engine e;
  ScriptOptions o;
  o.name = "q.sql";
  try {
    e.check("SELECT 1;\nSELECT element_at(array(1, 2), 0)", o);
    FAIL() << "expected an error";
  } catch (const Error& err) {
    EXPECT_NE(err.render().find("q.sql:2:"), std::string::npos) << err.render();
  }
}

TEST(Engine, DefinesSubstitute) {
  Engine e;
  ScriptOptions o;
  o.defines["n"] = "41";
  EXPECT_NO_THROW(e.check("SELECT ${n} + 1", o));
  EXPECT_THROW(e.check("SELECT ${missing}", {}), ParseError);
}

TEST(Engine, ReadingAMissingFileIsAnExecutionError) {
  Engine e;
  e.execute("CREATE TABLE t (a INT) USING csv OPTIONS (path 't.csv')");
  try {
    e.execute("SELECT a FROM t");
    FAIL() << "expected an error";
  } catch (const ExecutionError& err) {
    EXPECT_NE(err.message().find("path does not exist"), std::string::npos) << err.message();
  }
}

TEST(Engine, OptimizerRulesCanBeExcluded) {
  Engine e;
  e.set("sluice.optimizer.excludedRules", "ConstantFolding");
  const std::string text = e.explain("SELECT 1 + 2 AS x", ExplainLevel::Extended);
  EXPECT_EQ(text.find("ConstantFolding"), std::string::npos) << text;
}

}  // namespace
}  // namespace sluice
