#include "codegen/ir/null_ops.h"

#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Module.h>

#include "codegen/ir/control_flow.h"
#include "codegen/ir/ir_runtime.h"
#include "frontend/error.h"

namespace sluice {

namespace {

void requireSameType(const SqlValue& l, const SqlValue& r, const char* what) {
  if (!l.type->equals(*r.type))
    throw CodegenError(std::string("code generator: ") + what + " of " + l.type->toString() +
                       " and " + r.type->toString() + " (operand types must be equal)");
}

[[noreturn]] void unsupported(const char* what, const DataType& type) {
  throw CodegenError(std::string("code generator: ") + what + " on " + type.toString() +
                     " is not supported yet");
}

bool isInteger(const DataType& t) {
  return t.isIntegral();
}
bool isFloat(const DataType& t) {
  return t.isFractional();
}

bool isConst(llvm::Value* v, bool which) {
  auto* c = llvm::dyn_cast<llvm::ConstantInt>(v);
  return c && c->isOne() == which;
}

// OR / AND of i1 null flags that fold constant operands: IRBuilder only folds when both
// are constants, and a constant-false flag must stay constant for non-nullable values.
llvm::Value* flagOr(llvm::IRBuilder<>& b, llvm::Value* x, llvm::Value* y,
                    const char* name = "isnull") {
  if (isConst(x, false) || isConst(y, true)) return y;
  if (isConst(y, false) || isConst(x, true)) return x;
  return b.CreateOr(x, y, name);
}
llvm::Value* flagAnd(llvm::IRBuilder<>& b, llvm::Value* x, llvm::Value* y,
                     const char* name = "isnull") {
  if (isConst(x, true) || isConst(y, false)) return y;
  if (isConst(y, true) || isConst(x, false)) return x;
  return b.CreateAnd(x, y, name);
}

llvm::Value* anyNull(llvm::IRBuilder<>& b, const SqlValue& l, const SqlValue& r) {
  return flagOr(b, l.isNull, r.isNull, "anynull");
}

// Java's `a % n` for integers: LLVM's srem is undefined for n == 0 and for MIN % -1, so the
// divisor is replaced by 1 in those cases (the zero case is NULL anyway; MIN % -1 is 0).
llvm::Value* safeSRem(llvm::IRBuilder<>& b, llvm::Value* a, llvm::Value* n) {
  llvm::Type* t = a->getType();
  llvm::Value* zero = llvm::ConstantInt::get(t, 0);
  llvm::Value* minus1 = llvm::ConstantInt::getSigned(t, -1);
  llvm::Value* isMinus1 = b.CreateICmpEQ(n, minus1);
  llvm::Value* bad = b.CreateOr(b.CreateICmpEQ(n, zero), isMinus1);
  llvm::Value* rem = b.CreateSRem(a, b.CreateSelect(bad, llvm::ConstantInt::get(t, 1), n));
  return b.CreateSelect(isMinus1, zero, rem, "rem");
}

// Java's `a / n` for integers: MIN / -1 wraps to MIN (= 0 - a), division by 0 is masked.
llvm::Value* safeSDiv(llvm::IRBuilder<>& b, llvm::Value* a, llvm::Value* n) {
  llvm::Type* t = a->getType();
  llvm::Value* zero = llvm::ConstantInt::get(t, 0);
  llvm::Value* isMinus1 = b.CreateICmpEQ(n, llvm::ConstantInt::getSigned(t, -1));
  llvm::Value* bad = b.CreateOr(b.CreateICmpEQ(n, zero), isMinus1);
  llvm::Value* quot = b.CreateSDiv(a, b.CreateSelect(bad, llvm::ConstantInt::get(t, 1), n));
  return b.CreateSelect(isMinus1, b.CreateSub(zero, a), quot, "div");
}

// Spark's pmod: r = a % n; r < 0 ? (r + n) % n : r. Narrow types compute in int as Spark's
// generated Java does (r + n must not wrap at 8 or 16 bits).
llvm::Value* intPmod(llvm::IRBuilder<>& b, llvm::Value* a, llvm::Value* n) {
  llvm::Type* t = a->getType();
  const bool narrow = t->getIntegerBitWidth() < 32;
  if (narrow) {
    a = b.CreateSExt(a, b.getInt32Ty());
    n = b.CreateSExt(n, b.getInt32Ty());
  }
  llvm::Value* r = safeSRem(b, a, n);
  llvm::Value* neg = b.CreateICmpSLT(r, llvm::ConstantInt::get(r->getType(), 0));
  llvm::Value* res = b.CreateSelect(neg, safeSRem(b, b.CreateAdd(r, n), n), r);
  return narrow ? b.CreateTrunc(res, t, "pmod") : res;
}

llvm::Value* floatPmod(llvm::IRBuilder<>& b, llvm::Value* a, llvm::Value* n) {
  llvm::Value* r = b.CreateFRem(a, n);
  llvm::Value* neg = b.CreateFCmpOLT(r, llvm::ConstantFP::get(r->getType(), 0.0));
  return b.CreateSelect(neg, b.CreateFRem(b.CreateFAdd(r, n), n), r, "pmod");
}

// Spark's SQLOrderingUtil.compareDoubles as predicates: NaN = NaN, NaN above everything.
llvm::Value* floatEq(llvm::IRBuilder<>& b, llvm::Value* x, llvm::Value* y) {
  llvm::Value* bothNaN = b.CreateAnd(b.CreateFCmpUNO(x, x), b.CreateFCmpUNO(y, y));
  return b.CreateOr(b.CreateFCmpOEQ(x, y), bothNaN, "eq");
}
llvm::Value* floatLt(llvm::IRBuilder<>& b, llvm::Value* x, llvm::Value* y) {
  // x < y, or x is a number and y is NaN.
  llvm::Value* numLtNaN = b.CreateAnd(b.CreateFCmpORD(x, x), b.CreateFCmpUNO(y, y));
  return b.CreateOr(b.CreateFCmpOLT(x, y), numLtNaN, "lt");
}

// Three-way comparison of two non-NULL string views through the runtime helper.
llvm::Value* callStrcmp(llvm::IRBuilder<>& b, llvm::Value* x, llvm::Value* y) {
  llvm::Module* m = b.GetInsertBlock()->getModule();
  llvm::FunctionCallee fn = m->getOrInsertFunction(
      kIrStrcmpSymbol,
      llvm::FunctionType::get(b.getInt32Ty(),
                              {b.getPtrTy(), b.getInt64Ty(), b.getPtrTy(), b.getInt64Ty()}, false));
  if (auto* f = llvm::dyn_cast<llvm::Function>(fn.getCallee())) {
    f->setDoesNotThrow();
    f->setOnlyReadsMemory();
    f->setOnlyAccessesArgMemory();
  }
  return b.CreateCall(
      fn,
      {stringViewData(b, x), stringViewLength(b, x), stringViewData(b, y), stringViewLength(b, y)},
      "strcmp");
}

// `l op r` on payloads known to be non-NULL (or whose NULL result is masked by the caller).
// String operands are only touched when both are non-NULL.
llvm::Value* comparePayloads(llvm::IRBuilder<>& b, CmpOp op, const SqlValue& l, const SqlValue& r) {
  const DataType& t = *l.type;
  llvm::Value* x = l.value;
  llvm::Value* y = r.value;
  if (op == CmpOp::Gt || op == CmpOp::Ge) {
    std::swap(x, y);
    op = op == CmpOp::Gt ? CmpOp::Lt : CmpOp::Le;
  }
  if (op == CmpOp::NullSafeEq) op = CmpOp::Eq;
  switch (t.id()) {
    case TypeId::Null:
    case TypeId::Boolean:  // false < true: unsigned order on i1
      return op == CmpOp::Eq   ? b.CreateICmpEQ(x, y)
             : op == CmpOp::Lt ? b.CreateICmpULT(x, y)
                               : b.CreateICmpULE(x, y);
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
    case TypeId::Date:
    case TypeId::Timestamp:
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval:
    case TypeId::Decimal:  // equal types have equal scales: compare unscaled values
      return op == CmpOp::Eq   ? b.CreateICmpEQ(x, y)
             : op == CmpOp::Lt ? b.CreateICmpSLT(x, y)
                               : b.CreateICmpSLE(x, y);
    case TypeId::Float:
    case TypeId::Double:
      return op == CmpOp::Eq   ? floatEq(b, x, y)
             : op == CmpOp::Lt ? floatLt(b, x, y)
                               : b.CreateOr(floatLt(b, x, y), floatEq(b, x, y), "le");
    case TypeId::String:
    case TypeId::Binary: {
      llvm::Value* bothValid = b.CreateNot(anyNull(b, l, r));
      llvm::Value* guard = bothValid;
      // Equality: different lengths never match, so only equal lengths reach the call.
      if (op == CmpOp::Eq)
        guard = flagAnd(b, bothValid,
                        b.CreateICmpEQ(stringViewLength(b, x), stringViewLength(b, y)), "guard");
      IfBuilder call(b, guard, "strcmp");
      llvm::Value* c = callStrcmp(b, x, y);
      llvm::Value* zero = b.getInt32(0);
      llvm::Value* res = op == CmpOp::Eq   ? b.CreateICmpEQ(c, zero)
                         : op == CmpOp::Lt ? b.CreateICmpSLT(c, zero)
                                           : b.CreateICmpSLE(c, zero);
      return call.endMerge(res, b.getFalse(), "strcmp.res");
    }
    default:
      unsupported("comparison", t);
  }
}

}  // namespace

SqlValue emitArith(llvm::IRBuilder<>& b, ArithOp op, const SqlValue& l, const SqlValue& r) {
  requireSameType(l, r, "arithmetic");
  const DataType& t = *l.type;
  const bool isInt = isInteger(t);
  if (!isInt && !isFloat(t)) unsupported("arithmetic", t);
  llvm::Value* x = l.value;
  llvm::Value* y = r.value;
  llvm::Value* isNull = anyNull(b, l, r);
  auto divisorIsZero = [&]() -> llvm::Value* {
    return isInt ? b.CreateICmpEQ(y, llvm::ConstantInt::get(y->getType(), 0), "divzero")
                 : b.CreateFCmpOEQ(y, llvm::ConstantFP::get(y->getType(), 0.0), "divzero");
  };
  llvm::Value* v = nullptr;
  switch (op) {
    case ArithOp::Add:  // no nsw/nuw flags: overflow must wrap, not be poison
      v = isInt ? b.CreateAdd(x, y, "add") : b.CreateFAdd(x, y, "add");
      break;
    case ArithOp::Subtract:
      v = isInt ? b.CreateSub(x, y, "sub") : b.CreateFSub(x, y, "sub");
      break;
    case ArithOp::Multiply:
      v = isInt ? b.CreateMul(x, y, "mul") : b.CreateFMul(x, y, "mul");
      break;
    case ArithOp::Divide:
      if (isInt) unsupported("'/' (Spark divides integral operands as double)", t);
      isNull = flagOr(b, isNull, divisorIsZero());
      v = b.CreateFDiv(x, y, "div");
      break;
    case ArithOp::IntegralDivide:
      if (!isInt) unsupported("div", t);
      isNull = flagOr(b, isNull, divisorIsZero());
      v = safeSDiv(b, x, y);
      break;
    case ArithOp::Remainder:
      isNull = flagOr(b, isNull, divisorIsZero());
      v = isInt ? safeSRem(b, x, y) : b.CreateFRem(x, y, "rem");
      break;
    case ArithOp::Pmod:
      isNull = flagOr(b, isNull, divisorIsZero());
      v = isInt ? intPmod(b, x, y) : floatPmod(b, x, y);
      break;
  }
  return SqlValue::of(v, isNull, l.type);
}

SqlValue emitNegate(llvm::IRBuilder<>& b, const SqlValue& v) {
  const DataType& t = *v.type;
  if (isInteger(t) || t.isAnsiInterval())
    return SqlValue::of(b.CreateNeg(v.value, "neg"), v.isNull, v.type);
  if (isFloat(t)) return SqlValue::of(b.CreateFNeg(v.value, "neg"), v.isNull, v.type);
  unsupported("negation", t);
}

SqlValue emitCompare(llvm::IRBuilder<>& b, CmpOp op, const SqlValue& l, const SqlValue& r) {
  requireSameType(l, r, "comparison");
  TypePtr boolType = DataType::boolean();
  llvm::Value* c = comparePayloads(b, op, l, r);
  if (op != CmpOp::NullSafeEq) return SqlValue::of(c, anyNull(b, l, r), boolType);
  // Both NULL -> true; one NULL -> false; neither -> equality of the payloads.
  llvm::Value* bothNull = flagAnd(b, l.isNull, r.isNull);
  llvm::Value* noneNull = b.CreateNot(anyNull(b, l, r));
  return SqlValue::notNull(flagOr(b, bothNull, flagAnd(b, noneNull, c), "nseq"), boolType);
}

SqlValue emitAnd(llvm::IRBuilder<>& b, const SqlValue& l, const SqlValue& r) {
  if (l.type->id() != TypeId::Boolean || r.type->id() != TypeId::Boolean)
    unsupported("AND", l.type->id() != TypeId::Boolean ? *l.type : *r.type);
  // A known FALSE on either side decides; otherwise any NULL makes the result NULL.
  llvm::Value* lFalse = flagAnd(b, b.CreateNot(l.isNull), b.CreateNot(l.value), "lfalse");
  llvm::Value* rFalse = flagAnd(b, b.CreateNot(r.isNull), b.CreateNot(r.value), "rfalse");
  llvm::Value* isFalse = flagOr(b, lFalse, rFalse, "isfalse");
  llvm::Value* isNull = flagAnd(b, anyNull(b, l, r), b.CreateNot(isFalse), "and.isnull");
  return SqlValue::of(b.CreateNot(isFalse, "and"), isNull, l.type);
}

SqlValue emitOr(llvm::IRBuilder<>& b, const SqlValue& l, const SqlValue& r) {
  if (l.type->id() != TypeId::Boolean || r.type->id() != TypeId::Boolean)
    unsupported("OR", l.type->id() != TypeId::Boolean ? *l.type : *r.type);
  // A known TRUE on either side decides; otherwise any NULL makes the result NULL.
  llvm::Value* lTrue = flagAnd(b, b.CreateNot(l.isNull), l.value, "ltrue");
  llvm::Value* rTrue = flagAnd(b, b.CreateNot(r.isNull), r.value, "rtrue");
  llvm::Value* isTrue = flagOr(b, lTrue, rTrue, "or");
  llvm::Value* isNull = flagAnd(b, anyNull(b, l, r), b.CreateNot(isTrue), "or.isnull");
  return SqlValue::of(isTrue, isNull, l.type);
}

SqlValue emitNot(llvm::IRBuilder<>& b, const SqlValue& v) {
  if (v.type->id() != TypeId::Boolean) unsupported("NOT", *v.type);
  return SqlValue::of(b.CreateNot(v.value, "not"), v.isNull, v.type);
}

llvm::Value* emitIsTrue(llvm::IRBuilder<>& b, const SqlValue& v) {
  if (v.type->id() == TypeId::Null) return b.getFalse();
  return b.CreateAnd(v.value, b.CreateNot(v.isNull), "istrue");
}

SqlValue emitIsNull(llvm::IRBuilder<>& b, const SqlValue& v) {
  return SqlValue::notNull(v.isNull, DataType::boolean());
}

SqlValue emitIsNotNull(llvm::IRBuilder<>& b, const SqlValue& v) {
  return SqlValue::notNull(b.CreateNot(v.isNull, "isnotnull"), DataType::boolean());
}

SqlValue emitCoalesce(llvm::IRBuilder<>& b, std::span<const SqlValue> values) {
  if (values.empty()) throw CodegenError("code generator: coalesce of no values");
  // Fold from the right: coalesce(v, rest) = v.isNull ? rest : v.
  SqlValue acc = values.back();
  for (size_t i = values.size() - 1; i-- > 0;) {
    const SqlValue& v = values[i];
    requireSameType(v, acc, "coalesce");
    acc = SqlValue::of(b.CreateSelect(v.isNull, acc.value, v.value, "coalesce"),
                       flagAnd(b, v.isNull, acc.isNull, "coalesce.isnull"), v.type);
  }
  return acc;
}

SqlValue emitSelect(llvm::IRBuilder<>& b, llvm::Value* cond, const SqlValue& t, const SqlValue& f) {
  requireSameType(t, f, "select");
  return SqlValue::of(
      b.CreateSelect(cond, t.value, f.value, "sel"),
      t.isNull == f.isNull ? t.isNull : b.CreateSelect(cond, t.isNull, f.isNull, "sel.isnull"),
      t.type);
}

bool castSupported(const DataType& from, const DataType& to) {
  auto simple = [](const DataType& t) {
    return t.id() == TypeId::Boolean || t.isIntegral() || t.isFractional();
  };
  if (from.id() == TypeId::Null) return true;
  if (from.equals(to)) return true;
  return simple(from) && simple(to);
}

SqlValue emitCast(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& to) {
  const DataType& from = *v.type;
  if (from.id() == TypeId::Null) return SqlValue::null(b.getContext(), to);
  if (from.equals(*to)) return SqlValue::of(v.value, v.isNull, to);
  if (!castSupported(from, *to))
    throw CodegenError("code generator: cast from " + from.toString() + " to " + to->toString() +
                       " is not supported yet");
  llvm::Type* dst = llvmTypeFor(b.getContext(), *to);
  llvm::Value* x = v.value;
  llvm::Value* out = nullptr;
  if (to->id() == TypeId::Boolean) {
    out = isFloat(from) ? b.CreateFCmpUNE(x, llvm::ConstantFP::get(x->getType(), 0.0), "cast")
                        : b.CreateICmpNE(x, llvm::ConstantInt::get(x->getType(), 0), "cast");
  } else if (from.id() == TypeId::Boolean) {
    out = isFloat(*to) ? b.CreateUIToFP(x, dst, "cast") : b.CreateZExt(x, dst, "cast");
  } else if (isInteger(from) && isInteger(*to)) {
    out = b.CreateSExtOrTrunc(x, dst, "cast");
  } else if (isInteger(from)) {
    out = b.CreateSIToFP(x, dst, "cast");
  } else if (isFloat(*to)) {
    out = b.CreateFPCast(x, dst, "cast");
  } else {
    // Java's d2i / d2l saturate and map NaN to 0, exactly llvm.fptosi.sat. Scala's toByte /
    // toShort on a double go through int, then keep the low bits.
    const bool viaInt = dst->getIntegerBitWidth() < 32;
    llvm::Type* satTy = viaInt ? b.getInt32Ty() : dst;
    out = b.CreateIntrinsic(llvm::Intrinsic::fptosi_sat, {satTy, x->getType()}, {x});
    if (viaInt) out = b.CreateTrunc(out, dst, "cast");
  }
  return SqlValue::of(out, v.isNull, to);
}

}  // namespace sluice
