#include "codegen/translators/stream_join_translator.h"

#include "codegen/translators/row_io.h"
#include "frontend/error.h"

namespace sluice {

void StreamJoinTranslator::produce(PipelineContext& ctx) {
  if (side_ >= 0)
    throw CodegenError("internal: StreamingSymmetricHashJoin(input) cannot start a pipeline");
  scanColumns(ctx, join_.output(), [&] { parent()->consume(ctx); });
}

void StreamJoinTranslator::consume(PipelineContext& ctx) {
  if (side_ < 0) throw CodegenError("internal: StreamingSymmetricHashJoin(output) has no input");
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> values;
  for (const Attribute& a : join_.children().at(static_cast<size_t>(side_))->output())
    values.push_back(exprs.compile(makeColumnRef(a)));
  RowSlots row = allocRow(ctx, values.size(), "stream_join_side");
  storeRow(ctx, row, values);
  emitRow(ctx, ctx.kernelArg(kArgTerminal), row);
}

}  // namespace sluice
