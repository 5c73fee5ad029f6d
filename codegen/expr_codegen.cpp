#include "codegen/expr_codegen.h"

#include <llvm/ADT/APInt.h>
#include <llvm/IR/Constants.h>

#include <vector>

#include "codegen/expr_codegen_internal.h"
#include "codegen/host_function_binding.h"
#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/nested_codegen.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/functions/function.h"

namespace sluice {
namespace {

[[noreturn]] void unsupported(const std::string& what, const Expr& e) {
  throw CodegenError(what + " is not supported by the code generator yet", nullptr, e.span);
}

bool arithOp(const std::string& n, ArithOp* op) {
  if (n == "+")
    *op = ArithOp::Add;
  else if (n == "-")
    *op = ArithOp::Subtract;
  else if (n == "*")
    *op = ArithOp::Multiply;
  else if (n == "/")
    *op = ArithOp::Divide;
  else if (n == "%")
    *op = ArithOp::Remainder;
  else if (n == "div")
    *op = ArithOp::IntegralDivide;
  else if (n == "pmod")
    *op = ArithOp::Pmod;
  else
    return false;
  return true;
}

bool cmpOp(const std::string& n, CmpOp* op) {
  if (n == "=")
    *op = CmpOp::Eq;
  else if (n == "<=>")
    *op = CmpOp::NullSafeEq;
  else if (n == "<")
    *op = CmpOp::Lt;
  else if (n == "<=")
    *op = CmpOp::Le;
  else if (n == ">")
    *op = CmpOp::Gt;
  else if (n == ">=")
    *op = CmpOp::Ge;
  else
    return false;
  return true;
}

}  // namespace

SqlValue ExprCodegen::compile(const ExprPtr& e) {
  switch (e->kind) {
    case ExprKind::Literal:
      return literal(*e);
    case ExprKind::ColumnRef: {
      auto it = bindings_.find(e->attr.id);
      if (it == bindings_.end())
        throw CodegenError("column " + e->attr.toString() + " is not available in this pipeline",
                           nullptr, e->span);
      return it->second;
    }
    case ExprKind::Alias:
      return compile(e->args[0]);
    case ExprKind::Cast:
      return coerce(compile(e->args[0]), e->type, *e);
    case ExprKind::GetField:
      return compileGetField(b_, *e, compile(e->args[0]));
    case ExprKind::Call:
      return call(*e);
  }
  unsupported("expression " + e->toString(), *e);
}

SqlValue ExprCodegen::coerce(const SqlValue& v, const TypePtr& to, const Expr& where) {
  if (v.type->equals(*to)) return SqlValue::of(v.value, v.isNull, to);
  if (v.type->id() == TypeId::Null) return SqlValue::null(b_.getContext(), to);
  if (!exprgen::fullCastSupported(*v.type, *to))
    unsupported("CAST from " + v.type->toString() + " to " + to->toString(), where);
  return exprgen::emitFullCast(b_, v, to, arenaFor(where));
}

std::function<llvm::Value*()> ExprCodegen::arenaFor(const Expr& where) const {
  if (arena_) return arena_;
  return [&where]() -> llvm::Value* {
    unsupported("a function that creates strings (" + where.toString() + ") outside a pipeline",
                where);
  };
}

llvm::Value* ExprCodegen::isTrue(const SqlValue& v) {
  if (v.type->id() == TypeId::Null) return b_.getFalse();
  return b_.CreateAnd(v.value, b_.CreateNot(v.isNull), "istrue");
}

SqlValue ExprCodegen::literal(const Expr& e) {
  llvm::LLVMContext& ctx = b_.getContext();
  const Value& v = e.value;
  if (v.isNull() || e.type->id() == TypeId::Null) return SqlValue::null(ctx, e.type);
  llvm::Type* t = llvmTypeFor(ctx, *e.type);
  switch (e.type->id()) {
    case TypeId::Boolean:
      return SqlValue::notNull(b_.getInt1(v.asBool()), e.type);
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
    case TypeId::Date:
    case TypeId::Timestamp:
      return SqlValue::notNull(llvm::ConstantInt::getSigned(t, v.asInt()), e.type);
    case TypeId::Float:
    case TypeId::Double:
      return SqlValue::notNull(llvm::ConstantFP::get(t, v.asDouble()), e.type);
    case TypeId::Decimal: {
      const __int128 u = v.asDecimal();
      const uint64_t words[2] = {static_cast<uint64_t>(u), static_cast<uint64_t>(u >> 64)};
      llvm::APInt wide(128, words);
      return SqlValue::notNull(llvm::ConstantInt::get(ctx, wide.trunc(t->getIntegerBitWidth())),
                               e.type);
    }
    case TypeId::String:
    case TypeId::Binary: {
      // A private constant global: the bytes live as long as the JIT'd code.
      const std::string& s = v.asString();
      llvm::Value* data = b_.CreateGlobalString(s, "str");
      return SqlValue::notNull(makeStringView(b_, data, b_.getInt64(s.size())), e.type);
    }
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map:
      return compileNestedLiteral(b_, e);
    default:
      unsupported("a " + e.type->toString() + " literal", e);
  }
}

SqlValue ExprCodegen::call(const Expr& e) {
  const std::string& n = e.fn->name;
  std::vector<SqlValue> a;
  a.reserve(e.args.size());
  for (const auto& arg : e.args) a.push_back(compile(arg));

  auto coerceTo = [&](const SqlValue& v, const TypePtr& t) { return coerce(v, t, e); };
  if (auto special = exprgen::compileSpecialCall(b_, e, a, coerceTo, arenaFor(e))) return *special;
  ArithOp aop;
  if (arithOp(n, &aop) && a.size() == 2) {
    // The binder casts operands to the result type (Spark's coercion); keep that invariant.
    return emitArith(b_, aop, coerce(a[0], e.type, e), coerce(a[1], e.type, e));
  }
  CmpOp cop;
  if (cmpOp(n, &cop) && a.size() == 2) {
    if (a[0].type->id() == TypeId::Null || a[1].type->id() == TypeId::Null) {
      const TypePtr& t = a[0].type->id() == TypeId::Null ? a[1].type : a[0].type;
      return emitCompare(b_, cop, coerce(a[0], t, e), coerce(a[1], t, e));
    }
    return emitCompare(b_, cop, a[0], a[1]);
  }
  if (n == "and" || n == "or") {
    const TypePtr boolean = DataType::boolean();
    SqlValue l = coerce(a[0], boolean, e), r = coerce(a[1], boolean, e);
    return n == "and" ? emitAnd(b_, l, r) : emitOr(b_, l, r);
  }
  if (n == "not") return emitNot(b_, coerce(a[0], DataType::boolean(), e));
  if (n == "negative") return emitNegate(b_, coerce(a[0], e.type, e));
  if (n == "positive") return coerce(a[0], e.type, e);
  if (n == "isnull") return emitIsNull(b_, a[0]);
  if (n == "isnotnull") return emitIsNotNull(b_, a[0]);
  if (n == "coalesce") {
    for (auto& v : a) v = coerce(v, e.type, e);
    return emitCoalesce(b_, a);
  }
  if (n == "if" && a.size() == 3) {
    return emitSelect(b_, isTrue(a[0]), coerce(a[1], e.type, e), coerce(a[2], e.type, e));
  }
  if (n == "casewhen" && a.size() >= 2) {
    // [c1, v1, c2, v2, ..., else?]: fold from the last branch so the first TRUE wins.
    size_t pairs = a.size() / 2;
    SqlValue result =
        a.size() % 2 ? coerce(a.back(), e.type, e) : SqlValue::null(b_.getContext(), e.type);
    for (size_t i = pairs; i-- > 0;)
      result = emitSelect(b_, isTrue(a[2 * i]), coerce(a[2 * i + 1], e.type, e), result);
    return result;
  }
  if (auto nested = compileNestedCall(b_, e, a, [&]() -> llvm::Value* {
        if (!arena_) unsupported("function " + n + " outside a pipeline kernel", e);
        return arena_();
      }))
    return *nested;
  if (auto host = compileHostCall(b_, e, a, arenaFor(e))) return *host;  // Engine::registerFunction
  if (!e.fn->symbol.empty()) return stdlibCall(e, a);
  unsupported("function " + n, e);
}

SqlValue ExprCodegen::stdlibCall(const Expr& e, std::vector<SqlValue>& a) {
  const std::string& n = e.fn->name;
  // Untyped NULL arguments take the type the binder resolved for them (string for concat).
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].type->id() == TypeId::Null) a[i] = SqlValue::null(b_.getContext(), e.args[i]->type);
  std::vector<TypePtr> types;
  for (const auto& v : a) types.push_back(v.type);
  const StdlibBinding* bd = findStdlibBinding(e.fn->symbol, types, *e.type);
  if (!bd || e.fn->nulls != NullBehavior::Propagates) {
    std::string sig;
    for (const auto& t : types) sig += (sig.empty() ? "" : ", ") + t->toString();
    unsupported("function " + n + "(" + sig + ")", e);
  }
  exprgen::checkConstantPatterns(e);
  const exprgen::ArenaFn arena = arenaFor(e);
  // NullBehavior::Propagates: a NULL argument skips the call (kernels never see NULLs).
  return exprgen::callIfNotNull(b_, a, e.type,
                                [&] { return emitStdlibCall(b_, *bd, a, e.type, arena); });
}

}  // namespace sluice
