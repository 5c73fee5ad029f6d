#pragma once
// Produce/consume translators (HyPer style), one per physical operator. A pipeline is a chain
// source -> ... -> terminal; the source's produce() emits the loop over the batch and calls
// its parent's consume() once per row, and every consume() emits its per-row work and calls
// its own parent's consume(), so the whole pipeline fuses into one loop body.
#include <llvm/IR/IRBuilder.h>

#include <memory>
#include <string>
#include <vector>

#include "codegen/abi.h"
#include "codegen/expr_codegen.h"
#include "codegen/ir/control_flow.h"
#include "planner/physical/physical_planner.h"

namespace sluice {

/// What the translators of one pipeline function share while emitting it.
class PipelineContext {
 public:
  /// `fn` is the pipeline function `void pipeline_<id>(KernelArgs*)` being built.
  explicit PipelineContext(FunctionBuilder& fn);

  FunctionBuilder& fn;          ///< the function being built
  llvm::IRBuilder<>& b;         ///< its builder
  ColumnBindings bindings;      ///< ExprId -> value of the column in the current row
  LoopBuilder* loop = nullptr;  ///< the source's row loop (for LIMIT's early exit)
  int stateSlots = 0;           ///< i64 slots of KernelArgs::state used so far
  /// Operators whose runtime object the kernel reads from KernelArgs::operators, by index.
  std::vector<const PhysicalOp*> operatorSlots;

  /// An expression compiler over the current bindings.
  ExprCodegen exprs() {
    // Loaded where a stdlib call needs it, so kernels without such calls do not change.
    return ExprCodegen(b, bindings, [this] { return kernelArg(4); });
  }
  /// Loads field `index` (0 columns, 1 numRows, 2 terminal, 3 state, 4 arena, 5 operators) of
  /// the KernelArgs.
  llvm::Value* kernelArg(unsigned index);
  /// Reserves one zero-initialized i64 in KernelArgs::state; returns its address.
  llvm::Value* allocStateSlot(const std::string& name);
  /// Reserves a KernelArgs::operators entry for `op`'s runtime object; returns its value
  /// (loaded at the current insertion point).
  llvm::Value* operatorObject(const PhysicalOp& op);
  /// The `{ptr, i64, ptr, ptr, ptr, ptr}` LLVM type of KernelArgs.
  llvm::StructType* kernelArgsType() const { return kernelArgs_; }
  /// The `{ptr, ptr}` LLVM type of ColumnData.
  llvm::StructType* columnDataType() const { return columnData_; }

 private:
  llvm::StructType* kernelArgs_;
  llvm::StructType* columnData_;
};

/// Translates one physical operator.
class OperatorTranslator {
 public:
  explicit OperatorTranslator(const PhysicalOp& op) : op_(op) {}
  virtual ~OperatorTranslator() = default;
  OperatorTranslator(const OperatorTranslator&) = delete;
  OperatorTranslator& operator=(const OperatorTranslator&) = delete;

  /// Sources: emits the iteration over the input and calls parent()->consume per row.
  virtual void produce(PipelineContext& ctx);
  /// Emits the per-row work on the current bindings, then (for rows that continue)
  /// parent()->consume(ctx). Terminals do not call a parent.
  virtual void consume(PipelineContext& ctx) = 0;

  /// The operator this translates.
  const PhysicalOp& op() const { return op_; }
  /// The next operator of the pipeline (null for the terminal).
  OperatorTranslator* parent() const { return parent_; }
  void setParent(OperatorTranslator* p) { parent_ = p; }

 protected:
  const PhysicalOp& op_;

 private:
  OperatorTranslator* parent_ = nullptr;
};

/// The translator of operator `index` of `pipeline`, in the role its position gives it (a
/// breaker that starts the pipeline reads its result, one that ends it takes its input);
/// throws CodegenError("<Operator> is not supported by the code generator yet") otherwise.
std::unique_ptr<OperatorTranslator> makeTranslator(const Pipeline& pipeline, size_t index);

}  // namespace sluice
