#pragma once
// Code generation for the JSON functions over nested values: from_json, to_json and
// get_json_object (emitters rows name: jsonEmitters(), call_emitters.h), and json_tuple
// (for the Generate translator). The schema and options of a
// call are constants, so each call site's descriptor (stdlib/json_schema.h) is built once at
// codegen time, interned process-wide by (type, options), and passed to the stdlib as an
// address constant.
#include <llvm/IR/IRBuilder.h>

#include <optional>
#include <string>
#include <vector>

#include "codegen/ir/sql_value.h"
#include "codegen/nested_codegen.h"
#include "planner/expr.h"
#include "stdlib/json_schema.h"

namespace sluice {

/// The stdlib descriptor of SQL type `t`; CodegenError (at `where`) for types JSON cannot
/// carry here (intervals, from_json maps with non-string keys).
stdlib::NestedType toNestedType(const DataType& t, const Expr& where);

/// A filter pushed into from_json (stdlib JsonReadSpec::guardField): rows go on only when
/// top-level STRING field `field` of the result equals `value`.
struct JsonGuard {
  int field;
  std::string value;
};

/// The guard for from_json call `call` (its result bound as column `id`) when the Filter
/// right above has, as its first conjunct, `id.f = 'literal'` on a STRING field f and the
/// call reads in PERMISSIVE mode; rows the guard rejects are the rows that conjunct drops.
std::optional<JsonGuard> jsonGuardOf(const Expr& call, ExprId id, const Expr& condition);

/// A guarded from_json: its value, and an i1 that is true when the record was rejected (the
/// caller skips the row; the value is then NULL).
struct GuardedJson {
  SqlValue value;
  llvm::Value* rejected;
};
/// from_json call `call` over `json` (its compiled first argument) with `guard`.
GuardedJson compileGuardedFromJson(llvm::IRBuilder<>& b, const Expr& call, const SqlValue& json,
                                   const NestedArenaFn& arena, const JsonGuard& guard);

/// json_tuple(json, 'f1', 'f2', ...) = generator call `e`: one string per field name (NULL
/// when the input is NULL or not an object, or the field is missing or JSON null).
/// `json` is the compiled first argument; the names must be constants.
std::vector<SqlValue> compileJsonTuple(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& json,
                                       const NestedArenaFn& arena);

}  // namespace sluice
