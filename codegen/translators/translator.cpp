#include "codegen/translators/translator.h"

#include "codegen/translators/filter_translator.h"
#include "codegen/translators/generate_translator.h"
#include "codegen/translators/limit_translator.h"
#include "codegen/translators/project_translator.h"
#include "codegen/translators/scan_translator.h"
#include "codegen/translators/sink_translator.h"
#include "frontend/error.h"
#include "planner/physical/operators.h"

namespace sluice {

PipelineContext::PipelineContext(FunctionBuilder& f) : fn(f), b(f.builder()) {
  const IrTypes& t = f.types();
  kernelArgs_ = llvm::StructType::get(b.getContext(), {t.ptr, t.i64, t.ptr, t.ptr, t.ptr});
  columnData_ = llvm::StructType::get(b.getContext(), {t.ptr, t.ptr});
}

llvm::Value* PipelineContext::kernelArg(unsigned index) {
  llvm::Type* fieldTy = kernelArgs_->getElementType(index);
  return b.CreateLoad(fieldTy, b.CreateStructGEP(kernelArgs_, fn.arg(0), index));
}

llvm::Value* PipelineContext::allocStateSlot(const std::string& name) {
  // Loaded in the entry block would be nicer, but the state pointer is loop-invariant and
  // LICM hoists the load at -O1 and above.
  llvm::Value* state = kernelArg(3);
  return b.CreateConstGEP1_64(b.getInt64Ty(), state, stateSlots++, name);
}

void OperatorTranslator::produce(PipelineContext&) {
  throw CodegenError(op_.nodeName() + " cannot start a pipeline");
}

std::unique_ptr<OperatorTranslator> makeTranslator(const PhysicalOp& op, size_t index,
                                                   size_t size) {
  const bool source = index == 0, terminal = index + 1 == size;
  switch (op.kind()) {
    case PhysKind::Scan:
      if (source) return std::make_unique<ScanTranslator>(static_cast<const PhysScan&>(op));
      break;
    case PhysKind::Filter:
      if (!source && !terminal)
        return std::make_unique<FilterTranslator>(static_cast<const PhysFilter&>(op));
      break;
    case PhysKind::Project:
      if (!source && !terminal)
        return std::make_unique<ProjectTranslator>(static_cast<const PhysProject&>(op));
      break;
    case PhysKind::Generate:
      if (!source && !terminal)
        return std::make_unique<GenerateTranslator>(static_cast<const PhysGenerate&>(op));
      break;
    case PhysKind::Limit:
      if (!source && !terminal)
        return std::make_unique<LimitTranslator>(static_cast<const PhysLimit&>(op));
      break;
    case PhysKind::Sink:
      if (terminal && !source)
        return std::make_unique<SinkTranslator>(static_cast<const PhysSink&>(op));
      break;
    default:
      break;
  }
  throw CodegenError(op.nodeName() + " is not supported by the code generator yet");
}

}  // namespace sluice
