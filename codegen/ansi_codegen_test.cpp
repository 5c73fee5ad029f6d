// spark.sql.ansi.enabled: constant folding (planner/functions/ansi.cpp) and generated code
// (codegen/ansi_codegen.cpp) must fail with the same message for the same input: each case
// runs over literals (the error is an AnalysisError at planning) and over VALUES columns (the
// kernel records it), and the two texts must be equal.
#include <gtest/gtest.h>

#include "codegen/codegen_test_util.h"
#include "frontend/error.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

const std::string kAnsi = "SET spark.sql.ansi.enabled = true; ";

struct Case {
  std::string expr;                 ///< over c1, c2, ...
  std::vector<std::string> values;  ///< one row of literals for c1, c2, ...
  std::string errorClass;
};

std::string substitute(std::string expr, const std::vector<std::string>& with) {
  for (size_t c = with.size(); c-- > 0;) {
    const std::string name = "c" + std::to_string(c + 1);
    const std::string value = "(" + with[c] + ")";  // `-c1` must not become `--1`
    for (size_t at; (at = expr.find(name)) != std::string::npos;)
      expr.replace(at, name.size(), value);
  }
  return expr;
}

std::string foldError(const Case& k) {
  try {
    cgtest::plan(kAnsi + "SELECT " + substitute(k.expr, k.values));
  } catch (const AnalysisError& e) {
    return e.message();
  }
  return "(no error)";
}

std::string kernelError(const Case& k) {
  std::string names, row;
  for (size_t c = 0; c < k.values.size(); ++c) {
    names += (c ? ", c" : "c") + std::to_string(c + 1);
    row += (c ? ", " : "") + k.values[c];
  }
  takeKernelError();
  cgtest::run(kAnsi + "SELECT " + k.expr + " FROM VALUES (" + row + ") AS t(" + names + ")");
  return takeKernelError().value_or("(no error)");
}

TEST(AnsiCodegen, FoldingAndGeneratedCodeRaiseTheSameError) {
  const std::vector<Case> cases = {
      {"c1 + 1", {"2147483647"}, "[ARITHMETIC_OVERFLOW] integer overflow"},
      {"c1 - 1", {"-9223372036854775807 - 1"}, "[ARITHMETIC_OVERFLOW] long overflow"},
      {"c1 * c2", {"65536", "65536"}, "[ARITHMETIC_OVERFLOW] integer overflow"},
      {"-c1", {"-9223372036854775807 - 1"}, "[ARITHMETIC_OVERFLOW] long overflow"},
      {"abs(CAST(c1 AS INT))", {"-2147483648"}, "[ARITHMETIC_OVERFLOW] integer overflow"},
      {"CAST(c1 AS TINYINT) + CAST(c2 AS TINYINT)", {"100", "100"}, "[ARITHMETIC_OVERFLOW]"},
      {"c1 / c2", {"1", "0"}, "[DIVIDE_BY_ZERO]"},
      {"c1 % c2", {"1", "0"}, "[DIVIDE_BY_ZERO]"},
      {"c1 DIV c2", {"1", "0"}, "[DIVIDE_BY_ZERO]"},
      {"pmod(c1, c2)", {"1", "0"}, "[DIVIDE_BY_ZERO]"},
      {"c1 / c2", {"1.5D", "0D"}, "[DIVIDE_BY_ZERO]"},
      {"CAST(c1 AS DECIMAL(10,2)) / CAST(c2 AS DECIMAL(4,1))", {"1", "0"}, "[DIVIDE_BY_ZERO]"},
      {"CAST(c1 AS DECIMAL(38,0)) * CAST(c1 AS DECIMAL(38,0)) * 20",
       {"9223372036854775807"},
       "[NUMERIC_VALUE_OUT_OF_RANGE]"},
      {"CAST(c1 AS DECIMAL(3,1))", {"123"}, "[NUMERIC_VALUE_OUT_OF_RANGE] 123 cannot be"},
      {"CAST(c1 AS DECIMAL(3,1))", {"123.25D"}, "[NUMERIC_VALUE_OUT_OF_RANGE] 123.25 cannot"},
      {"CAST(c1 AS INT)", {"'12x'"}, "[CAST_INVALID_INPUT] The value '12x'"},
      {"CAST(c1 AS BIGINT)", {"''"}, "[CAST_INVALID_INPUT]"},
      {"CAST(c1 AS DOUBLE)", {"'one'"}, "[CAST_INVALID_INPUT]"},
      {"CAST(c1 AS DECIMAL(5,2))", {"'1.2.3'"}, "[CAST_INVALID_INPUT]"},
      {"CAST(c1 AS DATE)", {"'2020-02-30'"}, "[CAST_INVALID_INPUT]"},
      {"CAST(c1 AS TIMESTAMP)", {"'x'"}, "[CAST_INVALID_INPUT]"},
      {"CAST(c1 AS BOOLEAN)", {"'2'"}, "[CAST_INVALID_INPUT]"},
      {"CAST(c1 AS TINYINT)", {"128"}, "[CAST_OVERFLOW] The value 128 of the type \"INT\""},
      {"CAST(c1 AS SMALLINT)", {"-40000"}, "[CAST_OVERFLOW]"},
      {"CAST(c1 AS INT)", {"2147483648"}, "[CAST_OVERFLOW] The value 2147483648L"},
      {"CAST(c1 AS INT)", {"2147483648.0D"}, "[CAST_OVERFLOW] The value 2.147483648E9D"},
      {"CAST(c1 AS BIGINT)", {"1e19D"}, "[CAST_OVERFLOW]"},
      {"CAST(CAST(c1 AS DOUBLE) AS INT)", {"'NaN'"}, "[CAST_OVERFLOW] The value NaND"},
      {"CAST(CAST(c1 AS DECIMAL(12,2)) AS INT)", {"3000000000"}, "[CAST_OVERFLOW]"},
      {"CAST(CAST(c1 AS FLOAT) AS SMALLINT)", {"1e5D"}, "[CAST_OVERFLOW]"},
      {"array(c1, c1)[c2]", {"1", "2"}, "[INVALID_ARRAY_INDEX] The index 2"},
      {"array(c1, c1)[c2]", {"1", "-1"}, "[INVALID_ARRAY_INDEX] The index -1"},
      {"element_at(array(c1), c2)", {"1", "2"}, "[INVALID_ARRAY_INDEX_IN_ELEMENT_AT]"},
      {"element_at(array(c1), c2)", {"1", "-2"}, "[INVALID_ARRAY_INDEX_IN_ELEMENT_AT]"},
      {"to_date(c1)", {"'junk'"}, "[CANNOT_PARSE_TIMESTAMP] Text 'junk'"},
      {"to_timestamp(c1, 'yyyy')", {"'20x'"}, "[CANNOT_PARSE_TIMESTAMP]"},
  };
  for (const Case& k : cases) {
    const std::string folded = foldError(k);
    EXPECT_NE(folded.find(k.errorClass), std::string::npos) << k.expr << ": " << folded;
    EXPECT_EQ(kernelError(k), folded) << k.expr;
  }
}

