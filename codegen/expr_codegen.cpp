#include "codegen/expr_codegen.h"

#include <llvm/ADT/APInt.h>
#include <llvm/IR/Constants.h>

#include <vector>

#include "codegen/ansi_codegen.h"
#include "codegen/call_emitters.h"
#include "codegen/expr_codegen_internal.h"
#include "codegen/ir/null_ops.h"
#include "codegen/nested_codegen.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/functions/ansi.h"
#include "planner/functions/function.h"
#include "stdlib/timezone.h"

namespace sluice {
namespace {

[[noreturn]] void unsupported(const std::string& what, const Expr& e) {
  throw CodegenError(what + " is not supported by the code generator yet", nullptr, e.span);
}

}  // namespace

SqlValue ExprCodegen::compile(const ExprPtr& e) {
  switch (e->kind) {
    case ExprKind::Literal:
      return literal(*e);
    case ExprKind::ColumnRef:
    case ExprKind::LambdaVar: {
      auto it = bindings_.find(e->attr.id);
      if (it == bindings_.end())
        throw CodegenError("column " + e->attr.toString() + " is not available in this pipeline",
                           nullptr, e->span);
      return it->second;
    }
    case ExprKind::Alias:
      return compile(e->args[0]);
    case ExprKind::Cast: {
      const SqlValue v = compile(e->args[0]);
      const SqlValue out = castTo(v, e->type, *e, e->timeZone);
      if (isAnsi(*e)) emitAnsiCastCheck(b_, *e, v, out);
      if (e->fn == &tryCastMode()) return emitTryCast(b_, *e, v, out);
      return out;
    }
    case ExprKind::GetField:
      return compileGetField(b_, *e, compile(e->args[0]));
    case ExprKind::Call:
      return call(*e);
    case ExprKind::Lambda:
      break;  // only a higher-order function's argument (CallSite::applyLambda)
  }
  unsupported("expression " + e->toString(), *e);
}

SqlValue ExprCodegen::castTo(const SqlValue& v, const TypePtr& to, const Expr& where,
                             const std::string& zone) {
  if (!zone.empty() && v.type->id() != TypeId::Null && !v.type->equals(*to))
    if (auto zoned = exprgen::emitZonedCast(b_, v, to, zone, arenaFor(where))) return *zoned;
  if (v.type->id() == TypeId::Array && to->id() == TypeId::Array && !v.type->equals(*to))
    return exprgen::emitArrayCast(
        b_, v, to, arenaFor(where),
        [&](const SqlValue& x, const TypePtr& t) { return castTo(x, t, where, zone); });
  return coerce(v, to, where);
}

SqlValue ExprCodegen::coerce(const SqlValue& v, const TypePtr& to, const Expr& where) {
  if (v.type->equals(*to)) return SqlValue::of(v.value, v.isNull, to);
  if (v.type->id() == TypeId::Null) return SqlValue::null(b_.getContext(), to);
  if (v.type->id() == TypeId::Array && to->id() == TypeId::Array)
    return exprgen::emitArrayCast(
        b_, v, to, arenaFor(where),
        [&](const SqlValue& x, const TypePtr& t) { return coerce(x, t, where); });
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
  return emitIsTrue(b_, v);
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
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
      return SqlValue::notNull(llvm::ConstantInt::getSigned(t, v.asInt()), e.type);
    case TypeId::Interval:
      // A calendar interval has no run-time form: the emitters that take one (timestamp +/-
      // interval) read the constant from the expression; this is a placeholder.
      return SqlValue::notNull(llvm::ConstantPointerNull::get(b_.getPtrTy()), e.type);
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
  std::vector<SqlValue> a;
  a.reserve(e.args.size());
  bool lambdas = false;
  const bool guards = needsAnsiGuards(e);  // ANSI checks in lazily taken arguments
  for (const auto& arg : e.args) {
    // Lambda functions are compiled by the higher-order function's emitter, per element.
    if (arg->kind == ExprKind::Lambda) {
      a.push_back(SqlValue::null(b_.getContext(), arg->type));
      lambdas = true;
      continue;
    }
    if (!guards) {
      a.push_back(compile(arg));
      continue;
    }
    const AnsiGuardScope taken(b_, lazyArgumentTaken(b_, e, a, a.size()));
    a.push_back(compile(arg));
  }
  const std::function<SqlValue(const Expr&, const std::vector<SqlValue>&)> applyLambda =
      [&](const Expr& lambda, const std::vector<SqlValue>& params) {
        ColumnBindings inner = bindings_;
        for (size_t i = 0; i < lambda.lambdaParams.size() && i < params.size(); ++i)
          inner[lambda.lambdaParams[i].id] = coerce(params[i], lambda.lambdaParams[i].type, lambda);
        ExprCodegen body(b_, inner, arena_);
        return body.compile(lambda.args[0]);
      };
  // The row says how it is implemented: its emitter first (which may leave some argument
  // types to the stdlib), then its stdlib bindings.
  const auto emitCall = [&]() -> SqlValue {
    if (!e.fn->emitter.empty()) {
      const CallEmitter emit = findCallEmitter(e.fn->emitter);
      if (!emit)
        throw CodegenError("internal: no code generator emitter '" + e.fn->emitter +
                               "' for function " + e.fn->name,
                           nullptr, e.span);
      const exprgen::CoerceFn coerceTo = [&](const SqlValue& v, const TypePtr& t) {
        return coerce(v, t, e);
      };
      const exprgen::ArenaFn arena = arenaFor(e);
      if (auto v = emit(CallSite{b_, e, a, coerceTo, arena, lambdas ? &applyLambda : nullptr}))
        return *v;
    }
    if (!e.fn->symbol.empty()) return stdlibCall(e, a);
    unsupported("function " + e.fn->name, e);
  };
  if (!isAnsi(e)) return emitCall();
  const std::vector<SqlValue> in = a;  // the emitter may coerce `a` in place
  const SqlValue out = emitCall();
  emitAnsiCallChecks(b_, e, in, out,
                     [&](const SqlValue& v, const TypePtr& t) { return coerce(v, t, e); });
  return out;
}

SqlValue ExprCodegen::stdlibCall(const Expr& e, std::vector<SqlValue>& a) {
  const std::string& n = e.fn->name;
  // Untyped NULL arguments take the type the binder resolved for them (string for concat).
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].type->id() == TypeId::Null) a[i] = SqlValue::null(b_.getContext(), e.args[i]->type);
  std::vector<TypePtr> types;
  for (const auto& v : a) types.push_back(v.type);
  const StdlibBinding* bd = nullptr;
  if (e.fn->timeZoneAware && !stdlib::Zone::of(e.timeZone).isUtc()) {
    // The session zone's form: the zone id travels as an extra last argument. Overloads that
    // do not depend on the zone (identities) have no such form and keep their plain binding.
    std::vector<TypePtr> tzTypes = types;
    tzTypes.push_back(DataType::string());
    bd = findStdlibBinding(e.fn->symbol + "_tz", tzTypes, *e.type);
    if (bd) {
      a.push_back(exprgen::zoneIdValue(b_, e.timeZone));
      types = std::move(tzTypes);
    }
  }
  if (!bd) bd = findStdlibBinding(e.fn->symbol, types, *e.type);
  if (!bd || e.fn->nulls != NullBehavior::Propagates) {
    std::string sig;
    for (const auto& t : types) sig += (sig.empty() ? "" : ", ") + t->toString();
    unsupported("function " + n + "(" + sig + ")", e);
  }
  if (e.fn->checkConstantArgs) e.fn->checkConstantArgs(e);
  const exprgen::ArenaFn arena = arenaFor(e);
  // NullBehavior::Propagates: a NULL argument skips the call (kernels never see NULLs).
  return exprgen::callIfNotNull(b_, a, e.type,
                                [&] { return emitStdlibCall(b_, *bd, a, e.type, arena); });
}

}  // namespace sluice
