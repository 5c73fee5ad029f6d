#pragma once
// Test helpers for expression codegen (included by *_test.cpp only): run a query at -O0 and
// -O2, and check that an expression over VALUES columns (JIT) agrees with the same expression
// over literals (constant folding).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codegen/codegen_test_util.h"

namespace sluice::exprtest {

using Rows = std::vector<std::string>;

/// Runs `sql` at -O0 and -O2; both must give the same rows.
inline Rows run(const std::string& sql) {
  Rows o0 = cgtest::run(sql, 0);
  Rows o2 = cgtest::run(sql, 2);
  EXPECT_EQ(o0, o2) << "-O0 and -O2 disagree on " << sql;
  return o2;
}

/// Whether the generated IR calls a stdlib function (anything `@sluice_` but the runtime's
/// `@sluice_rt_` row emitter and friends).
inline bool callsStdlib(const std::string& ir) {
  for (size_t at = 0; (at = ir.find("@sluice_", at)) != std::string::npos; ++at)
    if (ir.compare(at, 11, "@sluice_rt_") != 0) return true;
  return false;
}

/// `expr` (with $1, $2, ... for columns c1, c2, ...) over VALUES `rows` (SQL literals)
/// through the JIT must equal, row by row, the same expression on the literals, which
/// constant folding evaluates with the stdlib kernels directly. Values are compared as the
/// test sink prints them: wrap non-printable result types in CAST(... AS STRING).
inline void expectJitMatchesFolding(const std::string& expr,
                                    const std::vector<std::vector<std::string>>& rows) {
  auto substitute = [&](const std::vector<std::string>& with) {
    std::string out = expr;
    for (size_t c = with.size(); c-- > 0;) {  // $10 before $1
      const std::string ph = "$" + std::to_string(c + 1);
      for (size_t at; (at = out.find(ph)) != std::string::npos;)
        out.replace(at, ph.size(), with[c]);
    }
    return out;
  };
  std::vector<std::string> cols;
  std::string names, values;
  for (size_t c = 0; c < rows.at(0).size(); ++c) {
    cols.push_back("c" + std::to_string(c + 1));
    names += (c ? ", " : "") + cols.back();
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    values += r ? ", (" : "(";
    for (size_t c = 0; c < rows[r].size(); ++c) values += (c ? ", " : "") + rows[r][c];
    values += ")";
  }
  const std::string jitSql =
      "SELECT " + substitute(cols) + " FROM VALUES " + values + " AS t(" + names + ")";
  const Rows jit = run(jitSql);
  ASSERT_EQ(jit.size(), rows.size()) << jitSql;
  for (size_t r = 0; r < rows.size(); ++r) {
    const std::string foldSql = "SELECT " + substitute(rows[r]);
    // Folded to a literal: the kernel must not be called by generated code here.
    EXPECT_FALSE(callsStdlib(compileQuery(cgtest::plan(foldSql), 0).irText()))
        << foldSql << " was not constant-folded";
    EXPECT_EQ(jit[r], run(foldSql).at(0)) << "row " << r << " of " << jitSql;
  }
}

}  // namespace sluice::exprtest
