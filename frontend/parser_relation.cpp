// FROM clauses: tables, STREAM reads, table-valued functions, subqueries, VALUES, joins,
// comma joins, LATERAL VIEW and the Databricks watermark clause
//   FROM STREAM t WATERMARK ts DELAY OF INTERVAL 10 MINUTES [AS alias]
#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

using ast::Relation;
using ast::RelationKind;
using ast::RelationPtr;

RelationPtr makeRelation(RelationKind kind, SourceSpan span) {
  return std::make_shared<Relation>(kind, span);
}

RelationPtr parseJoinChain(Parser& p);

// `name` or `name(args)`.
RelationPtr parseTableOrFunction(Parser& p) {
  ast::QualifiedName name = p.parseQualifiedName("a table name");
  if (!p.at(TokenKind::LParen)) {
    auto r = makeRelation(RelationKind::Table, name.span);
    r->name = std::move(name);
    return r;
  }
  auto r = makeRelation(RelationKind::TableFunction, name.span);
  r->name = std::move(name);
  p.take();
  if (!p.at(TokenKind::RParen)) {
    do {
      r->args.push_back(p.parseCallArgument());
    } while (p.accept(TokenKind::Comma));
  }
  p.expect(TokenKind::RParen, "',' or ')'");
  r->span = p.spanFrom(r->span);
  return r;
}

RelationPtr parseRelationPrimary(Parser& p) {
  const SourceSpan start = p.peek().span;
  // STREAM t, STREAM(t), STREAM read_kafka(...). `stream` alone stays a table name.
  if (p.atWord("STREAM") && (p.atIdent(1) || p.at(TokenKind::LParen, 1))) {
    p.take();
    const bool paren = p.accept(TokenKind::LParen);
    RelationPtr r = parseTableOrFunction(p);
    r->stream = true;
    if (paren) p.expect(TokenKind::RParen);
    r->span = p.spanFrom(start);
    return r;
  }
  if (p.at(TokenKind::LParen)) {
    if (p.atQueryStart(1)) {
      p.take();
      auto r = makeRelation(RelationKind::Subquery, start);
      r->query = p.parseQuery();
      p.expect(TokenKind::RParen);
      r->span = p.spanFrom(start);
      return r;
    }
    // A parenthesized join: `(a JOIN b ON ...)`.
    p.take();
    RelationPtr r = parseJoinChain(p);
    p.expect(TokenKind::RParen);
    return r;
  }
  if (p.atWord("VALUES")) return p.parseValuesRelation();
  return parseTableOrFunction(p);
}

RelationPtr parseAliasedRelation(Parser& p) {
  Parser::DepthGuard guard(p);
  RelationPtr rel = parseRelationPrimary(p);
  p.parseTableAlias(*rel);
  if (p.atWord("WATERMARK")) {
    p.take();
    auto w = makeRelation(RelationKind::Watermark, rel->span);
    w->left = rel;
    w->eventTime = p.parseExpr();
    p.expectWord("DELAY");
    p.expectWord("OF");
    w->delay = p.parseExpr();
    w->span = p.spanFrom(rel->span);
    rel = p.seal(std::move(w));
    p.parseTableAlias(*rel);  // the alias names the watermarked relation
  }
  return rel;
}

// [NATURAL] [INNER | CROSS | LEFT [OUTER|SEMI|ANTI] | RIGHT [OUTER] | FULL [OUTER] | SEMI |
// ANTI] JOIN; returns false when no join follows.
bool parseJoinType(Parser& p, ast::JoinType& type, bool& natural) {
  natural = p.acceptWord("NATURAL");
  if (p.acceptWord("JOIN")) {
    type = ast::JoinType::Inner;
    return true;
  }
  if (p.acceptWord("INNER")) {
    type = ast::JoinType::Inner;
  } else if (p.acceptWord("CROSS")) {
    type = ast::JoinType::Cross;
  } else if (p.acceptWord("LEFT")) {
    if (p.acceptWord("SEMI")) {
      type = ast::JoinType::LeftSemi;
    } else if (p.acceptWord("ANTI")) {
      type = ast::JoinType::LeftAnti;
    } else {
      p.acceptWord("OUTER");
      type = ast::JoinType::LeftOuter;
    }
  } else if (p.acceptWord("RIGHT")) {
    p.acceptWord("OUTER");
    type = ast::JoinType::RightOuter;
  } else if (p.acceptWord("FULL")) {
    p.acceptWord("OUTER");
    type = ast::JoinType::FullOuter;
  } else if (p.acceptWord("SEMI")) {
    type = ast::JoinType::LeftSemi;
  } else if (p.acceptWord("ANTI")) {
    type = ast::JoinType::LeftAnti;
  } else {
    if (natural) p.fail("JOIN");
    return false;
  }
  p.expectWord("JOIN");
  return true;
}

