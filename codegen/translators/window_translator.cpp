#include "codegen/translators/window_translator.h"

#include "codegen/translators/row_io.h"
#include "frontend/error.h"

namespace sluice {

void WindowTranslator::produce(PipelineContext& ctx) {
  if (input_) throw CodegenError("internal: Window(input) cannot start a pipeline");
  scanColumns(ctx, window_.output(), [&] { parent()->consume(ctx); });
}

void WindowTranslator::consume(PipelineContext& ctx) {
  if (!input_) throw CodegenError("internal: Window(output) has no input to consume");
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> values;
  for (const Attribute& a : window_.child()->output())
    values.push_back(exprs.compile(makeColumnRef(a)));
  for (const ExprPtr& e : window_.bufferedExprs()) values.push_back(exprs.compile(e));
  RowSlots row = allocRow(ctx, values.size(), "window");
  storeRow(ctx, row, values);
  emitRow(ctx, ctx.kernelArg(kArgTerminal), row);
}

}  // namespace sluice
