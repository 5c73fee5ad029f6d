#include "codegen/translators/hash_aggregate_translator.h"

#include <llvm/IR/Module.h>

#include "codegen/ir/null_ops.h"
#include "codegen/translators/row_io.h"
#include "frontend/error.h"
#include "planner/functions/function.h"

namespace sluice {

HashAggregateTranslator::HashAggregateTranslator(const PhysHashAggregate& op, bool update)
    : OperatorTranslator(op), agg_(op), update_(update), layout_(AggregateLayout::of(op)) {}

void HashAggregateTranslator::consume(PipelineContext& ctx) {
  if (!update_) throw CodegenError("internal: HashAggregate(output) has no input to consume");
  auto& b = ctx.b;
  const IrTypes& t = ctx.fn.types();
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> keys;
  for (const ExprPtr& k : agg_.keys) keys.push_back(exprs.compile(k));
  RowSlots keyRow = allocRow(ctx, keys.size(), "group.key");
  storeRow(ctx, keyRow, keys);

  llvm::Value* table = ctx.kernelArg(kArgTerminal);
  llvm::Module& m = *b.GetInsertBlock()->getModule();
  llvm::FunctionCallee group = m.getOrInsertFunction(
      "sluice_rt_agg_group", llvm::FunctionType::get(t.ptr, {t.ptr, t.ptr, t.ptr}, false));
  llvm::Value* state = b.CreateCall(group, {table, keyRow.slots, keyRow.nulls}, "group.state");

  for (size_t i = 0; i < layout_.functions.size(); ++i) {
    const AggFunctionLayout& f = layout_.functions[i];
    if (f.kind != AggKind::Generic) {
      updateInline(ctx, f, state);
      continue;
    }
    std::vector<SqlValue> args;
    for (const ExprPtr& a : f.call->args) args.push_back(exprs.compile(a));
    RowSlots argRow = allocRow(ctx, args.size(), "agg" + std::to_string(i) + ".args");
    storeRow(ctx, argRow, args);
    llvm::FunctionCallee update = m.getOrInsertFunction(
        "sluice_rt_agg_update",
        llvm::FunctionType::get(t.voidTy, {t.ptr, t.ptr, t.i32, t.ptr, t.ptr}, false));
    b.CreateCall(update,
                 {table, state, b.getInt32(static_cast<int32_t>(i)), argRow.slots, argRow.nulls});
  }
}

void HashAggregateTranslator::updateInline(PipelineContext& ctx, const AggFunctionLayout& f,
                                           llvm::Value* state) {
  auto& b = ctx.b;
  const IrTypes& t = ctx.fn.types();
  llvm::Value* at = b.CreateConstGEP1_64(t.i8, state, f.offset);
  if (f.kind == AggKind::CountStar) {
    b.CreateStore(b.CreateAdd(b.CreateLoad(t.i64, at), b.getInt64(1)), at);
    return;
  }
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> args;
  llvm::Value* anyNull = b.getFalse();
  for (const ExprPtr& a : f.call->args) {
    args.push_back(exprs.compile(a));
    if (args.back().mayBeNull()) anyNull = b.CreateOr(anyNull, args.back().isNull);
  }
  // Every aggregate here ignores NULL inputs.
  IfBuilder present(b, b.CreateNot(anyNull), "agg.input");
  switch (f.kind) {
    case AggKind::Count:
      b.CreateStore(b.CreateAdd(b.CreateLoad(t.i64, at), b.getInt64(1)), at);
      break;
    case AggKind::Sum: {
      SqlValue v = exprs.coerce(args[0], f.inputType, *f.call);
      llvm::Type* ty = llvmTypeFor(b.getContext(), *f.inputType);
      llvm::Value* old = b.CreateLoad(ty, at);
      // Spark's non-ANSI sum of longs wraps on overflow like Java's `+`.
      llvm::Value* sum = ty->isDoubleTy() ? b.CreateFAdd(old, v.value) : b.CreateAdd(old, v.value);
      b.CreateStore(sum, at);
      b.CreateStore(b.getInt8(1), b.CreateConstGEP1_64(t.i8, at, 8));
      break;
    }
    case AggKind::Avg: {
      SqlValue v = exprs.coerce(args[0], f.inputType, *f.call);
      b.CreateStore(b.CreateFAdd(b.CreateLoad(t.f64, at), v.value), at);
      llvm::Value* n = b.CreateConstGEP1_64(t.i8, at, 8);
      b.CreateStore(b.CreateAdd(b.CreateLoad(t.i64, n), b.getInt64(1)), n);
      break;
    }
    case AggKind::Min:
    case AggKind::Max: {
      llvm::Value* setAt = b.CreateConstGEP1_64(t.i8, at, 8);
      llvm::Value* isSet = b.CreateICmpNE(b.CreateLoad(t.i8, setAt), b.getInt8(0));
      SqlValue cur = loadSlot(ctx, at, b.getFalse(), f.inputType);
      SqlValue better =
          emitCompare(b, f.kind == AggKind::Min ? CmpOp::Lt : CmpOp::Gt, args[0], cur);
      IfBuilder replace(b, b.CreateOr(b.CreateNot(isSet), better.value), "agg.replace");
      storeSlot(ctx, at, args[0]);
      b.CreateStore(b.getInt8(1), setAt);
      replace.end();
      break;
    }
    default:
      throw CodegenError("internal: not an inline aggregate");
  }
  present.end();
}

void HashAggregateTranslator::produce(PipelineContext& ctx) {
  if (update_) throw CodegenError("internal: HashAggregate(update) cannot start a pipeline");
  // The finalized groups arrive as columns [keys..., functions...]; bind them to fresh
  // attributes and rewrite the result expressions to refer to those.
  std::vector<Attribute> cols;
  std::vector<std::pair<ExprPtr, ExprPtr>> replace;  // key / call -> column reference
  auto column = [&](const ExprPtr& e, const std::string& name) {
    Attribute a{newExprId(), name, e->type, true, ""};
    cols.push_back(a);
    replace.emplace_back(e, makeColumnRef(a));
  };
  for (size_t i = 0; i < agg_.keys.size(); ++i) column(agg_.keys[i], "key" + std::to_string(i));
  for (size_t i = 0; i < agg_.functions.size(); ++i)
    column(agg_.functions[i], "agg" + std::to_string(i));
  std::vector<ExprPtr> results;
  for (const ExprPtr& r : agg_.results) {
    // Aggregate calls first (they may contain key expressions as arguments), then keys.
    results.push_back(transformDown(r, [&](const ExprPtr& e) {
      for (const auto& [from, to] : replace)
        if (semanticEquals(e, from)) return to;
      return e;
    }));
  }
  scanColumns(ctx, cols, [&] {
    ExprCodegen exprs = ctx.exprs();
    std::vector<SqlValue> values;
    for (const ExprPtr& r : results) values.push_back(exprs.compile(r));
    const auto out = agg_.output();
    for (size_t i = 0; i < out.size(); ++i) ctx.bindings[out[i].id] = values[i];
    parent()->consume(ctx);
  });
}

}  // namespace sluice
