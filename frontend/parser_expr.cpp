// Expressions, by precedence climbing over Spark's levels (lowest first):
//   OR, AND, NOT, predicates (BETWEEN/IN/LIKE/RLIKE/ILIKE/IS ...), comparison, |, ^, &,
//   + - ||, * / % DIV, unary - + ~, postfix (:: cast, .field, [index]), primary.
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

using ast::BinaryOp;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;

ExprPtr makeExpr(ExprKind kind, SourceSpan span) {
  return std::make_shared<Expr>(kind, span);
}

ExprPtr makeBinary(Parser& p, BinaryOp op, ExprPtr l, ExprPtr r) {
  auto e = makeExpr(ExprKind::Binary, SourceSpan::cover(l->span, r->span));
  e->binaryOp = op;
  e->args = {std::move(l), std::move(r)};
  return p.seal(std::move(e));
}

bool isIntervalUnit(const Token& t) {
  static constexpr std::array<std::string_view, 9> kUnits = {
      "YEAR", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"};
  if (t.kind != TokenKind::Word) return false;
  std::string_view w = t.text;
  for (const auto u : kUnits) {
    if (equalsIgnoreCase(w, u)) return true;
    if (w.size() == u.size() + 1 && equalsIgnoreCase(w.substr(0, u.size()), u) &&
        absl::ascii_tolower(w.back()) == 's') {
      return true;
    }
  }
  return false;
}

bool isNumber(TokenKind k) {
  return k == TokenKind::Integer || k == TokenKind::Decimal;
}

ExprPtr parseOr(Parser& p);
ExprPtr parseUnary(Parser& p);

// ---------------------------------------------------------------- literals

ExprPtr parseNumber(Parser& p) {
  Token t = p.take();
  auto e = makeExpr(ExprKind::Literal, t.span);
  e->literalKind =
      t.kind == TokenKind::Integer ? ast::LiteralKind::Integer : ast::LiteralKind::Decimal;
  e->text = std::move(t.text);
  e->suffix = std::move(t.suffix);
  return e;
}

// INTERVAL '10 minutes' | INTERVAL 10 MINUTES | INTERVAL '1' HOUR | INTERVAL 1 HOUR 30 MINUTES
// | INTERVAL '1-2' YEAR TO MONTH
ExprPtr parseInterval(Parser& p) {
  const Token kw = p.take();
  auto e = makeExpr(ExprKind::Literal, kw.span);
  e->literalKind = ast::LiteralKind::Interval;
  while (true) {
    ast::IntervalPart part;
    bool fromString = false;
    if (p.at(TokenKind::String)) {
      part.value = p.take().text;
      fromString = true;
    } else {
      bool negative = false;
      if (p.at(TokenKind::Minus) || p.at(TokenKind::Plus)) {
        negative = p.take().kind == TokenKind::Minus;
      }
      if (!isNumber(p.peek().kind)) p.fail("an interval value");
      const Token n = p.take();
      part.value = absl::StrCat(negative ? "-" : "", n.text, n.suffix);
    }
    if (isIntervalUnit(p.peek())) {
      part.unit = asciiLower(p.take().text);
      if (p.atWord("TO") && isIntervalUnit(p.peek(1))) {
        p.take();
        part.unit += " to " + asciiLower(p.take().text);
      }
    } else if (!fromString || !e->intervalParts.empty()) {
      p.fail("an interval unit (YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, ...)");
    }
    const bool unitless = part.unit.empty();
    e->intervalParts.push_back(std::move(part));
    if (unitless) break;
    // Another `<value> <unit>` part follows only if a unit comes right after the value.
    const size_t k = (p.at(TokenKind::Minus) || p.at(TokenKind::Plus)) ? 1 : 0;
    const TokenKind vk = p.peek(k).kind;
    const bool more =
        (isNumber(vk) || (vk == TokenKind::String && k == 0)) && isIntervalUnit(p.peek(k + 1));
    if (!more) break;
  }
  e->span = p.spanFrom(kw.span);
  return e;
}

// ---------------------------------------------------------------- compound primaries

ExprPtr parseCase(Parser& p) {
  const Token kw = p.take();
  auto e = makeExpr(ExprKind::Case, kw.span);
  if (p.atWord("END")) p.fail("WHEN");
  if (!p.atWord("WHEN")) e->args.push_back(p.parseExpr());
  while (p.acceptWord("WHEN")) {
    ast::WhenClause w;
    w.when = p.parseExpr();
    p.expectWord("THEN");
    w.then = p.parseExpr();
    e->whens.push_back(std::move(w));
  }
  if (e->whens.empty()) p.fail("WHEN");
  if (p.acceptWord("ELSE")) e->elseExpr = p.parseExpr();
  if (!p.atWord("END")) p.fail(e->elseExpr ? "END" : "WHEN, ELSE or END");
  p.take();
  e->span = p.spanFrom(kw.span);
  return p.seal(std::move(e));
}

ExprPtr parseCast(Parser& p) {
  const Token kw = p.take();
  auto e = makeExpr(ExprKind::Cast, kw.span);
  e->tryCast = equalsIgnoreCase(kw.text, "TRY_CAST");
  p.expect(TokenKind::LParen);
  e->args.push_back(p.parseExpr());
  p.expectWord("AS");
  e->castType = p.parseType();
  p.expect(TokenKind::RParen);
  e->span = p.spanFrom(kw.span);
  return p.seal(std::move(e));
}

// EXTRACT(field FROM source) is sugar for extract('field', source).
ExprPtr parseExtract(Parser& p) {
  const Token kw = p.take();
  p.take();  // (
  const Token field = p.take();
  p.take();  // FROM
  auto e = makeExpr(ExprKind::Call, kw.span);
  e->name.parts.push_back(ast::Ident{kw.text, kw.span});
  e->name.span = kw.span;
  auto lit = makeExpr(ExprKind::Literal, field.span);
  lit->literalKind = ast::LiteralKind::String;
  lit->text = field.text;
  e->args.push_back(std::move(lit));
  e->args.push_back(p.parseExpr());
  p.expect(TokenKind::RParen);
  e->span = p.spanFrom(kw.span);
  return p.seal(std::move(e));
}

ExprPtr parseTypedString(Parser& p, ast::LiteralKind kind) {
  const Token kw = p.take();
  ExprPtr e = p.parseStringLiteral();
  e->literalKind = kind;
  e->span = SourceSpan::cover(kw.span, e->span);
  return e;
}

// A name: `a`, `t.a`, `s.f.g`, `t.*`, or a call `f(...)`, `db.f(...)`.
ExprPtr parseNamePrimary(Parser& p) {
  ast::QualifiedName q;
  {
    Token t = p.take();
    q.parts.push_back(ast::Ident{std::move(t.text), t.span});
  }
  while (p.at(TokenKind::Dot)) {
    if (p.at(TokenKind::Word, 1) || p.at(TokenKind::QuotedIdent, 1)) {
      p.take();
      q.parts.push_back(p.parseAnyIdent());
    } else if (p.at(TokenKind::Star, 1)) {
      p.take();
      const Token star = p.take();
      q.span = SourceSpan::cover(q.parts.front().span, q.parts.back().span);
      auto e = makeExpr(ExprKind::Star, SourceSpan::cover(q.span, star.span));
      e->name = std::move(q);
      return e;
    } else {
      break;
    }
  }
  q.span = SourceSpan::cover(q.parts.front().span, q.parts.back().span);
  if (p.at(TokenKind::LParen)) return p.parseCallRest(std::move(q));
  auto e = makeExpr(ExprKind::Column, q.span);
  e->name = std::move(q);
  return e;
}

ExprPtr parseParenthesized(Parser& p) {
  const Token open = p.take();
  // `(SELECT ...)` is a scalar subquery; `((SELECT 1) + 1)` is an expression around one.
  if (p.atWord("SELECT") || p.atWord("WITH") || p.atWord("VALUES")) {
    auto e = makeExpr(ExprKind::ScalarSubquery, open.span);
    e->query = p.parseQuery();
    p.expect(TokenKind::RParen);
    e->span = p.spanFrom(open.span);
    return p.seal(std::move(e));
  }
  ExprPtr first = p.parseExpr();
  if (!p.at(TokenKind::Comma)) {
    p.expect(TokenKind::RParen);
    return first;
  }
  // `(a, b)` is Spark's row constructor, i.e. struct(a, b).
  auto e = makeExpr(ExprKind::Call, open.span);
  e->name.parts.push_back(ast::Ident{"struct", open.span});
  e->name.span = open.span;
  e->args.push_back(std::move(first));
  while (p.accept(TokenKind::Comma)) e->args.push_back(p.parseExpr());
  p.expect(TokenKind::RParen, "',' or ')'");
  e->span = p.spanFrom(open.span);
  return p.seal(std::move(e));
}

ExprPtr parsePrimary(Parser& p) {
  const Token& t = p.peek();
  switch (t.kind) {
    case TokenKind::Integer:
    case TokenKind::Decimal:
      return parseNumber(p);
    case TokenKind::String:
      return p.parseStringLiteral();
    case TokenKind::Binary: {
      Token b = p.take();
      auto e = makeExpr(ExprKind::Literal, b.span);
      e->literalKind = ast::LiteralKind::Binary;
      e->text = std::move(b.text);
      return e;
    }
    case TokenKind::LParen:
      return parseParenthesized(p);
    case TokenKind::QuotedIdent:
      return parseNamePrimary(p);
    case TokenKind::Word:
      break;
    default:
      p.fail("an expression");
  }
  // Copy: peeking further may grow the token buffer and invalidate `t`.
  const std::string w = t.text;
  const TokenKind next = p.peek(1).kind;
  if (equalsIgnoreCase(w, "NULL")) {
    auto e = makeExpr(ExprKind::Literal, p.take().span);
    e->literalKind = ast::LiteralKind::Null;
    return e;
  }
  if (equalsIgnoreCase(w, "TRUE") || equalsIgnoreCase(w, "FALSE")) {
    Token b = p.take();
    auto e = makeExpr(ExprKind::Literal, b.span);
    e->literalKind = ast::LiteralKind::Boolean;
    e->text = asciiLower(b.text);
    return e;
  }
  if (equalsIgnoreCase(w, "CASE")) return parseCase(p);
  // EXISTS (SELECT ...); `exists(array, x -> ...)` stays the higher-order function.
  if (equalsIgnoreCase(w, "EXISTS") && next == TokenKind::LParen &&
      p.atQueryStart(2, /*tooDeep=*/false)) {
    const Token kw = p.take();
    p.take();
    auto e = makeExpr(ExprKind::Exists, kw.span);
    e->query = p.parseQuery();
    p.expect(TokenKind::RParen);
    e->span = p.spanFrom(kw.span);
    return p.seal(std::move(e));
  }
  if ((equalsIgnoreCase(w, "CAST") || equalsIgnoreCase(w, "TRY_CAST")) &&
      next == TokenKind::LParen) {
    return parseCast(p);
  }
  if (equalsIgnoreCase(w, "INTERVAL") &&
      (next == TokenKind::String || isNumber(next) ||
       ((next == TokenKind::Minus || next == TokenKind::Plus) && isNumber(p.peek(2).kind)))) {
    return parseInterval(p);
  }
  if (next == TokenKind::String) {
    if (equalsIgnoreCase(w, "DATE")) return parseTypedString(p, ast::LiteralKind::Date);
    if (equalsIgnoreCase(w, "TIMESTAMP") || equalsIgnoreCase(w, "TIMESTAMP_NTZ") ||
        equalsIgnoreCase(w, "TIMESTAMP_LTZ")) {
      // `suffix` keeps which one: "" (spark.sql.timestampType decides), "ntz" or "ltz".
      const std::string kind = asciiLower(w).substr(std::min<size_t>(w.size(), 10));
      ExprPtr e = parseTypedString(p, ast::LiteralKind::Timestamp);
      e->suffix = kind;
      return e;
    }
  }
  if (equalsIgnoreCase(w, "EXTRACT") && next == TokenKind::LParen && p.at(TokenKind::Word, 2) &&
      p.atWord("FROM", 3)) {
    return parseExtract(p);
  }
  if (p.atStandardCallForm()) return p.parseStandardCall();
  // Bare CURRENT_DATE / CURRENT_TIMESTAMP are the functions (Spark's currentLike rule).
  if ((equalsIgnoreCase(w, "CURRENT_DATE") || equalsIgnoreCase(w, "CURRENT_TIMESTAMP")) &&
      next != TokenKind::LParen && next != TokenKind::Dot) {
    const Token kw = p.take();
    auto e = makeExpr(ExprKind::Call, kw.span);
    e->name.parts.push_back(ast::Ident{kw.text, kw.span});
    e->name.span = kw.span;
    return p.seal(std::move(e));
  }
  // LEFT and RIGHT are reserved (join types) but also string functions.
  if (isReservedWord(w) && !p.isLambdaParam(w) &&
      !((equalsIgnoreCase(w, "LEFT") || equalsIgnoreCase(w, "RIGHT")) &&
        next == TokenKind::LParen)) {
    p.fail("an expression");
  }
  return parseNamePrimary(p);
}

// ---------------------------------------------------------------- operator levels

ExprPtr parsePostfix(Parser& p) {
  ExprPtr e = parsePrimary(p);
  while (true) {
    if (p.at(TokenKind::LBracket)) {
      p.take();
      auto s = makeExpr(ExprKind::Subscript, e->span);
      s->args = {e, p.parseExpr()};
      p.expect(TokenKind::RBracket);
      s->span = p.spanFrom(e->span);
      e = p.seal(std::move(s));
    } else if (p.at(TokenKind::Dot)) {
      p.take();
      if (p.at(TokenKind::Star)) {
        p.failAt(p.peek().span, "'.*' is only allowed after a column or table name");
      }
      ast::Ident field = p.parseAnyIdent("a field name");
      auto f = makeExpr(ExprKind::Field, SourceSpan::cover(e->span, field.span));
      f->text = std::move(field.name);
      f->args = {e};
      e = p.seal(std::move(f));
    } else if (p.at(TokenKind::DoubleColon)) {
      p.take();
      auto c = makeExpr(ExprKind::Cast, e->span);
      c->args = {e};
      c->castType = p.parseType();
      c->span = p.spanFrom(e->span);
      e = p.seal(std::move(c));
    } else {
      return e;
    }
  }
}

ExprPtr parseUnary(Parser& p) {
  const TokenKind k = p.peek().kind;
  if (k != TokenKind::Minus && k != TokenKind::Plus && k != TokenKind::Tilde) {
    return parsePostfix(p);
  }
  Parser::DepthGuard guard(p);
  const SourceSpan opSpan = p.take().span;
  ExprPtr x = parseUnary(p);
  // `-1` is a negative literal (as in Spark's grammar), so -9223372036854775808L fits a long.
  if (k == TokenKind::Minus && x->kind == ExprKind::Literal &&
      (x->literalKind == ast::LiteralKind::Integer ||
       x->literalKind == ast::LiteralKind::Decimal) &&
      !x->text.starts_with('-')) {
    x->text.insert(0, "-");
    x->span = SourceSpan::cover(opSpan, x->span);
    return x;
  }
  auto e = makeExpr(ExprKind::Unary, SourceSpan::cover(opSpan, x->span));
  e->unaryOp = k == TokenKind::Minus  ? ast::UnaryOp::Neg
               : k == TokenKind::Plus ? ast::UnaryOp::Plus
                                      : ast::UnaryOp::BitNot;
  e->args = {std::move(x)};
  return p.seal(std::move(e));
}

ExprPtr parseMultiplicative(Parser& p) {
  ExprPtr l = parseUnary(p);
  while (true) {
    BinaryOp op;
    if (p.at(TokenKind::Star))
      op = BinaryOp::Mul;
    else if (p.at(TokenKind::Slash))
      op = BinaryOp::Div;
    else if (p.at(TokenKind::Percent))
      op = BinaryOp::Mod;
    else if (p.atWord("DIV"))
      op = BinaryOp::IntDiv;
    else
      return l;
    p.take();
    l = makeBinary(p, op, l, parseUnary(p));
  }
}

ExprPtr parseAdditive(Parser& p) {
  ExprPtr l = parseMultiplicative(p);
  while (true) {
    BinaryOp op;
    if (p.at(TokenKind::Plus))
      op = BinaryOp::Add;
    else if (p.at(TokenKind::Minus))
      op = BinaryOp::Sub;
    else if (p.at(TokenKind::Concat))
      op = BinaryOp::Concat;
    else
      return l;
    p.take();
    l = makeBinary(p, op, l, parseMultiplicative(p));
  }
}

// One left-associative level with a single operator token.
template <ExprPtr (*Next)(Parser&)>
ExprPtr parseLevel(Parser& p, TokenKind tok, BinaryOp op) {
  ExprPtr l = Next(p);
  while (p.accept(tok)) l = makeBinary(p, op, l, Next(p));
  return l;
}

ExprPtr parseBitAnd(Parser& p) {
  return parseLevel<parseAdditive>(p, TokenKind::Amp, BinaryOp::BitAnd);
}
ExprPtr parseBitXor(Parser& p) {
  return parseLevel<parseBitAnd>(p, TokenKind::Caret, BinaryOp::BitXor);
}
ExprPtr parseBitOr(Parser& p) {
  return parseLevel<parseBitXor>(p, TokenKind::Pipe, BinaryOp::BitOr);
}

bool comparisonOp(TokenKind k, BinaryOp& op) {
  switch (k) {
    case TokenKind::Eq:
    case TokenKind::EqEq:
      op = BinaryOp::Eq;
      return true;
    case TokenKind::NullSafeEq:
      op = BinaryOp::NullSafeEq;
      return true;
    case TokenKind::LtGt:
    case TokenKind::BangEq:
      op = BinaryOp::Neq;
      return true;
    case TokenKind::Lt:
      op = BinaryOp::Lt;
      return true;
    case TokenKind::Le:
      op = BinaryOp::Le;
      return true;
    case TokenKind::Gt:
      op = BinaryOp::Gt;
      return true;
    case TokenKind::Ge:
      op = BinaryOp::Ge;
      return true;
    default:
      return false;
  }
}

bool atPredicateWord(Parser& p, size_t k) {
  for (const auto w : {"BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP"}) {
    if (p.atWord(w, k)) return true;
  }
  return false;
}

// x [NOT] LIKE|ILIKE ANY|SOME|ALL (p1, p2, ...): Spark's LikeAny / LikeAll / NotLikeAny /
// NotLikeAll, which are the OR (ANY, SOME) or AND (ALL) of one [NOT] LIKE per pattern, so
// SQL's three-valued OR / AND give their NULL rules (TRUE wins over NULL for ANY, FALSE for
// ALL). The keyword is positioned after LIKE / ILIKE.
ExprPtr parseLikeQuantified(Parser& p, const ExprPtr& x, ast::LikeKind kind, bool negated) {
  const bool all = p.atWord("ALL");
  p.take();
  p.expect(TokenKind::LParen);
  if (p.at(TokenKind::RParen))
    p.failAt(p.peek().span, "expected at least one pattern between '(' and ')'");
  ExprPtr out;
  do {
    auto like = makeExpr(ExprKind::Like, x->span);
    like->likeKind = kind;
    like->negated = negated;
    like->args = {x, p.parseExpr()};
    like->span = p.spanFrom(x->span);
    ExprPtr one = p.seal(std::move(like));
    out = out ? makeBinary(p, all ? BinaryOp::And : BinaryOp::Or, out, one) : one;
  } while (p.accept(TokenKind::Comma));
  p.expect(TokenKind::RParen, "',' or ')'");
  return out;
}

// x [NOT] BETWEEN | [NOT] IN | [NOT] LIKE/ILIKE/RLIKE/REGEXP | IS [NOT] ...
ExprPtr parsePredicate(Parser& p) {
  ExprPtr x = p.parseComparison();
  const bool negated = p.atNot() && atPredicateWord(p, 1);
  if (negated) p.take();
  ExprPtr e;
  if (p.acceptWord("BETWEEN")) {
    e = makeExpr(ExprKind::Between, x->span);
    ExprPtr lo = p.parseComparison();
    p.expectWord("AND");
    e->args = {x, lo, p.parseComparison()};
  } else if (p.atWord("IN")) {
    p.take();
    e = makeExpr(ExprKind::In, x->span);
    if (p.at(TokenKind::LParen) && p.atQueryStart(1, /*tooDeep=*/false)) {
      // x IN (SELECT ...): a row constructor `(a, b)` on the left compares column by column,
      // as Spark's getValueExpressions unpacks it.
      p.take();
      const bool row = x->kind == ExprKind::Call && x->name.parts.size() == 1 &&
                       x->name.parts[0].name == "struct" &&
                       x->name.span.end - x->name.span.begin == 1;  // named after its '('
      if (row) {
        e->args = x->args;
      } else {
        e->args.push_back(x);
      }
      e->query = p.parseQuery();
      p.expect(TokenKind::RParen);
      e->negated = negated;
      e->span = p.spanFrom(x->span);
      return p.seal(std::move(e));
    }
    p.expect(TokenKind::LParen);
    e->args.push_back(x);
    do {
      e->args.push_back(p.parseExpr());
    } while (p.accept(TokenKind::Comma));
    p.expect(TokenKind::RParen, "',' or ')'");
  } else if (p.atWord("LIKE") || p.atWord("ILIKE") || p.atWord("RLIKE") || p.atWord("REGEXP")) {
    const Token kw = p.take();
    const ast::LikeKind kind = equalsIgnoreCase(kw.text, "LIKE")    ? ast::LikeKind::Like
                               : equalsIgnoreCase(kw.text, "ILIKE") ? ast::LikeKind::ILike
                                                                    : ast::LikeKind::RLike;
    if (kind != ast::LikeKind::RLike && (p.atWord("ANY") || p.atWord("SOME") || p.atWord("ALL")) &&
        p.at(TokenKind::LParen, 1))
      return parseLikeQuantified(p, x, kind, negated);
    e = makeExpr(ExprKind::Like, x->span);
    e->likeKind = kind;
    e->args = {x, p.parseComparison()};
    if (e->likeKind != ast::LikeKind::RLike && p.acceptWord("ESCAPE")) {
      e->args.push_back(p.parseStringLiteral());
    }
  } else if (p.atWord("IS")) {
    p.take();
    const bool isNot = p.atNot();
    if (isNot) p.take();
    if (p.atWord("NULL") || p.atWord("UNKNOWN")) {
      p.take();
      e = makeExpr(ExprKind::IsNull, x->span);
      e->args = {x};
    } else if (p.atWord("TRUE") || p.atWord("FALSE")) {
      e = makeExpr(ExprKind::IsBool, x->span);
      e->boolValue = p.atWord("TRUE");
      p.take();
      e->args = {x};
    } else if (p.atWord("DISTINCT")) {
      // a IS DISTINCT FROM b == NOT (a <=> b)
      p.take();
      p.expectWord("FROM");
      ExprPtr eq = makeBinary(p, BinaryOp::NullSafeEq, x, p.parseComparison());
      if (isNot) return eq;
      auto n = makeExpr(ExprKind::Unary, eq->span);
      n->unaryOp = ast::UnaryOp::Not;
      n->args = {eq};
      return p.seal(std::move(n));
    } else {
      p.fail("NULL, TRUE, FALSE or DISTINCT FROM");
    }
    e->negated = isNot;
    e->span = p.spanFrom(x->span);
    return p.seal(std::move(e));
  } else {
    return x;
  }
  e->negated = negated;
  e->span = p.spanFrom(x->span);
  return p.seal(std::move(e));
}

ExprPtr parseNot(Parser& p) {
  if (!p.atNot()) return parsePredicate(p);
  Parser::DepthGuard guard(p);
  const SourceSpan opSpan = p.take().span;
  ExprPtr x = parseNot(p);
  auto e = makeExpr(ExprKind::Unary, SourceSpan::cover(opSpan, x->span));
  e->unaryOp = ast::UnaryOp::Not;
  e->args = {std::move(x)};
  return p.seal(std::move(e));
}

ExprPtr parseAnd(Parser& p) {
  ExprPtr l = parseNot(p);
  while (p.acceptWord("AND")) l = makeBinary(p, BinaryOp::And, l, parseNot(p));
  return l;
}

ExprPtr parseOr(Parser& p) {
  ExprPtr l = parseAnd(p);
  while (p.acceptWord("OR")) l = makeBinary(p, BinaryOp::Or, l, parseAnd(p));
  return l;
}

// One call argument: `expr` or `name => expr`.
// `x -> body` or `(x, y, ...) -> body` at the cursor, if one starts there.
bool atLambda(Parser& p) {
  if ((p.at(TokenKind::Word) || p.at(TokenKind::QuotedIdent)) && p.at(TokenKind::ThinArrow, 1))
    return true;
  if (!p.at(TokenKind::LParen)) return false;
  for (size_t k = 1;; k += 2) {
    if (!p.at(TokenKind::Word, k) && !p.at(TokenKind::QuotedIdent, k)) return false;
    if (p.at(TokenKind::RParen, k + 1)) return p.at(TokenKind::ThinArrow, k + 2);
    if (!p.at(TokenKind::Comma, k + 1)) return false;
  }
}

ExprPtr parseLambda(Parser& p) {
  const SourceSpan start = p.peek().span;
  auto e = makeExpr(ExprKind::Lambda, start);
  if (p.accept(TokenKind::LParen)) {
    do {
      e->lambdaParams.push_back(p.parseAnyIdent("a lambda parameter"));
    } while (p.accept(TokenKind::Comma));
    p.expect(TokenKind::RParen);
  } else {
    e->lambdaParams.push_back(p.parseAnyIdent("a lambda parameter"));
  }
  for (size_t i = 0; i < e->lambdaParams.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (equalsIgnoreCase(e->lambdaParams[i].name, e->lambdaParams[j].name))
        p.failAt(e->lambdaParams[i].span,
                 "lambda parameter '" + e->lambdaParams[i].name + "' is given twice");
  p.expect(TokenKind::ThinArrow);
  const size_t scope = p.lambdaParams().size();
  for (const auto& param : e->lambdaParams) p.lambdaParams().push_back(param.name);
  e->args = {p.parseExpr()};
  p.lambdaParams().resize(scope);
  e->span = p.spanFrom(start);
  return p.seal(std::move(e));
}

ExprPtr parseCallArg(Parser& p) {
  if (atLambda(p)) return parseLambda(p);
  // `*` is an argument of its own (struct(*)); it is not an operand elsewhere.
  if (p.at(TokenKind::Star) && (p.at(TokenKind::Comma, 1) || p.at(TokenKind::RParen, 1))) {
    return makeExpr(ExprKind::Star, p.take().span);
  }
  if ((p.at(TokenKind::Word) || p.at(TokenKind::QuotedIdent)) && p.at(TokenKind::Arrow, 1)) {
    Token name = p.take();
    p.take();
    auto e = makeExpr(ExprKind::NamedArg, name.span);
    e->text = std::move(name.text);
    e->args = {p.parseExpr()};
    e->span = p.spanFrom(name.span);
    return p.seal(std::move(e));
  }
  return p.parseExpr();
}

}  // namespace

ExprPtr Parser::parseExpr() {
  DepthGuard guard(*this);
  return parseOr(*this);
}

ExprPtr Parser::parseComparison() {
  ExprPtr l = parseBitOr(*this);
  BinaryOp op;
  while (comparisonOp(peek().kind, op)) {
    take();
    l = makeBinary(*this, op, l, parseBitOr(*this));
  }
  return l;
}

ExprPtr Parser::parseCallArgument() {
  return parseCallArg(*this);
}

ExprPtr Parser::parseCallRest(ast::QualifiedName name) {
  auto e = makeExpr(ExprKind::Call, name.span);
  e->name = std::move(name);
  expect(TokenKind::LParen);
  if (!at(TokenKind::RParen)) {
    if (acceptWord("DISTINCT")) {
      e->distinct = true;
    } else {
      acceptWord("ALL");
    }
    // Only count(*) is special (Spark's parser turns it into count(1)); in other calls, such
    // as struct(*), `*` is an ordinary star argument for the binder to expand.
    if (at(TokenKind::Star) && at(TokenKind::RParen, 1) && !e->distinct &&
        e->name.parts.size() == 1 && equalsIgnoreCase(e->name.parts[0].name, "count")) {
      take();
      e->starArg = true;
    } else {
      // struct(x AS name, ...) names its fields (Spark's `STRUCT '(' namedExpression, ... ')'`);
      // the named argument carries the field name to the binder.
      const bool isStruct =
          e->name.parts.size() == 1 && equalsIgnoreCase(e->name.parts[0].name, "struct");
      do {
        ExprPtr arg = parseCallArg(*this);
        if (isStruct && atWord("AS")) {
          take();
          Token name = take();
          if (name.kind != TokenKind::Word && name.kind != TokenKind::QuotedIdent)
            failAt(name.span, "expected a field name after AS");
          auto named = makeExpr(ExprKind::NamedArg, arg->span);
          named->text = std::move(name.text);
          named->args = {std::move(arg)};
          named->span = spanFrom(named->span);
          arg = seal(std::move(named));
        }
        e->args.push_back(std::move(arg));
      } while (accept(TokenKind::Comma));
    }
  }
  expect(TokenKind::RParen, "',' or ')'");
  // agg(x) FILTER (WHERE cond), before IGNORE NULLS and OVER as in Spark's grammar.
  if (atWord("FILTER") && at(TokenKind::LParen, 1) && atWord("WHERE", 2)) {
    take();
    take();
    take();
    e->filter = parseExpr();
    expect(TokenKind::RParen);
  }
  e->span = spanFrom(e->span);
  // f(x) IGNORE NULLS / RESPECT NULLS (first, last, lag, lead, nth_value, ...).
  if ((atWord("IGNORE") || atWord("RESPECT")) && atWord("NULLS", 1)) {
    const Token kw = take();
    take();
    e->ignoreNulls = equalsIgnoreCase(kw.text, "IGNORE");
    e->nullsSpan = spanFrom(kw.span);
  }
  if (atWord("OVER") && (at(TokenKind::LParen, 1) || atIdent(1))) {
    take();
    e->over = parseWindowSpec();
    e->span = spanFrom(e->span);
  }
  return seal(std::move(e));
}

ExprPtr Parser::parseStringLiteral() {
  Token t = expect(TokenKind::String, "a string");
  auto e = makeExpr(ExprKind::Literal, t.span);
  e->literalKind = ast::LiteralKind::String;
  e->text = std::move(t.text);
  // Adjacent string literals concatenate: 'a' 'b' is 'ab'.
  while (at(TokenKind::String)) {
    Token more = take();
    e->text += more.text;
    e->span = SourceSpan::cover(e->span, more.span);
  }
  return e;
}

}  // namespace sluice::detail
