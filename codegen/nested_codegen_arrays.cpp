// Emitters of Spark's array functions of planner/functions/registry_arrays.cpp: sequence,
// array_join, slice, flatten, array_position, array_remove, array_max / array_min,
// array_compact, array_append, array_size, array_union / intersect / except (distinct, NULL
// equal to NULL, first-appearance order) and arrays_zip. Results are built in the kernel's
// arena in the nested layout (stdlib/nested.h) by loops over the elements; run-time errors
// are kernel errors with Spark's texts.
#include "codegen/call_emitters.h"
#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/nested_build.h"
#include "codegen/nested_codegen.h"
#include "codegen/nested_ir.h"
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "stdlib/sequence_temporal.h"

namespace sluice {
namespace {

using namespace nestedbuild;
using Emitted = std::optional<SqlValue>;

constexpr int64_t kMaxArrayLength = 2147483632;

// sequence(start, stop [, step]) over dates / timestamps: one kernel call
// (stdlib/sequence_temporal.h) with the step as (months, days, micros); the default step is
// one day towards stop, a calendar interval step is the constant the binder required.
Emitted temporalSequence(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const TypePtr& et = c.e.type->elementType();
  const bool dates = et->id() == TypeId::Date;
  std::vector<SqlValue> operands = {c.coerce(c.args[0], et), c.coerce(c.args[1], et)};
  stdlib::SequenceStepKind kind = stdlib::SequenceStepKind::Calendar;
  std::string typeName = "interval";
  std::optional<Interval> constant;
  if (c.args.size() > 2) {
    const ExprPtr& step = c.e.args[2];
    typeName = step->type->toString();
    if (step->type->id() == TypeId::Interval) {
      const Value v = evaluateConstant(step);
      if (v.isNull()) return SqlValue::null(b.getContext(), c.e.type);
      constant = v.asInterval();
    } else {
      operands.push_back(c.coerce(c.args[2], step->type));
      kind = step->type->id() == TypeId::YearMonthInterval ? stdlib::SequenceStepKind::YearMonth
                                                           : stdlib::SequenceStepKind::DayTime;
    }
  }
  return ifNotNull(b, anyNull(b, operands), c.e.type, [&] {
    llvm::Value* start = b.CreateSExtOrTrunc(operands[0].value, b.getInt64Ty());
    llvm::Value* stop = b.CreateSExtOrTrunc(operands[1].value, b.getInt64Ty());
    llvm::Value* months = b.getInt32(constant ? constant->months : 0);
    llvm::Value* days = b.getInt32(constant ? constant->days : 0);
    llvm::Value* micros = b.getInt64(constant ? constant->micros : 0);
    if (kind == stdlib::SequenceStepKind::YearMonth) months = operands[2].value;
    if (kind == stdlib::SequenceStepKind::DayTime) micros = operands[2].value;
    if (c.args.size() == 2)
      days = b.CreateSelect(b.CreateICmpSLE(start, stop), b.getInt32(1), b.getInt32(-1));
    llvm::Value* tn = b.CreateGlobalString(typeName, "seq.step");
    const SqlValue zone = exprgen::zoneIdValue(b, c.e.timeZone);
    return callNamed(
        c, "sluice_seq_temporal",
        {start, stop, months, days, micros, b.getInt32(static_cast<int32_t>(kind)),
         b.getInt8(dates ? 1 : 0), tn, b.getInt64(static_cast<int64_t>(typeName.size())),
         stringViewData(b, zone.value), stringViewLength(b, zone.value)},
        c.e.type);
  });
}

// sequence(start, stop [, step]) over integers: the step defaults to 1 or -1; boundaries that
// the step cannot reach and lengths over Spark's maximum fail the query.
Emitted sequence(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const TypePtr& et = c.e.type->elementType();
  if (et->isDatetime()) return temporalSequence(c);
  std::vector<SqlValue> a;
  llvm::Value* anyNull = b.getFalse();
  for (auto& v : c.args) {
    a.push_back(c.coerce(v, et));
    anyNull = b.CreateOr(anyNull, a.back().isNull);
  }
  return ifNotNull(b, anyNull, c.e.type, [&] {
    llvm::Type* wide = b.getInt128Ty();
    llvm::Value* start = b.CreateSExt(a[0].value, wide);
    llvm::Value* stop = b.CreateSExt(a[1].value, wide);
    llvm::Value* zero = llvm::ConstantInt::get(wide, 0);
    llvm::Value* one = llvm::ConstantInt::get(wide, 1);
    llvm::Value* step = a.size() > 2 ? b.CreateSExt(a[2].value, wide)
                                     : b.CreateSelect(b.CreateICmpSLE(start, stop), one,
                                                      llvm::ConstantInt::getSigned(wide, -1));
    llvm::Value* illegal = b.CreateOr(
        b.CreateOr(b.CreateAnd(b.CreateICmpSGT(step, zero), b.CreateICmpSGT(start, stop)),
                   b.CreateAnd(b.CreateICmpSLT(step, zero), b.CreateICmpSLT(start, stop))),
        b.CreateAnd(b.CreateICmpEQ(step, zero), b.CreateICmpNE(start, stop)));
    raiseKernelErrorIf(b, illegal, "Illegal sequence boundaries: the step cannot reach stop");
    llvm::Value* safeStep = b.CreateSelect(b.CreateICmpEQ(step, zero), one, step);
    llvm::Value* n = b.CreateSelect(
        b.CreateOr(illegal, b.CreateICmpEQ(step, zero)), b.CreateSelect(illegal, zero, one),
        b.CreateAdd(b.CreateSDiv(b.CreateSub(stop, start), safeStep), one), "seq.len");
    llvm::Value* tooLong = b.CreateICmpSGT(n, llvm::ConstantInt::get(wide, kMaxArrayLength));
    raiseKernelErrorIf(b, tooLong, "Too long sequence: longer than 2147483632 elements");
    llvm::Value* len = b.CreateTrunc(b.CreateSelect(tooLong, zero, n), b.getInt64Ty());
    llvm::Value* slots = nullptr;
    llvm::Value* base = newDenseArray(b, c, len, &slots);
    {
      LoopBuilder loop(b, b.getInt64(0), len, "seq");
      llvm::Value* x =
          b.CreateAdd(start, b.CreateMul(b.CreateSExt(loop.index(), wide), safeStep), "seq.x");
      storeSlot(b, slots, loop.index(), b.CreateTrunc(x, a[0].value->getType()), *et);
    }
    return SqlValue::notNull(base, c.e.type);
  });
}

Emitted arrayJoin(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.args[0]->type);
  const SqlValue d = c.coerce(c.args[1], DataType::string());
  const bool repl = c.args.size() > 2;
  const SqlValue r =
      repl ? c.coerce(c.args[2], DataType::string())
           : SqlValue::notNull(
                 makeStringView(b, llvm::ConstantPointerNull::get(b.getPtrTy()), b.getInt64(0)),
                 DataType::string());
  return ifNotNull(b, anyNull(b, {arr, d, r}), c.e.type, [&] {
    return callNamed(
        c, "sluice_array_join",
        {arr.value, stringViewData(b, d.value), stringViewLength(b, d.value),
         stringViewData(b, r.value), stringViewLength(b, r.value), b.getInt8(repl ? 1 : 0)},
        c.e.type);
  });
}

Emitted slice(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.type);
  const SqlValue start = c.coerce(c.args[1], DataType::integer());
  const SqlValue length = c.coerce(c.args[2], DataType::integer());
  return ifNotNull(b, anyNull(b, {arr, start, length}), c.e.type, [&] {
    raiseKernelErrorIf(b, b.CreateICmpEQ(start.value, b.getInt32(0)),
                       "[INVALID_PARAMETER_VALUE.START] The value of parameter(s) `start` in "
                       "`slice` is invalid: Expects a positive or a negative value for `start`, "
                       "but got 0.");
    raiseKernelErrorIf(b, b.CreateICmpSLT(length.value, b.getInt32(0)),
                       "[INVALID_PARAMETER_VALUE.LENGTH] The value of parameter(s) `length` in "
                       "`slice` is invalid: Expects `length` greater than or equal to 0.");
    llvm::Value* n = nestedLength(b, arr.value);
    llvm::Value* s = b.CreateSExt(start.value, b.getInt64Ty());
    llvm::Value* from = b.CreateSelect(b.CreateICmpSGT(s, b.getInt64(0)),
                                       b.CreateSub(s, b.getInt64(1)), b.CreateAdd(n, s), "from");
    llvm::Value* valid =
        b.CreateAnd(b.CreateICmpSGE(from, b.getInt64(0)), b.CreateICmpSLT(from, n));
    llvm::Value* len = b.CreateSExt(
        b.CreateSelect(b.CreateICmpSLT(length.value, b.getInt32(0)), b.getInt32(0), length.value),
        b.getInt64Ty());
    llvm::Value* end = b.CreateAdd(from, len);
    end = b.CreateSelect(b.CreateICmpSLT(end, n), end, n);
    llvm::Value* count = b.CreateSelect(valid, b.CreateSub(end, from), b.getInt64(0), "count");
    const NewArray out = newArray(b, c, count);
    {
      LoopBuilder loop(b, b.getInt64(0), count, "slice");
      put(b, out.slots, out.nulls, loop.index(),
          arrayElement(b, arr.value, b.CreateAdd(from, loop.index()), *arr.type),
          c.e.type->elementType());
    }
    b.CreateStore(count, out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

Emitted flatten(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.args[0]->type);
  const DataType& at = *arr.type;
  const DataType& innerType = *at.elementType();
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, arr.value);
    llvm::Value* total = counter(b, "flatten.total");
    llvm::Value* sawNull = entryAlloca(b, b.getInt1Ty(), 1, "flatten.null");
    b.CreateStore(b.getFalse(), sawNull);
    {
      LoopBuilder loop(b, b.getInt64(0), n, "flatten.len");
      const SqlValue e = arrayElement(b, arr.value, loop.index(), at);
      IfBuilder isNull(b, e.isNull, "flatten.isnull");
      b.CreateStore(b.getTrue(), sawNull);
      isNull.otherwise();
      b.CreateStore(b.CreateAdd(load(b, total), nestedLength(b, e.value)), total);
      isNull.end();
    }
    // Any NULL inner array makes the result NULL.
    return ifNotNull(b, b.CreateLoad(b.getInt1Ty(), sawNull), c.e.type, [&] {
      const NewArray out = newArray(b, c, load(b, total));
      llvm::Value* pos = counter(b, "flatten.pos");
      {
        LoopBuilder outer(b, b.getInt64(0), n, "flatten.outer");
        const SqlValue e = arrayElement(b, arr.value, outer.index(), at);
        LoopBuilder inner(b, b.getInt64(0), nestedLength(b, e.value), "flatten.inner");
        put(b, out.slots, out.nulls, bump(b, pos),
            arrayElement(b, e.value, inner.index(), innerType), c.e.type->elementType());
      }
      b.CreateStore(load(b, total), out.base);
      return SqlValue::notNull(out.base, c.e.type);
    });
  });
}

