#include "codegen/translators/hash_join_translator.h"

#include <llvm/IR/Module.h>

#include "codegen/translators/row_io.h"
#include "frontend/error.h"

namespace sluice {

void HashJoinTranslator::produce(PipelineContext& ctx) {
  if (role_ != Role::Output)
    throw CodegenError("internal: a hash join probe cannot start a pipeline");
  scanColumns(ctx, join_.output(), [&] { parent()->consume(ctx); });
}

void HashJoinTranslator::consume(PipelineContext& ctx) {
  if (role_ == Role::Build)
    consumeBuild(ctx);
  else if (role_ == Role::Probe)
    consumeProbe(ctx);
  else
    throw CodegenError("internal: a hash join's output has no input to consume");
}

void HashJoinTranslator::emitJoined(PipelineContext& ctx) {
  if (!join_.isBreaker()) return parent()->consume(ctx);
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> values;
  for (const Attribute& a : join_.output()) values.push_back(exprs.compile(makeColumnRef(a)));
  RowSlots row = allocRow(ctx, values.size(), "joined");
  storeRow(ctx, row, values);
  emitRow(ctx, ctx.kernelArg(kArgTerminal), row);
}

void HashJoinTranslator::consumeBuild(PipelineContext& ctx) {
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> values;
  for (const ExprPtr& k : join_.rightKeys) values.push_back(exprs.compile(k));
  for (const Attribute& a : join_.build()->output())
    values.push_back(exprs.compile(makeColumnRef(a)));
  RowSlots row = allocRow(ctx, values.size(), "build");
  storeRow(ctx, row, values);
  emitRow(ctx, ctx.kernelArg(kArgTerminal), row);
}

void HashJoinTranslator::consumeProbe(PipelineContext& ctx) {
  auto& b = ctx.b;
  const IrTypes& t = ctx.fn.types();
  const auto buildAttrs = join_.build()->output();
  const size_t nkeys = join_.leftKeys.size();
  const size_t width = nkeys + buildAttrs.size();
  ExprCodegen exprs = ctx.exprs();

  // The probe key, typed like the build key (the planner pairs keys of equal types).
  std::vector<SqlValue> keys;
  llvm::Value* anyNull = b.getFalse();
  for (size_t i = 0; i < nkeys; ++i) {
    SqlValue k = exprs.coerce(exprs.compile(join_.leftKeys[i]), join_.rightKeys[i]->type,
                              *join_.leftKeys[i]);
    if (k.mayBeNull()) anyNull = b.CreateOr(anyNull, k.isNull);
    keys.push_back(k);
  }
  RowSlots keyRow = allocRow(ctx, nkeys, "probe.key");
  storeRow(ctx, keyRow, keys);

  // count = anyNull ? 0 : probe(table, key, &rows)
  llvm::Value* table = ctx.operatorObject(join_);
  llvm::AllocaInst* rowsOut = ctx.fn.local(t.ptr, "matches");
  llvm::Value* count;
  {
    IfBuilder notNull(b, b.CreateNot(anyNull), "probe.key.notnull");
    llvm::Module& m = *b.GetInsertBlock()->getModule();
    llvm::FunctionCallee probe = m.getOrInsertFunction(
        "sluice_rt_join_probe", llvm::FunctionType::get(t.i64, {t.ptr, t.ptr, t.ptr}, false));
    llvm::Value* n = b.CreateCall(probe, {table, keyRow.slots, rowsOut}, "match.count");
    count = notNull.endMerge(n, b.getInt64(0), "match.count");
  }
  llvm::Value* rows = b.CreateLoad(t.ptr, rowsOut, "match.rows");

  const JoinKind type = join_.type;
  const bool emitsPerMatch = type == JoinKind::Inner || type == JoinKind::Cross ||
                             type == JoinKind::LeftOuter || type == JoinKind::FullOuter;
  llvm::AllocaInst* matched = ctx.fn.local(t.i1, "matched", b.getFalse());
  b.CreateStore(b.getFalse(), matched);
  {
    LoopBuilder loop(b, b.getInt64(0), count, "match");
    llvm::Value* row = b.CreateLoad(t.ptr, b.CreateGEP(t.ptr, rows, loop.index()), "match.row");
    for (size_t i = 0; i < buildAttrs.size(); ++i)
      ctx.bindings[buildAttrs[i].id] =
          loadStoredRowSlot(ctx, row, width, nkeys + i, buildAttrs[i].type);
    llvm::Value* pass = b.getTrue();
    if (join_.residual) pass = ctx.exprs().isTrue(ctx.exprs().compile(join_.residual));
    IfBuilder ok(b, pass, "residual");
    b.CreateStore(b.getTrue(), matched);
    if (join_.tracksMatches())  // the row's matched byte, after its slots and null bytes
      b.CreateStore(b.getInt8(1), b.CreateConstGEP1_64(t.i8, row, 17 * width, "matched.byte"));
    if (emitsPerMatch)
      emitJoined(ctx);
    else
      loop.breakLoop();  // semi / anti only need to know that a match exists
    ok.end();
    loop.end();
  }
  llvm::Value* any = b.CreateLoad(t.i1, matched, "any.match");
  switch (type) {
    case JoinKind::Inner:
    case JoinKind::Cross:
      break;
    case JoinKind::LeftOuter:
    case JoinKind::FullOuter: {
      IfBuilder none(b, b.CreateNot(any), "no.match");
      for (const Attribute& a : buildAttrs)
        ctx.bindings[a.id] = SqlValue::null(b.getContext(), a.type);
      emitJoined(ctx);
      none.end();
      break;
    }
    case JoinKind::LeftSemi: {
      IfBuilder some(b, any, "semi.match");
      parent()->consume(ctx);
      some.end();
      break;
    }
    case JoinKind::LeftAnti: {
      IfBuilder none(b, b.CreateNot(any), "anti.nomatch");
      parent()->consume(ctx);
      none.end();
      break;
    }
    default:
      throw CodegenError(std::string("a ") + joinKindName(type) +
                         " join is not supported by the code generator");
  }
}

}  // namespace sluice
