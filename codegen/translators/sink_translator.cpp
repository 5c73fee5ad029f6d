#include "codegen/translators/sink_translator.h"

#include "codegen/translators/row_io.h"

namespace sluice {

void SinkTranslator::consume(PipelineContext& ctx) {
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> values;
  for (const Attribute& a : sink_.columns) values.push_back(exprs.compile(makeColumnRef(a)));
  RowSlots row = allocRow(ctx, values.size(), "row");
  storeRow(ctx, row, values);
  emitRow(ctx, ctx.kernelArg(kArgTerminal), row);
}

}  // namespace sluice
