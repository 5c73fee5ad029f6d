#include "codegen/translators/expand_translator.h"

#include "frontend/error.h"

namespace sluice {

void ExpandTranslator::consume(PipelineContext& ctx) {
  auto& b = ctx.b;
  const Expand& e = expand_.expand;
  const auto& outs = e.outputAttrs;
  for (const auto& p : e.projections)
    if (p.size() != outs.size())
      throw CodegenError("internal: an Expand projection has the wrong number of columns");
  // Columns equal in every projection (the child's columns) are computed once, before the
  // loop; only the others (grouping columns, the grouping id) differ per iteration.
  std::vector<bool> varies(outs.size(), false);
  for (size_t c = 0; c < outs.size(); ++c)
    for (const auto& p : e.projections)
      varies[c] = varies[c] || !semanticEquals(p[c], e.projections.front()[c]);
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> fixed(outs.size());
  for (size_t c = 0; c < outs.size(); ++c)
    if (!varies[c]) fixed[c] = exprs.compile(e.projections.front()[c]);

  // Per-iteration values go through entry-block slots (mem2reg turns them into PHIs).
  struct Slot {
    llvm::Value* value = nullptr;
    llvm::Value* isNull = nullptr;
  };
  std::vector<Slot> slots(outs.size());
  for (size_t c = 0; c < outs.size(); ++c) {
    if (!varies[c]) continue;
    llvm::Type* t = llvmTypeFor(b.getContext(), *outs[c].type);
    slots[c] = {ctx.fn.local(t, "expand." + outs[c].name),
                ctx.fn.local(b.getInt1Ty(), "expand." + outs[c].name + ".isnull")};
  }
  const auto n = static_cast<int64_t>(e.projections.size());
  LoopBuilder loop(b, b.getInt64(0), b.getInt64(n), "expand");
  llvm::Value* i = loop.index();
  for (int64_t k = 0; k < n; ++k) {
    IfBuilder pick(b, b.CreateICmpEQ(i, b.getInt64(k)), "expand.projection");
    ExprCodegen inner = ctx.exprs();
    for (size_t c = 0; c < outs.size(); ++c) {
      if (!varies[c]) continue;
      SqlValue v = inner.compile(e.projections[static_cast<size_t>(k)][c]);
      if (!v.type->equals(*outs[c].type)) v = inner.coerce(v, outs[c].type, *e.projections[0][c]);
      b.CreateStore(v.value, slots[c].value);
      b.CreateStore(v.isNull, slots[c].isNull);
    }
    pick.end();
  }
  // Bound after the loop body's branches: an output may reuse an input's id.
  for (size_t c = 0; c < outs.size(); ++c) {
    if (!varies[c]) {
      ctx.bindings[outs[c].id] = fixed[c];
      continue;
    }
    llvm::Type* t = llvmTypeFor(b.getContext(), *outs[c].type);
    ctx.bindings[outs[c].id] =
        SqlValue::of(b.CreateLoad(t, slots[c].value), b.CreateLoad(b.getInt1Ty(), slots[c].isNull),
                     outs[c].type);
  }
  parent()->consume(ctx);
  loop.end();
}

}  // namespace sluice
