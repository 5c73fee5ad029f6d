#include "codegen/ir/control_flow.h"

#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cassert>
#include <exception>

#include "frontend/error.h"

namespace sluice {

namespace {

// Open IfBuilders / LoopBuilders of this thread, innermost last: catches ends out of order.
thread_local std::vector<const void*> openScopes;

void pushScope(const void* scope) {
  openScopes.push_back(scope);
}

void popScope(const void* scope) {
  assert(!openScopes.empty() && openScopes.back() == scope &&
         "IfBuilder/LoopBuilder ended out of nesting order");
  // Release builds: drop it wherever it is so later checks stay meaningful.
  auto it = std::find(openScopes.rbegin(), openScopes.rend(), scope);
  if (it != openScopes.rend()) openScopes.erase(std::next(it).base());
}

llvm::Function* currentFunction(llvm::IRBuilder<>& b) {
  assert(b.GetInsertBlock() && "IRBuilder has no insertion block");
  return b.GetInsertBlock()->getParent();
}

// fallsThrough() for the builders' own use: an empty dead block (left by a jump) is deleted
// instead of being closed with `unreachable`, to keep printed IR readable. When it returns
// false the builder may have no insertion point; callers reposition it right away.
bool closeBranchBlock(llvm::IRBuilder<>& b) {
  llvm::BasicBlock* bb = b.GetInsertBlock();
  if (bb->empty() && bb != &bb->getParent()->getEntryBlock() && llvm::pred_empty(bb)) {
    b.ClearInsertionPoint();
    bb->eraseFromParent();
    return false;
  }
  return fallsThrough(b);
}

}  // namespace

void startDeadBlock(llvm::IRBuilder<>& b) {
  b.SetInsertPoint(llvm::BasicBlock::Create(b.getContext(), "dead", currentFunction(b)));
}

bool fallsThrough(llvm::IRBuilder<>& b) {
  llvm::BasicBlock* bb = b.GetInsertBlock();
  if (bb->getTerminator()) return false;
  if (bb != &bb->getParent()->getEntryBlock() && llvm::pred_empty(bb)) {
    b.CreateUnreachable();
    return false;
  }
  return true;
}

// ---- IfBuilder

IfBuilder::IfBuilder(llvm::IRBuilder<>& b, llvm::Value* cond, const std::string& name)
    : b_(b), fn_(currentFunction(b)), name_(name) {
  assert(cond->getType()->isIntegerTy(1) && "IfBuilder condition must be an i1");
  llvm::LLVMContext& ctx = b.getContext();
  auto* thenBB = llvm::BasicBlock::Create(ctx, name + ".then", fn_);
  // Not in the function yet: appended at end() so the join follows both branches in the IR.
  merge_ = llvm::BasicBlock::Create(ctx, name + ".end");
  condBr_ = b.CreateCondBr(cond, thenBB, merge_);
  b.SetInsertPoint(thenBB);
  pushScope(this);
}

IfBuilder::~IfBuilder() {
  if (state_ == State::Ended) return;
  if (std::uncaught_exceptions() > 0) {
    // Give the join block an owner so it is freed with the (discarded) function.
    if (!merge_->getParent()) merge_->insertInto(fn_);
    popScope(this);
    return;
  }
  end();
}

void IfBuilder::closeBranch(bool isThen) {
  llvm::BasicBlock* bb = b_.GetInsertBlock();
  const bool reaches = closeBranchBlock(b_);
  if (reaches) b_.CreateBr(merge_);
  (isThen ? thenEnd_ : elseEnd_) = reaches ? bb : nullptr;  // bb may have been deleted
  (isThen ? thenReaches_ : elseReaches_) = reaches;
}

void IfBuilder::otherwise() {
  assert(state_ == State::Then && "IfBuilder::otherwise() called twice or after end()");
  if (state_ != State::Then) return;
  closeBranch(true);
  auto* elseBB = llvm::BasicBlock::Create(b_.getContext(), name_ + ".else", fn_);
  condBr_->setSuccessor(1, elseBB);
  b_.SetInsertPoint(elseBB);
  state_ = State::Else;
}

void IfBuilder::end() {
  assert(state_ != State::Ended && "IfBuilder::end() called twice");
  if (state_ == State::Ended) return;
  if (state_ == State::Then) {
    closeBranch(true);
    // Without otherwise() the false edge goes straight from the condition's block.
    elseEnd_ = condBr_->getParent();
    elseReaches_ = true;
  } else {
    closeBranch(false);
  }
  merge_->insertInto(fn_);
  b_.SetInsertPoint(merge_);
  state_ = State::Ended;
  popScope(this);
}

llvm::Value* IfBuilder::endMerge(llvm::Value* thenValue, llvm::Value* elseValue,
                                 const std::string& name) {
  assert(thenValue->getType() == elseValue->getType() && "IfBuilder::endMerge type mismatch");
  end();
  if (thenReaches_ && elseReaches_ && thenValue == elseValue) return thenValue;
  if (!thenReaches_ && !elseReaches_) return llvm::Constant::getNullValue(thenValue->getType());
  llvm::PHINode* phi = b_.CreatePHI(thenValue->getType(), 2, name);
  if (thenReaches_) phi->addIncoming(thenValue, thenEnd_);
  if (elseReaches_) phi->addIncoming(elseValue, elseEnd_);
  return phi;
}

SqlValue IfBuilder::endMerge(const SqlValue& thenValue, const SqlValue& elseValue,
                             const std::string& name) {
  assert(thenValue.type->equals(*elseValue.type) && "IfBuilder::endMerge SQL type mismatch");
  // Both PHIs go into the join block; end() must run only once.
  end();
  auto phiOf = [&](llvm::Value* t, llvm::Value* e, const std::string& n) -> llvm::Value* {
    if (!thenReaches_ && !elseReaches_) return llvm::Constant::getNullValue(t->getType());
    if (!thenReaches_) return e;
    if (!elseReaches_) return t;
    if (t == e) return t;  // also keeps identical constant null flags constant
    llvm::PHINode* phi = b_.CreatePHI(t->getType(), 2, n);
    phi->addIncoming(t, thenEnd_);
    phi->addIncoming(e, elseEnd_);
    return phi;
  };
  llvm::Value* value = phiOf(thenValue.value, elseValue.value, name);
  llvm::Value* isNull = phiOf(thenValue.isNull, elseValue.isNull, name + ".isnull");
  return SqlValue::of(value, isNull, thenValue.type);
}

// ---- LoopBuilder

LoopBuilder::LoopBuilder(llvm::IRBuilder<>& b, llvm::Value* begin, llvm::Value* end,
                         const std::string& name)
    : b_(b), fn_(currentFunction(b)) {
  assert(begin->getType()->isIntegerTy() && begin->getType() == end->getType() &&
         "LoopBuilder bounds must be integers of one type");
  llvm::LLVMContext& ctx = b.getContext();
  llvm::BasicBlock* pre = b.GetInsertBlock();
  header_ = llvm::BasicBlock::Create(ctx, name + ".loop", fn_);
  auto* body = llvm::BasicBlock::Create(ctx, name + ".body", fn_);
  latch_ = llvm::BasicBlock::Create(ctx, name + ".next");
  exit_ = llvm::BasicBlock::Create(ctx, name + ".exit");
  b.CreateBr(header_);
  b.SetInsertPoint(header_);
  index_ = b.CreatePHI(begin->getType(), 2, name);
  index_->addIncoming(begin, pre);
  b.CreateCondBr(b.CreateICmpSLT(index_, end, name + ".inrange"), body, exit_);
  b.SetInsertPoint(body);
  pushScope(this);
}

LoopBuilder::~LoopBuilder() {
  if (ended_) return;
  if (std::uncaught_exceptions() > 0) {
    if (!latch_->getParent()) latch_->insertInto(fn_);
    if (!exit_->getParent()) exit_->insertInto(fn_);
    popScope(this);
    return;
  }
  end();
}

void LoopBuilder::continueLoop() {
  assert(!ended_ && "LoopBuilder::continueLoop() after end()");
  b_.CreateBr(latch_);
  startDeadBlock(b_);
}

void LoopBuilder::breakLoop() {
  assert(!ended_ && "LoopBuilder::breakLoop() after end()");
  b_.CreateBr(exit_);
  startDeadBlock(b_);
}

void LoopBuilder::end() {
  assert(!ended_ && "LoopBuilder::end() called twice");
  if (ended_) return;
  if (closeBranchBlock(b_)) b_.CreateBr(latch_);
  latch_->insertInto(fn_);
  b_.SetInsertPoint(latch_);
  // i < end <= max of the type, so i + 1 cannot overflow: nsw helps the vectorizer.
  llvm::Value* next = b_.CreateNSWAdd(index_, llvm::ConstantInt::get(index_->getType(), 1),
                                      index_->getName() + ".next");
  b_.CreateBr(header_);
  index_->addIncoming(next, latch_);
  exit_->insertInto(fn_);
  b_.SetInsertPoint(exit_);
  ended_ = true;
  popScope(this);
}

// ---- FunctionBuilder

FunctionBuilder::FunctionBuilder(IrModule& module, const std::string& name, llvm::Type* returnType,
                                 const std::vector<llvm::Type*>& paramTypes,
                                 const std::vector<std::string>& paramNames)
    : module_(module),
      fn_(llvm::Function::Create(llvm::FunctionType::get(returnType, paramTypes, false),
                                 llvm::Function::ExternalLinkage, name, module.module())),
      b_(module.context()) {
  assert(fn_->getName() == name && "FunctionBuilder: a function of this name already exists");
  assert(paramNames.empty() || paramNames.size() == paramTypes.size());
  for (size_t i = 0; i < paramNames.size(); ++i) fn_->getArg(i)->setName(paramNames[i]);
  // Generated code never throws through C++ frames.
  fn_->addFnAttr(llvm::Attribute::NoUnwind);
  b_.SetInsertPoint(llvm::BasicBlock::Create(module.context(), "entry", fn_));
}

FunctionBuilder::~FunctionBuilder() {
  assert((finished_ || std::uncaught_exceptions() > 0) && "FunctionBuilder::finish() not called");
}

llvm::Argument* FunctionBuilder::arg(unsigned i) const {
  assert(i < fn_->arg_size() && "FunctionBuilder::arg index out of range");
  return fn_->getArg(i);
}

llvm::AllocaInst* FunctionBuilder::local(llvm::Type* type, const std::string& name,
                                         llvm::Value* init) {
  llvm::BasicBlock& entry = fn_->getEntryBlock();
  // Allocas go first in the entry block; the initializing store goes at its end (before its
  // terminator once there is one), where arguments and constants are available.
  llvm::IRBuilder<> atTop(&entry, entry.getFirstInsertionPt());
  llvm::AllocaInst* slot = atTop.CreateAlloca(type, nullptr, name);
  if (init) {
    llvm::IRBuilder<> atEnd(module_.context());
    if (llvm::Instruction* term = entry.getTerminator())
      atEnd.SetInsertPoint(term);
    else
      atEnd.SetInsertPoint(&entry);
    atEnd.CreateStore(init, slot);
  }
  return slot;
}

void FunctionBuilder::ret(llvm::Value* value) {
  assert(!finished_);
  b_.CreateRet(value);
  startDeadBlock(b_);
}

void FunctionBuilder::retVoid() {
  assert(!finished_);
  b_.CreateRetVoid();
  startDeadBlock(b_);
}

llvm::Function* FunctionBuilder::finish() {
  assert(!finished_ && "FunctionBuilder::finish() called twice");
  finished_ = true;
  if (closeBranchBlock(b_)) {
    if (!fn_->getReturnType()->isVoidTy())
      throw CodegenError("generated function " + fn_->getName().str() +
                         " falls off its end without returning a value");
    b_.CreateRetVoid();
  }
  std::string errors;
  llvm::raw_string_ostream os(errors);
  if (llvm::verifyFunction(*fn_, &os))
    throw CodegenError("generated function " + fn_->getName().str() +
                       " does not verify: " + os.str());
  return fn_;
}

}  // namespace sluice
