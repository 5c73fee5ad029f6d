// Host functions (Engine::registerFunction) called from generated code.
#include "api/host_functions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <stdexcept>

#include "sluice/engine.h"

namespace sluice {
namespace {

std::atomic<int> shoutCalls{0};
std::string shout(std::string_view s) {
  ++shoutCalls;
  return std::string(s) + "!";
}
int64_t plusOne(int64_t x) {
  return x + 1;
}
// NULL-aware parameter: sees NULLs as std::nullopt.
int64_t lengthOrMinusOne(std::optional<std::string_view> s) {
  return s ? static_cast<int64_t>(s->size()) : -1;
}
// Nullable result.
std::optional<int32_t> positive(int32_t x) {
  if (x > 0) return x;
  return std::nullopt;
}
std::optional<std::string> nonEmpty(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return std::string(s);
}
bool isEven(int32_t x) {
  return x % 2 == 0;
}
double halve(double x) noexcept {
  return x / 2;
}
int64_t secondsToMicros(int64_t s) {
  return s * 1000000;
}
int32_t failing(int32_t x) {
  if (x == 3) throw std::runtime_error("three is not allowed");
  return x;
}
std::string hexOf(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

TEST(HostFunctions, CalledFromKernels) {
  Engine e;
  e.registerFunction<&shout>("shout");
  e.registerFunction<&plusOne>("plus_one");
  e.registerFunction<&isEven>("is_even");
  e.registerFunction<&halve>("halve");
  Table t = e.query(
      "SELECT shout(s) AS a, plus_one(n) AS b, is_even(n) AS c, halve(n) AS d "
      "FROM VALUES ('x', 1), ('yz', 4) AS v(s, n)");
  ASSERT_EQ(t.rows(), 2);
  EXPECT_EQ(t.columnType(0), "string");
  EXPECT_EQ(t.columnType(1), "bigint");  // the int argument is cast to bigint
  EXPECT_EQ(t.columnType(2), "boolean");
  EXPECT_EQ(t.columnType(3), "double");
  EXPECT_EQ(t.getString(0, 0), "x!");
  EXPECT_EQ(t.getString(1, 0), "yz!");
  EXPECT_EQ(t.getInt(0, 1), 2);
  EXPECT_EQ(t.getInt(1, 1), 5);
  EXPECT_EQ(t.getInt(0, 2), 0);
  EXPECT_EQ(t.getInt(1, 2), 1);
  EXPECT_DOUBLE_EQ(t.getDouble(1, 3), 2.0);
  // In expressions and filters too.
  Table f = e.query(
      "SELECT upper(shout(s)) FROM VALUES ('a'), ('bb') AS v(s) WHERE length(shout(s)) > 2");
  ASSERT_EQ(f.rows(), 1);
  EXPECT_EQ(f.getString(0, 0), "BB!");
}

TEST(HostFunctions, NamesAreCaseInsensitive) {
  Engine e;
  e.registerFunction<&shout>("Shout");
  EXPECT_EQ(e.query("SELECT SHOUT('a')").getString(0, 0), "a!");
}

TEST(HostFunctions, NullInNullOutWithoutACall) {
  Engine e;
  e.registerFunction<&shout>("shout");
  shoutCalls = 0;
  Table t = e.query("SELECT shout(s) FROM VALUES ('a'), (NULL), ('b') AS v(s)");
  ASSERT_EQ(t.rows(), 3);
  EXPECT_FALSE(t.isNull(0, 0));
  EXPECT_TRUE(t.isNull(1, 0));
  EXPECT_EQ(t.getString(2, 0), "b!");
  EXPECT_EQ(shoutCalls.load(), 2);  // never called with the NULL
  EXPECT_TRUE(e.query("SELECT shout(NULL)").isNull(0, 0));
}

TEST(HostFunctions, OptionalParametersSeeNullsAndOptionalResultsGiveNull) {
  Engine e;
  e.registerFunction<&lengthOrMinusOne>("len_or_minus_one");
  e.registerFunction<&positive>("positive_or_null");
  e.registerFunction<&nonEmpty>("non_empty");
  Table t = e.query(
      "SELECT len_or_minus_one(s), positive_or_null(n), non_empty(s) "
      "FROM VALUES ('abc', 5), (NULL, -1), ('', 0) AS v(s, n)");
  ASSERT_EQ(t.rows(), 3);
  EXPECT_EQ(t.getInt(0, 0), 3);
  EXPECT_EQ(t.getInt(1, 0), -1);
  EXPECT_EQ(t.getInt(2, 0), 0);
  EXPECT_EQ(t.getInt(0, 1), 5);
  EXPECT_TRUE(t.isNull(1, 1));
  EXPECT_TRUE(t.isNull(2, 1));
  EXPECT_EQ(t.getString(0, 2), "abc");
  EXPECT_TRUE(t.isNull(1, 2));  // NULL in
  EXPECT_TRUE(t.isNull(2, 2));  // nullopt out
}

TEST(HostFunctions, ExplicitSignaturePicksTheSqlType) {
  Engine e;
  e.registerFunction<&secondsToMicros>("to_ts", {.signature = "bigint -> timestamp"});
  e.registerFunction<&hexOf>("hex_of", {.signature = "binary -> string"});
  Table t = e.query("SELECT to_ts(60) AS ts, hex_of(CAST('AZ' AS BINARY)) AS h");
  EXPECT_EQ(t.columnType(0), "timestamp");
  EXPECT_EQ(t.getInt(0, 0), 60000000);
  EXPECT_EQ(t.getString(0, 1), "415a");
  // A signature the C++ types cannot carry is refused at registration.
  try {
    e.registerFunction<&secondsToMicros>("bad", {.signature = "string -> timestamp"});
    FAIL() << "expected AnalysisError";
  } catch (const AnalysisError& err) {
    EXPECT_NE(err.message().find("argument 1 is int64_t"), std::string::npos) << err.message();
  }
  EXPECT_THROW(
      e.registerFunction<&secondsToMicros>("bad2", {.signature = "bigint, bigint -> bigint"}),
      AnalysisError);
  EXPECT_THROW(e.registerFunction<&secondsToMicros>("bad3", {.signature = "bigint"}),
               AnalysisError);
}

TEST(HostFunctions, WrongArgumentTypesAreAnalysisErrorsAtTheArgument) {
  Engine e;
  e.registerFunction<&hexOf>("hex_of", {.signature = "binary -> string"});
  try {
    e.query("SELECT 1;\nSELECT hex_of(array(1, 2))", {.name = "q.sql"});
    FAIL() << "expected AnalysisError";
  } catch (const AnalysisError& err) {
    const std::string r = err.render();
    EXPECT_NE(r.find("q.sql:2:15"), std::string::npos) << r;
    EXPECT_NE(r.find("must be binary, got array<int>"), std::string::npos) << r;
  }
  try {
    e.query("SELECT hex_of(CAST('a' AS BINARY), 2)");
    FAIL() << "expected AnalysisError";
  } catch (const AnalysisError& err) {
    EXPECT_NE(err.message().find("takes 1 argument"), std::string::npos) << err.message();
  }
}

TEST(HostFunctions, BuiltinNamesAndBadNamesAreRefused) {
  Engine e;
  try {
    e.registerFunction<&shout>("UPPER");
    FAIL() << "expected AnalysisError";
  } catch (const AnalysisError& err) {
    EXPECT_NE(err.message().find("builtin"), std::string::npos) << err.message();
  }
  EXPECT_THROW(e.registerFunction<&shout>("not a name"), AnalysisError);
  EXPECT_THROW(e.registerFunction<&shout>("1abc"), AnalysisError);
  // upper() is still the builtin.
  EXPECT_EQ(e.query("SELECT upper('a')").getString(0, 0), "A");
}

TEST(HostFunctions, ReRegisteringReplacesAndEnginesAreSeparate) {
  Engine a, b;
  a.registerFunction<&shout>("f");
  b.registerFunction<&hexOf>("f");
  EXPECT_EQ(a.query("SELECT f('A')").getString(0, 0), "A!");
  EXPECT_EQ(b.query("SELECT f('A')").getString(0, 0), "41");
  a.registerFunction<&hexOf>("f");
  EXPECT_EQ(a.query("SELECT f('A')").getString(0, 0), "41");
  Engine c;
  EXPECT_THROW(c.query("SELECT f('A')"), AnalysisError);
}

TEST(HostFunctions, NeverFoldedAtPlanTime) {
  Engine e;
  e.registerFunction<&shout>("shout");
  shoutCalls = 0;
  const std::string plan = e.explain("SELECT shout('k') AS v", ExplainLevel::Simple);
  EXPECT_EQ(shoutCalls.load(), 0);
  EXPECT_NE(plan.find("shout('k')"), std::string::npos) << plan;
  EXPECT_EQ(e.query("SELECT shout('k') AS v").getString(0, 0), "k!");
  EXPECT_EQ(shoutCalls.load(), 1);
}

TEST(HostFunctions, ExplainCodegenShowsTheCallByName) {
  Engine e;
  e.registerFunction<&shout>("shout");
  const std::string ir =
      e.explain("SELECT shout(s) FROM VALUES ('a') AS v(s)", ExplainLevel::Codegen);
  // The kernel calls the host function's private entry, which jumps to the host's address.
  EXPECT_TRUE(std::regex_search(ir, std::regex(R"(call (fastcc )?void @host_shout_\d+\(ptr)")))
      << ir;
  EXPECT_TRUE(std::regex_search(
      ir, std::regex(R"(define internal (fastcc )?void @host_shout_\d+\([^\n]*\nentry:\n\s*)"
                     R"(tail call void inttoptr)")))
      << ir;
}

TEST(HostFunctions, ExceptionsFailTheQuery) {
  Engine e;
  e.registerFunction<&failing>("failing");
  EXPECT_EQ(e.query("SELECT failing(2)").getInt(0, 0), 2);
  try {
    e.query("SELECT failing(n) FROM VALUES (1), (3) AS v(n)");
    FAIL() << "expected ExecutionError";
  } catch (const ExecutionError& err) {
    EXPECT_NE(err.message().find("three is not allowed"), std::string::npos) << err.message();
  }
}

TEST(HostFunctions, SignatureDerivedFromCppTypes) {
  const HostFunction h = hostFunction<&lengthOrMinusOne>();
  const HostFunctionSpec s = hostFunctionSpec("f", h, {}, "sym");
  ASSERT_EQ(s.argTypes.size(), 1u);
  EXPECT_EQ(s.argTypes[0]->toString(), "string");
  EXPECT_EQ(s.resultType->toString(), "bigint");
  EXPECT_TRUE(s.argSeesNull[0]);
  // (const char*, int64_t, uint8_t null flag) -> int64_t
  EXPECT_EQ(h.signature.params.size(), 3u);
  const HostFunctionSpec n = hostFunctionSpec("g", hostFunction<&nonEmpty>(), {}, "sym2");
  EXPECT_TRUE(n.resultNullable);
  EXPECT_EQ(n.resultType->toString(), "string");
}

}  // namespace
}  // namespace sluice
