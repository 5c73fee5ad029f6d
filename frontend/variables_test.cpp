#include <gtest/gtest.h>

#include "frontend/parser.h"

namespace sluice {
namespace {

const std::map<std::string, std::string> kDefines = {
    {"bootstrap", "127.0.0.1:9092"}, {"topic", "nest-logs"}, {"empty", ""}};

std::string subst(const std::string& text) {
  return substituteVariables(text, kDefines, "q.sql");
}

std::string substError(const std::string& text) {
  try {
    subst(text);
  } catch (const ParseError& e) {
    return e.render();
  }
  return "no error";
}

TEST(Variables, Substitutes) {
  EXPECT_EQ(subst("SELECT * FROM ${topic}"), "SELECT * FROM nest-logs");
  EXPECT_EQ(subst("${hiveconf:bootstrap}/${sluice:topic}"), "127.0.0.1:9092/nest-logs");
  EXPECT_EQ(subst("a${empty}b"), "ab");
  // As in Spark, substitution happens on raw text, string literals included.
  EXPECT_EQ(subst("OPTIONS ('kafka.bootstrap.servers' '${bootstrap}')"),
            "OPTIONS ('kafka.bootstrap.servers' '127.0.0.1:9092')");
  // Not recursive: substituted text is not scanned again.
  EXPECT_EQ(substituteVariables("${a}", {{"a", "${a}"}}, "q.sql"), "${a}");
}

TEST(Variables, DollarWithoutBraceIsLeftAlone) {
  EXPECT_EQ(subst("SELECT '$5', $x, $ {a}, $"), "SELECT '$5', $x, $ {a}, $");
  EXPECT_EQ(subst(""), "");
}

TEST(Variables, UndefinedIsAnErrorAtTheReference) {
  EXPECT_EQ(substError("SELECT 1;\nSELECT ${nope} + 1"),
            "q.sql:2:8: error: undefined variable 'nope' (define it with --define nope=...)\n"
            "  SELECT ${nope} + 1\n"
            "         ^~~~~~~");
  EXPECT_NE(substError("${hiveconf:missing}").find("undefined variable 'missing'"),
            std::string::npos);
  EXPECT_NE(substError("a ${}").find("empty variable name"), std::string::npos);
  EXPECT_EQ(substError("a ${topic"),
            "q.sql:1:3: error: unterminated variable reference '${'\n"
            "  a ${topic\n"
            "    ^~");
}

}  // namespace
}  // namespace sluice
