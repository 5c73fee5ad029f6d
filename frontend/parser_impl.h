#pragma once
// Internal to the frontend: the recursive-descent parser shared by parser_*.cpp. Each grammar
// area lives in its own file (expressions, queries, relations, statements, types); this header
// holds the token cursor, keyword tests, error helpers and the nesting guards they share.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontend/ast.h"
#include "frontend/error.h"
#include "frontend/lexer.h"
#include "frontend/text.h"

namespace sluice::detail {

/// Maximum recursion depth of the parser (parentheses, subqueries, nested types, NOT/unary
/// chains). Deeper input is a ParseError, never a stack overflow.
inline constexpr int kMaxNestingDepth = 256;

/// Maximum height of a syntax tree built by loops (`a + b + c ...`, join chains, UNION
/// chains). Later phases walk trees recursively; this keeps them within the stack.
inline constexpr uint32_t kMaxTreeHeight = 1000;

/// True if `word` (any case) is reserved: it can never be a bare column, table or alias name
/// (backquote it to use it as one).
bool isReservedWord(std::string_view word);

/// The recursive-descent parser over one SourceFile.
class Parser {
 public:
  explicit Parser(SourceFilePtr file);

  // ---- entry points (parser_statement.cpp)
  /// Statements separated by ';' up to the end of the text.
  ast::Script parseScript();
  /// One statement (without its ';').
  ast::StatementPtr parseStatement();

  // ---- expressions (parser_expr.cpp)
  /// A full expression (OR level).
  ast::ExprPtr parseExpr();
  ast::ExprPtr parseComparison();  ///< a value expression: no AND/OR/NOT/predicates
  /// `name(args)` after the name has been read (the cursor is on '(').
  ast::ExprPtr parseCallRest(ast::QualifiedName name);
  /// One call argument: an expression or `name => value`.
  ast::ExprPtr parseCallArgument();
  /// A window specification after OVER (or AS in a WINDOW clause): a name or `(...)`
  /// (parser_window.cpp).
  std::shared_ptr<ast::WindowSpec> parseWindowSpec();
  /// `WINDOW w AS (...), ...` into `core`.
  void parseWindowClause(ast::SelectCore& core);
  /// At `WINDOW name AS` (a WINDOW clause, not an alias named window).
  bool atWindowClause();
  /// `expr [ASC|DESC] [NULLS FIRST|LAST]` (ORDER BY items, window ORDER BY).
  ast::OrderItem parseOrderItem();
  /// A string literal (adjacent strings concatenated) at the cursor.
  ast::ExprPtr parseStringLiteral();
  /// At TRIM / SUBSTRING / SUBSTR / POSITION / OVERLAY followed by a non-empty argument list, which
  /// may use the SQL-standard keyword forms (parser_sql_forms.cpp).
  bool atStandardCallForm();
  /// One of those calls, as the plain call it means (the cursor is on the name).
  ast::ExprPtr parseStandardCall();

  // ---- types (parser_types.cpp)
  /// A data type: `int`, `decimal(10,2)`, `array<...>`, `map<...>`, `struct<...>`.
  ast::TypeSpec parseType();
  /// `name [:] type [NOT NULL] [COMMENT '...']`.
  ast::ColumnDef parseColumnDef(bool allowColon);
  /// A whole DDL schema string (column list or `struct<...>`), up to the end of the text.
  std::vector<ast::ColumnDef> parseSchemaText();

  // ---- queries and relations (parser_query.cpp, parser_relation.cpp)
  /// [WITH ...] body [ORDER BY ...] [LIMIT ...].
  ast::QueryPtr parseQuery();
  /// True if a query starts at token `k`: SELECT / WITH / VALUES, possibly after '('s. When
  /// the '('s go deeper than any accepted input, answers `tooDeep`.
  bool atQueryStart(size_t k = 0, bool tooDeep = true);
  /// The FROM list after the FROM keyword: joins, comma joins, then LATERAL VIEWs.
  ast::RelationPtr parseFrom();
  /// `VALUES row, ...` without an alias.
  ast::RelationPtr parseValuesRelation();
  /// `[AS] alias [(c1, c2)]` after a FROM item, if present.
  void parseTableAlias(ast::Relation& rel);

