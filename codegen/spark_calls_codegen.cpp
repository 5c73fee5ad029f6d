// Emitters of the rows of registry_strings_spark / registry_datetime_spark / registry_misc
// that are not one plain stdlib call: elt (a select over its arguments), typeof (a constant),
// the cast-style functions (the binder already cast the argument), bit_get (the argument's
// bit width), try_add / try_subtract / try_multiply (LLVM's overflow intrinsics on integral
// types, the operator's emitter otherwise), date_part (its constant field) and
// make_timestamp (its decimal seconds as an i64); format_string (its arguments passed to the
// kernel as one struct) and make_dt_interval / make_ym_interval (overflow-checked sums).
#include <llvm/IR/Intrinsics.h>

#include "codegen/call_emitters.h"
#include "codegen/ir/control_flow.h"
#include "codegen/nested_build.h"
#include "codegen/nested_codegen.h"
#include "codegen/nested_ir.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "stdlib/datetime.h"
#include "stdlib/datetime_spark.h"
#include "stdlib/timezone.h"

namespace sluice {
namespace {

using Emitted = std::optional<SqlValue>;

SqlValue callNamed(const CallSite& c, const char* cName, std::vector<llvm::Value*> inputs,
                   const TypePtr& resultType) {
  return emitCCall(c.b, stdlibBindingNamed(cName), inputs, resultType, c.arena);
}

// elt(n, s1, ...): the n-th argument, NULL when n is NULL or out of range. Selects rather
// than a call: only n and the chosen argument decide NULL-ness.
Emitted elt(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue n = c.coerce(c.args[0], DataType::integer());
  SqlValue out = SqlValue::null(b.getContext(), c.e.type);
  llvm::Value* value = out.value;
  llvm::Value* isNull = b.getTrue();
  for (size_t k = 1; k < c.args.size(); ++k) {
    const SqlValue a = c.coerce(c.args[k], c.e.type);
    llvm::Value* pick = b.CreateICmpEQ(n.value, b.getInt32(static_cast<int32_t>(k)));
    value = b.CreateSelect(pick, a.value, value);
    isNull = b.CreateSelect(pick, a.isNull, isNull);
  }
  return SqlValue::of(value, b.CreateOr(n.isNull, isNull, "elt.isnull"), c.e.type);
}

// typeof(x): the argument's type name, known at compile time.
Emitted typeOf(const CallSite& c) {
  const std::string name = c.e.args[0]->type->toString();
  llvm::Value* data = c.b.CreateGlobalString(name, "typeof");
  return SqlValue::notNull(
      makeStringView(c.b, data, c.b.getInt64(static_cast<int64_t>(name.size()))), c.e.type);
}

int integralBits(TypeId t) {
  return t == TypeId::Byte ? 8 : t == TypeId::Short ? 16 : t == TypeId::Int ? 32 : 64;
}

// bit_get(x, pos): the kernel checks pos against x's width.
Emitted bitGet(const CallSite& c) {
  const SqlValue x = c.coerce(c.args[0], DataType::bigint());
  const SqlValue pos = c.coerce(c.args[1], DataType::integer());
  const int width = integralBits(c.e.args[0]->type->id());
  return ifNotNull(c.b, c.b.CreateOr(x.isNull, pos.isNull), c.e.type, [&] {
    return callNamed(c, "sluice_bit_get", {x.value, pos.value, c.b.getInt32(width)}, c.e.type);
  });
}

// try_add / try_subtract / try_multiply on integral results: NULL on overflow; any other
// result type (decimal, double, date, timestamp, interval) is the operator's code.
Emitted tryArith(const CallSite& c, llvm::Intrinsic::ID op, const char* operatorKey) {
  if (!c.e.type->isIntegral()) return findCallEmitter(operatorKey)(c);
  llvm::IRBuilder<>& b = c.b;
  const SqlValue x = c.coerce(c.args[0], c.e.type), y = c.coerce(c.args[1], c.e.type);
  llvm::Value* r = b.CreateBinaryIntrinsic(op, x.value, y.value);
  llvm::Value* overflow = b.CreateExtractValue(r, 1, "overflow");
  llvm::Value* isNull = b.CreateOr(b.CreateOr(x.isNull, y.isNull), overflow, "try.isnull");
  llvm::Value* v = b.CreateSelect(overflow, llvm::Constant::getNullValue(x.value->getType()),
                                  b.CreateExtractValue(r, 0));
  return SqlValue::of(v, isNull, c.e.type);
}

// date_part(field, ts): the field is a constant (checked by the row's rule).
// extract(field FROM ansi interval): Java's truncating division of the months or microseconds
// (planner/functions/registry_datetime_spark.cpp's intervalPart is the constant twin).
Emitted intervalPart(const CallSite& c, stdlib::DateField f) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue v = c.coerce(c.args[1], c.e.args[1]->type);
  return ifNotNull(b, v.isNull, c.e.type, [&] {
    using F = stdlib::DateField;
    llvm::Value* x = b.CreateSExt(v.value, b.getInt64Ty());
    auto k = [&](int64_t n) { return b.getInt64(n); };
    llvm::Value* r = nullptr;
    switch (f) {
      case F::Year:
        r = b.CreateSDiv(x, k(12));
        break;
      case F::Month:
        r = b.CreateSRem(x, k(12));
        break;
      case F::Day:
        r = b.CreateSDiv(x, k(stdlib::kMicrosPerDay));
        break;
      case F::Hour:
        r = b.CreateSDiv(b.CreateSRem(x, k(stdlib::kMicrosPerDay)), k(3600000000LL));
        break;
      case F::Minute:
        r = b.CreateSDiv(b.CreateSRem(x, k(3600000000LL)), k(60000000LL));
        break;
      default:
        r = b.CreateSRem(x, k(60000000LL));
        break;
    }
    return SqlValue::notNull(b.CreateSExtOrTrunc(r, llvmTypeFor(b.getContext(), *c.e.type)),
                             c.e.type);
  });
}

Emitted datePart(const CallSite& c) {
  const auto field = stdlib::dateFieldOf(evaluateConstant(c.e.args[0]).asString());
  if (!field) throw CodegenError("date_part: unknown field", nullptr, c.e.span);
  if (c.e.args[1]->type->isAnsiInterval()) return intervalPart(c, *field);
  const SqlValue ts = c.coerce(c.args[1], DataType::timestamp());
  return ifNotNull(c.b, ts.isNull, c.e.type, [&] {
    // Fields of the wall clock in the session zone.
    llvm::Value* local = ts.value;
    if (!stdlib::Zone::of(c.e.timeZone).isUtc()) {
      const SqlValue z = exprgen::zoneIdValue(c.b, c.e.timeZone);
      local = callNamed(c, "sluice_dt_to_local_tz",
                        {ts.value, stringViewData(c.b, z.value), stringViewLength(c.b, z.value)},
                        DataType::timestamp())
                  .value;
    }
    if (*field == stdlib::DateField::Second)
      return callNamed(c, "sluice_dt_extract_seconds", {local}, c.e.type);
    return callNamed(c, "sluice_dt_extract", {c.b.getInt32(static_cast<int32_t>(*field)), local},
                     c.e.type);
  });
}

// make_timestamp(y, mo, d, h, mi, sec [, zone]): sec arrives as decimal(16,6), an i64 in IR,
// passed as such (see datetime_spark.h for why not as __int128).
Emitted makeTimestamp(const CallSite& c) {
  std::vector<llvm::Value*> inputs;
  llvm::Value* anyNull = c.b.getFalse();
  for (size_t k = 0; k < c.args.size(); ++k) {
    const TypePtr t = k < 5    ? DataType::integer()
                      : k == 5 ? DataType::decimal(16, 6)
                               : DataType::string();
    const SqlValue v = c.coerce(c.args[k], t);
    anyNull = c.b.CreateOr(anyNull, v.isNull);
    if (k == 6) {
      inputs.push_back(stringViewData(c.b, v.value));
      inputs.push_back(stringViewLength(c.b, v.value));
    } else {
      inputs.push_back(v.value);
    }
  }
  // Without a zone argument the fields are wall-clock time in the session zone.
  if (c.args.size() == 6 && !stdlib::Zone::of(c.e.timeZone).isUtc()) {
    const SqlValue z = exprgen::zoneIdValue(c.b, c.e.timeZone);
    inputs.push_back(stringViewData(c.b, z.value));
    inputs.push_back(stringViewLength(c.b, z.value));
  }
  const char* fn = inputs.size() > 6 ? "sluice_dt_make_timestamp_tz" : "sluice_dt_make_timestamp";
  return ifNotNull(c.b, anyNull, c.e.type, [&] { return callNamed(c, fn, inputs, c.e.type); });
}

// format_string(fmt, args...): the arguments go to the kernel as one struct.
Emitted formatString(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue f = c.coerce(c.args[0], DataType::string());
  std::vector<StructField> fields;
  for (size_t i = 1; i < c.args.size(); ++i)
    fields.push_back({"_" + std::to_string(i), c.e.args[i]->type, true});
  const TypePtr st = DataType::structOf(fields);
  const stdlib::NestedType& desc = nestedbuild::descriptor(*st, c.e);
  return ifNotNull(b, f.isNull, c.e.type, [&] {
    const int64_t k = static_cast<int64_t>(fields.size());
    llvm::Value* base = arenaAlloc(b, c.arena(), b.getInt64(16 + 16 * std::max<int64_t>(k, 1) + k));
    llvm::Value* slots = byteOffset(b, base, b.getInt64(16));
    llvm::Value* nulls = byteOffset(b, base, b.getInt64(16 + 16 * std::max<int64_t>(k, 1)));
    b.CreateStore(nulls, base);
    b.CreateStore(slots, byteOffset(b, base, b.getInt64(8)));
    for (size_t i = 1; i < c.args.size(); ++i)
      nestedbuild::put(b, slots, nulls, b.getInt64(static_cast<int64_t>(i - 1)),
                       c.coerce(c.args[i], c.e.args[i]->type), c.e.args[i]->type);
    return callNamed(c, "sluice_format_string",
                     {stringViewData(b, f.value), stringViewLength(b, f.value), base,
                      constPtr(b, &desc, "nestedbuild\x1d" + st->toString())},
                     c.e.type);
  });
}

// make_dt_interval(days, hours, mins, secs) / make_ym_interval(years, months): overflow of
// the interval's range fails the query as Spark does.
Emitted makeDtInterval(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  std::vector<SqlValue> a;
  for (size_t i = 0; i < c.args.size(); ++i)
    a.push_back(c.coerce(c.args[i], i < 3 ? DataType::integer() : DataType::decimal(18, 6)));
  return ifNotNull(b, nestedbuild::anyNull(b, a), c.e.type, [&] {
    static const int64_t units[] = {86400000000LL, 3600000000LL, 60000000LL};
    llvm::Value* total = b.getInt64(0);
    llvm::Value* overflow = b.getFalse();
    for (size_t i = 0; i < a.size(); ++i) {
      llvm::Value* part = i < 3 ? b.CreateSExt(a[i].value, b.getInt64Ty()) : a[i].value;
      if (i < 3) {
        llvm::Value* prod = b.CreateBinaryIntrinsic(llvm::Intrinsic::smul_with_overflow, part,
                                                    b.getInt64(units[i]));
        overflow = b.CreateOr(overflow, b.CreateExtractValue(prod, 1));
        part = b.CreateExtractValue(prod, 0);
      }
      llvm::Value* sum = b.CreateBinaryIntrinsic(llvm::Intrinsic::sadd_with_overflow, total, part);
      overflow = b.CreateOr(overflow, b.CreateExtractValue(sum, 1));
      total = b.CreateExtractValue(sum, 0);
    }
    raiseKernelErrorIf(b, overflow, "[ARITHMETIC_OVERFLOW] long overflow in make_dt_interval");
    return SqlValue::notNull(total, c.e.type);
  });
}

Emitted makeYmInterval(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  std::vector<SqlValue> a;
  for (const auto& v : c.args) a.push_back(c.coerce(v, DataType::integer()));
  return ifNotNull(b, nestedbuild::anyNull(b, a), c.e.type, [&] {
    llvm::Value* months = b.getInt64(0);
    if (!a.empty()) months = b.CreateMul(b.CreateSExt(a[0].value, b.getInt64Ty()), b.getInt64(12));
    if (a.size() > 1) months = b.CreateAdd(months, b.CreateSExt(a[1].value, b.getInt64Ty()));
    raiseKernelErrorIf(b,
                       b.CreateOr(b.CreateICmpSGT(months, b.getInt64(INT32_MAX)),
                                  b.CreateICmpSLT(months, b.getInt64(INT32_MIN))),
                       "[ARITHMETIC_OVERFLOW] integer overflow in make_ym_interval");
    return SqlValue::notNull(b.CreateTrunc(months, b.getInt32Ty()), c.e.type);
  });
}

// to_char(decimal, fmt): the kernel also needs the decimal's scale, a constant of its type.
Emitted toChar(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue v = c.args[0], f = c.args[1];
  const int scale = c.e.args[0]->type->scale();
  return ifNotNull(b, b.CreateOr(v.isNull, f.isNull), c.e.type, [&] {
    llvm::Value* wide = b.CreateSExt(v.value, b.getInt128Ty());  // short decimals are i64
    return callNamed(
        c, "sluice_str_to_char_number",
        {wide, b.getInt32(scale), stringViewData(b, f.value), stringViewLength(b, f.value)},
        c.e.type);
  });
}

const NamedEmitter kEmitters[] = {
    {"make_timestamp", makeTimestamp},
    {"elt", elt},
    {"typeof", typeOf},
    {"cast_function", [](const CallSite& c) -> Emitted { return c.coerce(c.args[0], c.e.type); }},
    {"bit_get", bitGet},
    {"try_add",
     [](const CallSite& c) { return tryArith(c, llvm::Intrinsic::sadd_with_overflow, "add"); }},
    {"try_subtract",
     [](const CallSite& c) {
       return tryArith(c, llvm::Intrinsic::ssub_with_overflow, "subtract");
     }},
    {"try_multiply",
     [](const CallSite& c) {
       return tryArith(c, llvm::Intrinsic::smul_with_overflow, "multiply");
     }},
    {"date_part", datePart},
    {"format_string", formatString},
    {"make_dt_interval", makeDtInterval},
    {"make_ym_interval", makeYmInterval},
    {"to_char", toChar},
};

}  // namespace

std::span<const NamedEmitter> sparkCallEmitters() {
  return kEmitters;
}

}  // namespace sluice
