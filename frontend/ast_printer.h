#pragma once
// Printing the AST: back to SQL text (for messages, EXPLAIN and tests) and as an indented
// tree (the "Parsed" section of `sluice explain`).
#include <string>

#include "frontend/ast.h"

namespace sluice {

/// SQL text of an expression. Every operator application is parenthesized, so the text
/// shows how the expression was grouped: `1 + 2 * 3` prints as `(1 + (2 * 3))`. The result
/// parses back to the same tree.
std::string toSql(const ast::Expr& e);
/// `(PARTITION BY ... ORDER BY ... frame)` or the window's name.
std::string windowSql(const ast::WindowSpec& w);

/// Spark DDL spelling of a type: `int`, `decimal(10,2)`, `struct<a:int,b:array<string>>`.
std::string toSql(const ast::TypeSpec& t);

/// A type as Spark's DataType.sql writes it (`INT`, `DECIMAL(10,2)`, `ARRAY<STRING>`,
/// `MAP<STRING, INT>`, `STRUCT<a: INT>`): how CAST prints in expression text and column names.
std::string sparkTypeSql(const ast::TypeSpec& t);

/// A string literal as SQL: single-quoted, with `\\`, `\'`, newlines, tabs and other control
/// characters escaped so that it lexes back to the same text.
std::string quoteString(const std::string& s);

/// An identifier as SQL: backquoted when it is not a plain name or is reserved.
std::string quoteIdent(const std::string& name);

/// A compact, stable, indented tree of a statement, one node per line, e.g.
///   Query
///     Select distinct=false
///       item: (a + 1) AS x
///       from: Table t
std::string dump(const ast::Statement& s);

}  // namespace sluice