  // ---- token cursor
  /// The token `k` ahead of the cursor (End past the end). The reference is invalidated by
  /// the next peek/take, which may grow the buffer: copy what must outlive them.
  const Token& peek(size_t k = 0);
  /// Consumes and returns the current token (End stays put).
  Token take();
  /// True if the token `k` ahead has kind `kind`.
  bool at(TokenKind kind, size_t k = 0) { return peek(k).kind == kind; }
  /// Consumes the current token if it has kind `kind`.
  bool accept(TokenKind kind);
  /// Consumes a token of kind `kind` or fails with "expected <what>" (default: the kind).
  Token expect(TokenKind kind, std::string_view what = {});
  /// True if the token at `k` is the unquoted word `kw` (upper-case, compared case-insensitively).
  bool atWord(std::string_view kw, size_t k = 0);
  /// Consumes the word `kw` if it is next.
  bool acceptWord(std::string_view kw);
  /// Consumes the word `kw` or fails with "expected <kw>".
  Token expectWord(std::string_view kw);
  /// NOT or its alternative spelling '!'.
  bool atNot(size_t k = 0) { return atWord("NOT", k) || at(TokenKind::Bang, k); }
  /// A token that can name something: an unreserved word or a quoted identifier.
  bool atIdent(size_t k = 0);
  /// An unreserved word or quoted identifier, or fails with "expected <what>".
  ast::Ident parseIdent(std::string_view what = "an identifier");
  /// Any word (reserved or not) or quoted identifier: field names after '.', option keys.
  ast::Ident parseAnyIdent(std::string_view what = "an identifier");
  /// `a.b.c`: a name (see parseIdent), then any words after dots.
  ast::QualifiedName parseQualifiedName(std::string_view what);
  std::vector<ast::Ident> parseIdentList();  ///< '(' ident, ... ')'

  /// End offset of the last consumed token (for node spans).
  uint32_t lastEnd() const { return lastEnd_; }
  /// From the start of `start` to the end of the last consumed token.
  SourceSpan spanFrom(SourceSpan start) const {
    return SourceSpan::of(start.begin, std::max(start.begin, lastEnd_));
  }

  // ---- errors
  /// Throws `syntax error at or near '<tok>': expected <what>` (or `unexpected end of input`).
  [[noreturn]] void fail(std::string_view what);
  /// Throws ParseError(message) pointing at `span`.
  [[noreturn]] void failAt(SourceSpan span, std::string message);
  /// How a token is shown in messages: its source text, shortened.
  std::string describe(const Token& t) const;

  // ---- guards against unbounded recursion and tree height
  /// Counts one level of recursion for its lifetime; fails past kMaxNestingDepth.
  class DepthGuard {
   public:
    explicit DepthGuard(Parser& p);
    ~DepthGuard() { --p_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& p_;
  };
  /// Records the height of a finished node from its children's; throws when it exceeds
  /// kMaxTreeHeight. Returns `e` for chaining.
  ast::ExprPtr seal(ast::ExprPtr e);
  ast::RelationPtr seal(ast::RelationPtr r);
  std::shared_ptr<ast::QueryBody> seal(std::shared_ptr<ast::QueryBody> b);

  /// Parameters of the lambda functions whose bodies are being parsed: inside them a
  /// reserved word that names one (Spark's docs write `(left, right) -> ...`) is a column.
  std::vector<std::string>& lambdaParams() { return lambdaParams_; }
  bool isLambdaParam(std::string_view word) const {
    for (const auto& p : lambdaParams_)
      if (equalsIgnoreCase(p, word)) return true;
    return false;
  }

  /// The text being parsed.
  const SourceFilePtr& file() const { return file_; }
  /// The underlying lexer (for raw scans).
  Lexer& lexer() { return lexer_; }
  /// Drops lookahead tokens and restarts lexing at `offset` (after a raw SET scan).
  void relex(uint32_t offset, uint32_t lastEnd);

 private:
  uint32_t heightOf(const void* node) const;
  void setHeight(const void* node, uint32_t h, SourceSpan span);

  SourceFilePtr file_;
  Lexer lexer_;
  std::vector<Token> tokens_;  ///< lexed tokens; [pos_, end) is lookahead
  size_t pos_ = 0;
  uint32_t lastEnd_ = 0;
  int depth_ = 0;                                      ///< current recursion depth
  std::unordered_map<const void*, uint32_t> heights_;  ///< heights of nodes taller than 1
  std::vector<std::string> lambdaParams_;
};

}  // namespace sluice::detail