RelationPtr parseJoinChain(Parser& p) {
  RelationPtr rel = parseAliasedRelation(p);
  ast::JoinType type;
  bool natural;
  while (parseJoinType(p, type, natural)) {
    auto j = makeRelation(RelationKind::Join, rel->span);
    j->joinType = type;
    j->natural = natural;
    j->left = rel;
    j->right = parseAliasedRelation(p);
    if (!natural) {
      if (p.acceptWord("ON")) {
        j->condition = p.parseExpr();
      } else if (p.acceptWord("USING")) {
        j->usingColumns = p.parseIdentList();
      }
    }
    j->span = p.spanFrom(rel->span);
    rel = p.seal(std::move(j));
  }
  return rel;
}

// LATERAL VIEW [OUTER] gen(args) [tbl] [[AS] c1, c2, ...]
RelationPtr parseLateralView(Parser& p, RelationPtr child) {
  p.take();  // LATERAL
  p.expectWord("VIEW");
  auto lv = makeRelation(RelationKind::LateralView, child->span);
  lv->left = child;
  lv->outer = p.acceptWord("OUTER");
  ast::QualifiedName name = p.parseQualifiedName("a generator function");
  if (!p.at(TokenKind::LParen)) p.fail("'('");
  lv->generator = p.parseCallRest(std::move(name));
  if (p.atIdent()) lv->alias = p.parseIdent();
  if (p.acceptWord("AS") || p.atIdent()) {
    do {
      lv->columnAliases.push_back(p.parseIdent("a column name"));
    } while (p.accept(TokenKind::Comma));
  }
  lv->span = p.spanFrom(child->span);
  return p.seal(std::move(lv));
}

}  // namespace

void Parser::parseTableAlias(ast::Relation& rel) {
  if (acceptWord("AS")) {
    rel.alias = parseIdent("an alias");
  } else if (atIdent() && !atWord("WATERMARK") && !atWindowClause()) {
    rel.alias = parseIdent();
  } else {
    return;
  }
  if (at(TokenKind::LParen)) rel.columnAliases = parseIdentList();
  rel.span = spanFrom(rel.span);
}

RelationPtr Parser::parseValuesRelation() {
  const Token kw = expectWord("VALUES");
  auto r = makeRelation(RelationKind::Values, kw.span);
  do {
    std::vector<ast::ExprPtr> row;
    if (accept(TokenKind::LParen)) {
      do {
        row.push_back(parseExpr());
      } while (accept(TokenKind::Comma));
      expect(TokenKind::RParen, "',' or ')'");
    } else {
      row.push_back(parseExpr());  // `VALUES 1, 2`: one-column rows
    }
    r->rows.push_back(std::move(row));
  } while (accept(TokenKind::Comma));
  r->span = spanFrom(kw.span);
  return r;
}

RelationPtr Parser::parseFrom() {
  RelationPtr rel = parseJoinChain(*this);
  while (at(TokenKind::Comma)) {
    take();
    auto j = makeRelation(RelationKind::Join, rel->span);
    j->joinType = ast::JoinType::Cross;
    j->left = rel;
    j->right = parseJoinChain(*this);
    j->span = spanFrom(rel->span);
    rel = seal(std::move(j));
  }
  // As in Spark, LATERAL VIEWs follow the whole FROM list.
  while (atWord("LATERAL")) rel = parseLateralView(*this, rel);
  return rel;
}

}  // namespace sluice::detail
