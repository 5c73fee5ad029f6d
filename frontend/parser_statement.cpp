// Statements: queries, CREATE VIEW / TABLE / STREAMING QUERY, DROP, INSERT, SET, EXPLAIN,
// and scripts of statements separated by ';'.
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

using ast::Statement;
using ast::StatementKind;
using ast::StatementPtr;

StatementPtr makeStatement(StatementKind kind, SourceSpan span) {
  return std::make_shared<Statement>(kind, span);
}

bool parseIfNotExists(Parser& p) {
  if (!p.atWord("IF")) return false;
  p.take();
  p.expectWord("NOT");
  p.expectWord("EXISTS");
  return true;
}

// OPTIONS (key 'value', 'k.x' 'v', k.y = 1, flag true)
std::vector<ast::Option> parseOptions(Parser& p) {
  p.expect(TokenKind::LParen);
  std::vector<ast::Option> out;
  do {
    ast::Option o;
    if (p.at(TokenKind::String)) {
      Token k = p.take();
      o.key = std::move(k.text);
      o.keySpan = k.span;
    } else {
      // Dotted keys may contain reserved words: kafka.group.id.
      ast::Ident first = p.parseAnyIdent("an option name");
      o.key = first.name;
      o.keySpan = first.span;
      while (p.at(TokenKind::Dot)) {
        p.take();
        ast::Ident part = p.parseAnyIdent("an option name");
        o.key += "." + part.name;
        o.keySpan = SourceSpan::cover(o.keySpan, part.span);
      }
    }
    p.accept(TokenKind::Eq);
    const SourceSpan valueStart = p.peek().span;
    if (p.at(TokenKind::String)) {
      o.value = p.take().text;
    } else if (p.atWord("TRUE") || p.atWord("FALSE")) {
      o.value = asciiLower(p.take().text);
    } else {
      bool negative = false;
      if (p.at(TokenKind::Minus) || p.at(TokenKind::Plus)) {
        negative = p.take().kind == TokenKind::Minus;
      }
      if (!p.at(TokenKind::Integer) && !p.at(TokenKind::Decimal)) {
        p.fail("an option value (a string, number or boolean)");
      }
      const Token n = p.take();
      o.value = absl::StrCat(negative ? "-" : "", n.text, n.suffix);
    }
    o.valueSpan = p.spanFrom(valueStart);
    for (const auto& prev : out) {
      if (prev.key == o.key) p.failAt(o.keySpan, "duplicate option '" + o.key + "'");
    }
    out.push_back(std::move(o));
  } while (p.accept(TokenKind::Comma));
  p.expect(TokenKind::RParen, "',' or ')'");
  return out;
}

StatementPtr parseCreateView(Parser& p, StatementPtr s) {
  p.take();  // VIEW
  s->kind = StatementKind::CreateView;
  s->ifNotExists = parseIfNotExists(p);
  s->name = p.parseQualifiedName("a view name");
  if (s->orReplace && s->ifNotExists) {
    p.failAt(s->name.span, "CREATE VIEW cannot use both OR REPLACE and IF NOT EXISTS");
  }
  if (p.accept(TokenKind::LParen)) {
    do {
      s->viewColumns.push_back(p.parseIdent("a column name"));
      if (p.acceptWord("COMMENT")) p.parseStringLiteral();  // documentation only
    } while (p.accept(TokenKind::Comma));
    p.expect(TokenKind::RParen, "',' or ')'");
  }
  p.expectWord("AS");
  s->query = p.parseQuery();
  return s;
}

