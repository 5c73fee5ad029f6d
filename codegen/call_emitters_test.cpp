// The registry and the code generator agree on emitters: every key a row names exists, every
// emitter is named by a row (no dead code), and every scalar row is implemented somehow.
#include "codegen/call_emitters.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "codegen/codegen_test_util.h"
#include "frontend/error.h"
#include "planner/functions/registry.h"

namespace sluice {
namespace {

// Scalar rows generated code never sees: Spark requires their arguments to be foldable
// (schema_of_json), or they have no arguments and are always folded (e, pi).
const std::set<std::string> kFoldingOnly = {"schema_of_json", "e", "pi"};

TEST(CallEmitters, EveryRowEmitterExists) {
  for (const FunctionDef* f : FunctionRegistry::builtins().all())
    if (!f->emitter.empty())
      EXPECT_NE(findCallEmitter(f->emitter), nullptr)
          << f->name << " names emitter '" << f->emitter << "', which does not exist";
}

TEST(CallEmitters, EveryEmitterIsNamedByARow) {
  // host rows are registered at run time; scalar_subquery_result is the optimizer's own row
  // (planner/optimizer/rules/scalar_subquery_util.h), not callable from SQL.
  std::set<std::string> named = {"host", "scalar_subquery_result"};
  for (const FunctionDef* f : FunctionRegistry::builtins().all()) named.insert(f->emitter);
  for (const NamedEmitter& ne : allCallEmitters())
    EXPECT_TRUE(named.count(std::string(ne.key))) << "no registry row names emitter " << ne.key;
}

TEST(CallEmitters, KeysAreUnique) {
  std::set<std::string_view> seen;
  for (const NamedEmitter& ne : allCallEmitters())
    EXPECT_TRUE(seen.insert(ne.key).second) << "emitter key listed twice: " << ne.key;
}

TEST(CallEmitters, EveryScalarRowHasAnImplementation) {
  for (const FunctionDef* f : FunctionRegistry::builtins().all()) {
    if (f->kind != FunctionKind::Scalar || kFoldingOnly.count(f->name)) continue;
    EXPECT_TRUE(!f->emitter.empty() || !f->symbol.empty())
        << f->name << " has neither an emitter nor a stdlib symbol";
  }
}

TEST(CallEmitters, AnEmitterMayLeaveArgumentTypesToTheStdlib) {
  // reverse: the emitter takes arrays, the row's symbol strings.
  EXPECT_EQ(cgtest::run("SELECT reverse(s), to_json(reverse(array(i, 2))) FROM VALUES ('abc', 1) "
                        "AS t(s, i)",
                        0),
            std::vector<std::string>{"cba|[2,1]"});
}

TEST(CallEmitters, ConstantArgumentChecksRunBeforeCodegen) {
  EXPECT_THROW(cgtest::run("SELECT regexp_replace(s, '(', 'x') FROM VALUES ('a') AS t(s)", 0),
               AnalysisError);
}

}  // namespace
}  // namespace sluice
