#pragma once
// Code generation for nested values (stdlib/nested.h layout): struct field access, the
// constructors struct / named_struct / array / map, element_at / get_item (`a[i]`, `m[k]`),
// size, map_keys, map_values, window() (tumbling), nested literals, and the JSON functions
// that produce or read nested values (from_json, to_json, get_json_object, json_tuple; see
// json_codegen.h). The constructors and accessors are emitters rows name
// (nestedEmitters(), call_emitters.h); this file owns everything that knows the nested layout.
#include <llvm/IR/IRBuilder.h>

#include <functional>
#include <optional>
#include <vector>

#include "codegen/ir/sql_value.h"
#include "planner/expr.h"

namespace sluice {

/// Yields the kernel's StringArena* at the insertion point (throws when there is none).
using NestedArenaFn = std::function<llvm::Value*()>;

/// The value of GetField `e` (field `e.ordinal` of its argument) given the compiled struct
/// `input` (a NULL struct gives a NULL field).
SqlValue compileGetField(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& input);

/// A literal `e` of struct / array / map type as a constant nested value (private globals
/// of the module: no arena, no per-row work). Throws CodegenError for element types that
/// have no constant form (intervals).
SqlValue compileNestedLiteral(llvm::IRBuilder<>& b, const Expr& e);

/// Element `index` (i64, in range) of non-NULL array `array` of type `arrayType`.
SqlValue arrayElement(llvm::IRBuilder<>& b, llvm::Value* array, llvm::Value* index,
                      const DataType& arrayType);
/// Key and value `index` (i64, in range) of non-NULL map `map` of type `mapType`.
SqlValue mapKey(llvm::IRBuilder<>& b, llvm::Value* map, llvm::Value* index,
                const DataType& mapType);
SqlValue mapValue(llvm::IRBuilder<>& b, llvm::Value* map, llvm::Value* index,
                  const DataType& mapType);
/// Field `ordinal` of non-NULL struct `st` of type `structType`.
SqlValue structField(llvm::IRBuilder<>& b, llvm::Value* st, int ordinal,
                     const DataType& structType);
/// Emits `each(window)` for every window of `window(ts, dur [, slide [, start]])` call `e`
/// that contains `ts` (the compiled first argument), latest first; none when ts is NULL.
/// Tumbling windows give one, sliding windows up to ceil(dur / slide).
void forEachTimeWindow(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& ts,
                       const NestedArenaFn& arena,
                       const std::function<void(const SqlValue&)>& each);
/// Number of elements (i64) of a non-NULL array or map.
llvm::Value* nestedLength(llvm::IRBuilder<>& b, llvm::Value* arrayOrMap);

}  // namespace sluice