StatementPtr parseCreateTable(Parser& p, StatementPtr s) {
  const Token kw = p.take();  // TABLE
  if (s->temporary) p.failAt(kw.span, "CREATE TEMPORARY TABLE is not supported; use a view");
  s->kind = StatementKind::CreateTable;
  s->ifNotExists = parseIfNotExists(p);
  s->name = p.parseQualifiedName("a table name");
  if (s->orReplace && s->ifNotExists) {
    p.failAt(s->name.span, "CREATE TABLE cannot use both OR REPLACE and IF NOT EXISTS");
  }
  if (p.accept(TokenKind::LParen)) {
    do {
      s->columns.push_back(p.parseColumnDef(/*allowColon=*/false));
    } while (p.accept(TokenKind::Comma));
    p.expect(TokenKind::RParen, "',' or ')'");
  }
  // Spark accepts these clauses in any order, each at most once.
  bool sawOptions = false, sawPartitioning = false;
  while (true) {
    const SourceSpan at = p.peek().span;
    if (p.acceptWord("USING")) {
      if (s->usingFormat) p.failAt(at, "duplicate USING clause");
      ast::QualifiedName fmt = p.parseQualifiedName("a data source format");
      s->usingFormat = ast::Ident{fmt.toString(), fmt.span};
    } else if (p.acceptWord("OPTIONS")) {
      if (sawOptions) p.failAt(at, "duplicate OPTIONS clause");
      sawOptions = true;
      s->options = parseOptions(p);
    } else if (p.atWord("PARTITIONED")) {
      if (sawPartitioning) p.failAt(at, "duplicate PARTITIONED BY clause");
      sawPartitioning = true;
      p.take();
      p.expectWord("BY");
      s->partitionBy = p.parseIdentList();
    } else {
      break;
    }
  }
  if (p.acceptWord("AS")) {
    if (!p.atQueryStart()) p.fail("a query");
    s->query = p.parseQuery();
  } else if (p.atQueryStart()) {
    s->query = p.parseQuery();
  }
  return s;
}

// INSERT INTO|OVERWRITE [TABLE] name query, into `s` (also used by CREATE STREAMING QUERY).
void parseInsertBody(Parser& p, Statement& s) {
  if (p.acceptWord("OVERWRITE")) {
    s.overwrite = true;
  } else if (!p.acceptWord("INTO")) {
    p.fail("INTO or OVERWRITE");
  }
  p.acceptWord("TABLE");
  s.name = p.parseQualifiedName("a table name");
  if (!p.atQueryStart()) p.fail("a query");
  s.query = p.parseQuery();
}

StatementPtr parseCreateStreamingQuery(Parser& p, StatementPtr s) {
  const Token kw = p.take();  // STREAMING
  if (s->temporary) p.failAt(kw.span, "a streaming query cannot be TEMPORARY");
  p.expectWord("QUERY");
  s->kind = StatementKind::CreateStreamingQuery;
  s->ifNotExists = parseIfNotExists(p);
  s->queryName = p.parseIdent("a query name");
  if (p.acceptWord("OPTIONS")) s->options = parseOptions(p);
  p.expectWord("AS");
  p.expectWord("INSERT");
  parseInsertBody(p, *s);
  return s;
}

StatementPtr parseCreate(Parser& p, SourceSpan start) {
  p.take();  // CREATE
  auto s = makeStatement(StatementKind::CreateTable, start);
  if (p.acceptWord("OR")) {
    p.expectWord("REPLACE");
    s->orReplace = true;
  }
  s->temporary = p.acceptWord("TEMPORARY") || p.acceptWord("TEMP");
  if (p.atWord("VIEW")) return parseCreateView(p, std::move(s));
  if (p.atWord("TABLE")) return parseCreateTable(p, std::move(s));
  if (p.atWord("STREAMING")) return parseCreateStreamingQuery(p, std::move(s));
  p.fail("TABLE, VIEW or STREAMING QUERY");
}

StatementPtr parseDrop(Parser& p, SourceSpan start) {
  p.take();  // DROP
  auto s = makeStatement(StatementKind::Drop, start);
  if (p.acceptWord("VIEW")) {
    s->isView = true;
  } else if (!p.acceptWord("TABLE")) {
    p.fail("TABLE or VIEW");
  }
  if (p.atWord("IF")) {
    p.take();
    p.expectWord("EXISTS");
    s->ifExists = true;
  }
  s->name = p.parseQualifiedName(s->isView ? "a view name" : "a table name");
  return s;
}

