#include "codegen/ansi_codegen.h"

#include <llvm/IR/Intrinsics.h>

#include <algorithm>

#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/nested_codegen.h"
#include "codegen/nested_ir.h"
#include "planner/functions/ansi.h"
#include "planner/functions/function.h"
#include "stdlib/ansi_errors.h"

namespace sluice {
namespace {

// The condition under which the code being emitted runs (nullptr: always).
thread_local llvm::Value* currentGuard = nullptr;

// raiseKernelErrorIf under the current guard.
void failIf(llvm::IRBuilder<>& b, llvm::Value* cond, const std::string& message) {
  if (currentGuard) cond = b.CreateSelect(currentGuard, cond, b.getFalse());
  raiseKernelErrorIf(b, cond, message);
}

// `cond` under the current guard (for IfBuilder conditions).
llvm::Value* guarded(llvm::IRBuilder<>& b, llvm::Value* cond) {
  return currentGuard ? b.CreateSelect(currentGuard, cond, b.getFalse()) : cond;
}

llvm::Value* anyNull(llvm::IRBuilder<>& b, const std::vector<SqlValue>& args) {
  llvm::Value* n = b.getFalse();
  for (const SqlValue& a : args) n = b.CreateOr(n, a.isNull);
  return n;
}

// `cond` where `valid`, else false: a select, so an undefined payload of a NULL input (which
// `cond` may be computed from) cannot leak into the branch.
llvm::Value* when(llvm::IRBuilder<>& b, llvm::Value* valid, llvm::Value* cond) {
  return b.CreateSelect(valid, cond, b.getFalse());
}

llvm::Value* text(llvm::IRBuilder<>& b, const std::string& s) {
  return b.CreateGlobalString(s, "ansi.text");
}

llvm::FunctionType* fnType(llvm::IRBuilder<>& b, std::vector<llvm::Type*> params) {
  return llvm::FunctionType::get(b.getVoidTy(), params, false);
}

// (ptr, len) of a constant type name, appended to `args`.
void appendName(llvm::IRBuilder<>& b, std::vector<llvm::Value*>& args,
                std::vector<llvm::Type*>& types, const std::string& name) {
  args.insert(args.end(), {text(b, name), b.getInt64(static_cast<int64_t>(name.size()))});
  types.insert(types.end(), {b.getPtrTy(), b.getInt64Ty()});
}

void integralOverflow(llvm::IRBuilder<>& b, const Expr& e, const std::vector<SqlValue>& args,
                      const exprgen::CoerceFn& coerce) {
  const std::string& n = e.fn->name;
  const std::string msg =
      stdlib::ansiArithmeticOverflow(ansiOverflowWord(*e.type), ansiTryFunction(e));
  const SqlValue x = coerce(args[0], e.type);
  if (n == "negative" || n == "abs") {
    llvm::Value* min = llvm::ConstantInt::get(
        x.value->getType(),
        llvm::APInt::getSignedMinValue(x.value->getType()->getIntegerBitWidth()));
    failIf(b, when(b, b.CreateNot(x.isNull), b.CreateICmpEQ(x.value, min)), msg);
    return;
  }
  const SqlValue y = coerce(args[1], e.type);
  const llvm::Intrinsic::ID op = n == "+"   ? llvm::Intrinsic::sadd_with_overflow
                                 : n == "-" ? llvm::Intrinsic::ssub_with_overflow
                                            : llvm::Intrinsic::smul_with_overflow;
  llvm::Value* r = b.CreateBinaryIntrinsic(op, x.value, y.value);
  llvm::Value* overflow = b.CreateExtractValue(r, 1, "ansi.overflow");
  failIf(b, when(b, b.CreateNot(b.CreateOr(x.isNull, y.isNull)), overflow), msg);
}

llvm::Value* isZero(llvm::IRBuilder<>& b, const SqlValue& v) {
  if (v.type->isFractional())
    return b.CreateFCmpOEQ(v.value, llvm::ConstantFP::get(v.value->getType(), 0.0));
  return b.CreateICmpEQ(v.value, llvm::ConstantInt::get(v.value->getType(), 0));
}

void divide(llvm::IRBuilder<>& b, const Expr& e, const std::vector<SqlValue>& args,
            const SqlValue& result) {
  llvm::Value* valid = b.CreateNot(anyNull(b, args));
  failIf(b, when(b, valid, isZero(b, args[1])), stdlib::ansiDivideByZero());
  if (e.type->id() == TypeId::Decimal)  // not a zero divisor: the quotient overflowed
    failIf(b, b.CreateAnd(valid, result.isNull),
           stdlib::ansiDecimalOutOfRange("", e.type->precision(), e.type->scale()));
  if (e.fn->name == "div" && args[0].type->isIntegral() && args[1].type->isIntegral()) {
    // div(MIN, -1) in bigint (the binder casts integral operands to bigint).
    const SqlValue& x = args[0];
    const SqlValue& y = args[1];
    const unsigned bits = x.value->getType()->getIntegerBitWidth();
    llvm::Value* min =
        llvm::ConstantInt::get(x.value->getType(), llvm::APInt::getSignedMinValue(bits));
    llvm::Value* minusOne = llvm::ConstantInt::getSigned(y.value->getType(), -1);
    failIf(b,
           when(b, valid,
                b.CreateAnd(b.CreateICmpEQ(x.value, min), b.CreateICmpEQ(y.value, minusOne))),
           stdlib::ansiArithmeticOverflow(ansiOverflowWord(*e.type), ""));
  }
}

void arrayIndex(llvm::IRBuilder<>& b, const std::vector<SqlValue>& args,
                const exprgen::CoerceFn& coerce, bool elementAt) {
  const SqlValue idx = coerce(args[1], DataType::integer());
  IfBuilder valid(b, guarded(b, b.CreateNot(b.CreateOr(args[0].isNull, idx.isNull))), "ansi.index");
  llvm::Value* len = nestedLength(b, args[0].value);
  llvm::Value* k = b.CreateSExt(idx.value, b.getInt64Ty());
  llvm::Value* inside =
      elementAt
          ? b.CreateAnd(b.CreateICmpNE(k, b.getInt64(0)),
                        b.CreateAnd(b.CreateICmpSGE(k, b.CreateNeg(len)), b.CreateICmpSLE(k, len)))
          : b.CreateAnd(b.CreateICmpSGE(k, b.getInt64(0)), b.CreateICmpSLT(k, len));
  IfBuilder fail(b, b.CreateNot(inside), "ansi.index.error");
  callC(b, "sluice_ansi_array_index", reinterpret_cast<const void*>(&sluice_ansi_array_index),
        fnType(b, {b.getInt64Ty(), b.getInt64Ty(), b.getInt8Ty()}),
        {k, len, b.getInt8(elementAt ? 1 : 0)});
  fail.end();
  valid.end();
}

void parseTimestamp(llvm::IRBuilder<>& b, const std::vector<SqlValue>& args,
                    const SqlValue& result) {
  IfBuilder fail(b, guarded(b, b.CreateAnd(b.CreateNot(anyNull(b, args)), result.isNull)),
                 "ansi.parse");
  callC(b, "sluice_ansi_cannot_parse_timestamp",
        reinterpret_cast<const void*>(&sluice_ansi_cannot_parse_timestamp),
        fnType(b, {b.getPtrTy(), b.getInt64Ty()}),
        {stringViewData(b, args[0].value), stringViewLength(b, args[0].value)});
  fail.end();
}

// Records CAST_OVERFLOW of `in` (a number of type `from`) when `cond`.
void castOverflowIf(llvm::IRBuilder<>& b, llvm::Value* cond, const SqlValue& in,
                    const DataType& from, const DataType& to) {
  if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(cond); c && c->isZero()) return;
  IfBuilder fail(b, guarded(b, cond), "ansi.cast.overflow");
  std::vector<llvm::Value*> args;
  std::vector<llvm::Type*> types;
  const char* name;
  const void* fn;
  if (from.isFractional()) {
    args = {from.id() == TypeId::Float ? b.CreateFPExt(in.value, b.getDoubleTy()) : in.value,
            b.getInt8(from.id() == TypeId::Float ? 1 : 0)};
    types = {b.getDoubleTy(), b.getInt8Ty()};
    name = "sluice_ansi_cast_overflow_f64";
    fn = reinterpret_cast<const void*>(&sluice_ansi_cast_overflow_f64);
  } else if (from.id() == TypeId::Decimal) {
    args = {b.CreateSExt(in.value, b.getInt128Ty()), b.getInt32(from.scale())};
    types = {b.getInt128Ty(), b.getInt32Ty()};
    name = "sluice_ansi_cast_overflow_dec";
    fn = reinterpret_cast<const void*>(&sluice_ansi_cast_overflow_dec);
  } else {
    args = {b.CreateSExt(in.value, b.getInt64Ty())};
    types = {b.getInt64Ty()};
    name = "sluice_ansi_cast_overflow_i64";
    fn = reinterpret_cast<const void*>(&sluice_ansi_cast_overflow_i64);
  }
  appendName(b, args, types, ansiSqlType(from));
  appendName(b, args, types, ansiSqlType(to));
  const bool dec = to.id() == TypeId::Decimal;
  args.insert(args.end(),
              {b.getInt32(dec ? to.precision() : -1), b.getInt32(dec ? to.scale() : 0)});
  types.insert(types.end(), {b.getInt32Ty(), b.getInt32Ty()});
  callC(b, name, fn, fnType(b, types), args);
  fail.end();
}

// Whether number `in` of type `from` truncated toward zero lies outside integral type `to`
// (non-ANSI casts wrap or saturate there instead of giving NULL).
llvm::Value* outsideIntegral(llvm::IRBuilder<>& b, const SqlValue& in, const DataType& from,
                             const DataType& to) {
  const auto [lo, hi] = integralRange(to.id());
  if (from.isFractional()) {
    llvm::Value* d =
        from.id() == TypeId::Float ? b.CreateFPExt(in.value, b.getDoubleTy()) : in.value;
    // Inside when lo - 1 < d < hi + 1 (NaN is outside); as doubles for long: [-2^63, 2^63).
    llvm::Value* above =
        to.id() == TypeId::Long
            ? b.CreateFCmpOGE(d, llvm::ConstantFP::get(b.getDoubleTy(), -0x1p63))
            : b.CreateFCmpOGT(d, llvm::ConstantFP::get(b.getDoubleTy(), double(lo) - 1));
    llvm::Value* below = b.CreateFCmpOLT(
        d,
        llvm::ConstantFP::get(b.getDoubleTy(), to.id() == TypeId::Long ? 0x1p63 : double(hi) + 1));
    return b.CreateNot(b.CreateAnd(above, below));
  }
  if (from.id() == TypeId::Decimal) {
    // Inside when (lo - 1) * 10^s < unscaled < (hi + 1) * 10^s.
    llvm::Value* u = b.CreateSExt(in.value, b.getInt128Ty());
    const __int128 scale = stdlib::pow10i(from.scale());
    llvm::Value* out = b.getFalse();
    __int128 bound;
    auto constant = [&](__int128 v) {
      const uint64_t words[2] = {static_cast<uint64_t>(v), static_cast<uint64_t>(v >> 64)};
      return llvm::ConstantInt::get(b.getContext(), llvm::APInt(128, words));
    };
    if (!__builtin_mul_overflow(static_cast<__int128>(hi) + 1, scale, &bound))
      out = b.CreateOr(out, b.CreateICmpSGE(u, constant(bound)));
    if (!__builtin_mul_overflow(static_cast<__int128>(lo) - 1, scale, &bound))
      out = b.CreateOr(out, b.CreateICmpSLE(u, constant(bound)));
    return out;
  }
  llvm::Value* v = b.CreateSExt(in.value, b.getInt64Ty());
  return b.CreateOr(b.CreateICmpSLT(v, b.getInt64(lo)), b.CreateICmpSGT(v, b.getInt64(hi)));
}

}  // namespace

