// Data types and DDL schema strings: `int`, `decimal(10,2)`, `array<map<string,int>>`,
// `struct<a: int, b string NOT NULL COMMENT 'x'>`, `a INT, b STRUCT<c: STRING>`.
#include <array>

#include "absl/strings/numbers.h"
#include "frontend/parser_impl.h"

namespace sluice::detail {
namespace {

struct ScalarType {
  std::string_view name;
  int minParams;
  int maxParams;
};

// Spark's primitive type names and their aliases; the planner maps aliases to types.
constexpr std::array<ScalarType, 26> kScalarTypes = {{
    {"boolean", 0, 0},  {"tinyint", 0, 0},   {"byte", 0, 0},          {"smallint", 0, 0},
    {"short", 0, 0},    {"int", 0, 0},       {"integer", 0, 0},       {"bigint", 0, 0},
    {"long", 0, 0},     {"float", 0, 0},     {"real", 0, 0},          {"double", 0, 0},
    {"decimal", 0, 2},  {"dec", 0, 2},       {"numeric", 0, 2},       {"string", 0, 0},
    {"varchar", 1, 1},  {"char", 1, 1},      {"character", 1, 1},     {"binary", 0, 0},
    {"date", 0, 0},     {"timestamp", 0, 0}, {"timestamp_ntz", 0, 0}, {"timestamp_ltz", 0, 0},
    {"interval", 0, 0}, {"void", 0, 0},
}};

const ScalarType* findScalar(const std::string& lower) {
  for (const auto& t : kScalarTypes) {
    if (t.name == lower) return &t;
  }
  return nullptr;
}

}  // namespace

ast::TypeSpec Parser::parseType() {
  DepthGuard guard(*this);
  if (!at(TokenKind::Word)) fail("a data type");
  const Token word = take();
  ast::TypeSpec t;
  t.name = asciiLower(word.text);
  if (t.name == "array") {
    expect(TokenKind::Lt, "'<'");
    t.children.push_back(parseType());
    expect(TokenKind::Gt, "'>'");
  } else if (t.name == "map") {
    expect(TokenKind::Lt, "'<'");
    t.children.push_back(parseType());
    expect(TokenKind::Comma, "','");
    t.children.push_back(parseType());
    expect(TokenKind::Gt, "'>'");
  } else if (t.name == "struct") {
    // `struct<>` lexes as STRUCT followed by the `<>` operator.
    if (!accept(TokenKind::LtGt)) {
      expect(TokenKind::Lt, "'<'");
      if (!at(TokenKind::Gt)) {
        do {
          t.fields.push_back(parseColumnDef(/*allowColon=*/true));
        } while (accept(TokenKind::Comma));
      }
      expect(TokenKind::Gt, "',' or '>'");
    }
  } else if (t.name == "interval" && (atWord("YEAR") || atWord("MONTH") || atWord("DAY") ||
                                      atWord("HOUR") || atWord("MINUTE") || atWord("SECOND"))) {
    // ANSI interval types: INTERVAL YEAR TO MONTH, INTERVAL DAY TO SECOND, INTERVAL HOUR, ...
    t.name += " " + asciiLower(take().text);
    if (atWord("TO")) {
      take();
      if (!at(TokenKind::Word)) fail("an interval field");
      t.name += " to " + asciiLower(take().text);
    }
  } else if (const ScalarType* scalar = findScalar(t.name)) {
    if (at(TokenKind::LParen) && scalar->maxParams > 0) {
      take();
      do {
        const Token n = expect(TokenKind::Integer, "an integer");
        int64_t v = 0;
        if (!n.suffix.empty() || !absl::SimpleAtoi(n.text, &v) || v > INT32_MAX) {
          failAt(n.span, "invalid parameter for type '" + t.name + "'");
        }
        t.params.push_back(v);
      } while (static_cast<int>(t.params.size()) < scalar->maxParams && accept(TokenKind::Comma));
      expect(TokenKind::RParen, "')'");
    }
    if (static_cast<int>(t.params.size()) < scalar->minParams) {
      failAt(word.span, "type '" + t.name + "' needs a length, e.g. " + t.name + "(10)");
    }
  } else {
    failAt(word.span, "unknown data type '" + word.text + "'");
  }
  t.span = spanFrom(word.span);
  return t;
}

ast::ColumnDef Parser::parseColumnDef(bool allowColon) {
  ast::ColumnDef f;
  f.name = parseAnyIdent("a field name");
  if (allowColon) accept(TokenKind::Colon);
  f.type = parseType();
  if (atWord("NOT")) {
    take();
    expectWord("NULL");
    f.notNull = true;
  }
  if (acceptWord("COMMENT")) f.comment = parseStringLiteral()->text;
  return f;
}

std::vector<ast::ColumnDef> Parser::parseSchemaText() {
  if (at(TokenKind::End)) return {};
  if (atWord("STRUCT") && (at(TokenKind::Lt, 1) || at(TokenKind::LtGt, 1))) {
    ast::TypeSpec t = parseType();
    expect(TokenKind::End, "end of input");
    return std::move(t.fields);
  }
  std::vector<ast::ColumnDef> out;
  do {
    out.push_back(parseColumnDef(/*allowColon=*/true));
  } while (accept(TokenKind::Comma));
  expect(TokenKind::End, "',' or end of input");
  return out;
}

}  // namespace sluice::detail
