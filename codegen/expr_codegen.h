#pragma once
// Compiles bound expressions (planner/expr.h) to SqlValues at an IRBuilder's insertion point.
// Column references resolve through a binding map filled by the operators of the pipeline
// (the scan binds its columns, projections bind their outputs). Semantics are Spark's
// non-ANSI ones via null_ops.h; what the code generator cannot compile yet is a CodegenError
// naming the function or construct, with the expression's span.
#include <llvm/IR/IRBuilder.h>

#include <functional>
#include <unordered_map>

#include "codegen/ir/sql_value.h"
#include "planner/expr.h"

namespace sluice {

/// ExprId -> the SqlValue of that column at the current point of the generated code.
using ColumnBindings = std::unordered_map<ExprId, SqlValue>;

class ExprCodegen {
 public:
  /// Yields the kernel's StringArena* at the insertion point (for stdlib calls).
  using ArenaFn = std::function<llvm::Value*()>;

  /// Emits with `b`, resolving ColumnRefs in `bindings` (which must outlive this object).
  /// Without `arena`, calls of stdlib functions that create strings are a CodegenError.
  ExprCodegen(llvm::IRBuilder<>& b, const ColumnBindings& bindings, ArenaFn arena = nullptr)
      : b_(b), bindings_(bindings), arena_(std::move(arena)) {}

  /// The value of `e` (an Alias compiles to its child).
  SqlValue compile(const ExprPtr& e);

  /// `v` as type `to`: unchanged if the types are equal, the NULL of `to` for an untyped NULL,
  /// else a CAST (CodegenError if that cast is not supported).
  SqlValue coerce(const SqlValue& v, const TypePtr& to, const Expr& where);

  /// CAST(v AS to) in time zone `zone` (an id; empty for UTC), arrays element by element.
  SqlValue castTo(const SqlValue& v, const TypePtr& to, const Expr& where, const std::string& zone);

  /// An i1 that is true only when `v` (a boolean) is TRUE (NULL counts as false).
  llvm::Value* isTrue(const SqlValue& v);

 private:
  SqlValue literal(const Expr& e);
  SqlValue call(const Expr& e);
  SqlValue stdlibCall(const Expr& e, std::vector<SqlValue>& args);
  /// The arena, or a function that throws a CodegenError at `where` when there is none.
  std::function<llvm::Value*()> arenaFor(const Expr& where) const;

  llvm::IRBuilder<>& b_;
  const ColumnBindings& bindings_;
  ArenaFn arena_;
};

}  // namespace sluice
