// The parser's token cursor, keyword tests, error reporting and nesting guards.
#include <algorithm>
#include <array>

#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

// Words that can never be bare names. Spark (non-ANSI) reserves almost nothing, but a
// hand-written parser needs these to stop at clause boundaries: `SELECT a FROM t` must not
// read FROM as an alias of `a`. Everything else (window, key, value, timestamp, date, count,
// year, offset, partition, ...) stays usable as a column, table and function name.
constexpr std::array<std::string_view, 45> kReserved = {
    "ALL",     "AND",       "ANTI",  "AS",   "BETWEEN", "CASE",  "CROSS",  "DISTINCT", "ELSE",
    "END",     "EXCEPT",    "FALSE", "FROM", "FULL",    "GROUP", "HAVING", "ILIKE",    "IN",
    "INNER",   "INTERSECT", "IS",    "JOIN", "LATERAL", "LEFT",  "LIKE",   "LIMIT",    "MINUS",
    "NATURAL", "NOT",       "NULL",  "ON",   "OR",      "ORDER", "REGEXP", "RIGHT",    "RLIKE",
    "SELECT",  "SEMI",      "THEN",  "TRUE", "UNION",   "USING", "WHEN",   "WHERE",    "WITH",
};

constexpr size_t kMaxShownToken = 40;

}  // namespace

bool isReservedWord(std::string_view word) {
  return std::any_of(kReserved.begin(), kReserved.end(),
                     [&](std::string_view r) { return equalsIgnoreCase(r, word); });
}

Parser::Parser(SourceFilePtr file) : file_(file), lexer_(std::move(file)) {}

const Token& Parser::peek(size_t k) {
  while (tokens_.size() <= pos_ + k) {
    if (!tokens_.empty() && tokens_.back().kind == TokenKind::End) return tokens_.back();
    tokens_.push_back(lexer_.next());
  }
  return tokens_[pos_ + k];
}

Token Parser::take() {
  Token t = peek();
  if (t.kind != TokenKind::End) {
    ++pos_;
    lastEnd_ = t.span.end;
  }
  return t;
}

void Parser::relex(uint32_t offset, uint32_t lastEnd) {
  tokens_.resize(pos_);
  lexer_.reset(offset);
  lastEnd_ = lastEnd;
}

bool Parser::accept(TokenKind kind) {
  if (!at(kind)) return false;
  take();
  return true;
}

Token Parser::expect(TokenKind kind, std::string_view what) {
  if (!at(kind)) fail(what.empty() ? tokenKindName(kind) : what);
  return take();
}

bool Parser::atWord(std::string_view kw, size_t k) {
  const Token& t = peek(k);
  return t.kind == TokenKind::Word && equalsIgnoreCase(t.text, kw);
}

bool Parser::acceptWord(std::string_view kw) {
  if (!atWord(kw)) return false;
  take();
  return true;
}

Token Parser::expectWord(std::string_view kw) {
  if (!atWord(kw)) fail(std::string(kw));
  return take();
}

bool Parser::atIdent(size_t k) {
  const Token& t = peek(k);
  return t.kind == TokenKind::QuotedIdent || (t.kind == TokenKind::Word && !isReservedWord(t.text));
}

ast::Ident Parser::parseIdent(std::string_view what) {
  if (!atIdent()) fail(what);
  Token t = take();
  return ast::Ident{std::move(t.text), t.span};
}

ast::Ident Parser::parseAnyIdent(std::string_view what) {
  if (!at(TokenKind::Word) && !at(TokenKind::QuotedIdent)) fail(what);
  Token t = take();
  return ast::Ident{std::move(t.text), t.span};
}

ast::QualifiedName Parser::parseQualifiedName(std::string_view what) {
  ast::QualifiedName q;
  q.parts.push_back(parseIdent(what));
  while (at(TokenKind::Dot) && (at(TokenKind::Word, 1) || at(TokenKind::QuotedIdent, 1))) {
    take();
    q.parts.push_back(parseAnyIdent());
  }
  q.span = SourceSpan::cover(q.parts.front().span, q.parts.back().span);
  return q;
}

std::vector<ast::Ident> Parser::parseIdentList() {
  expect(TokenKind::LParen);
  std::vector<ast::Ident> out;
  do {
    out.push_back(parseIdent());
  } while (accept(TokenKind::Comma));
  expect(TokenKind::RParen, "',' or ')'");
  return out;
}

std::string Parser::describe(const Token& t) const {
  if (t.kind == TokenKind::End) return "end of input";
  std::string_view src =
      std::string_view(file_->text).substr(t.span.begin, t.span.end - t.span.begin);
  std::string shown(src.substr(0, kMaxShownToken));
  if (src.size() > kMaxShownToken) shown += "...";
  // Keep messages on one line.
  std::replace_if(
      shown.begin(), shown.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return shown;
}

void Parser::fail(std::string_view what) {
  const Token& t = peek();
  if (t.kind == TokenKind::End) {
    throw ParseError("unexpected end of input: expected " + std::string(what), file_, t.span);
  }
  throw ParseError("syntax error at or near '" + describe(t) + "': expected " + std::string(what),
                   file_, t.span);
}

void Parser::failAt(SourceSpan span, std::string message) {
  throw ParseError(std::move(message), file_, span);
}

Parser::DepthGuard::DepthGuard(Parser& p) : p_(p) {
  if (++p_.depth_ > kMaxNestingDepth) {
    --p_.depth_;
    p_.failAt(p_.peek().span, "query is nested too deeply");
  }
}

uint32_t Parser::heightOf(const void* node) const {
  if (node == nullptr) return 0;
  const auto it = heights_.find(node);
  return it == heights_.end() ? 1 : it->second;
}

void Parser::setHeight(const void* node, uint32_t h, SourceSpan span) {
  if (h > kMaxTreeHeight) failAt(span, "query is nested too deeply");
  if (h > 1) heights_[node] = h;
}

ast::ExprPtr Parser::seal(ast::ExprPtr e) {
  uint32_t h = 0;
  for (const auto& a : e->args) h = std::max(h, heightOf(a.get()));
  for (const auto& w : e->whens) h = std::max({h, heightOf(w.when.get()), heightOf(w.then.get())});
  h = std::max(h, heightOf(e->elseExpr.get()));
  setHeight(e.get(), h + 1, e->span);
  return e;
}

ast::RelationPtr Parser::seal(ast::RelationPtr r) {
  const uint32_t h = std::max(heightOf(r->left.get()), heightOf(r->right.get()));
  setHeight(r.get(), h + 1, r->span);
  return r;
}

std::shared_ptr<ast::QueryBody> Parser::seal(std::shared_ptr<ast::QueryBody> b) {
  const uint32_t h = std::max(heightOf(b->left.get()), heightOf(b->right.get()));
  setHeight(b.get(), h + 1, b->span);
  return b;
}

}  // namespace sluice::detail
