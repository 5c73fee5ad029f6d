#include "frontend/lexer.h"

#include <gtest/gtest.h>

#include "frontend/parser_test_util.h"

namespace sluice {
namespace {

using testing::src;

std::vector<Token> lex(const std::string& text) {
  return tokenize(src(text));
}

std::string kinds(const std::string& text) {
  std::string out;
  for (const auto& t : lex(text)) {
    if (!out.empty()) out += ' ';
    out += tokenKindName(t.kind);
  }
  return out;
}

std::string lexError(const std::string& text) {
  return testing::renderedError([](const SourceFilePtr& f) { tokenize(f); }, text);
}

TEST(Lexer, WordsKeepTheirCase) {
  const auto t = lex("SELECT Window, `key`");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].kind, TokenKind::Word);
  EXPECT_EQ(t[0].text, "SELECT");
  EXPECT_EQ(t[1].text, "Window");
  EXPECT_EQ(t[3].kind, TokenKind::QuotedIdent);
  EXPECT_EQ(t[3].text, "key");
}

TEST(Lexer, Spans) {
  const auto t = lex("  ab\n  'x'");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].span.begin, 2u);
  EXPECT_EQ(t[0].span.end, 4u);
  EXPECT_EQ(t[1].span.begin, 7u);
  EXPECT_EQ(t[1].span.end, 10u);
  EXPECT_TRUE(t[1].span.known);
}

TEST(Lexer, QuotedIdentifierEscapes) {
  const auto t = lex("`a``b` `with space` ``");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].text, "a`b");
  EXPECT_EQ(t[1].text, "with space");
  EXPECT_EQ(t[2].text, "");
}

TEST(Lexer, IntegerLiterals) {
  const auto t = lex("1 1L 1s 1Y 0");
  ASSERT_EQ(t.size(), 5u);
  for (const auto& tok : t) EXPECT_EQ(tok.kind, TokenKind::Integer);
  EXPECT_EQ(t[0].suffix, "");
  EXPECT_EQ(t[1].suffix, "L");
  EXPECT_EQ(t[1].text, "1");
  EXPECT_EQ(t[2].suffix, "S");
  EXPECT_EQ(t[3].suffix, "Y");
}

TEST(Lexer, DecimalLiterals) {
  const auto t = lex("1.5 1.5D 1.5F 1.5BD 1e10 .5 1. 2E-3 7D 1bd");
  ASSERT_EQ(t.size(), 10u);
  for (const auto& tok : t) EXPECT_EQ(tok.kind, TokenKind::Decimal) << tok.text;
  EXPECT_EQ(t[0].text, "1.5");
  EXPECT_EQ(t[1].suffix, "D");
  EXPECT_EQ(t[2].suffix, "F");
  EXPECT_EQ(t[3].suffix, "BD");
  EXPECT_EQ(t[4].text, "1e10");
  EXPECT_EQ(t[5].text, ".5");
  EXPECT_EQ(t[6].text, "1.");
  EXPECT_EQ(t[7].text, "2E-3");
  EXPECT_EQ(t[8].text, "7");
  EXPECT_EQ(t[8].suffix, "D");
  EXPECT_EQ(t[9].suffix, "BD");
}

TEST(Lexer, LongestMatchLikeSpark) {
  // Spark's lexer reads `1abc` and `1Lx` as identifiers, `1.5abc` as 1.5 then abc.
  EXPECT_EQ(kinds("1abc 1Lx"), "an identifier an identifier");
  EXPECT_EQ(kinds("1.5abc"), "a number an identifier");
  EXPECT_EQ(kinds("1.5L"), "a number an identifier");
}

TEST(Lexer, DotAfterNameIsFieldAccess) {
  EXPECT_EQ(kinds("a.b"), "an identifier '.' an identifier");
  EXPECT_EQ(kinds("x[0].b"), "an identifier '[' an integer ']' '.' an identifier");
  EXPECT_EQ(kinds("+.5"), "'+' a number");
}

TEST(Lexer, StringEscapes) {
  // No doubled-quote escape in Spark: 'it''s' lexes as two strings (the parser joins them).
  const auto t = lex(R"('a\nb\t\\\'' "q\"x" 'it''s' "say \"hi\"" '\u0041\101\0z' 'a\%b\_' '\q')");
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[0].text, "a\nb\t\\'");
  EXPECT_EQ(t[1].text, "q\"x");
  EXPECT_EQ(t[2].text, "it");
  EXPECT_EQ(t[3].text, "s");
  EXPECT_EQ(t[4].text, "say \"hi\"");
  EXPECT_EQ(t[5].text, std::string("AA\0z", 4));
  EXPECT_EQ(t[6].text, "a\\%b\\_");  // LIKE wildcards stay escaped, as in Spark
  EXPECT_EQ(t[7].text, "q");
  for (const auto& tok : t) EXPECT_EQ(tok.kind, TokenKind::String);
}

