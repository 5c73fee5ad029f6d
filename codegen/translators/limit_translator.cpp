#include "codegen/translators/limit_translator.h"

#include "frontend/error.h"

namespace sluice {

void LimitTranslator::consume(PipelineContext& ctx) {
  if (!ctx.loop) throw CodegenError("internal: LIMIT outside a row loop");
  auto& b = ctx.b;
  llvm::Value* slot = ctx.allocStateSlot("limit.count");
  llvm::Value* count = b.CreateLoad(b.getInt64Ty(), slot, "limit.seen");
  {
    IfBuilder done(b, b.CreateICmpSGE(count, b.getInt64(limit_.limit)), "limit.reached");
    ctx.loop->breakLoop();
  }
  b.CreateStore(b.CreateAdd(count, b.getInt64(1)), slot);
  parent()->consume(ctx);
}

}  // namespace sluice