// SET, SET key, SET key = value. Like Spark, the rest of the statement is raw text, so
// values need not be valid tokens (paths, host:port lists, ...).
StatementPtr parseSet(Parser& p, SourceSpan start) {
  const Token kw = p.take();
  auto s = makeStatement(StatementKind::Set, start);
  // SET TIME ZONE LOCAL | 'zone' | INTERVAL ...: spark.sql.session.timeZone.
  if (p.atWord("TIME") && p.atWord("ZONE", 1)) {
    p.take();
    p.take();
    s->setKey = "spark.sql.session.timeZone";
    s->setHasValue = true;
    if (p.acceptWord("LOCAL")) {
      s->setTimeZoneLocal = true;
    } else if (p.at(TokenKind::String)) {
      s->setValue = p.parseStringLiteral()->text;
    } else if (p.atWord("INTERVAL")) {
      s->setTimeZoneInterval = p.parseComparison();
    } else {
      p.fail("LOCAL, a time zone id string or an INTERVAL");
    }
    return s;
  }
  const RawText raw = p.lexer().scanRaw(kw.span.end);
  p.relex(raw.span.end, std::max(kw.span.end, raw.contentEnd));
  const std::string text(absl::StripAsciiWhitespace(raw.text));
  if (text.empty()) return s;
  const size_t eq = text.find('=');
  std::string key(absl::StripAsciiWhitespace(text.substr(0, eq)));
  uint32_t keyBegin = raw.span.begin;
  while (keyBegin < raw.contentEnd &&
         absl::ascii_isspace(static_cast<unsigned char>(p.file()->text[keyBegin]))) {
    ++keyBegin;
  }
  const SourceSpan where = SourceSpan::of(keyBegin, std::max(keyBegin, raw.contentEnd));
  if (key.size() >= 2 && key.front() == '`' && key.back() == '`')
    key = key.substr(1, key.size() - 2);
  if (key.empty()) p.failAt(where, "SET: expected a configuration key before '='");
  for (const char c : key) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      p.failAt(where, "SET: invalid configuration key '" + key + "' (use SET key = value)");
    }
  }
  s->setKey = std::move(key);
  if (eq == std::string::npos) return s;
  s->setHasValue = true;
  std::string value(absl::StripAsciiWhitespace(text.substr(eq + 1)));
  // One quoted string is unquoted and unescaped: SET a = 'x y' sets "x y".
  if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
      value.back() == value.front()) {
    try {
      const auto tokens = tokenize(std::make_shared<SourceFile>(SourceFile{p.file()->name, value}));
      if (tokens.size() == 1 && tokens[0].kind == TokenKind::String) value = tokens[0].text;
    } catch (const ParseError&) {
      // Not a well-formed literal: keep the raw text.
    }
  }
  s->setValue = std::move(value);
  return s;
}

// [FROM | IN] database: sluice has one namespace, checked by the planner.
void parseDatabase(Parser& p, Statement& s) {
  if (p.acceptWord("FROM") || p.acceptWord("IN")) s.database = p.parseAnyIdent("a database name");
}

// [LIKE] 'pattern' (or, for functions, a bare name).
void parsePattern(Parser& p, Statement& s, bool nameAllowed) {
  const bool like = p.acceptWord("LIKE");
  const SourceSpan at = p.peek().span;
  if (p.at(TokenKind::String)) {
    s.pattern = p.parseStringLiteral()->text;
  } else if (nameAllowed && (p.atIdent() || p.at(TokenKind::Word))) {
    s.pattern = p.parseQualifiedName("a function name").toString();
  } else if (like) {
    p.fail("a pattern string");
  } else {
    return;
  }
  s.patternSpan = p.spanFrom(at);
}

// SHOW TABLES | VIEWS [FROM db] [[LIKE] 'pattern'], SHOW [USER | SYSTEM | ALL] FUNCTIONS
// [[LIKE] pattern], SHOW COLUMNS FROM t [FROM db], SHOW CREATE TABLE t [AS SERDE].
StatementPtr parseShow(Parser& p, SourceSpan start) {
  p.take();  // SHOW
  auto s = makeStatement(StatementKind::Show, start);
  if (p.acceptWord("TABLES")) {
    s->showKind = ast::ShowKind::Tables;
    parseDatabase(p, *s);
    parsePattern(p, *s, false);
  } else if (p.acceptWord("VIEWS")) {
    s->showKind = ast::ShowKind::Views;
    parseDatabase(p, *s);
    parsePattern(p, *s, false);
  } else if (p.atWord("FUNCTIONS") ||
             ((p.atWord("USER") || p.atWord("SYSTEM") || p.atWord("ALL")) &&
              p.atWord("FUNCTIONS", 1))) {
    if (!p.atWord("FUNCTIONS")) s->functionScope = asciiLower(p.take().text);
    p.take();  // FUNCTIONS
    s->showKind = ast::ShowKind::Functions;
    if (p.atWord("FROM") || p.atWord("IN")) parseDatabase(p, *s);
    parsePattern(p, *s, true);
  } else if (p.acceptWord("COLUMNS")) {
    s->showKind = ast::ShowKind::Columns;
    if (!p.acceptWord("FROM") && !p.acceptWord("IN")) p.fail("FROM or IN");
    s->name = p.parseQualifiedName("a table name");
    parseDatabase(p, *s);
  } else if (p.acceptWord("CREATE")) {
    p.expectWord("TABLE");
    s->showKind = ast::ShowKind::CreateTable;
    s->name = p.parseQualifiedName("a table name");
    if (p.acceptWord("AS")) p.expectWord("SERDE");
  } else {
    p.fail("TABLES, VIEWS, FUNCTIONS, COLUMNS or CREATE TABLE");
  }
  return s;
}

