// The SQL-standard call forms Spark's grammar accepts besides `f(a, b)`, each parsed into the
// plain call it means (as Spark's AstBuilder does):
//   TRIM([BOTH | LEADING | TRAILING] [chars] FROM s) => trim / ltrim / rtrim(s [, chars])
//   SUBSTRING(s FROM pos [FOR len]), SUBSTR(...)      => substring(s, pos [, len])
//   POSITION(sub IN s)                                => locate(sub, s)
//   OVERLAY(s PLACING r FROM pos [FOR len])           => overlay(s, r, pos [, len])
// Without the keywords these are ordinary calls (`trim(s)`, `substring(s, 1, 2)`).
#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

using ast::ExprKind;
using ast::ExprPtr;

ExprPtr callNamed(const std::string& name, SourceSpan nameSpan) {
  auto e = std::make_shared<ast::Expr>(ExprKind::Call, nameSpan);
  e->name.parts.push_back(ast::Ident{name, nameSpan});
  e->name.span = nameSpan;
  return e;
}

// The rest of an ordinary argument list after its first argument.
void restOfArgs(Parser& p, ast::Expr& call) {
  while (p.accept(TokenKind::Comma)) call.args.push_back(p.parseCallArgument());
}

ExprPtr parseTrim(Parser& p, const Token& kw) {
  std::string name = "trim";
  bool form = false;  // the FROM form (a keyword or FROM seen)
  if (p.acceptWord("BOTH")) {
    form = true;
  } else if (p.acceptWord("LEADING")) {
    name = "ltrim";
    form = true;
  } else if (p.acceptWord("TRAILING")) {
    name = "rtrim";
    form = true;
  }
  auto e = callNamed(name, kw.span);
  if (form && p.acceptWord("FROM")) {
    e->args.push_back(p.parseExpr());
    return e;
  }
  ExprPtr first = p.parseExpr();
  if (form || p.atWord("FROM")) {
    p.expectWord("FROM");
    e->args.push_back(p.parseExpr());
    e->args.push_back(std::move(first));  // the characters come second in trim(s, chars)
    return e;
  }
  e->args.push_back(std::move(first));
  restOfArgs(p, *e);
  return e;
}

ExprPtr parseSubstring(Parser& p, const Token& kw) {
  auto e = callNamed(kw.text, kw.span);
  e->args.push_back(p.parseExpr());
  if (p.acceptWord("FROM")) {
    e->args.push_back(p.parseExpr());
    if (p.acceptWord("FOR")) e->args.push_back(p.parseExpr());
    return e;
  }
  restOfArgs(p, *e);
  return e;
}

ExprPtr parseOverlay(Parser& p, const Token& kw) {
  auto e = callNamed("overlay", kw.span);
  e->args.push_back(p.parseExpr());
  if (!p.acceptWord("PLACING")) {
    restOfArgs(p, *e);
    return e;
  }
  e->args.push_back(p.parseExpr());
  p.expectWord("FROM");
  e->args.push_back(p.parseExpr());
  if (p.acceptWord("FOR")) e->args.push_back(p.parseExpr());
  return e;
}

ExprPtr parsePosition(Parser& p, const Token& kw) {
  // Below the predicate level, so `IN` is not read as an IN list.
  ExprPtr first = p.parseComparison();
  if (p.acceptWord("IN")) {
    auto e = callNamed("locate", kw.span);
    e->args.push_back(std::move(first));
    e->args.push_back(p.parseExpr());
    return e;
  }
  auto e = callNamed(kw.text, kw.span);
  e->args.push_back(std::move(first));
  restOfArgs(p, *e);
  return e;
}

}  // namespace

bool Parser::atStandardCallForm() {
  if (!at(TokenKind::LParen, 1) || at(TokenKind::RParen, 2)) return false;
  for (const char* w : {"TRIM", "SUBSTRING", "SUBSTR", "POSITION", "OVERLAY"})
    if (atWord(w)) return true;
  return false;
}

ast::ExprPtr Parser::parseStandardCall() {
  const Token kw = take();
  expect(TokenKind::LParen);
  ExprPtr e;
  if (equalsIgnoreCase(kw.text, "TRIM")) {
    e = parseTrim(*this, kw);
  } else if (equalsIgnoreCase(kw.text, "OVERLAY")) {
    e = parseOverlay(*this, kw);
  } else if (equalsIgnoreCase(kw.text, "POSITION")) {
    e = parsePosition(*this, kw);
  } else {
    e = parseSubstring(*this, kw);
  }
  expect(TokenKind::RParen, "',' or ')'");
  e->span = spanFrom(kw.span);
  return seal(std::move(e));
}

}  // namespace sluice::detail