TEST(AnsiCodegen, InRangeAndNullInputsAndTryFormsDoNotFail) {
  for (const char* sql :
       {"SELECT c1 + 1, c1 * 2, -c1, abs(c1), c1 / 2, c1 % 3, CAST(c1 AS TINYINT) FROM VALUES "
        "(100), (NULL) AS t(c1)",
        "SELECT CAST(c1 AS INT), to_date(c2), element_at(array(1), CAST(c1 AS INT)) FROM VALUES "
        "('1', '2020-01-01'), (NULL, NULL) AS t(c1, c2)",
        "SELECT try_add(c1, c1), try_multiply(c1, c1), try_divide(c1, 0), "
        "try_element_at(array(c1), 9), TRY_CAST(CAST(c1 AS STRING) || 'x' AS INT), "
        "TRY_CAST(c1 AS TINYINT) FROM VALUES (2147483647) AS t(c1)"}) {
    takeKernelError();
    cgtest::run(kAnsi + sql);
    const auto err = takeKernelError();
    EXPECT_FALSE(err) << sql << ": " << *err;
  }
}

TEST(AnsiCodegen, LegacyModeKernelsHaveNoChecks) {
  // The same query without ANSI mode: wrapping, NULLs, and no call of the ANSI error entry
  // points in the IR.
  const std::string sql =
      "SELECT c1 + 1, CAST(c2 AS INT), c1 / 0 FROM VALUES (2147483647, 'x') AS t(c1, c2)";
  takeKernelError();
  EXPECT_EQ(cgtest::run(sql), (std::vector<std::string>{"-2147483648|NULL|NULL"}));
  EXPECT_FALSE(takeKernelError());
  const std::string ir = compileQuery(cgtest::plan(sql), 0).irText();
  EXPECT_EQ(ir.find("sluice_ansi_"), std::string::npos);
  EXPECT_EQ(ir.find("sluice_kernel_error"), std::string::npos);
  const std::string ansiIr = compileQuery(cgtest::plan(kAnsi + sql), 0).irText();
  EXPECT_NE(ansiIr.find("sluice_ansi_cast_invalid"), std::string::npos);
}

}  // namespace
}  // namespace sluice
