#pragma once
// Tokens produced by the lexer. Keywords are not a separate kind: Spark reserves almost
// nothing, so every bare word is a `Word` and the parser decides from context whether it is a
// keyword (`SELECT`) or an identifier (a column named `window`).
#include <string>
#include <string_view>

#include "frontend/source.h"

namespace sluice {

/// The lexical class of a token.
enum class TokenKind {
  End,          ///< end of input (empty span at the end of the text)
  Word,         ///< unquoted identifier or keyword
  QuotedIdent,  ///< `backquoted identifier` (text without quotes, ``` `` ``` unescaped)
  Integer,      ///< digits, optional Y/S/L suffix
  Decimal,      ///< digits with '.' or exponent, or any number with a D/F/BD suffix
  String,       ///< '...' or "..." (text unescaped)
  Binary,       ///< X'..' (text is the hex digits)
  // Operators and punctuation.
  Eq,           ///< =
  EqEq,         ///< ==
  NullSafeEq,   ///< <=>
  LtGt,         ///< <>
  BangEq,       ///< !=
  Lt,           ///< <
  Le,           ///< <=
  Gt,           ///< >
  Ge,           ///< >=
  Plus,         ///< +
  Minus,        ///< -
  Star,         ///< *
  Slash,        ///< /
  Percent,      ///< %
  Tilde,        ///< ~
  Amp,          ///< &
  Pipe,         ///< |
  Caret,        ///< ^
  Concat,       ///< ||
  Bang,         ///< ! (Spark's alternative spelling of NOT)
  DoubleColon,  ///< ::
  Colon,        ///< : (struct field types: `struct<a: int>`)
  Arrow,        ///< => (named arguments)
  ThinArrow,    ///< -> (lambda functions: `x -> x + 1`)
  Dot,          ///< .
  Comma,        ///< ,
  LParen,       ///< (
  RParen,       ///< )
  LBracket,     ///< [
  RBracket,     ///< ]
  Semicolon,    ///< ;
};

/// One token with its position in the source text.
struct Token {
  TokenKind kind = TokenKind::End;
  SourceSpan span;     ///< byte range of the token in the source text
  std::string text;    ///< Word: as written; QuotedIdent/String: unescaped content;
                       ///< Integer/Decimal: the digits without suffix; Binary: hex digits
  std::string suffix;  ///< Integer/Decimal: upper-case suffix ("L", "BD", ...) or empty
};

/// A short human-readable spelling of a token kind for messages (`')'`, `an identifier`).
std::string_view tokenKindName(TokenKind kind);

}  // namespace sluice
