#pragma once
// RAII builders for the control flow of generated code, so translators never wire basic
// blocks by hand:
//
//   FunctionBuilder fn(mod, "sum", types.i64, {types.ptr, types.i64});
//   auto& b = fn.builder();
//   llvm::AllocaInst* acc = fn.local(types.i64, "acc", b.getInt64(0));
//   {
//     LoopBuilder loop(b, b.getInt64(0), fn.arg(1));
//     llvm::Value* x = b.CreateLoad(types.i64, b.CreateGEP(types.i64, fn.arg(0), loop.index()));
//     IfBuilder neg(b, b.CreateICmpSLT(x, b.getInt64(0)));
//     loop.continueLoop();          // skip negative elements
//     neg.end();
//     b.CreateStore(b.CreateAdd(b.CreateLoad(types.i64, acc), x), acc);
//   }                               // ~LoopBuilder closes the loop; code continues after it
//   fn.ret(b.CreateLoad(types.i64, acc));
//   fn.finish();
//
// Invariants (checked with assert in debug builds):
// - IfBuilders and LoopBuilders nest strictly (per thread): a builder must be ended — by
//   end() or its destructor — before any builder opened earlier is ended.
// - otherwise() at most once, and before end(); nothing after end().
// - Jumps (continueLoop, breakLoop, FunctionBuilder::ret) terminate the current block and
//   move the insertion point into a fresh block without predecessors, so code emitted after
//   them is valid but dead (the optimizer deletes it). A branch that ends in such a dead
//   block, or in a block the caller terminated, does not flow into the join block; the
//   builders delete dead blocks that stayed empty.
// - Loop-carried values live in FunctionBuilder::local allocas; SROA/mem2reg turns them into
//   registers (PHIs) at optimization level >= 1.
// - Destructors end open constructs, except while an exception unwinds (the half-built
//   module is then expected to be thrown away).
#include <llvm/IR/IRBuilder.h>

#include <string>
#include <vector>

#include "codegen/ir/ir_context.h"
#include "codegen/ir/sql_value.h"

namespace sluice {

/// `if (cond) { ... } [else { ... }]`. The constructor emits the conditional branch and
/// positions the builder in the then-branch; otherwise() moves it to the else-branch;
/// end() (or the destructor) joins both into a new block and positions the builder there.
class IfBuilder {
 public:
  /// Branches on `cond` (an i1) from the builder's current block.
  IfBuilder(llvm::IRBuilder<>& b, llvm::Value* cond, const std::string& name = "if");
  ~IfBuilder();
  IfBuilder(const IfBuilder&) = delete;
  IfBuilder& operator=(const IfBuilder&) = delete;

  /// Ends the then-branch and starts the else-branch. At most once.
  void otherwise();
  /// Joins the branches; code emitted afterwards runs after the if. Idempotent only via the
  /// destructor: calling end() twice asserts.
  void end();
  /// end(), then a PHI of `thenValue` (valid at the end of the then-branch) and `elseValue`
  /// (valid at the end of the else-branch, or before the if when there is no otherwise()).
  /// Operands of branches that do not reach the join are ignored.
  llvm::Value* endMerge(llvm::Value* thenValue, llvm::Value* elseValue,
                        const std::string& name = "merge");
  /// The same for SqlValues: merges payload and null flag (a flag that is the same constant
  /// on both sides stays a constant, so non-nullability survives). Types must be equal.
  SqlValue endMerge(const SqlValue& thenValue, const SqlValue& elseValue,
                    const std::string& name = "merge");

 private:
  enum class State { Then, Else, Ended };
  void closeBranch(bool isThen);

