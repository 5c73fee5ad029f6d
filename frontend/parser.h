#pragma once
// Entry points of the hand-written lexer and recursive-descent parser.
// All functions throw sluice::ParseError (with file, span and a clear message) on bad input
// and never crash, hang or abort, whatever the input.
#include <map>
#include <string>
#include <vector>

#include "frontend/ast.h"
#include "frontend/error.h"

namespace sluice {

/// Parses a whole query file: statements separated by ';' (a trailing ';' is optional).
ast::Script parseScript(const SourceFilePtr& file);

/// Parses exactly one expression (the whole text must be consumed).
ast::ExprPtr parseExpression(const SourceFilePtr& file);

/// Parses a Spark DDL schema string: `a INT, b STRUCT<c: STRING, d: ARRAY<MAP<STRING, INT>>>`
/// (the `name type [NOT NULL] [COMMENT '...']` list; `name: type` is accepted too).
/// Also accepts a bare `STRUCT<...>` type, returning its fields.
std::vector<ast::ColumnDef> parseSchema(const SourceFilePtr& file);

/// Parses one data type: `int`, `array<struct<a:int>>`, `decimal(10,2)`.
ast::TypeSpec parseType(const SourceFilePtr& file);

/// Spark SQL variable substitution: replaces `${name}` (and `${hiveconf:name}`,
/// `${sluice:name}`) with `defines[name]`. An undefined variable is a ParseError pointing at it
/// (`fileName` names the text in that error).
std::string substituteVariables(const std::string& text,
                                const std::map<std::string, std::string>& defines,
                                const std::string& fileName);

}  // namespace sluice
