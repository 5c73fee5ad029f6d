#include "codegen/translators/keyed_state_translator.h"

#include "codegen/translators/row_io.h"
#include "frontend/error.h"

namespace sluice {

void KeyedStateTranslator::produce(PipelineContext& ctx) {
  if (child_ >= 0)
    throw CodegenError("internal: " + op().nodeName() + "(input) cannot start a pipeline");
  scanColumns(ctx, op().output(), [&] { parent()->consume(ctx); });
}

void KeyedStateTranslator::consume(PipelineContext& ctx) {
  if (child_ < 0) throw CodegenError("internal: " + op().nodeName() + "(output) has no input");
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> values;
  for (const Attribute& a : op().children().at(static_cast<size_t>(child_))->output())
    values.push_back(exprs.compile(makeColumnRef(a)));
  RowSlots row = allocRow(ctx, values.size(), "keyed_state_input");
  storeRow(ctx, row, values);
  emitRow(ctx, ctx.kernelArg(kArgTerminal), row);
}

}  // namespace sluice