Emitted arrayPosition(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.args[0]->type);
  const TypePtr& et = arr.type->elementType();
  const SqlValue v = c.coerce(c.args[1], et);
  return ifNotNull(b, b.CreateOr(arr.isNull, v.isNull), c.e.type, [&] {
    llvm::Value* found = counter(b, "position");
    {
      LoopBuilder loop(b, b.getInt64(0), nestedLength(b, arr.value), "position");
      const SqlValue e = arrayElement(b, arr.value, loop.index(), *arr.type);
      IfBuilder hit(b, b.CreateAnd(b.CreateNot(e.isNull), equal(b, c, e, v, et)), "position.hit");
      b.CreateStore(b.CreateAdd(loop.index(), b.getInt64(1)), found);
      loop.breakLoop();
      hit.end();
    }
    return SqlValue::notNull(load(b, found), c.e.type);
  });
}

Emitted arrayRemove(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.type);
  const TypePtr& et = arr.type->elementType();
  const SqlValue v = c.coerce(c.args[1], et);
  return ifNotNull(b, b.CreateOr(arr.isNull, v.isNull), c.e.type, [&] {
    llvm::Value* n = nestedLength(b, arr.value);
    const NewArray out = newArray(b, c, n);
    llvm::Value* count = counter(b, "remove.count");
    {
      LoopBuilder loop(b, b.getInt64(0), n, "remove");
      const SqlValue e = arrayElement(b, arr.value, loop.index(), *arr.type);
      IfBuilder keep(b, b.CreateOr(e.isNull, b.CreateNot(equal(b, c, e, v, et))), "remove.keep");
      put(b, out.slots, out.nulls, bump(b, count), e, et);
      keep.end();
    }
    b.CreateStore(load(b, count), out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

Emitted arrayExtreme(const CallSite& c, bool max) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.args[0]->type);
  const TypePtr& et = c.e.type;
  return ifNotNull(b, arr.isNull, et, [&] {
    llvm::Type* payloadTy = llvmTypeFor(b.getContext(), *et);
    llvm::Value* best = entryAlloca(b, payloadTy, 1, "extreme.best");
    llvm::Value* have = entryAlloca(b, b.getInt1Ty(), 1, "extreme.have");
    b.CreateStore(b.getFalse(), have);
    // The comparison below runs before `have` is tested (no short circuit): start from a
    // zero value (an empty string for strings), never from uninitialized bytes.
    b.CreateStore(llvm::Constant::getNullValue(payloadTy), best);
    {
      LoopBuilder loop(b, b.getInt64(0), nestedLength(b, arr.value), "extreme");
      const SqlValue e = arrayElement(b, arr.value, loop.index(), *arr.type);
      IfBuilder present(b, b.CreateNot(e.isNull), "extreme.present");
      const SqlValue cur = SqlValue::notNull(b.CreateLoad(payloadTy, best), et);
      const SqlValue beats =
          emitCompare(b, max ? CmpOp::Gt : CmpOp::Lt, SqlValue::notNull(e.value, et), cur);
      IfBuilder take(b, b.CreateOr(b.CreateNot(b.CreateLoad(b.getInt1Ty(), have)), beats.value),
                     "extreme.take");
      b.CreateStore(e.value, best);
      b.CreateStore(b.getTrue(), have);
      take.end();
      present.end();
    }
    return SqlValue::of(b.CreateLoad(payloadTy, best),
                        b.CreateNot(b.CreateLoad(b.getInt1Ty(), have)), et);
  });
}

Emitted arrayCompact(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.args[0]->type);
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, arr.value);
    const NewArray out = newArray(b, c, n);
    llvm::Value* count = counter(b, "compact.count");
    {
      LoopBuilder loop(b, b.getInt64(0), n, "compact");
      const SqlValue e = arrayElement(b, arr.value, loop.index(), *arr.type);
      IfBuilder keep(b, b.CreateNot(e.isNull), "compact.keep");
      put(b, out.slots, out.nulls, bump(b, count), e, c.e.type->elementType());
      keep.end();
    }
    b.CreateStore(load(b, count), out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

Emitted arrayAppend(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.args[0]->type);
  const TypePtr& et = c.e.type->elementType();
  const SqlValue v = c.coerce(c.args[1], c.e.args[1]->type);
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, arr.value);
    llvm::Value* len = b.CreateAdd(n, b.getInt64(1));
    const NewArray out = newArray(b, c, len);
    {
      LoopBuilder loop(b, b.getInt64(0), n, "append");
      put(b, out.slots, out.nulls, loop.index(),
          arrayElement(b, arr.value, loop.index(), *arr.type), et);
    }
    put(b, out.slots, out.nulls, n, v, et);
    b.CreateStore(len, out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

Emitted arraySize(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue arr = c.coerce(c.args[0], c.e.args[0]->type);
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    return SqlValue::notNull(b.CreateTrunc(nestedLength(b, arr.value), b.getInt32Ty()), c.e.type);
  });
}

