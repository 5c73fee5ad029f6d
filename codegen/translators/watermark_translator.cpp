#include "codegen/translators/watermark_translator.h"

#include "frontend/error.h"

namespace sluice {

void WatermarkTranslator::consume(PipelineContext& ctx) {
  auto& b = ctx.b;
  auto it = ctx.bindings.find(wm_.wm.eventTime.id);
  if (it == ctx.bindings.end())
    throw CodegenError("internal: the watermark's event-time column " +
                       wm_.wm.eventTime.toString() + " is not available");
  const SqlValue ts = it->second;
  // The tracker's first field is the batch's max event time (i64 microseconds).
  llvm::Value* maxAt = ctx.operatorObject(wm_);
  {
    IfBuilder present(b, b.CreateNot(ts.isNull), "eventtime.notnull");
    llvm::Value* cur = b.CreateLoad(b.getInt64Ty(), maxAt);
    b.CreateStore(b.CreateSelect(b.CreateICmpSGT(ts.value, cur), ts.value, cur), maxAt);
    present.end();
  }
  parent()->consume(ctx);
}

}  // namespace sluice
