// Queries: WITH, set operations (INTERSECT binds tighter than UNION/EXCEPT, as in Spark),
// SELECT cores, top-level VALUES, parenthesized queries, ORDER BY and LIMIT.
#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

using ast::QueryBody;
using ast::QueryBodyKind;
using BodyPtr = std::shared_ptr<QueryBody>;

// ROLLUP's sets are the prefixes of its elements, longest first; CUBE's every subset, in
// Spark's order (for (a, b): (a, b), (a), (b), ()).
std::vector<std::vector<size_t>> groupingSetsOf(const std::vector<std::vector<size_t>>& elems,
                                                bool cube) {
  std::vector<std::vector<size_t>> sets;
  if (!cube) {
    for (size_t n = elems.size() + 1; n-- > 0;) {
      std::vector<size_t> set;
      for (size_t i = 0; i < n; ++i) set.insert(set.end(), elems[i].begin(), elems[i].end());
      sets.push_back(std::move(set));
    }
    return sets;
  }
  sets.push_back({});
  for (size_t i = elems.size(); i-- > 0;) {
    std::vector<std::vector<size_t>> with;
    for (const auto& s : sets) {
      std::vector<size_t> set = elems[i];
      set.insert(set.end(), s.begin(), s.end());
      with.push_back(std::move(set));
    }
    with.insert(with.end(), sets.begin(), sets.end());
    sets = std::move(with);
  }
  return sets;
}

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

// GROUP BY items: expressions, ROLLUP (...), CUBE (...), GROUPING SETS (...), then an
// optional WITH ROLLUP | WITH CUBE over all of them (see SelectCore::groupingItems).
void parseGroupBy(Parser& p, ast::SelectCore& core) {
  using Set = std::vector<size_t>;
  bool analytics = false;
  std::vector<std::vector<Set>> items;
  auto expr = [&] {
    core.groupBy.push_back(p.parseExpr());
    return core.groupBy.size() - 1;
  };
  // `(a, b)` (also `()`) or `a`: the expressions of one set or ROLLUP / CUBE element.
  auto element = [&] {
    Set set;
    if (!p.accept(TokenKind::LParen)) return Set{expr()};
    if (!p.at(TokenKind::RParen)) {
      do {
        set.push_back(expr());
      } while (p.accept(TokenKind::Comma));
    }
    p.expect(TokenKind::RParen, "',' or ')'");
    return set;
  };
  auto elements = [&] {
    std::vector<Set> out;
    p.expect(TokenKind::LParen);
    do {
      out.push_back(element());
    } while (p.accept(TokenKind::Comma));
    p.expect(TokenKind::RParen, "',' or ')'");
    return out;
  };
  do {
    if ((p.atWord("ROLLUP") || p.atWord("CUBE")) && p.at(TokenKind::LParen, 1)) {
      const bool cube = p.atWord("CUBE");
      p.take();
      items.push_back(groupingSetsOf(elements(), cube));
      analytics = true;
    } else if (p.atWord("GROUPING") && p.atWord("SETS", 1)) {
      p.take();
      p.take();
      items.push_back(elements());
      analytics = true;
    } else {
      items.push_back({Set{expr()}});
    }
  } while (p.accept(TokenKind::Comma));
  if (p.atWord("WITH") && (p.atWord("ROLLUP", 1) || p.atWord("CUBE", 1))) {
    const SourceSpan with = p.take().span;
    const bool cube = p.atWord("CUBE");
    p.take();
    if (analytics)
      p.failAt(p.spanFrom(with),
               "WITH ROLLUP / WITH CUBE applies to plain GROUP BY expressions only");
    std::vector<Set> all;
    for (const auto& item : items) all.push_back(item.front());
    items = {groupingSetsOf(all, cube)};
    analytics = true;
  }
  if (analytics) core.groupingItems = std::move(items);
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
      parseGroupBy(p, *core);
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

// [ALL | DISTINCT] after EXCEPT / INTERSECT: true for ALL.
bool parseAll(Parser& p) {
  if (p.acceptWord("ALL")) return true;
  p.acceptWord("DISTINCT");
  return false;
}

BodyPtr parseIntersectTerm(Parser& p) {
  BodyPtr l = parseQueryPrimary(p);
  while (p.acceptWord("INTERSECT")) {
    const auto kind = parseAll(p) ? ast::SetOpKind::IntersectAll : ast::SetOpKind::Intersect;
    l = makeSetOp(p, kind, l, parseQueryPrimary(p));
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
      kind = parseAll(p) ? ast::SetOpKind::ExceptAll : ast::SetOpKind::Except;
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
