#include "codegen/translators/filter_translator.h"

namespace sluice {

void FilterTranslator::consume(PipelineContext& ctx) {
  ExprCodegen exprs = ctx.exprs();
  llvm::Value* pass = exprs.isTrue(exprs.compile(filter_.condition));
  IfBuilder keep(ctx.b, pass, "filter");
  parent()->consume(ctx);
  keep.end();
}

}  // namespace sluice
