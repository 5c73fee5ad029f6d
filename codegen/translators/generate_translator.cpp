#include "codegen/translators/generate_translator.h"

#include "codegen/json_codegen.h"
#include "codegen/nested_codegen.h"
#include "frontend/error.h"
#include "planner/functions/function.h"

namespace sluice {
namespace {

// One produced column, computed inside a conditional branch: its value and null flag go
// through entry-block slots (mem2reg turns them into PHIs), pre-set to NULL for the rows
// where the branch does not run (outer rows).
struct OutputSlot {
  llvm::Value* value;
  llvm::Value* isNull;
  TypePtr type;
};

OutputSlot makeSlot(PipelineContext& ctx, const TypePtr& type, const std::string& name) {
  auto& b = ctx.b;
  llvm::Type* t = llvmTypeFor(b.getContext(), *type);
  OutputSlot s{ctx.fn.local(t, name), ctx.fn.local(b.getInt1Ty(), name + ".isnull"), type};
  b.CreateStore(llvm::Constant::getNullValue(t), s.value);
  b.CreateStore(b.getTrue(), s.isNull);
  return s;
}

void store(llvm::IRBuilder<>& b, const OutputSlot& s, const SqlValue& v) {
  b.CreateStore(v.value, s.value);
  b.CreateStore(v.isNull, s.isNull);
}

SqlValue load(llvm::IRBuilder<>& b, const OutputSlot& s) {
  llvm::Type* t = llvmTypeFor(b.getContext(), *s.type);
  return SqlValue::of(b.CreateLoad(t, s.value), b.CreateLoad(b.getInt1Ty(), s.isNull), s.type);
}

}  // namespace

void GenerateTranslator::consume(PipelineContext& ctx) {
  auto& b = ctx.b;
  const Generate& g = gen_.gen;
  const Expr& call = *g.generator;
  if (call.kind != ExprKind::Call || !call.fn)
    throw CodegenError("internal: Generate without a generator call", nullptr, call.span);
  const std::string& n = call.fn->name;
  const auto& outs = g.generatorOutput;
  NestedArenaFn arena = [&ctx] { return ctx.kernelArg(kArgArena); };
  ExprCodegen exprs = ctx.exprs();

  if (n == "json_tuple") {  // exactly one row per input row
    std::vector<SqlValue> vals = compileJsonTuple(b, call, exprs.compile(call.args[0]), arena);
    for (size_t i = 0; i < outs.size() && i < vals.size(); ++i) ctx.bindings[outs[i].id] = vals[i];
    parent()->consume(ctx);
    return;
  }
  if (n == "window") {  // a sliding window in GROUP BY (see the binder): one row per window
    if (outs.size() != 1) throw CodegenError("internal: window Generate", nullptr, call.span);
    forEachTimeWindow(b, call, exprs.compile(call.args[0]), arena, [&](const SqlValue& w) {
      ctx.bindings[outs[0].id] = w;
      parent()->consume(ctx);
    });
    return;
  }
  const bool withPos = n == "posexplode" || n == "posexplode_outer";
  const bool isInline = n == "inline" || n == "inline_outer";
  if (!withPos && !isInline && n != "explode" && n != "explode_outer")
    throw CodegenError("generator " + n + " is not supported by the code generator yet", nullptr,
                       call.span);
  const bool outer = g.outer || n.ends_with("_outer");

  const ExprPtr& arg = call.args.at(0);
  SqlValue in = arg->kind == ExprKind::Literal && arg->type->isComplex()
                    ? compileNestedLiteral(b, *arg)
                    : exprs.compile(arg);
  const DataType& t = *in.type;
  if (t.id() != TypeId::Array && t.id() != TypeId::Map && t.id() != TypeId::Null)
    throw CodegenError(n + " of a " + t.toString(), nullptr, call.span);

  // Rows to produce: the collection's length, or one all-NULL row for outer generators
  // whose input is NULL or empty.
  llvm::Value* len = b.getInt64(0);
  if (t.id() != TypeId::Null && !in.alwaysNull()) {
    if (!in.mayBeNull()) {
      len = nestedLength(b, in.value);
    } else {
      IfBuilder present(b, b.CreateNot(in.isNull), "gen.notnull");
      llvm::Value* l = nestedLength(b, in.value);
      len = present.endMerge(l, b.getInt64(0), "gen.len");
    }
  }
  llvm::Value* rows =
      outer ? b.CreateSelect(b.CreateICmpSGT(len, b.getInt64(0)), len, b.getInt64(1), "gen.rows")
            : len;

  LoopBuilder loop(b, b.getInt64(0), rows, "gen");
  llvm::Value* i = loop.index();
  std::vector<OutputSlot> slots;
  for (const auto& a : outs) slots.push_back(makeSlot(ctx, a.type, "gen." + a.name));
  {
    IfBuilder present(b, b.CreateICmpSLT(i, len), "gen.elem");
    size_t k = 0;
    if (withPos)
      store(b, slots[k++],
            SqlValue::notNull(b.CreateTrunc(i, b.getInt32Ty()), DataType::integer()));
    if (t.id() == TypeId::Map) {
      store(b, slots[k++], mapKey(b, in.value, i, t));
      store(b, slots[k++], mapValue(b, in.value, i, t));
    } else if (!isInline) {
      store(b, slots[k++], arrayElement(b, in.value, i, t));
    } else {
      // inline: the element struct's fields; a NULL element gives a row of NULLs.
      SqlValue st = arrayElement(b, in.value, i, t);
      IfBuilder notNull(b, b.CreateNot(st.isNull), "inline.notnull");
      for (size_t f = 0; f < st.type->fields().size() && k < slots.size(); ++f)
        store(b, slots[k++], structField(b, st.value, static_cast<int>(f), *st.type));
      notNull.end();
    }
    present.end();
  }
  for (size_t k = 0; k < outs.size(); ++k) ctx.bindings[outs[k].id] = load(b, slots[k]);
  parent()->consume(ctx);
  loop.end();
}

}  // namespace sluice