  llvm::IRBuilder<>& b_;
  llvm::Function* fn_;
  llvm::BranchInst* condBr_;  // the conditional branch (its false edge is retargeted)
  llvm::BasicBlock* merge_;   // join block, inserted into the function by end()
  llvm::BasicBlock* thenEnd_ = nullptr;
  llvm::BasicBlock* elseEnd_ = nullptr;
  bool thenReaches_ = false, elseReaches_ = false;
  State state_ = State::Then;
  std::string name_;
};

/// Counting loop `for (i = begin; i < end; ++i) { ... }` (signed compare). The constructor
/// emits the loop header and positions the builder in the body; end() (or the destructor)
/// closes the body and positions the builder after the loop.
class LoopBuilder {
 public:
  /// `begin` and `end` are integers of the same type, evaluated once before the loop.
  LoopBuilder(llvm::IRBuilder<>& b, llvm::Value* begin, llvm::Value* end,
              const std::string& name = "i");
  ~LoopBuilder();
  LoopBuilder(const LoopBuilder&) = delete;
  LoopBuilder& operator=(const LoopBuilder&) = delete;

  /// The induction variable (valid in the body).
  llvm::Value* index() const { return index_; }
  /// Jumps to the next iteration (then continues in a dead block, see invariants).
  void continueLoop();
  /// Leaves the loop (then continues in a dead block, see invariants).
  void breakLoop();
  /// Target of `continue`: the block that increments the index. For hand-made branches.
  llvm::BasicBlock* continueTarget() const { return latch_; }
  /// Target of `break`: the block after the loop. For hand-made branches.
  llvm::BasicBlock* breakTarget() const { return exit_; }
  /// Closes the body (falling through to the next iteration) and continues after the loop.
  void end();

 private:
  llvm::IRBuilder<>& b_;
  llvm::Function* fn_;
  llvm::PHINode* index_;
  llvm::BasicBlock* header_;
  llvm::BasicBlock* latch_;  // inserted into the function by end()
  llvm::BasicBlock* exit_;   // inserted into the function by end()
  bool ended_ = false;
};

/// Creates a function in an IrModule with its entry block and an IRBuilder positioned there.
class FunctionBuilder {
 public:
  /// Declares `name` with the given return and parameter types (external linkage, C calling
  /// convention) and starts its body. `paramNames` optionally names the arguments in the IR.
  FunctionBuilder(IrModule& module, const std::string& name, llvm::Type* returnType,
                  const std::vector<llvm::Type*>& paramTypes,
                  const std::vector<std::string>& paramNames = {});
  ~FunctionBuilder();
  FunctionBuilder(const FunctionBuilder&) = delete;
  FunctionBuilder& operator=(const FunctionBuilder&) = delete;

  /// The builder emitting into this function.
  llvm::IRBuilder<>& builder() { return b_; }
  /// The function being built.
  llvm::Function* function() const { return fn_; }
  /// The module it belongs to.
  IrModule& module() const { return module_; }
  /// Cached types of the module.
  const IrTypes& types() const { return module_.types(); }
  /// Argument `i`.
  llvm::Argument* arg(unsigned i) const;
  /// A stack slot in the entry block (where mem2reg promotes it), optionally initialized
  /// there with `init` (a value available in the entry block, e.g. a constant or argument).
  llvm::AllocaInst* local(llvm::Type* type, const std::string& name, llvm::Value* init = nullptr);
  /// `ret value` (then continues in a dead block).
  void ret(llvm::Value* value);
  /// `ret void` (then continues in a dead block).
  void retVoid();
  /// Closes the body and verifies the function. A void function falling off its end gets
  /// `ret void`; any other function must not (CodegenError). Throws CodegenError with LLVM's
  /// diagnostics if the function does not verify. Returns the function.
  llvm::Function* finish();

 private:
  IrModule& module_;
  llvm::Function* fn_;
  llvm::IRBuilder<> b_;
  bool finished_ = false;
};

/// Moves the builder into a new block without predecessors (after an unconditional jump).
void startDeadBlock(llvm::IRBuilder<>& b);

/// True when control can fall off the end of the builder's current block into a join; when
/// it cannot — the block is terminated, or is a dead block (no predecessors, not the entry)
/// — a dead block is closed with `unreachable` and false is returned.
bool fallsThrough(llvm::IRBuilder<>& b);

}  // namespace sluice