// DESC | DESCRIBE [TABLE] [EXTENDED | FORMATTED] t [column], DESCRIBE FUNCTION [EXTENDED] f,
// DESCRIBE [QUERY] query.
StatementPtr parseDescribe(Parser& p, SourceSpan start) {
  p.take();  // DESC / DESCRIBE
  auto s = makeStatement(StatementKind::Describe, start);
  if (p.acceptWord("FUNCTION")) {
    s->describeKind = ast::DescribeKind::Function;
    s->extended = p.acceptWord("EXTENDED");
    if (p.at(TokenKind::String)) {
      const Token t = p.take();
      s->name.parts.push_back(ast::Ident{t.text, t.span});
      s->name.span = t.span;
    } else if (p.at(TokenKind::Word) || p.at(TokenKind::QuotedIdent)) {
      // Reserved words (`and`, `in`, `case`) name functions too.
      s->name = p.parseQualifiedName("a function name");
    } else {
      // Operators: DESCRIBE FUNCTION `+` is written with backquotes; accept a bare one too.
      const Token t = p.take();
      if (t.kind == TokenKind::End) p.fail("a function name");
      s->name.parts.push_back(ast::Ident{
          std::string(p.file()->text.substr(t.span.begin, t.span.end - t.span.begin)), t.span});
      s->name.span = t.span;
    }
    return s;
  }
  if (p.acceptWord("QUERY") || p.atQueryStart()) {
    s->describeKind = ast::DescribeKind::Query;
    if (!p.atQueryStart()) p.fail("a query");
    s->query = p.parseQuery();
    return s;
  }
  p.acceptWord("TABLE");
  s->describeKind = ast::DescribeKind::Table;
  s->extended = p.acceptWord("EXTENDED") || p.acceptWord("FORMATTED");
  s->name = p.parseQualifiedName("a table name");
  if (p.atIdent()) s->column = p.parseIdent("a column name");
  return s;
}

StatementPtr parseExplain(Parser& p, SourceSpan start) {
  p.take();  // EXPLAIN
  auto s = makeStatement(StatementKind::Explain, start);
  if (p.acceptWord("EXTENDED")) {
    s->explainMode = ast::ExplainMode::Extended;
  } else if (p.acceptWord("CODEGEN")) {
    s->explainMode = ast::ExplainMode::Codegen;
  } else if (p.acceptWord("FORMATTED")) {
    s->explainMode = ast::ExplainMode::Formatted;
  } else if (p.acceptWord("ASM")) {
    s->explainMode = ast::ExplainMode::Asm;
  }
  s->explained = p.parseStatement();
  return s;
}

}  // namespace

StatementPtr Parser::parseStatement() {
  DepthGuard guard(*this);
  const SourceSpan start = peek().span;
  StatementPtr s;
  if (atQueryStart()) {
    s = makeStatement(StatementKind::Query, start);
    s->query = parseQuery();
  } else if (atWord("CREATE")) {
    s = parseCreate(*this, start);
  } else if (atWord("DROP")) {
    s = parseDrop(*this, start);
  } else if (atWord("INSERT")) {
    s = makeStatement(StatementKind::Insert, start);
    take();
    parseInsertBody(*this, *s);
  } else if (atWord("SET")) {
    s = parseSet(*this, start);
  } else if (atWord("EXPLAIN")) {
    s = parseExplain(*this, start);
  } else if (atWord("SHOW")) {
    s = parseShow(*this, start);
  } else if (atWord("DESC") || atWord("DESCRIBE")) {
    s = parseDescribe(*this, start);
  } else {
    fail("a statement");
  }
  s->span = spanFrom(start);
  return s;
}

ast::Script Parser::parseScript() {
  ast::Script script;
  script.file = file();
  while (true) {
    while (accept(TokenKind::Semicolon)) {
    }
    if (at(TokenKind::End)) break;
    script.statements.push_back(parseStatement());
    if (!at(TokenKind::End)) expect(TokenKind::Semicolon, "';' or end of input");
  }
  return script;
}

}  // namespace sluice::detail
