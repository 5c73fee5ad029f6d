#include "codegen/translators/scan_translator.h"

#include <vector>

#include "codegen/translators/row_io.h"
#include "frontend/error.h"

namespace sluice {

llvm::Type* storageType(PipelineContext& ctx, const DataType& type) {
  if (type.id() == TypeId::Interval)
    throw CodegenError("columns of type " + type.toString() +
                       " are not supported by the code generator yet");
  return llvmSlotTypeFor(ctx.b.getContext(), type);
}

void ScanTranslator::produce(PipelineContext& ctx) {
  scanColumns(ctx, scan_.output(), [&] { parent()->consume(ctx); });
}

void ScanTranslator::consume(PipelineContext&) {
  throw CodegenError("internal: a scan has no input to consume");
}

}  // namespace sluice