AnsiGuardScope::AnsiGuardScope(llvm::IRBuilder<>& b, llvm::Value* taken) : outer_(currentGuard) {
  if (taken) currentGuard = outer_ ? b.CreateSelect(outer_, taken, b.getFalse()) : taken;
}

AnsiGuardScope::~AnsiGuardScope() {
  currentGuard = outer_;
}

bool needsAnsiGuards(const Expr& e) {
  static const char* const kLazy[] = {"if", "casewhen", "coalesce", "nvl2", "and", "or"};
  if (e.kind != ExprKind::Call || !ansiModeUsed()) return false;
  if (std::none_of(std::begin(kLazy), std::end(kLazy),
                   [&](const char* n) { return e.fn->name == n; }))
    return false;
  bool any = false;
  for (size_t i = 1; i < e.args.size() && !any; ++i)
    visit(e.args[i], [&](const ExprPtr& x) {
      any = any || isAnsi(*x);
      return !any;
    });
  return any;
}

llvm::Value* lazyArgumentTaken(llvm::IRBuilder<>& b, const Expr& e,
                               const std::vector<SqlValue>& before, size_t i) {
  if (i == 0) return nullptr;
  const std::string& n = e.fn->name;
  auto isTrue = [&](const SqlValue& v) { return emitIsTrue(b, v); };
  if (n == "if") return i == 1 ? isTrue(before[0]) : b.CreateNot(isTrue(before[0]));
  if (n == "and" || n == "or") {  // the right side runs unless the left decides
    const SqlValue& l = before[0];
    if (l.type->id() == TypeId::Null) return nullptr;
    llvm::Value* decides =
        b.CreateAnd(b.CreateNot(l.isNull), n == "and" ? b.CreateNot(l.value) : l.value);
    return b.CreateNot(decides);
  }
  if (n == "nvl2") return i == 1 ? b.CreateNot(before[0].isNull) : before[0].isNull;
  if (n == "coalesce") {  // every earlier argument is NULL
    llvm::Value* all = b.getTrue();
    for (size_t k = 0; k < i; ++k) all = b.CreateAnd(all, before[k].isNull);
    return all;
  }
  // casewhen [c1, v1, c2, v2, ..., else?]: no earlier condition true (and, for a value, its
  // own condition true).
  const bool isValue = i % 2 == 1;
  llvm::Value* none = b.getTrue();
  for (size_t k = 0; k < i / 2; ++k)  // the conditions before argument i's own
    none = b.CreateAnd(none, b.CreateNot(isTrue(before[2 * k])));
  return isValue ? b.CreateAnd(none, isTrue(before[i - 1])) : none;
}