TEST(Lexer, RawStrings) {
  const auto t = lex(R"(r'\d+' R"a\b")");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].text, "\\d+");
  EXPECT_EQ(t[1].text, "a\\b");
}

TEST(Lexer, BinaryLiteral) {
  const auto t = lex("X'0A1b' x''");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].kind, TokenKind::Binary);
  EXPECT_EQ(t[0].text, "0A1b");
  EXPECT_EQ(t[1].text, "");
  EXPECT_NE(lexError("X'0G'").find("invalid binary literal"), std::string::npos);
}

TEST(Lexer, Operators) {
  EXPECT_EQ(kinds("= == <=> <> != < <= > >= + - * / % ~ & | ^ || :: : => . , ( ) [ ] ; !"),
            "'=' '==' '<=>' '<>' '!=' '<' '<=' '>' '>=' '+' '-' '*' '/' '%' '~' '&' '|' '^' "
            "'||' '::' ':' '=>' '.' ',' '(' ')' '[' ']' ';' '!'");
  EXPECT_EQ(kinds("a<=>b"), "an identifier '<=>' an identifier");
  EXPECT_EQ(kinds("array<array<int>>"),
            "an identifier '<' an identifier '<' an identifier '>' '>'");
}

TEST(Lexer, Comments) {
  EXPECT_EQ(kinds("a -- comment\n b /* block */ c /* nested /* inner */ still */ d"),
            "an identifier an identifier an identifier an identifier");
  EXPECT_EQ(kinds("a--"), "an identifier");
  EXPECT_EQ(kinds("1 - -2"), "an integer '-' '-' an integer");
}

TEST(Lexer, Errors) {
  EXPECT_EQ(lexError("SELECT 'abc"),
            "test.sql:1:8: error: unterminated string literal\n"
            "  SELECT 'abc\n"
            "         ^");
  EXPECT_EQ(lexError("a\n/* x /* y */"),
            "test.sql:2:1: error: unterminated block comment\n"
            "  /* x /* y */\n"
            "  ^~");
  EXPECT_EQ(lexError("`abc"),
            "test.sql:1:1: error: unterminated quoted identifier\n"
            "  `abc\n"
            "  ^");
  EXPECT_EQ(lexError("a $ b"),
            "test.sql:1:3: error: unexpected character '$'\n"
            "  a $ b\n"
            "    ^");
  EXPECT_NE(lexError("'a\\").find("unterminated string literal"), std::string::npos);
  EXPECT_NE(lexError("a \x01").find("unexpected character '\\x01'"), std::string::npos);
  EXPECT_NE(lexError("a \xC3\xA9").find("unexpected character '\xC3\xA9'"), std::string::npos);
  EXPECT_NE(lexError("a \xFF").find("unexpected character '\\xFF'"), std::string::npos);
}

TEST(Lexer, EndTokenRepeats) {
  Lexer lexer(src("a"));
  EXPECT_EQ(lexer.next().kind, TokenKind::Word);
  const Token end = lexer.next();
  EXPECT_EQ(end.kind, TokenKind::End);
  EXPECT_EQ(end.span.begin, 1u);
  EXPECT_EQ(end.span.end, 1u);
  EXPECT_EQ(lexer.next().kind, TokenKind::End);
  // After trailing space and comments, End still points just past the last token.
  Lexer trailing(src("SELECT a FROM\n -- more\n\n"));
  Token t;
  while ((t = trailing.next()).kind != TokenKind::End) {
  }
  EXPECT_EQ(t.span.begin, 13u);
  EXPECT_EQ(t.span.end, 13u);
}

TEST(Lexer, ScanRawStopsAtSemicolonOutsideQuotes) {
  Lexer lexer(src("SET a = 'x;y' -- c;\n ; SELECT 1"));
  const RawText raw = lexer.scanRaw(3);
  EXPECT_EQ(raw.text, " a = 'x;y' \n ");
  EXPECT_EQ(raw.span.begin, 3u);
  EXPECT_EQ(raw.span.end, 21u);
  EXPECT_EQ(raw.contentEnd, 13u);
}

}  // namespace
}  // namespace sluice
