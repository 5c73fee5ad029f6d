#pragma once
// Helpers shared by the frontend tests.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "frontend/ast_printer.h"
#include "frontend/parser.h"

namespace sluice::testing {

/// A SourceFile named "test.sql" holding `text`.
inline SourceFilePtr src(const std::string& text) {
  return std::make_shared<SourceFile>(SourceFile{"test.sql", text});
}

/// The fully parenthesized SQL of an expression.
inline std::string sqlOf(const std::string& text) {
  return toSql(*parseExpression(src(text)));
}

/// The dump of a script's statements, concatenated.
inline std::string dumpOf(const std::string& text) {
  std::string out;
  for (const auto& s : parseScript(src(text)).statements) out += dump(*s);
  return out;
}

/// The rendered ParseError of `fn(src(text))`, or "no error".
template <typename Fn>
std::string renderedError(Fn fn, const std::string& text) {
  try {
    fn(src(text));
  } catch (const ParseError& e) {
    return e.render();
  }
  return "no error";
}

/// The rendered ParseError of parsing `text` as a script.
inline std::string scriptError(const std::string& text) {
  return renderedError([](const SourceFilePtr& f) { parseScript(f); }, text);
}

/// The message (without location) of parsing `text` as a script, or "no error".
inline std::string scriptMessage(const std::string& text) {
  try {
    parseScript(src(text));
  } catch (const ParseError& e) {
    return e.message();
  }
  return "no error";
}

/// The message (without location) of parsing `text` as an expression, or "no error".
inline std::string exprMessage(const std::string& text) {
  try {
    parseExpression(src(text));
  } catch (const ParseError& e) {
    return e.message();
  }
  return "no error";
}

}  // namespace sluice::testing
