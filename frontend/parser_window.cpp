// Window specifications (Spark's windowSpec / windowFrame / windowClause):
//   f(args) [IGNORE NULLS | RESPECT NULLS] OVER name
//   f(args) [IGNORE NULLS | RESPECT NULLS] OVER ([PARTITION BY e, ...] [ORDER BY o, ...] [frame])
//   frame:  ROWS | RANGE  [BETWEEN] bound [AND bound]
//   bound:  UNBOUNDED PRECEDING | UNBOUNDED FOLLOWING | CURRENT ROW | expr PRECEDING | expr
//   FOLLOWING WINDOW w AS (spec) [, w2 AS w] after HAVING.
#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

ast::FrameBound parseFrameBound(Parser& p) {
  ast::FrameBound b;
  const SourceSpan start = p.peek().span;
  if (p.atWord("UNBOUNDED")) {
    p.take();
    if (p.acceptWord("PRECEDING")) {
      b.kind = ast::FrameBoundKind::UnboundedPreceding;
    } else if (p.acceptWord("FOLLOWING")) {
      b.kind = ast::FrameBoundKind::UnboundedFollowing;
    } else {
      p.fail("PRECEDING or FOLLOWING");
    }
  } else if (p.atWord("CURRENT")) {
    p.take();
    p.expectWord("ROW");
    b.kind = ast::FrameBoundKind::CurrentRow;
  } else {
    b.offset = p.parseComparison();
    if (p.acceptWord("PRECEDING")) {
      b.kind = ast::FrameBoundKind::Preceding;
    } else if (p.acceptWord("FOLLOWING")) {
      b.kind = ast::FrameBoundKind::Following;
    } else {
      p.fail("PRECEDING or FOLLOWING");
    }
  }
  b.span = p.spanFrom(start);
  return b;
}

ast::WindowFrame parseFrame(Parser& p) {
  ast::WindowFrame f;
  const Token kw = p.take();  // ROWS / RANGE
  f.rows = equalsIgnoreCase(kw.text, "ROWS");
  if (p.acceptWord("BETWEEN")) {
    f.lower = parseFrameBound(p);
    p.expectWord("AND");
    f.upper = parseFrameBound(p);
  } else {
    // `ROWS n PRECEDING` is `ROWS BETWEEN n PRECEDING AND CURRENT ROW`.
    f.lower = parseFrameBound(p);
    f.upper.kind = ast::FrameBoundKind::CurrentRow;
    f.upper.span = f.lower.span;
  }
  f.span = p.spanFrom(kw.span);
  return f;
}

}  // namespace

std::shared_ptr<ast::WindowSpec> Parser::parseWindowSpec() {
  auto w = std::make_shared<ast::WindowSpec>();
  const SourceSpan start = peek().span;
  if (!at(TokenKind::LParen)) {
    w->name = parseIdent("a window name or '('");
    w->span = spanFrom(start);
    return w;
  }
  take();
  if (atIdent() && at(TokenKind::RParen, 1)) {
    w->name = parseIdent();  // OVER (w)
  } else {
    if (atWord("PARTITION") && atWord("BY", 1)) {
      take();
      take();
      do {
        w->partitionBy.push_back(parseExpr());
      } while (accept(TokenKind::Comma));
    }
    if (atWord("ORDER") && atWord("BY", 1)) {
      take();
      take();
      do {
        w->orderBy.push_back(parseOrderItem());
      } while (accept(TokenKind::Comma));
    }
    if (atWord("ROWS") || atWord("RANGE")) w->frame = parseFrame(*this);
  }
  expect(TokenKind::RParen, "PARTITION BY, ORDER BY, ROWS, RANGE or ')'");
  w->span = spanFrom(start);
  return w;
}

void Parser::parseWindowClause(ast::SelectCore& core) {
  expectWord("WINDOW");
  do {
    ast::Ident name = parseIdent("a window name");
    expectWord("AS");
    core.windows.emplace_back(std::move(name), *parseWindowSpec());
  } while (accept(TokenKind::Comma));
}

bool Parser::atWindowClause() {
  return atWord("WINDOW") && atIdent(1) && atWord("AS", 2);
}

}  // namespace sluice::detail
