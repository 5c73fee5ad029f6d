#pragma once
// Code generation for the JSON functions over nested values: from_json, to_json and
// get_json_object (emitters rows name: jsonEmitters(), call_emitters.h), and json_tuple
// (for the Generate translator). The schema and options of a
// call are constants, so each call site's descriptor (stdlib/json_schema.h) is built once at
// codegen time, interned process-wide by (type, options), and passed to the stdlib as an
// address constant.
#include <llvm/IR/IRBuilder.h>

#include <optional>
#include <vector>

#include "codegen/ir/sql_value.h"
#include "codegen/nested_codegen.h"
#include "planner/expr.h"
#include "stdlib/json_schema.h"

namespace sluice {

/// The stdlib descriptor of SQL type `t`; CodegenError (at `where`) for types JSON cannot
/// carry here (intervals, from_json maps with non-string keys).
stdlib::NestedType toNestedType(const DataType& t, const Expr& where);

/// json_tuple(json, 'f1', 'f2', ...) = generator call `e`: one string per field name (NULL
/// when the input is NULL or not an object, or the field is missing or JSON null).
/// `json` is the compiled first argument; the names must be constants.
std::vector<SqlValue> compileJsonTuple(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& json,
                                       const NestedArenaFn& arena);

}  // namespace sluice
