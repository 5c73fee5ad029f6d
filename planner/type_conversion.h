#pragma once
// Maps written types (ast::TypeSpec from the parser) to planner types with Spark's names and
// aliases, and parses DDL schema strings (from_json, CREATE TABLE ... schema options).
#include <string>

#include "frontend/ast.h"
#include "planner/types.h"

namespace sluice {

/// `int`/`integer`, `long`, `decimal(10,2)`, `varchar(10)` (-> string), `array<...>`, ...
/// Throws AnalysisError("unsupported data type 'x'") at spec.span for unknown names.
TypePtr toDataType(const ast::TypeSpec& spec, const SourceFilePtr& file);

/// Parses a DDL schema string (`a INT, b STRUCT<c: STRING>`, or `STRUCT<...>`) into a struct
/// type. `where` names the text in error messages. Throws ParseError / AnalysisError.
TypePtr parseDdlSchema(const std::string& ddl, const std::string& where);

/// Like parseDdlSchema, but also accepts a single non-struct type (`array<int>`,
/// `map<string,int>`) as from_json does.
TypePtr parseDdlType(const std::string& ddl, const std::string& where);

}  // namespace sluice
