// Public entry points of the parser (see parser.h).
#include "frontend/parser.h"

#include "frontend/parser_impl.h"

namespace sluice {
namespace {

detail::Parser makeParser(const SourceFilePtr& file) {
  if (!file) throw ParseError("no query text given");
  return detail::Parser(file);
}

}  // namespace

ast::Script parseScript(const SourceFilePtr& file) {
  return makeParser(file).parseScript();
}

ast::ExprPtr parseExpression(const SourceFilePtr& file) {
  detail::Parser p = makeParser(file);
  ast::ExprPtr e = p.parseExpr();
  p.expect(TokenKind::End, "end of input");
  return e;
}

std::vector<ast::ColumnDef> parseSchema(const SourceFilePtr& file) {
  return makeParser(file).parseSchemaText();
}

ast::TypeSpec parseType(const SourceFilePtr& file) {
  detail::Parser p = makeParser(file);
  ast::TypeSpec t = p.parseType();
  p.expect(TokenKind::End, "end of input");
  return t;
}

}  // namespace sluice
