// Queries: WITH, set operations (INTERSECT binds tighter than UNION/EXCEPT, as in Spark),
// SELECT cores, top-level VALUES, parenthesized queries, ORDER BY and LIMIT.
#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

using ast::QueryBody;
using ast::QueryBodyKind;
using BodyPtr = std::shared_ptr<QueryBody>;

ast::SelectItem parseSelectItem(Parser& p) {
  ast::SelectItem item;
  if (p.at(TokenKind::Star)) {
    // A bare `*` is only an item, never an operand (`SELECT * + 1` is an error).
    item.expr = std::make_shared<ast::Expr>(ast::ExprKind::Star, p.take().span);
    item.span = item.expr->span;
    return item;
  }
  item.expr = p.parseExpr();
  if (p.acceptWord("AS")) {
    if (p.at(TokenKind::LParen)) {
      item.aliases = p.parseIdentList();  // AS (a, b) for multi-output generators
    } else {
      item.alias = p.parseIdent("an alias");
    }
  } else if (p.atIdent()) {
    item.alias = p.parseIdent();
  }
  item.span = p.spanFrom(item.expr->span);
  return item;
}

std::shared_ptr<ast::SelectCore> parseSelectCore(Parser& p) {
  const Token kw = p.take();  // SELECT
  auto core = std::make_shared<ast::SelectCore>();
  if (p.acceptWord("DISTINCT")) {
    core->distinct = true;
    // `WITHIN WATERMARK` (both words: `SELECT DISTINCT within` still selects a column).
    if (p.atWord("WITHIN") && p.atWord("WATERMARK", 1)) {
      p.take();
      p.take();
      core->withinWatermark = true;
    }
  } else {
    p.acceptWord("ALL");
  }
  do {
    core->items.push_back(parseSelectItem(p));
  } while (p.accept(TokenKind::Comma));
  if (p.acceptWord("FROM")) core->from = p.parseFrom();
  if (p.acceptWord("WHERE")) core->where = p.parseExpr();
  if (p.atWord("GROUP")) {
    p.take();
    p.expectWord("BY");
    if (p.atWord("ALL") && !p.at(TokenKind::LParen, 1)) {
      p.take();
      core->groupByAll = true;
    } else {
      do {
        core->groupBy.push_back(p.parseExpr());
      } while (p.accept(TokenKind::Comma));
    }
  }
  if (p.acceptWord("HAVING")) core->having = p.parseExpr();
  if (p.atWindowClause()) p.parseWindowClause(*core);
  core->span = p.spanFrom(kw.span);
  return core;
}

BodyPtr parseQueryPrimary(Parser& p) {
  auto body = std::make_shared<QueryBody>();
  const SourceSpan start = p.peek().span;
  if (p.atWord("SELECT")) {
    body->kind = QueryBodyKind::Select;
    body->select = parseSelectCore(p);
  } else if (p.atWord("VALUES")) {
    body->kind = QueryBodyKind::Values;
    body->values = p.parseValuesRelation();
    p.parseTableAlias(*body->values);
    body->values->span = p.spanFrom(start);
  } else if (p.at(TokenKind::LParen)) {
    Parser::DepthGuard guard(p);
    p.take();
    body->kind = QueryBodyKind::Nested;
    body->nested = p.parseQuery();
    p.expect(TokenKind::RParen);
  } else {
    p.fail("SELECT, VALUES, WITH or '('");
  }
  body->span = p.spanFrom(start);
  return body;
}

BodyPtr makeSetOp(Parser& p, ast::SetOpKind kind, BodyPtr l, BodyPtr r) {
  auto b = std::make_shared<QueryBody>();
  b->kind = QueryBodyKind::SetOp;
  b->setOp = kind;
  b->span = SourceSpan::cover(l->span, r->span);
  b->left = std::move(l);
  b->right = std::move(r);
  return p.seal(std::move(b));
}

void refuseAll(Parser& p, const char* op) {
  if (p.atWord("ALL")) p.failAt(p.peek().span, std::string(op) + " ALL is not supported");
  p.acceptWord("DISTINCT");
}

BodyPtr parseIntersectTerm(Parser& p) {
  BodyPtr l = parseQueryPrimary(p);
  while (p.acceptWord("INTERSECT")) {
    refuseAll(p, "INTERSECT");
    l = makeSetOp(p, ast::SetOpKind::Intersect, l, parseQueryPrimary(p));
  }
  return l;
}

BodyPtr parseSetOps(Parser& p) {
  BodyPtr l = parseIntersectTerm(p);
  while (true) {
    ast::SetOpKind kind;
    if (p.acceptWord("UNION")) {
      kind = p.acceptWord("ALL") ? ast::SetOpKind::UnionAll : ast::SetOpKind::UnionDistinct;
      if (kind == ast::SetOpKind::UnionDistinct) p.acceptWord("DISTINCT");
    } else if (p.acceptWord("EXCEPT") || p.acceptWord("MINUS")) {
      refuseAll(p, "EXCEPT");
      kind = ast::SetOpKind::Except;
    } else {
      return l;
    }
    l = makeSetOp(p, kind, l, parseIntersectTerm(p));
  }
}

}  // namespace

ast::OrderItem Parser::parseOrderItem() {
  Parser& p = *this;
  ast::OrderItem item;
  item.expr = p.parseExpr();
  if (p.acceptWord("DESC")) {
    item.ascending = false;
  } else {
    p.acceptWord("ASC");
  }
  if (p.atWord("NULLS") && (p.atWord("FIRST", 1) || p.atWord("LAST", 1))) {
    p.take();
    item.nullsFirst = p.atWord("FIRST");
    p.take();
  }
  return item;
}

bool Parser::atQueryStart(size_t k, bool tooDeep) {
  size_t i = k;
  // Bounded look-through of '(': deeper nesting fails on the depth guard anyway.
  while (at(TokenKind::LParen, i)) {
    // Deeper than any accepted input: the depth guard will report it.
    if (i - k > static_cast<size_t>(kMaxNestingDepth)) return tooDeep;
    ++i;
  }
  return atWord("SELECT", i) || atWord("WITH", i) || atWord("VALUES", i);
}

ast::QueryPtr Parser::parseQuery() {
  DepthGuard guard(*this);
  const SourceSpan start = peek().span;
  auto q = std::make_shared<ast::Query>();
  if (acceptWord("WITH")) {
    do {
      ast::Cte cte;
      cte.name = parseIdent("a query name");
      if (at(TokenKind::LParen)) cte.columns = parseIdentList();
      expectWord("AS");
      expect(TokenKind::LParen);
      cte.query = parseQuery();
      expect(TokenKind::RParen);
      q->ctes.push_back(std::move(cte));
    } while (accept(TokenKind::Comma));
  }
  q->body = parseSetOps(*this);
  if (atWord("ORDER")) {
    take();
    expectWord("BY");
    do {
      q->orderBy.push_back(parseOrderItem());
    } while (accept(TokenKind::Comma));
  }
  if (acceptWord("LIMIT")) {
    if (!acceptWord("ALL")) q->limit = parseExpr();
  }
  q->span = spanFrom(start);
  return q;
}

}  // namespace sluice::detail
