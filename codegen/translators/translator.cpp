#include "codegen/translators/translator.h"

#include "codegen/translators/expand_translator.h"
#include "codegen/translators/filter_translator.h"
#include "codegen/translators/generate_translator.h"
#include "codegen/translators/hash_aggregate_translator.h"
#include "codegen/translators/hash_join_translator.h"
#include "codegen/translators/keyed_state_translator.h"
#include "codegen/translators/limit_translator.h"
#include "codegen/translators/project_translator.h"
#include "codegen/translators/scan_translator.h"
#include "codegen/translators/sink_translator.h"
#include "codegen/translators/sort_translator.h"
#include "codegen/translators/union_translator.h"
#include "codegen/translators/watermark_translator.h"
#include "codegen/translators/window_translator.h"
#include "frontend/error.h"
#include "planner/physical/operators.h"

namespace sluice {

PipelineContext::PipelineContext(FunctionBuilder& f) : fn(f), b(f.builder()) {
  const IrTypes& t = f.types();
  kernelArgs_ = llvm::StructType::get(b.getContext(), {t.ptr, t.i64, t.ptr, t.ptr, t.ptr, t.ptr});
  columnData_ = llvm::StructType::get(b.getContext(), {t.ptr, t.ptr});
}

llvm::Value* PipelineContext::kernelArg(unsigned index) {
  llvm::Type* fieldTy = kernelArgs_->getElementType(index);
  return b.CreateLoad(fieldTy, b.CreateStructGEP(kernelArgs_, fn.arg(0), index));
}

llvm::Value* PipelineContext::allocStateSlot(const std::string& name) {
  // Loaded in the entry block would be nicer, but the state pointer is loop-invariant and
  // LICM hoists the load at -O1 and above.
  llvm::Value* state = kernelArg(kArgState);
  return b.CreateConstGEP1_64(b.getInt64Ty(), state, stateSlots++, name);
}

llvm::Value* PipelineContext::operatorObject(const PhysicalOp& op) {
  size_t index = 0;
  while (index < operatorSlots.size() && operatorSlots[index] != &op) ++index;
  if (index == operatorSlots.size()) operatorSlots.push_back(&op);
  llvm::Value* objects = kernelArg(kArgOperators);
  return b.CreateLoad(b.getPtrTy(), b.CreateConstGEP1_64(b.getPtrTy(), objects, index),
                      op.nodeName() + ".object");
}

void OperatorTranslator::produce(PipelineContext&) {
  throw CodegenError(op_.nodeName() + " cannot start a pipeline");
}

std::unique_ptr<OperatorTranslator> makeTranslator(const Pipeline& pipeline, size_t index) {
  const PhysicalOp& op = *pipeline.ops.at(index);
  const size_t size = pipeline.ops.size();
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
    case PhysKind::Expand:
      if (!source && !terminal)
        return std::make_unique<ExpandTranslator>(static_cast<const PhysExpand&>(op));
      break;
    case PhysKind::Limit:
      if (!source && !terminal)
        return std::make_unique<LimitTranslator>(static_cast<const PhysLimit&>(op));
      break;
    case PhysKind::HashJoin: {
      const auto& j = static_cast<const PhysHashJoin&>(op);
      using Role = HashJoinTranslator::Role;
      if (source && j.isBreaker()) return std::make_unique<HashJoinTranslator>(j, Role::Output);
      if (!source)
        return std::make_unique<HashJoinTranslator>(
            j, terminal && pipeline.id == j.buildPipeline ? Role::Build : Role::Probe);
      break;
    }
    case PhysKind::HashAggregate:
      if (source != terminal)
        return std::make_unique<HashAggregateTranslator>(static_cast<const PhysHashAggregate&>(op),
                                                         /*update=*/terminal);
      break;
    case PhysKind::Sort:
      if (source != terminal)
        return std::make_unique<SortTranslator>(static_cast<const PhysSort&>(op),
                                                /*input=*/terminal);
      break;
    case PhysKind::Window:
      if (source != terminal)
        return std::make_unique<WindowTranslator>(static_cast<const PhysWindow&>(op),
                                                  /*input=*/terminal);
      break;
    case PhysKind::Union:
      if (source) return std::make_unique<UnionTranslator>(static_cast<const PhysUnion&>(op), -1);
      if (terminal) {
        // Which input feeds this pipeline: the one whose rows flow in it.
        const auto& kids = op.children();
        for (size_t k = 0; k < kids.size(); ++k) {
          const PhysicalOp& c = *kids[k];
          const int feeds = c.isBreaker() ? c.outputPipeline : c.pipeline;
          if (feeds == pipeline.id)
            return std::make_unique<UnionTranslator>(static_cast<const PhysUnion&>(op),
                                                     static_cast<int>(k));
        }
      }
      break;
    case PhysKind::StreamJoin:
    case PhysKind::StreamDedup:
      if (source) return std::make_unique<KeyedStateTranslator>(op, -1);
      if (terminal)
        for (size_t k = 0; k < op.children().size(); ++k) {
          const PhysicalOp& c = *op.children()[k];
          if ((c.isBreaker() ? c.outputPipeline : c.pipeline) == pipeline.id)
            return std::make_unique<KeyedStateTranslator>(op, static_cast<int>(k));
        }
      break;
    case PhysKind::Watermark:
      if (!source && !terminal)
        return std::make_unique<WatermarkTranslator>(static_cast<const PhysWatermark&>(op));
      break;
    case PhysKind::Sink:
      if (terminal && !source)
        return std::make_unique<SinkTranslator>(static_cast<const PhysSink&>(op));
      break;
  }
  throw CodegenError(op.nodeName() + " is not supported by the code generator yet");
}

}  // namespace sluice
