#pragma once
// The hand-written lexer. It is a cursor over a SourceFile so the parser can pull tokens on
// demand and, for `SET key = value`, switch to reading raw text (Spark takes SET values
// verbatim, so they need not be valid tokens).
#include <cstdint>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "frontend/source.h"
#include "frontend/token.h"

namespace sluice {

/// Raw statement text read by Lexer::scanRaw.
struct RawText {
  std::string text;         ///< the text with comments removed (not trimmed)
  SourceSpan span;          ///< from the start position to just before the ';' (or end of text)
  uint32_t contentEnd = 0;  ///< end of the last character that is not space or comment
};

/// Splits query text into tokens. Throws ParseError on malformed input (unterminated string
/// or comment, invalid character, malformed binary literal).
class Lexer {
 public:
  explicit Lexer(SourceFilePtr file);

  /// The next token, skipping whitespace and comments; TokenKind::End at the end (repeatedly).
  /// The End token has an empty span just after the last token, so "unexpected end of input"
  /// points at the end of the last line with text, not past trailing newlines and comments.
  Token next();

  /// Byte offset where the next token scan starts.
  uint32_t position() const { return pos_; }

  /// Moves the cursor to `offset` (used after a raw scan); End would be reported there.
  void reset(uint32_t offset);

  /// Reads raw text from `from` up to (not including) the next ';' that is outside quotes and
  /// comments, or to the end of the text. Comments are dropped. Does not move the cursor.
  RawText scanRaw(uint32_t from) const;

 private:
  [[noreturn]] void fail(const std::string& message, uint32_t begin, uint32_t end) const;
  void skipSpaceAndComments();
  Token lexNumber(uint32_t begin);
  Token lexWord(uint32_t begin);
  Token lexQuotedIdent(uint32_t begin);
  Token lexString(uint32_t begin, uint32_t quoteAt, bool raw);
  Token lexBinary(uint32_t begin);
  Token lexOperator(uint32_t begin);

  SourceFilePtr file_;
  const std::string& text_;
  uint32_t pos_ = 0;
  TokenKind last_ = TokenKind::End;  ///< previous token, to tell `t.5` from `.5`
  uint32_t lastEnd_ = 0;             ///< end of the previous token
};

/// Lexes the whole text (without the final End token). For tests and tools.
std::vector<Token> tokenize(const SourceFilePtr& file);

}  // namespace sluice