// array_union (kind 0), array_intersect (1), array_except (2): distinct results in order.
Emitted arraySet(const CallSite& c, int kind) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue x = c.coerce(c.args[0], c.e.type), y = c.coerce(c.args[1], c.e.type);
  const DataType& at = *c.e.type;
  const TypePtr& et = at.elementType();
  return ifNotNull(b, b.CreateOr(x.isNull, y.isNull), c.e.type, [&] {
    llvm::Value* nx = nestedLength(b, x.value);
    llvm::Value* ny = nestedLength(b, y.value);
    const NewArray out = newArray(b, c, kind == 0 ? b.CreateAdd(nx, ny) : nx);
    llvm::Value* count = counter(b, "set.count");
    b.CreateStore(b.getInt64(0), out.base);  // length so far, for containsUpTo
    auto consider = [&](const SqlValue& arr, llvm::Value* n, bool fromFirst) {
      LoopBuilder loop(b, b.getInt64(0), n, "set");
      const SqlValue e = arrayElement(b, arr.value, loop.index(), at);
      llvm::Value* keep = b.CreateNot(containsUpTo(b, c, out.base, at, load(b, count), e));
      if (kind != 0 && fromFirst) {
        llvm::Value* inOther = containsUpTo(b, c, y.value, at, ny, e);
        keep = b.CreateAnd(keep, kind == 1 ? inOther : b.CreateNot(inOther));
      }
      IfBuilder add(b, keep, "set.add");
      put(b, out.slots, out.nulls, bump(b, count), e, et);
      b.CreateStore(load(b, count), out.base);
      add.end();
    };
    consider(x, nx, true);
    if (kind == 0) consider(y, ny, false);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

Emitted arraysZip(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const DataType& st = *c.e.type->elementType();
  std::vector<SqlValue> arrs;
  for (size_t i = 0; i < c.args.size(); ++i) arrs.push_back(c.coerce(c.args[i], c.e.args[i]->type));
  return ifNotNull(b, anyNull(b, arrs), c.e.type, [&] {
    llvm::Value* n = b.getInt64(0);
    std::vector<llvm::Value*> lens;
    for (const auto& a : arrs) {
      lens.push_back(nestedLength(b, a.value));
      n = b.CreateSelect(b.CreateICmpSGT(lens.back(), n), lens.back(), n);
    }
    const NewArray out = newArray(b, c, n);
    {
      LoopBuilder loop(b, b.getInt64(0), n, "zip");
      const int64_t k = static_cast<int64_t>(arrs.size());
      llvm::Value* base = arenaAlloc(b, c.arena(), b.getInt64(16 + 16 * k + k));
      llvm::Value* fields = byteOffset(b, base, b.getInt64(16));
      llvm::Value* nulls = byteOffset(b, base, b.getInt64(16 + 16 * k));
      b.CreateStore(nulls, base);
      b.CreateStore(fields, byteOffset(b, base, b.getInt64(8)));
      for (size_t i = 0; i < arrs.size(); ++i) {
        const SqlValue e =
            ifNotNull(b, b.CreateICmpSGE(loop.index(), lens[i]), arrs[i].type->elementType(),
                      [&] { return arrayElement(b, arrs[i].value, loop.index(), *arrs[i].type); });
        put(b, fields, nulls, b.getInt64(static_cast<int64_t>(i)), e, st.fields()[i].type);
      }
      put(b, out.slots, out.nulls, loop.index(), SqlValue::notNull(base, c.e.type->elementType()),
          c.e.type->elementType());
    }
    b.CreateStore(n, out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

const NamedEmitter kEmitters[] = {
    {"sequence", sequence},
    {"array_join", arrayJoin},
    {"slice", slice},
    {"flatten", flatten},
    {"array_position", arrayPosition},
    {"array_remove", arrayRemove},
    {"array_max", [](const CallSite& c) { return arrayExtreme(c, true); }},
    {"array_min", [](const CallSite& c) { return arrayExtreme(c, false); }},
    {"array_compact", arrayCompact},
    {"array_append", arrayAppend},
    {"array_size", arraySize},
    {"array_union", [](const CallSite& c) { return arraySet(c, 0); }},
    {"array_intersect", [](const CallSite& c) { return arraySet(c, 1); }},
    {"array_except", [](const CallSite& c) { return arraySet(c, 2); }},
    {"arrays_zip", arraysZip},
};

}  // namespace

std::span<const NamedEmitter> arrayEmitters() {
  return kEmitters;
}

}  // namespace sluice
