#include "codegen/translators/union_translator.h"

#include "codegen/translators/row_io.h"
#include "frontend/error.h"

namespace sluice {

void UnionTranslator::produce(PipelineContext& ctx) {
  if (child_ >= 0) throw CodegenError("internal: Union(input) cannot start a pipeline");
  scanColumns(ctx, union_.output(), [&] { parent()->consume(ctx); });
}

void UnionTranslator::consume(PipelineContext& ctx) {
  if (child_ < 0) throw CodegenError("internal: Union(output) has no input to consume");
  ExprCodegen exprs = ctx.exprs();
  const auto in = union_.children().at(static_cast<size_t>(child_))->output();
  const auto out = union_.output();
  std::vector<SqlValue> values;
  // Children are coerced to the union's types by the binder; keep that invariant explicit.
  for (size_t i = 0; i < out.size(); ++i) {
    ExprPtr ref = makeColumnRef(in.at(i));
    values.push_back(exprs.coerce(exprs.compile(ref), out[i].type, *ref));
  }
  RowSlots row = allocRow(ctx, values.size(), "union");
  storeRow(ctx, row, values);
  emitRow(ctx, ctx.kernelArg(kArgTerminal), row);
}

}  // namespace sluice
