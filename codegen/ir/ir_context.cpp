#include "codegen/ir/ir_context.h"

#include <llvm/IR/Verifier.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>

#include <mutex>

#include "codegen/ir/ir_runtime.h"
#include "codegen/ir/sql_value.h"
#include "codegen/jit/jit_engine.h"

namespace sluice {

namespace {

struct HostTarget {
  std::string triple;
  std::string dataLayout;
};

const HostTarget& hostTarget() {
  static const HostTarget host = [] {
    HostTarget h;
    h.triple = llvm::sys::getProcessTriple();
    llvm::InitializeNativeTarget();
    std::string error;
    const llvm::Target* target = llvm::TargetRegistry::lookupTarget(h.triple, error);
    // Without a target the layout stays empty and the JIT fills in its own when the module
    // is added; only pre-JIT optimization would lose type-size knowledge.
    if (target) {
      std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
          h.triple, "generic", "", llvm::TargetOptions(), std::nullopt));
      if (tm) h.dataLayout = tm->createDataLayout().getStringRepresentation();
    }
    return h;
  }();
  return host;
}

}  // namespace

const std::string& hostTargetTriple() {
  return hostTarget().triple;
}
const std::string& hostDataLayout() {
  return hostTarget().dataLayout;
}

IrTypes::IrTypes(llvm::LLVMContext& ctx)
    : voidTy(llvm::Type::getVoidTy(ctx)),
      i1(llvm::Type::getInt1Ty(ctx)),
      i8(llvm::Type::getInt8Ty(ctx)),
      i16(llvm::Type::getInt16Ty(ctx)),
      i32(llvm::Type::getInt32Ty(ctx)),
      i64(llvm::Type::getInt64Ty(ctx)),
      i128(llvm::Type::getInt128Ty(ctx)),
      f32(llvm::Type::getFloatTy(ctx)),
      f64(llvm::Type::getDoubleTy(ctx)),
      ptr(llvm::PointerType::get(ctx, 0)),
      strView(stringViewType(ctx)) {}

IrModule::IrModule(const std::string& name)
    : name_(name),
      context_(std::make_unique<llvm::LLVMContext>()),
      module_(std::make_unique<llvm::Module>(name, *context_)),
      types_(std::make_unique<IrTypes>(*context_)) {
  module_->setTargetTriple(hostTargetTriple());
  if (!hostDataLayout().empty()) module_->setDataLayout(hostDataLayout());
}

IrModule::~IrModule() {
  // The module references the context: destroy it first whatever the member order.
  module_.reset();
}

IrModule::IrModule(IrModule&&) noexcept = default;
IrModule& IrModule::operator=(IrModule&& other) noexcept {
  if (this != &other) {
    module_.reset();
    name_ = std::move(other.name_);
    context_ = std::move(other.context_);
    module_ = std::move(other.module_);
    types_ = std::move(other.types_);
  }
  return *this;
}

llvm::Type* IrModule::sqlType(const DataType& type) const {
  return llvmTypeFor(*context_, type);
}

std::string IrModule::printIR() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  module_->print(os, nullptr);
  return os.str();
}

std::string IrModule::verify() const {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::verifyModule(*module_, &os);
  return os.str();
}

void IrModule::addTo(JitEngine& jit, std::string* optimizedIR) {
  registerIrRuntime(jit);
  // Clear our pointers first so this object reads as consumed even if the JIT throws.
  types_.reset();
  jit.addModule(std::move(module_), std::move(context_), name_, optimizedIR);
}

}  // namespace sluice
