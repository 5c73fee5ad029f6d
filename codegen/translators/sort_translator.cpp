#include "codegen/translators/sort_translator.h"

#include "codegen/translators/row_io.h"
#include "frontend/error.h"

namespace sluice {

void SortTranslator::produce(PipelineContext& ctx) {
  if (input_) throw CodegenError("internal: Sort(input) cannot start a pipeline");
  scanColumns(ctx, sort_.output(), [&] { parent()->consume(ctx); });
}

void SortTranslator::consume(PipelineContext& ctx) {
  if (!input_) throw CodegenError("internal: Sort(output) has no input to consume");
  ExprCodegen exprs = ctx.exprs();
  std::vector<SqlValue> values;
  for (const Attribute& a : sort_.output()) values.push_back(exprs.compile(makeColumnRef(a)));
  for (const ExprPtr& k : sort_.sort.keys) values.push_back(exprs.compile(k));
  RowSlots row = allocRow(ctx, values.size(), "sort");
  storeRow(ctx, row, values);
  emitRow(ctx, ctx.kernelArg(kArgTerminal), row);
}

}  // namespace sluice
