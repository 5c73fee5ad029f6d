// Casts through the stdlib: text, binary, decimal, date and timestamp conversions with
// Spark's non-ANSI semantics (the same kernels as constant folding's castValue).
#include <llvm/IR/Intrinsics.h>

#include "codegen/expr_codegen_internal.h"
#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/nested_codegen.h"
#include "codegen/nested_ir.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/timestamp_ntz.h"
#include "stdlib/datetime.h"
#include "stdlib/timezone.h"

namespace sluice::exprgen {
namespace {

bool isText(const DataType& t) {
  return t.id() == TypeId::String;
}
bool isNumericLike(const DataType& t) {
  return t.id() == TypeId::Boolean || t.isIntegral() || t.isFractional() ||
         t.id() == TypeId::Decimal;
}
bool isPrimitive(const DataType& t) {
  return isNumericLike(t) || t.id() == TypeId::String || t.id() == TypeId::Binary ||
         t.id() == TypeId::Date || t.id() == TypeId::Timestamp;
}

int byteWidth(const DataType& t) {
  switch (t.id()) {
    case TypeId::Byte:
      return 1;
    case TypeId::Short:
      return 2;
    case TypeId::Int:
      return 4;
    default:
      return 8;
  }
}

llvm::Value* i32(llvm::IRBuilder<>& b, int v) {
  return b.getInt32(v);
}

// Floor division of an i64 by a positive constant (Java's Math.floorDiv).
llvm::Value* floorDivConst(llvm::IRBuilder<>& b, llvm::Value* x, int64_t d) {
  llvm::Value* dv = b.getInt64(d);
  llvm::Value* q = b.CreateSDiv(x, dv);
  llvm::Value* r = b.CreateSRem(x, dv);
  llvm::Value* neg = b.CreateICmpSLT(r, b.getInt64(0));
  return b.CreateSub(q, b.CreateZExt(neg, b.getInt64Ty()), "floordiv");
}

// The unit (months or micros) of one field of an ANSI interval type.
int64_t fieldUnit(const DataType& t, int field) {
  if (t.id() == TypeId::YearMonthInterval) return field == 0 ? 12 : 1;
  static const int64_t dt[] = {stdlib::kMicrosPerDay, stdlib::kMicrosPerHour,
                               stdlib::kMicrosPerMinute, stdlib::kMicrosPerSecond};
  return dt[field];
}

// Casts into and out of ANSI intervals (as castValue's toAnsiInterval / toIntegral): text in
// the type's form, intervals of the kind cut to the target's end field, integers as counts of
// a single-field interval's unit.
SqlValue ansiIntervalCast(llvm::IRBuilder<>& b, llvm::Value* x, const DataType& from,
                          const TypePtr& to, const ArenaFn& arena) {
  auto call = [&](std::string_view fn, std::vector<llvm::Value*> in) {
    return callC(b, fn, std::move(in), to, arena);
  };
  const bool ym = (to->isAnsiInterval() ? to->id() : from.id()) == TypeId::YearMonthInterval;
  if (to->id() == TypeId::String)
    return call(ym ? "sluice_cast_ym_to_str" : "sluice_cast_dt_to_str",
                {x, b.getInt32(from.intervalStart()), b.getInt32(from.intervalEnd())});
  if (from.id() == TypeId::String)
    return call(ym ? "sluice_cast_str_to_ym" : "sluice_cast_str_to_dt",
                {stringViewData(b, x), stringViewLength(b, x), b.getInt32(to->intervalStart()),
                 b.getInt32(to->intervalEnd())});
  if (from.id() == to->id()) {  // cut to the target's end field, toward zero
    const int64_t unit = fieldUnit(*to, to->intervalEnd());
    if (unit == 1) return SqlValue::notNull(x, to);
    llvm::Value* u = llvm::ConstantInt::get(x->getType(), unit);
    return SqlValue::notNull(b.CreateSub(x, b.CreateSRem(x, u)), to);
  }
  llvm::Type* dst = llvmTypeFor(b.getContext(), *to);
  if (to->isAnsiInterval()) {  // integer count of the unit (wrapping as Spark's exact multiply
                               // would fail; sluice keeps the low bits)
    llvm::Value* n = b.CreateSExtOrTrunc(x, b.getInt64Ty());
    llvm::Value* v = b.CreateMul(n, b.getInt64(fieldUnit(*to, to->intervalStart())));
    return SqlValue::notNull(b.CreateSExtOrTrunc(v, dst), to);
  }
  llvm::Value* wide = b.CreateSExt(x, b.getInt64Ty());
  llvm::Value* count = b.CreateSDiv(wide, b.getInt64(fieldUnit(from, from.intervalStart())));
  return SqlValue::notNull(b.CreateTrunc(count, dst), to);
}

// The cast of a non-NULL payload `x` of type `from` (the caller handles NULL inputs).
SqlValue castPayload(llvm::IRBuilder<>& b, llvm::Value* x, const DataType& from, const TypePtr& to,
                     const ArenaFn& arena) {
  llvm::LLVMContext& ctx = b.getContext();
  llvm::Type* dst = llvmTypeFor(ctx, *to);
  const TypeId f = from.id(), t = to->id();
  if (from.isAnsiInterval() || to->isAnsiInterval()) return ansiIntervalCast(b, x, from, to, arena);
  auto call = [&](std::string_view fn, std::vector<llvm::Value*> in) {
    return callC(b, fn, std::move(in), to, arena);
  };
  auto wide = [&](llvm::Value* v) { return b.CreateSExt(v, b.getInt128Ty()); };
  auto i64 = [&](llvm::Value* v) { return b.CreateSExtOrTrunc(v, b.getInt64Ty()); };
  auto ok = [&](llvm::Value* v) { return SqlValue::notNull(v, to); };

  // ---- TIMESTAMP_NTZ: its micros are a UTC wall clock, so the UTC casts below fit it, but
  // text keeps no zone and LTZ <-> NTZ is the identity (only reached when the zone is UTC).
  if (isNtz(from) || isNtz(to)) {
    if (f == TypeId::Timestamp && t == TypeId::Timestamp) return ok(x);
    if (f == TypeId::String)
      return call("sluice_cast_str_to_timestamp_ntz",
                  {stringViewData(b, x), stringViewLength(b, x)});
  }
  // ---- to string / binary
  if (t == TypeId::String) {
    switch (f) {
      case TypeId::Binary:
        return ok(x);
      case TypeId::Boolean:
        return call("sluice_cast_bool_to_str", {b.CreateZExt(x, b.getInt8Ty())});
      case TypeId::Float:
        return call("sluice_cast_f32_to_str", {x});
      case TypeId::Double:
        return call("sluice_cast_f64_to_str", {x});
      case TypeId::Decimal:
        return call("sluice_cast_decimal_to_str", {wide(x), i32(b, from.scale())});
      case TypeId::Date:
        return call("sluice_cast_date_to_str", {x});
      case TypeId::Timestamp:
        return call("sluice_cast_timestamp_to_str", {x});
      default:  // integral
        return call("sluice_cast_i64_to_str", {i64(x)});
    }
  }
  if (t == TypeId::Binary) {
    if (f == TypeId::String) return ok(x);
    return call("sluice_cast_i64_to_binary", {i64(x), i32(b, byteWidth(from))});
  }
  // ---- from string
  if (isText(from)) {
    std::vector<llvm::Value*> in = {stringViewData(b, x), stringViewLength(b, x)};
    switch (t) {
      case TypeId::Boolean:
        return call("sluice_cast_str_to_bool", in);
      case TypeId::Byte:
        return call("sluice_cast_str_to_i8", in);
      case TypeId::Short:
        return call("sluice_cast_str_to_i16", in);
      case TypeId::Int:
        return call("sluice_cast_str_to_i32", in);
      case TypeId::Long:
        return call("sluice_cast_str_to_i64", in);
      case TypeId::Float:
        return call("sluice_cast_str_to_f32", in);
      case TypeId::Double:
        return call("sluice_cast_str_to_f64", in);
      case TypeId::Decimal:
        in.push_back(i32(b, to->precision()));
        in.push_back(i32(b, to->scale()));
        return call("sluice_cast_str_to_decimal", in);
      case TypeId::Date:
        return call("sluice_cast_str_to_date", in);
      case TypeId::Timestamp:
        return call("sluice_cast_str_to_timestamp", in);
      default:
        break;
    }
  }
  // ---- to decimal
  if (t == TypeId::Decimal) {
    const int p = to->precision(), s = to->scale();
    switch (f) {
      case TypeId::Boolean:
        return call("sluice_cast_i64_to_decimal",
                    {b.CreateZExt(x, b.getInt64Ty()), i32(b, p), i32(b, s)});
      case TypeId::Float:
        return call("sluice_cast_f64_to_decimal",
                    {b.CreateFPExt(x, b.getDoubleTy()), i32(b, p), i32(b, s)});
      case TypeId::Double:
        return call("sluice_cast_f64_to_decimal", {x, i32(b, p), i32(b, s)});
      case TypeId::Decimal:
        return call("sluice_cast_decimal_to_decimal",
                    {wide(x), i32(b, from.scale()), i32(b, p), i32(b, s)});
      case TypeId::Date:  // Spark: NULL
        return SqlValue::null(ctx, to);
      case TypeId::Timestamp:  // seconds with a microsecond fraction
        return call("sluice_cast_decimal_to_decimal", {wide(x), i32(b, 6), i32(b, p), i32(b, s)});
      default:  // integral
        return call("sluice_cast_i64_to_decimal", {i64(x), i32(b, p), i32(b, s)});
    }
  }
  // ---- from decimal
  if (f == TypeId::Decimal) {
    if (t == TypeId::Boolean)
      return ok(b.CreateICmpNE(x, llvm::ConstantInt::get(x->getType(), 0), "cast"));
    if (t == TypeId::Timestamp)
      return call("sluice_cast_decimal_to_timestamp", {wide(x), i32(b, from.scale())});
    const TypePtr dbl = DataType::doubleType(), lng = DataType::bigint();
    if (t == TypeId::Float || t == TypeId::Double) {
      llvm::Value* d =
          callC(b, "sluice_cast_decimal_to_f64", {wide(x), i32(b, from.scale())}, dbl, arena).value;
      return ok(t == TypeId::Float ? b.CreateFPTrunc(d, dst, "cast") : d);
    }
    llvm::Value* l =
        callC(b, "sluice_cast_decimal_to_i64", {wide(x), i32(b, from.scale())}, lng, arena).value;
    return ok(b.CreateTrunc(l, dst, "cast"));  // keeps the low bits (wraps) like Spark
  }
  // ---- dates and timestamps
  const int64_t kDay = stdlib::kMicrosPerDay, kSec = stdlib::kMicrosPerSecond;
  if (f == TypeId::Date && t == TypeId::Timestamp)
    return ok(b.CreateMul(b.CreateSExt(x, b.getInt64Ty()), b.getInt64(kDay), "cast"));
  if (f == TypeId::Timestamp && t == TypeId::Date)
    return ok(b.CreateTrunc(floorDivConst(b, x, kDay), dst, "cast"));
  if (f == TypeId::Date) return SqlValue::null(ctx, to);  // date -> numeric / boolean: NULL
  if (f == TypeId::Timestamp) {
    if (t == TypeId::Boolean) return ok(b.CreateICmpNE(x, b.getInt64(0), "cast"));
    if (t == TypeId::Float || t == TypeId::Double) {
      llvm::Value* d = b.CreateFDiv(b.CreateSIToFP(x, b.getDoubleTy()),
                                    llvm::ConstantFP::get(b.getDoubleTy(), 1e6), "secs");
      return ok(t == TypeId::Float ? b.CreateFPTrunc(d, dst, "cast") : d);
    }
    return ok(b.CreateTrunc(floorDivConst(b, x, kSec), dst, "cast"));  // integral: wraps
  }
  if (t == TypeId::Timestamp) {
    if (f == TypeId::Boolean) return ok(b.CreateZExt(x, dst, "cast"));
    if (f == TypeId::Float)
      return call("sluice_cast_f64_to_timestamp", {b.CreateFPExt(x, b.getDoubleTy())});
    if (f == TypeId::Double) return call("sluice_cast_f64_to_timestamp", {x});
    // Inline (sluice_cast_i64_to_timestamp's saturating multiply), not a call: a pure
    // expression the optimizer can share, so a cast both filtered on and windowed by
    // (YSB's CAST(event_time DIV 1000 AS TIMESTAMP)) is computed once per row.
    llvm::Value* secs = i64(x);
    llvm::Value* mul =
        b.CreateBinaryIntrinsic(llvm::Intrinsic::smul_with_overflow, secs, b.getInt64(kSec));
    llvm::Value* saturated = b.CreateSelect(b.CreateICmpSLT(secs, b.getInt64(0)),
                                            b.getInt64(INT64_MIN), b.getInt64(INT64_MAX));
    return ok(b.CreateSelect(b.CreateExtractValue(mul, 1), saturated, b.CreateExtractValue(mul, 0),
                             "cast"));
  }
  if (t == TypeId::Date) return SqlValue::null(ctx, to);  // numeric / boolean -> date: NULL
  throw CodegenError("code generator: cast from " + from.toString() + " to " + to->toString() +
                     " is not supported yet");
}

}  // namespace

SqlValue callIfNotNull(llvm::IRBuilder<>& b, std::span<const SqlValue> args,
                       const TypePtr& resultType, const std::function<SqlValue()>& emit) {
  llvm::Value* anyNull = b.getFalse();
  for (const auto& v : args) {
    if (v.alwaysNull()) return SqlValue::null(b.getContext(), resultType);
    if (v.mayBeNull()) anyNull = b.CreateOr(anyNull, v.isNull);
  }
  if (llvm::isa<llvm::Constant>(anyNull)) return emit();
  IfBuilder notNull(b, b.CreateNot(anyNull), "args_notnull");
  const SqlValue r = emit();
  return notNull.endMerge(r, SqlValue::null(b.getContext(), resultType));
}

SqlValue callC(llvm::IRBuilder<>& b, std::string_view cName, std::vector<llvm::Value*> inputs,
               const TypePtr& resultType, const ArenaFn& arena) {
  return emitCCall(b, stdlibBindingNamed(cName), inputs, resultType, arena);
}

bool fullCastSupported(const DataType& from, const DataType& to) {
  if (from.isAnsiInterval() || to.isAnsiInterval()) {
    if (from.isAnsiInterval() && to.isAnsiInterval()) return from.id() == to.id();
    if (to.isAnsiInterval())
      return from.id() == TypeId::String ||
             (from.isIntegral() && to.intervalStart() == to.intervalEnd());
    return to.id() == TypeId::String ||
           (to.isIntegral() && from.intervalStart() == from.intervalEnd());
  }
  if (castSupported(from, to)) return true;
  if (!isPrimitive(from) || !isPrimitive(to)) return false;
  // Binary converts only to and from string (and from integrals).
  if (to.id() == TypeId::Binary) return from.id() == TypeId::String || from.isIntegral();
  if (from.id() == TypeId::Binary) return to.id() == TypeId::String;
  return true;
}

SqlValue emitArrayCast(
    llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& to, const ArenaFn& arena,
    const std::function<SqlValue(const SqlValue&, const TypePtr&)>& castElement) {
  const DataType& from = *v.type;
  const TypePtr& et = to->elementType();
  return callIfNotNull(b, std::span<const SqlValue>(&v, 1), to, [&] {
    llvm::Value* n = nestedLength(b, v.value);
    llvm::Value* bytes = b.CreateAdd(b.getInt64(32), b.CreateMul(n, b.getInt64(17)));
    llvm::Value* base = arenaAlloc(b, arena(), bytes);
    llvm::Value* slots = byteOffset(b, base, b.getInt64(32));
    llvm::Value* nulls =
        byteOffset(b, base, b.CreateAdd(b.getInt64(32), b.CreateMul(n, b.getInt64(16))));
    b.CreateStore(n, base);
    b.CreateStore(nulls, byteOffset(b, base, b.getInt64(8)));
    b.CreateStore(slots, byteOffset(b, base, b.getInt64(16)));
    {
      LoopBuilder loop(b, b.getInt64(0), n, "castarray");
      const SqlValue e = arrayElement(b, v.value, loop.index(), from);
      const SqlValue x = castElement(e, et);
      storeSlot(b, slots, loop.index(), x.value, *et);
      b.CreateStore(b.CreateZExt(x.isNull, b.getInt8Ty()),
                    b.CreateGEP(b.getInt8Ty(), nulls, loop.index()));
    }
    return SqlValue::notNull(base, to);
  });
}

SqlValue zoneIdValue(llvm::IRBuilder<>& b, const std::string& zone) {
  llvm::Value* data = b.CreateGlobalString(zone, "zone");
  return SqlValue::notNull(makeStringView(b, data, b.getInt64(static_cast<int64_t>(zone.size()))),
                           DataType::string());
}

std::optional<SqlValue> emitZonedCast(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& to,
                                      const std::string& zone, const ArenaFn& arena) {
  const TypeId f = v.type->id(), t = to->id();
  const char* fn = nullptr;
  if (isNtz(v.type) || isNtz(to)) {
    // Only LTZ <-> NTZ depends on the zone; NTZ's other casts are the UTC ones.
    if (f == TypeId::Timestamp && t == TypeId::Timestamp)
      fn = isNtz(to) ? "sluice_dt_ltz_to_ntz_tz" : "sluice_dt_ntz_to_ltz_tz";
  } else if (f == TypeId::String && t == TypeId::Timestamp)
    fn = "sluice_cast_str_to_timestamp_tz";
  else if (f == TypeId::Timestamp && t == TypeId::String)
    fn = "sluice_cast_timestamp_to_str_tz";
  else if (f == TypeId::Date && t == TypeId::Timestamp)
    fn = "sluice_dt_date_to_timestamp_tz";
  else if (f == TypeId::Timestamp && t == TypeId::Date)
    fn = "sluice_dt_timestamp_to_date_tz";
  if (!fn || stdlib::Zone::of(zone).isUtc()) return std::nullopt;
  const SqlValue z = zoneIdValue(b, zone);
  return callIfNotNull(b, std::span<const SqlValue>(&v, 1), to, [&] {
    std::vector<llvm::Value*> in;
    if (f == TypeId::String) {
      in = {stringViewData(b, v.value), stringViewLength(b, v.value)};
    } else {
      in = {v.value};
    }
    in.push_back(stringViewData(b, z.value));
    in.push_back(stringViewLength(b, z.value));
    return callC(b, fn, std::move(in), to, arena);
  });
}

SqlValue emitFullCast(llvm::IRBuilder<>& b, const SqlValue& v, const TypePtr& to,
                      const ArenaFn& arena) {
  if (castSupported(*v.type, *to)) return emitCast(b, v, to);
  if (!fullCastSupported(*v.type, *to))
    throw CodegenError("code generator: cast from " + v.type->toString() + " to " + to->toString() +
                       " is not supported yet");
  const DataType& from = *v.type;
  return callIfNotNull(b, std::span<const SqlValue>(&v, 1), to,
                       [&] { return castPayload(b, v.value, from, to, arena); });
}

}  // namespace sluice::exprgen