void emitAnsiCallChecks(llvm::IRBuilder<>& b, const Expr& e, const std::vector<SqlValue>& args,
                        const SqlValue& result, const exprgen::CoerceFn& coerce) {
  for (const SqlValue& a : args)
    if (a.type->id() == TypeId::Null) return;  // a NULL literal argument: NULL, no error
  switch (ansiCheckOf(e)) {
    case AnsiCheck::IntegralOverflow:
      integralOverflow(b, e, args, coerce);
      return;
    case AnsiCheck::DecimalOverflow:
      failIf(b, b.CreateAnd(b.CreateNot(anyNull(b, args)), result.isNull),
             stdlib::ansiDecimalOutOfRange("", e.type->precision(), e.type->scale()));
      return;
    case AnsiCheck::Divide:
      divide(b, e, args, result);
      return;
    case AnsiCheck::ArrayIndex:
    case AnsiCheck::ElementAt:
      arrayIndex(b, args, coerce, ansiCheckOf(e) == AnsiCheck::ElementAt);
      return;
    case AnsiCheck::ParseTimestamp:
      parseTimestamp(b, args, result);
      return;
    default:
      return;
  }
}

void emitAnsiCastCheck(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& in,
                       const SqlValue& out) {
  if (in.type->id() == TypeId::Null) return;
  const DataType& from = *in.type;
  const DataType& to = *e.type;
  llvm::Value* valid = b.CreateNot(in.isNull);
  switch (ansiCheckOf(e)) {
    case AnsiCheck::CastInvalidInput: {
      IfBuilder fail(b, guarded(b, b.CreateAnd(valid, out.isNull)), "ansi.cast.invalid");
      std::vector<llvm::Value*> args = {stringViewData(b, in.value), stringViewLength(b, in.value)};
      std::vector<llvm::Type*> types = {b.getPtrTy(), b.getInt64Ty()};
      appendName(b, args, types, ansiSqlType(to));
      callC(b, "sluice_ansi_cast_invalid", reinterpret_cast<const void*>(&sluice_ansi_cast_invalid),
            fnType(b, types), args);
      fail.end();
      return;
    }
    case AnsiCheck::CastOverflow: {
      llvm::Value* bad = out.isNull;
      if (to.isIntegral()) bad = b.CreateOr(bad, outsideIntegral(b, in, from, to));
      castOverflowIf(b, when(b, valid, bad), in, from, to);
      return;
    }
    default:
      return;
  }
}

SqlValue emitTryCast(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& in, const SqlValue& out) {
  if (in.type->id() == TypeId::Null || ansiCheckOf(e) != AnsiCheck::CastOverflow ||
      !e.type->isIntegral())
    return out;
  llvm::Value* outside =
      b.CreateSelect(in.isNull, b.getFalse(), outsideIntegral(b, in, *in.type, *e.type));
  return SqlValue::of(out.value, b.CreateOr(out.isNull, outside), out.type);
}

}  // namespace sluice
