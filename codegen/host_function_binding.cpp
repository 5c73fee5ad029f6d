#include "codegen/host_function_binding.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/Module.h>

#include <map>
#include <mutex>

#include "codegen/call_emitters.h"
#include "codegen/expr_codegen_internal.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/functions/function.h"

namespace sluice {
namespace {

// Process-wide: kernels of any engine may be compiled on any thread. std::map keeps the
// bindings at stable addresses, and entries are never removed (a compiled query may still
// point at one).
std::mutex bindingsMutex;
std::map<std::string, HostBinding>& bindings() {
  static std::map<std::string, HostBinding> m;
  return m;
}

// The module's private function `@<symbol>` that tail-calls the host's address: calls in the
// kernel then name the function (EXPLAIN CODEGEN), while the JIT needs no symbol for it.
llvm::Function* trampoline(llvm::Module& m, const HostBinding& h) {
  if (llvm::Function* f = m.getFunction(h.symbol)) return f;
  llvm::LLVMContext& ctx = m.getContext();
  llvm::FunctionType* type = llvmSignature(ctx, h.sig);
  auto* f = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage, h.symbol, m);
  // Kept out of line so the call site shows the name; the host entry point is noexcept.
  f->addFnAttr(llvm::Attribute::NoInline);
  f->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", f));
  std::vector<llvm::Value*> args;
  for (llvm::Argument& a : f->args()) args.push_back(&a);
  llvm::Constant* target = llvm::ConstantExpr::getIntToPtr(
      b.getInt64(reinterpret_cast<uint64_t>(h.address)), b.getPtrTy());
  llvm::CallInst* call = b.CreateCall(type, target, args);
  call->setTailCall();
  if (type->getReturnType()->isVoidTy())
    b.CreateRetVoid();
  else
    b.CreateRet(call);
  return f;
}

bool isOut(CType t) {
  return t == CType::OutString || outPointee(t) != CType::Void;
}

// The C arguments for `a` (see the header's marshalling); Arena / Out* are left to emitCCall.
std::vector<llvm::Value*> marshal(llvm::IRBuilder<>& b, const HostBinding& h,
                                  std::span<const SqlValue> a) {
  std::vector<llvm::Value*> in;
  const auto& p = h.sig.params;
  size_t k = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == CType::Arena || isOut(p[i])) continue;
    if (k >= a.size())
      throw CodegenError("code generator: host function " + h.sqlName + " has more parameters (" +
                         std::to_string(p.size()) + ") than its SQL arguments need");
    const SqlValue& v = a[k];
    switch (p[i]) {
      case CType::Bytes:
        in.push_back(stringViewData(b, v.value));
        in.push_back(stringViewLength(b, v.value));
        ++i;  // the length
        break;
      case CType::U8:
        in.push_back(b.CreateZExt(v.value, b.getInt8Ty()));
        break;
      case CType::I128:
        in.push_back(b.CreateSExt(v.value, b.getInt128Ty()));
        break;
      default:
        in.push_back(v.value);
        break;
    }
    if (h.argSeesNull[k]) {  // a NULL's payload is zero (SqlValue's invariant)
      in.push_back(b.CreateZExt(v.isNull, b.getInt8Ty()));
      ++i;
    }
    ++k;
  }
  return in;
}

}  // namespace

void registerHostBinding(HostBinding binding) {
  std::lock_guard<std::mutex> lock(bindingsMutex);
  auto [it, inserted] = bindings().emplace(binding.symbol, binding);
  if (!inserted && it->second.address != binding.address)
    throw CodegenError("host function symbol " + binding.symbol + " is already bound");
}

const HostBinding* findHostBinding(const std::string& symbol) {
  std::lock_guard<std::mutex> lock(bindingsMutex);
  auto it = bindings().find(symbol);
  return it == bindings().end() ? nullptr : &it->second;
}

std::optional<SqlValue> compileHostCall(llvm::IRBuilder<>& b, const Expr& call,
                                        std::span<const SqlValue> args,
                                        const std::function<llvm::Value*()>& arena) {
  if (!call.fn || call.fn->symbol.empty()) return std::nullopt;
  const HostBinding* h = findHostBinding(call.fn->symbol);
  if (!h) return std::nullopt;
  if (args.size() != h->argSeesNull.size())
    throw CodegenError("host function " + h->sqlName + " takes " +
                           std::to_string(h->argSeesNull.size()) + " argument(s), got " +
                           std::to_string(args.size()),
                       nullptr, call.span);
  std::vector<SqlValue> a(args.begin(), args.end());
  std::vector<SqlValue> guarded;  // NULL here: NULL result, no call
  for (size_t i = 0; i < a.size(); ++i) {
    // An untyped NULL takes the declared type the binder resolved.
    if (a[i].type->id() == TypeId::Null) a[i] = SqlValue::null(b.getContext(), call.args[i]->type);
    if (!h->argSeesNull[i]) guarded.push_back(a[i]);
  }
  return exprgen::callIfNotNull(b, guarded, call.type, [&] {
    trampoline(*b.GetInsertBlock()->getModule(), *h);
    const StdlibBinding target{h->symbol, h->symbol, h->address, h->sig};
    return emitCCall(b, target, marshal(b, *h, a), call.type, arena);
  });
}

namespace {

// Host rows (HostFunctionSet) name this emitter; their symbol names the host binding.
const NamedEmitter kEmitters[] = {
    {"host", [](const CallSite& c) { return compileHostCall(c.b, c.e, c.args, c.arena); }},
};

}  // namespace

std::span<const NamedEmitter> hostEmitters() {
  return kEmitters;
}

}  // namespace sluice
