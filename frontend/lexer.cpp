#include "frontend/lexer.h"

#include <limits>

#include "absl/strings/ascii.h"

namespace sluice {
namespace {

bool isIdentStart(char c) {
  return absl::ascii_isalpha(c) || c == '_';
}
bool isIdentChar(char c) {
  return absl::ascii_isalnum(c) || c == '_';
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Appends code point `cp` as UTF-8 (lone surrogates become U+FFFD).
void appendUtf8(std::string& out, uint32_t cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A printable rendering of the character at `i` for "unexpected character" messages: the
// UTF-8 sequence when it is well formed, else `\xNN`. Sets `len` to the bytes it covers.
std::string describeChar(const std::string& text, uint32_t i, uint32_t& len) {
  const auto c = static_cast<unsigned char>(text[i]);
  len = 1;
  if (c >= 0x20 && c < 0x7F) return std::string(1, static_cast<char>(c));
  uint32_t need = 0;
  if (c >= 0xC2 && c <= 0xDF) need = 1;
  if (c >= 0xE0 && c <= 0xEF) need = 2;
  if (c >= 0xF0 && c <= 0xF4) need = 3;
  if (c >= 0x80 && need > 0 && i + need < text.size()) {
    bool ok = true;
    for (uint32_t k = 1; k <= need; ++k) {
      ok = ok && (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (ok) {
      len = need + 1;
      return text.substr(i, len);
    }
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  return std::string{'\\', 'x', kHex[c >> 4], kHex[c & 15]};
}

}  // namespace

std::string_view tokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::End:
      return "end of input";
    case TokenKind::Word:
      return "an identifier";
    case TokenKind::QuotedIdent:
      return "a quoted identifier";
    case TokenKind::Integer:
      return "an integer";
    case TokenKind::Decimal:
      return "a number";
    case TokenKind::String:
      return "a string";
    case TokenKind::Binary:
      return "a binary literal";
    case TokenKind::Eq:
      return "'='";
    case TokenKind::EqEq:
      return "'=='";
    case TokenKind::NullSafeEq:
      return "'<=>'";
    case TokenKind::LtGt:
      return "'<>'";
    case TokenKind::BangEq:
      return "'!='";
    case TokenKind::Lt:
      return "'<'";
    case TokenKind::Le:
      return "'<='";
    case TokenKind::Gt:
      return "'>'";
    case TokenKind::Ge:
      return "'>='";
    case TokenKind::Plus:
      return "'+'";
    case TokenKind::Minus:
      return "'-'";
    case TokenKind::Star:
      return "'*'";
    case TokenKind::Slash:
      return "'/'";
    case TokenKind::Percent:
      return "'%'";
    case TokenKind::Tilde:
      return "'~'";
    case TokenKind::Amp:
      return "'&'";
    case TokenKind::Pipe:
      return "'|'";
    case TokenKind::Caret:
      return "'^'";
    case TokenKind::Concat:
      return "'||'";
    case TokenKind::Bang:
      return "'!'";
    case TokenKind::DoubleColon:
      return "'::'";
    case TokenKind::Colon:
      return "':'";
    case TokenKind::Arrow:
      return "'=>'";
    case TokenKind::ThinArrow:
      return "'->'";
    case TokenKind::Dot:
      return "'.'";
    case TokenKind::Comma:
      return "','";
    case TokenKind::LParen:
      return "'('";
    case TokenKind::RParen:
      return "')'";
    case TokenKind::LBracket:
      return "'['";
    case TokenKind::RBracket:
      return "']'";
    case TokenKind::Semicolon:
      return "';'";
  }
  return "a token";
}

Lexer::Lexer(SourceFilePtr file) : file_(std::move(file)), text_(file_->text) {
  // Spans are 32-bit; refuse texts they cannot address rather than wrap around.
  if (text_.size() >= std::numeric_limits<uint32_t>::max()) {
    throw ParseError("query text is too large (4 GiB or more)", file_, {});
  }
}

void Lexer::fail(const std::string& message, uint32_t begin, uint32_t end) const {
  throw ParseError(message, file_, SourceSpan::of(begin, end));
}

void Lexer::reset(uint32_t offset) {
  pos_ = std::min<uint32_t>(offset, text_.size());
  last_ = TokenKind::End;
  lastEnd_ = pos_;
}

void Lexer::skipSpaceAndComments() {
  const uint32_t n = text_.size();
  while (pos_ < n) {
    const char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else if (c == '-' && pos_ + 1 < n && text_[pos_ + 1] == '-') {
      while (pos_ < n && text_[pos_] != '\n') ++pos_;
    } else if (c == '/' && pos_ + 1 < n && text_[pos_ + 1] == '*') {
      // Block comments nest, as in Spark (SPARK-28880).
      const uint32_t start = pos_;
      int depth = 0;
      while (true) {
        if (pos_ + 1 >= n) fail("unterminated block comment", start, start + 2);
        if (text_[pos_] == '/' && text_[pos_ + 1] == '*') {
          ++depth;
          pos_ += 2;
        } else if (text_[pos_] == '*' && text_[pos_ + 1] == '/') {
          pos_ += 2;
          if (--depth == 0) break;
        } else {
          ++pos_;
        }
      }
    } else {
      break;
    }
  }
}

Token Lexer::next() {
  skipSpaceAndComments();
  const uint32_t n = text_.size();
  const uint32_t b = pos_;
  Token t;
  if (b >= n) {
    t.kind = TokenKind::End;
    t.span = SourceSpan::of(lastEnd_, lastEnd_);
    last_ = t.kind;
    return t;
  }
  const char c = text_[b];
  const char c1 = b + 1 < n ? text_[b + 1] : '\0';
  // A '.' right after a name, ')' or ']' is a field access, never the start of `.5`.
  const bool afterOperand = last_ == TokenKind::Word || last_ == TokenKind::QuotedIdent ||
                            last_ == TokenKind::RParen || last_ == TokenKind::RBracket;
  if (isDigit(c) || (c == '.' && isDigit(c1) && !afterOperand)) {
    t = lexNumber(b);
  } else if ((c == 'x' || c == 'X') && c1 == '\'') {
    t = lexBinary(b);
  } else if ((c == 'r' || c == 'R') && (c1 == '\'' || c1 == '"')) {
    t = lexString(b, b + 1, /*raw=*/true);
  } else if (isIdentStart(c)) {
    t = lexWord(b);
  } else if (c == '`') {
    t = lexQuotedIdent(b);
  } else if (c == '\'' || c == '"') {
    t = lexString(b, b, /*raw=*/false);
  } else {
    t = lexOperator(b);
  }
  last_ = t.kind;
  lastEnd_ = t.span.end;
  return t;
}

Token Lexer::lexWord(uint32_t b) {
  uint32_t i = b;
  while (i < text_.size() && isIdentChar(text_[i])) ++i;
  pos_ = i;
  return Token{TokenKind::Word, SourceSpan::of(b, i), text_.substr(b, i - b), ""};
}

Token Lexer::lexNumber(uint32_t b) {
  const uint32_t n = text_.size();
  uint32_t i = b;
  while (i < n && isDigit(text_[i])) ++i;
  bool fractional = false;
  if (i < n && text_[i] == '.') {
    fractional = true;
    ++i;
    while (i < n && isDigit(text_[i])) ++i;
  }
  if (i < n && (text_[i] == 'e' || text_[i] == 'E')) {
    uint32_t j = i + 1;
    if (j < n && (text_[j] == '+' || text_[j] == '-')) ++j;
    if (j < n && isDigit(text_[j])) {
      fractional = true;
      i = j;
      while (i < n && isDigit(text_[i])) ++i;
    }
  }
  const uint32_t digitsEnd = i;
  std::string suffix;
  auto upperAt = [&](uint32_t k) { return k < n ? absl::ascii_toupper(text_[k]) : '\0'; };
  if (upperAt(i) == 'B' && upperAt(i + 1) == 'D') {
    suffix = "BD";
  } else if (const char s = upperAt(i); s == 'D' || s == 'F') {
    suffix = std::string(1, s);
  } else if (!fractional && (s == 'L' || s == 'S' || s == 'Y')) {
    suffix = std::string(1, s);
  }
  const uint32_t numEnd = i + suffix.size();
  // Longest match, as Spark's ANTLR lexer: `1abc` and `1Lx` are identifiers.
  if (isDigit(text_[b])) {
    uint32_t w = b;
    while (w < n && isIdentChar(text_[w])) ++w;
    if (w > numEnd) return lexWord(b);
  }
  pos_ = numEnd;
  Token t;
  t.kind = (fractional || (!suffix.empty() && suffix != "L" && suffix != "S" && suffix != "Y"))
               ? TokenKind::Decimal
               : TokenKind::Integer;
  t.span = SourceSpan::of(b, numEnd);
  t.text = text_.substr(b, digitsEnd - b);
  t.suffix = std::move(suffix);
  return t;
}

Token Lexer::lexQuotedIdent(uint32_t b) {
  const uint32_t n = text_.size();
  std::string out;
  uint32_t i = b + 1;
  while (true) {
    if (i >= n) fail("unterminated quoted identifier", b, b + 1);
    if (text_[i] == '`') {
      if (i + 1 < n && text_[i + 1] == '`') {
        out += '`';
        i += 2;
        continue;
      }
      break;
    }
    out += text_[i++];
  }
  pos_ = i + 1;
  return Token{TokenKind::QuotedIdent, SourceSpan::of(b, pos_), std::move(out), ""};
}

Token Lexer::lexString(uint32_t b, uint32_t quoteAt, bool raw) {
  const uint32_t n = text_.size();
  const char quote = text_[quoteAt];
  std::string out;
  uint32_t i = quoteAt + 1;
  auto isOctal = [&](uint32_t k, char hi) { return k < n && text_[k] >= '0' && text_[k] <= hi; };
  while (true) {
    if (i >= n) fail("unterminated string literal", b, quoteAt + 1);
    const char c = text_[i];
    // Spark has no doubled-quote escape: 'it''s' is two adjacent literals, which the parser
    // concatenates ("its"). Quotes inside strings are written \' or with the other quote.
    if (c == quote) break;
    if (c != '\\' || raw) {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 >= n) fail("unterminated string literal", b, quoteAt + 1);
    const char e = text_[i + 1];
    i += 2;
    // Spark's unescapeSQLString.
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'Z':
        out += '\x1A';
        break;
      case '%':
        out += "\\%";
        break;  // kept escaped: they are LIKE wildcards
      case '_':
        out += "\\_";
        break;
      case 'u': {
        uint32_t cp = 0;
        bool ok = i + 4 <= n;
        for (uint32_t k = 0; ok && k < 4; ++k) {
          const char h = text_[i + k];
          ok = absl::ascii_isxdigit(h);
          cp = cp * 16 + (isDigit(h) ? h - '0' : absl::ascii_tolower(h) - 'a' + 10);
        }
        if (ok) {
          appendUtf8(out, cp);
          i += 4;
        } else {
          out += 'u';
        }
        break;
      }
      default:
        if (e >= '0' && e <= '3' && isOctal(i, '7') && isOctal(i + 1, '7')) {
          out += static_cast<char>((e - '0') * 64 + (text_[i] - '0') * 8 + (text_[i + 1] - '0'));
          i += 2;
        } else if (e == '0') {
          out += '\0';
        } else {
          out += e;  // \\, \', \" and unknown escapes: the character itself
        }
    }
  }
  pos_ = i + 1;
  return Token{TokenKind::String, SourceSpan::of(b, pos_), std::move(out), ""};
}

Token Lexer::lexBinary(uint32_t b) {
  const uint32_t n = text_.size();
  uint32_t i = b + 2;
  while (i < n && text_[i] != '\'') ++i;
  if (i >= n) fail("unterminated binary literal", b, b + 2);
  std::string hex = text_.substr(b + 2, i - b - 2);
  for (const char h : hex) {
    if (!absl::ascii_isxdigit(h)) {
      fail("invalid binary literal: X'...' must contain only hexadecimal digits", b, i + 1);
    }
  }
  pos_ = i + 1;
  return Token{TokenKind::Binary, SourceSpan::of(b, pos_), std::move(hex), ""};
}

Token Lexer::lexOperator(uint32_t b) {
  const uint32_t n = text_.size();
  auto at = [&](uint32_t k) { return b + k < n ? text_[b + k] : '\0'; };
  TokenKind kind;
  uint32_t len = 1;
  switch (at(0)) {
    case '=':
      if (at(1) == '=')
        kind = TokenKind::EqEq, len = 2;
      else if (at(1) == '>')
        kind = TokenKind::Arrow, len = 2;
      else
        kind = TokenKind::Eq;
      break;
    case '<':
      if (at(1) == '=' && at(2) == '>')
        kind = TokenKind::NullSafeEq, len = 3;
      else if (at(1) == '=')
        kind = TokenKind::Le, len = 2;
      else if (at(1) == '>')
        kind = TokenKind::LtGt, len = 2;
      else
        kind = TokenKind::Lt;
      break;
    case '>':
      if (at(1) == '=')
        kind = TokenKind::Ge, len = 2;
      else
        kind = TokenKind::Gt;
      break;
    case '!':
      if (at(1) == '=')
        kind = TokenKind::BangEq, len = 2;
      else
        kind = TokenKind::Bang;
      break;
    case '|':
      if (at(1) == '|')
        kind = TokenKind::Concat, len = 2;
      else
        kind = TokenKind::Pipe;
      break;
    case ':':
      if (at(1) == ':')
        kind = TokenKind::DoubleColon, len = 2;
      else
        kind = TokenKind::Colon;
      break;
    case '+':
      kind = TokenKind::Plus;
      break;
    case '-':
      if (at(1) == '>')
        kind = TokenKind::ThinArrow, len = 2;
      else
        kind = TokenKind::Minus;
      break;
    case '*':
      kind = TokenKind::Star;
      break;
    case '/':
      kind = TokenKind::Slash;
      break;
    case '%':
      kind = TokenKind::Percent;
      break;
    case '~':
      kind = TokenKind::Tilde;
      break;
    case '&':
      kind = TokenKind::Amp;
      break;
    case '^':
      kind = TokenKind::Caret;
      break;
    case '.':
      kind = TokenKind::Dot;
      break;
    case ',':
      kind = TokenKind::Comma;
      break;
    case '(':
      kind = TokenKind::LParen;
      break;
    case ')':
      kind = TokenKind::RParen;
      break;
    case '[':
      kind = TokenKind::LBracket;
      break;
    case ']':
      kind = TokenKind::RBracket;
      break;
    case ';':
      kind = TokenKind::Semicolon;
      break;
    default: {
      uint32_t width = 1;
      const std::string shown = describeChar(text_, b, width);
      fail("unexpected character '" + shown + "'", b, b + width);
    }
  }
  pos_ = b + len;
  return Token{kind, SourceSpan::of(b, pos_), text_.substr(b, len), ""};
}

RawText Lexer::scanRaw(uint32_t from) const {
  const uint32_t n = text_.size();
  RawText raw;
  uint32_t i = std::min<uint32_t>(from, n);
  raw.contentEnd = i;
  while (i < n && text_[i] != ';') {
    const char c = text_[i];
    if (c == '\'' || c == '"' || c == '`') {
      // Copy the quoted run verbatim; an unterminated one runs to the end of the text and
      // is reported when the value is interpreted.
      uint32_t j = i + 1;
      while (j < n && text_[j] != c) j += (text_[j] == '\\' && c != '`' && j + 1 < n) ? 2 : 1;
      j = std::min(j + 1, n);
      raw.text.append(text_, i, j - i);
      i = j;
      raw.contentEnd = j;
    } else if (c == '-' && i + 1 < n && text_[i + 1] == '-') {
      while (i < n && text_[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && text_[i + 1] == '*') {
      const uint32_t start = i;
      int depth = 0;
      while (i < n) {
        if (i + 1 < n && text_[i] == '/' && text_[i + 1] == '*') {
          ++depth, i += 2;
        } else if (i + 1 < n && text_[i] == '*' && text_[i + 1] == '/') {
          i += 2;
          if (--depth == 0) break;
        } else {
          ++i;
        }
      }
      if (depth > 0) fail("unterminated block comment", start, start + 2);
      raw.text += ' ';
    } else {
      raw.text += c;
      ++i;
      if (!absl::ascii_isspace(static_cast<unsigned char>(c))) raw.contentEnd = i;
    }
  }
  raw.span = SourceSpan::of(std::min<uint32_t>(from, n), i);
  return raw;
}

std::vector<Token> tokenize(const SourceFilePtr& file) {
  Lexer lexer(file);
  std::vector<Token> out;
  for (Token t = lexer.next(); t.kind != TokenKind::End; t = lexer.next()) out.push_back(t);
  return out;
}

}  // namespace sluice
