// Emitters of the operator and conditional rows: arithmetic (+ - * / % div pmod, including
// decimal and date arithmetic), comparisons, AND / OR / NOT, unary minus and plus, IS [NOT]
// NULL, coalesce, if and CASE WHEN. Most are a few instructions (ir/null_ops.h); decimal
// arithmetic calls the stdlib (math_abi.h).
#include "codegen/call_emitters.h"
#include "codegen/ir/null_ops.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "stdlib/datetime.h"
#include "stdlib/timezone.h"

namespace sluice {
namespace {

llvm::Value* wide(llvm::IRBuilder<>& b, const SqlValue& v) {
  return b.CreateSExt(v.value, b.getInt128Ty());
}

// The operator sluice_decimal_arith takes for `op` (+ - * / %).
char opChar(ArithOp op) {
  switch (op) {
    case ArithOp::Add:
      return '+';
    case ArithOp::Subtract:
      return '-';
    case ArithOp::Multiply:
      return '*';
    case ArithOp::Divide:
      return '/';
    default:
      return '%';
  }
}

// Decimal + - * / % div pmod (operands at their own decimal types, as the binder left them);
// nullopt when an operand is not a decimal.
std::optional<SqlValue> decimalArith(const CallSite& c, ArithOp op) {
  auto& b = c.b;
  const Expr& e = c.e;
  std::vector<SqlValue>& a = c.args;
  for (size_t i = 0; i < 2; ++i) a[i] = c.coerce(a[i], e.args[i]->type);
  if (a[0].type->id() != TypeId::Decimal || a[1].type->id() != TypeId::Decimal) return std::nullopt;
  const int s1 = a[0].type->scale(), s2 = a[1].type->scale();
  return exprgen::callIfNotNull(b, a, e.type, [&] {
    if (op == ArithOp::IntegralDivide)
      return exprgen::callC(b, "sluice_decimal_div",
                            {wide(b, a[0]), b.getInt32(s1), wide(b, a[1]), b.getInt32(s2)}, e.type,
                            c.arena);
    const bool pmod = op == ArithOp::Pmod;
    std::vector<llvm::Value*> in;
    if (!pmod) in.push_back(b.getInt32(opChar(op)));
    in.insert(in.end(), {wide(b, a[0]), b.getInt32(s1), wide(b, a[1]), b.getInt32(s2),
                         b.getInt32(e.type->precision()), b.getInt32(e.type->scale())});
    return exprgen::callC(b, pmod ? "sluice_decimal_pmod" : "sluice_decimal_arith", in, e.type,
                          c.arena);
  });
}

// date +/- int days (int + date too); wraps like Spark's int arithmetic.
SqlValue dateArith(const CallSite& c, bool add) {
  auto& b = c.b;
  const Expr& e = c.e;
  const bool dateFirst = e.args[0]->type->id() == TypeId::Date;
  SqlValue d = c.coerce(c.args[dateFirst ? 0 : 1], DataType::date());
  SqlValue k = c.coerce(c.args[dateFirst ? 1 : 0], DataType::integer());
  llvm::Value* v = add ? b.CreateAdd(d.value, k.value) : b.CreateSub(d.value, k.value);
  return SqlValue::of(v, b.CreateOr(d.isNull, k.isNull), e.type);
}

// The zone id of a time-zone-aware call as (ptr, len) constants ("" for UTC).
std::vector<llvm::Value*> zoneArgs(llvm::IRBuilder<>& b, const Expr& e) {
  const SqlValue z = exprgen::zoneIdValue(b, e.timeZone);
  return {stringViewData(b, z.value), stringViewLength(b, z.value)};
}

// Arithmetic with intervals (planner/functions/registry_operators.cpp's arithRule): a time
// plus or minus an interval, the interval between two times, interval +/- interval and
// interval * / number. nullopt when no operand or result is an interval.
std::optional<SqlValue> intervalArith(const CallSite& c, ArithOp op) {
  auto& b = c.b;
  const Expr& e = c.e;
  const DataType &ta = *e.args[0]->type, &tb = *e.args[1]->type, &rt = *e.type;
  auto isIv = [](const DataType& t) { return t.id() == TypeId::Interval || t.isAnsiInterval(); };
  const bool add = op == ArithOp::Add;
  std::vector<SqlValue>& a = c.args;
  // time +/- interval, interval + time.
  if ((op == ArithOp::Add || op == ArithOp::Subtract) && (rt.isDatetime()) &&
      (isIv(ta) || isIv(tb))) {
    const size_t ti = isIv(tb) ? 0 : 1, ii = 1 - ti;
    const DataType& it = *e.args[ii]->type;
    const SqlValue time = c.coerce(a[ti], e.args[ti]->type);
    const int64_t sign = add ? 1 : -1;
    if (it.id() == TypeId::Interval) {
      if (!e.args[ii]->foldable())
        throw CodegenError(
            "a calendar interval that is not a constant is not supported by the "
            "code generator yet",
            nullptr, e.args[ii]->span);
      const Value v = evaluateConstant(e.args[ii]);
      if (v.isNull()) return SqlValue::null(b.getContext(), e.type);
      const Interval iv = v.asInterval();
      return exprgen::callIfNotNull(b, std::span<const SqlValue>(&time, 1), e.type, [&] {
        std::vector<llvm::Value*> in = {
            time.value, b.getInt32(static_cast<int32_t>(sign * iv.months)),
            b.getInt32(static_cast<int32_t>(sign * iv.days)), b.getInt64(sign * iv.micros)};
        for (llvm::Value* z : zoneArgs(b, e)) in.push_back(z);
        return exprgen::callC(b,
                              rt.id() == TypeId::Date ? "sluice_dt_date_add_interval"
                                                      : "sluice_dt_timestamp_add_interval",
                              in, e.type, c.arena);
      });
    }
    const SqlValue n = c.coerce(a[ii], e.args[ii]->type);
    const SqlValue operands[] = {time, n};
    return exprgen::callIfNotNull(b, operands, e.type, [&] {
      llvm::Value* amount = add ? n.value : b.CreateNeg(n.value);
      if (it.id() == TypeId::YearMonthInterval) {
        if (rt.id() == TypeId::Date)
          return exprgen::callC(b, "sluice_dt_add_months", {time.value, amount}, e.type, c.arena);
        std::vector<llvm::Value*> in = {time.value, amount};
        for (llvm::Value* z : zoneArgs(b, e)) in.push_back(z);
        return exprgen::callC(b, "sluice_dt_timestamp_add_months", in, e.type, c.arena);
      }
      if (rt.id() == TypeId::Date) {  // whole days
        llvm::Value* days =
            b.CreateTrunc(b.CreateSDiv(amount, b.getInt64(stdlib::kMicrosPerDay)), b.getInt32Ty());
        return SqlValue::notNull(b.CreateAdd(time.value, days), e.type);
      }
      if (stdlib::Zone::of(e.timeZone).isUtc())
        return SqlValue::notNull(b.CreateAdd(time.value, amount), e.type);
      std::vector<llvm::Value*> in = {time.value, amount};
      for (llvm::Value* z : zoneArgs(b, e)) in.push_back(z);
      return exprgen::callC(b, "sluice_dt_timestamp_add_daytime", in, e.type, c.arena);
    });
  }
  if (!rt.isAnsiInterval()) return std::nullopt;
  // time - time.
  if (ta.isDatetime()) {
    const SqlValue x = c.coerce(a[0], e.args[0]->type), y = c.coerce(a[1], e.args[1]->type);
    const SqlValue operands[] = {x, y};
    return exprgen::callIfNotNull(b, operands, e.type, [&] {
      if (ta.id() == TypeId::Date)
        return SqlValue::notNull(
            b.CreateMul(b.CreateSExt(b.CreateSub(x.value, y.value), b.getInt64Ty()),
                        b.getInt64(stdlib::kMicrosPerDay)),
            e.type);
      if (stdlib::Zone::of(e.timeZone).isUtc())
        return SqlValue::notNull(b.CreateSub(x.value, y.value), e.type);
      std::vector<llvm::Value*> in = {x.value, y.value};
      for (llvm::Value* z : zoneArgs(b, e)) in.push_back(z);
      return exprgen::callC(b, "sluice_dt_subtract_timestamps", in, e.type, c.arena);
    });
  }
  if (op == ArithOp::Add || op == ArithOp::Subtract)
    return emitArith(b, op, c.coerce(a[0], e.type), c.coerce(a[1], e.type));
  // interval * number, number * interval, interval / number.
  const bool ivFirst = ta.isAnsiInterval();
  const SqlValue iv = c.coerce(a[ivFirst ? 0 : 1], e.type);
  const SqlValue num = c.coerce(a[ivFirst ? 1 : 0], e.args[ivFirst ? 1 : 0]->type);
  const bool ym = rt.id() == TypeId::YearMonthInterval;
  const SqlValue operands[] = {iv, num};
  return exprgen::callIfNotNull(b, operands, e.type, [&] {
    llvm::Value* wide = b.CreateSExt(iv.value, b.getInt64Ty());
    const bool fractional = num.type->isFractional();
    llvm::Value* r =
        exprgen::callC(
            b, fractional ? "sluice_interval_scale_f64" : "sluice_interval_scale_i64",
            {wide, num.value, b.getInt8(op == ArithOp::Divide ? 1 : 0), b.getInt8(ym ? 1 : 0)},
            DataType::bigint(), c.arena)
            .value;
    return SqlValue::notNull(b.CreateTrunc(r, llvmTypeFor(b.getContext(), rt)), e.type);
  });
}

std::optional<SqlValue> arith(const CallSite& c, ArithOp op) {
  const Expr& e = c.e;
  if (c.args.size() != 2) return std::nullopt;
  if (auto r = intervalArith(c, op)) return r;
  if (e.type->id() == TypeId::Decimal || op == ArithOp::IntegralDivide)
    if (auto r = decimalArith(c, op)) return r;
  if ((op == ArithOp::Add || op == ArithOp::Subtract) && e.type->id() == TypeId::Date)
    return dateArith(c, op == ArithOp::Add);
  // The binder casts operands to the result type (Spark's coercion); keep that invariant.
  return emitArith(c.b, op, c.coerce(c.args[0], e.type), c.coerce(c.args[1], e.type));
}

std::optional<SqlValue> compare(const CallSite& c, CmpOp op) {
  std::vector<SqlValue>& a = c.args;
  if (a.size() != 2) return std::nullopt;
  if (a[0].type->id() == TypeId::Null || a[1].type->id() == TypeId::Null) {
    const TypePtr& t = a[0].type->id() == TypeId::Null ? a[1].type : a[0].type;
    return emitCompare(c.b, op, c.coerce(a[0], t), c.coerce(a[1], t));
  }
  return emitCompare(c.b, op, a[0], a[1]);
}

std::optional<SqlValue> logic(const CallSite& c, bool isAnd) {
  const TypePtr boolean = DataType::boolean();
  const SqlValue l = c.coerce(c.args[0], boolean), r = c.coerce(c.args[1], boolean);
  return isAnd ? emitAnd(c.b, l, r) : emitOr(c.b, l, r);
}

std::optional<SqlValue> negative(const CallSite& c) {
  const SqlValue v = c.coerce(c.args[0], c.e.type);
  if (c.e.type->id() == TypeId::Decimal)  // an unscaled integer: no overflow at its precision
    return SqlValue::of(c.b.CreateNeg(v.value, "neg"), v.isNull, c.e.type);
  return emitNegate(c.b, v);
}

std::optional<SqlValue> ifThenElse(const CallSite& c) {
  std::vector<SqlValue>& a = c.args;
  if (a.size() != 3) return std::nullopt;
  return emitSelect(c.b, emitIsTrue(c.b, a[0]), c.coerce(a[1], c.e.type), c.coerce(a[2], c.e.type));
}

// [c1, v1, c2, v2, ..., else?]: folded from the last branch so the first TRUE wins.
std::optional<SqlValue> caseWhen(const CallSite& c) {
  std::vector<SqlValue>& a = c.args;
  const TypePtr& t = c.e.type;
  if (a.size() < 2) return std::nullopt;
  SqlValue result = a.size() % 2 ? c.coerce(a.back(), t) : SqlValue::null(c.b.getContext(), t);
  for (size_t i = a.size() / 2; i-- > 0;)
    result = emitSelect(c.b, emitIsTrue(c.b, a[2 * i]), c.coerce(a[2 * i + 1], t), result);
  return result;
}

std::optional<SqlValue> coalesce(const CallSite& c) {
  for (auto& v : c.args) v = c.coerce(v, c.e.type);
  return emitCoalesce(c.b, c.args);
}

const NamedEmitter kEmitters[] = {
    {"add", [](const CallSite& c) { return arith(c, ArithOp::Add); }},
    {"subtract", [](const CallSite& c) { return arith(c, ArithOp::Subtract); }},
    {"multiply", [](const CallSite& c) { return arith(c, ArithOp::Multiply); }},
    {"divide", [](const CallSite& c) { return arith(c, ArithOp::Divide); }},
    {"remainder", [](const CallSite& c) { return arith(c, ArithOp::Remainder); }},
    {"div", [](const CallSite& c) { return arith(c, ArithOp::IntegralDivide); }},
    {"pmod", [](const CallSite& c) { return arith(c, ArithOp::Pmod); }},
    {"eq", [](const CallSite& c) { return compare(c, CmpOp::Eq); }},
    {"null_safe_eq", [](const CallSite& c) { return compare(c, CmpOp::NullSafeEq); }},
    {"lt", [](const CallSite& c) { return compare(c, CmpOp::Lt); }},
    {"le", [](const CallSite& c) { return compare(c, CmpOp::Le); }},
    {"gt", [](const CallSite& c) { return compare(c, CmpOp::Gt); }},
    {"ge", [](const CallSite& c) { return compare(c, CmpOp::Ge); }},
    {"and", [](const CallSite& c) { return logic(c, true); }},
    {"or", [](const CallSite& c) { return logic(c, false); }},
    {"not",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return emitNot(c.b, c.coerce(c.args[0], DataType::boolean()));
     }},
    {"negative", negative},
    {"positive",
     [](const CallSite& c) -> std::optional<SqlValue> { return c.coerce(c.args[0], c.e.type); }},
    {"isnull",
     [](const CallSite& c) -> std::optional<SqlValue> { return emitIsNull(c.b, c.args[0]); }},
    {"isnotnull",
     [](const CallSite& c) -> std::optional<SqlValue> { return emitIsNotNull(c.b, c.args[0]); }},
    {"coalesce", coalesce},
    {"if", ifThenElse},
    {"casewhen", caseWhen},
};

}  // namespace

std::span<const NamedEmitter> operatorEmitters() {
  return kEmitters;
}

}  // namespace sluice
