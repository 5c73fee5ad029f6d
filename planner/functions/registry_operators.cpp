// Operator rows: arithmetic, comparison, boolean logic, null tests, IN, CASE, LIKE, concat,
// bitwise. Type rules follow Spark's TypeCoercion and DecimalPrecision (non-ANSI).
#include <cmath>

#include "planner/functions/registry_rows.h"
#include "planner/functions/value_ops.h"
#include "planner/timestamp_ntz.h"
#include "stdlib/datetime.h"
#include "stdlib/decimal.h"
#include "stdlib/interval.h"
#include "stdlib/strings.h"

namespace sluice {
namespace {

using namespace fnrow;
using stdlib::int128;

void castArg(const ResolveContext& ctx, Resolution& r, size_t i, const TypePtr& t) {
  r.argTypes.resize(ctx.args.size());
  if (!t->equals(*ctx.type(i))) r.argTypes[i] = t;
}

// DecimalPrecision.adjustPrecisionScale (allowPrecisionLoss = true).
TypePtr boundedDecimal(int p, int s) {
  if (p <= 38) return DataType::decimal(p, s);
  const int intDigits = p - s;
  const int minScale = std::min(s, 6);
  return DataType::decimal(38, std::max(38 - intDigits, minScale));
}

TypePtr decimalResult(char op, const DataType& a, const DataType& b) {
  const int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
  switch (op) {
    case '+':
    case '-': {
      const int s = std::max(s1, s2);
      return boundedDecimal(std::max(p1 - s1, p2 - s2) + s + 1, s);
    }
    case '*':
      return boundedDecimal(p1 + p2 + 1, s1 + s2);
    case '/': {
      const int s = std::max(6, s1 + p2 + 1);
      return boundedDecimal(p1 - s1 + s2 + s, s);
    }
    default: {  // %
      const int s = std::max(s1, s2);
      return boundedDecimal(std::min(p1 - s1, p2 - s2) + s, s);
    }
  }
}

bool numericLike(const DataType& t) {
  return t.isNumeric() || t.id() == TypeId::String || t.id() == TypeId::Null;
}

// Exact decimal arithmetic on unscaled values; nullopt on overflow or division by zero.
std::optional<int128> decimalArith(char op, int128 a, int s1, int128 b, int s2,
                                   const DataType& rt) {
  const int P = rt.precision(), S = rt.scale();
  auto align = [](int128 v, int from, int to) -> std::optional<int128> {
    int128 out;
    if (__builtin_mul_overflow(v, stdlib::pow10i(to - from), &out)) return std::nullopt;
    return out;
  };
  const int s = std::max(s1, s2);
  switch (op) {
    case '+':
    case '-':
    case '%': {
      auto x = align(a, s1, s), y = align(b, s2, s);
      if (!x || !y) return std::nullopt;
      int128 v;
      if (op == '%') {
        if (*y == 0) return std::nullopt;
        v = *x % *y;
      } else if (op == '+' ? __builtin_add_overflow(*x, *y, &v)
                           : __builtin_sub_overflow(*x, *y, &v)) {
        return std::nullopt;
      }
      return stdlib::rescaleDecimal(v, s, S, P);
    }
    case '*': {
      int128 v;
      if (__builtin_mul_overflow(a, b, &v)) return std::nullopt;
      return stdlib::rescaleDecimal(v, s1 + s2, S, P);
    }
    default: {  // '/'
      if (b == 0) return std::nullopt;
      // a/10^s1 / (b/10^s2) = (a * 10^(S - s1 + s2) / b) / 10^S
      const int k = S - s1 + s2;
      int128 num = a, den = b;
      if (k >= 0) {
        if (k > 38 || __builtin_mul_overflow(a, stdlib::pow10i(k), &num)) return std::nullopt;
      } else if (-k > 38 || __builtin_mul_overflow(b, stdlib::pow10i(-k), &den)) {
        return std::nullopt;
      }
      int128 q = num / den, rem = num % den;
      if (rem < 0) rem = -rem;
      const int128 aden = den < 0 ? -den : den;
      if (rem >= aden - rem) q += (num < 0) != (den < 0) ? -1 : 1;  // HALF_UP
      if (!stdlib::fitsPrecision(q, P)) return std::nullopt;
      return q;
    }
  }
}

// Comparison type rule: both sides cast to Spark's comparison type.
Resolution compareRule(const ResolveContext& ctx, bool ordering) {
  TypePtr t = comparisonType(ctx.type(0), ctx.type(1));
  if (!t) failArg(ctx, 1, ctx.type(0)->toString());
  if (ordering && !t->isOrderable()) failArg(ctx, 0, "an orderable type");
  if (!ordering && t->id() == TypeId::Map) failArg(ctx, 0, "a type that supports equality");
  Resolution r;
  castArg(ctx, r, 0, t);
  castArg(ctx, r, 1, t);
  r.result = DataType::boolean();
  return r;
}

template <class Pred>
FoldFn compareFold(Pred pred) {
  return [pred](const Args& v, const Expr& call) {
    return boolv(pred(valueops::compare(v[0], v[1], *call.args[0]->type)));
  };
}

Resolution concatRule(const ResolveContext& ctx) {
  Resolution r;
  r.argTypes.resize(ctx.args.size());
  bool allArrays = !ctx.args.empty(), allBinary = !ctx.args.empty();
  for (const auto& a : ctx.args) {
    allArrays &= a->type->id() == TypeId::Array || a->type->id() == TypeId::Null;
    allBinary &= a->type->id() == TypeId::Binary || a->type->id() == TypeId::Null;
  }
  if (allArrays) {
    TypePtr t = DataType::null();
    for (size_t i = 0; i < ctx.args.size(); ++i) {
      TypePtr next = ctx.type(i)->id() == TypeId::Null ? t : commonType(t, ctx.type(i));
      if (!next) failArg(ctx, i, t->toString());
      t = next;
    }
    if (t->id() == TypeId::Null) t = DataType::arrayOf(DataType::string());
    for (size_t i = 0; i < ctx.args.size(); ++i) castArg(ctx, r, i, t);
    r.result = t;
    return r;
  }
  if (allBinary) {
    r.result = DataType::binary();
    for (size_t i = 0; i < ctx.args.size(); ++i) castArg(ctx, r, i, DataType::binary());
    return r;
  }
  for (size_t i = 0; i < ctx.args.size(); ++i) {
    if (!canImplicitCast(ctx.type(i), DataType::string())) failArg(ctx, i, "string");
    castArg(ctx, r, i, DataType::string());
  }
  r.result = DataType::string();
  return r;
}

Value concatFold(const Args& v, const Expr& call) {
  if (call.type->id() == TypeId::Array) {
    Value::List out;
    for (const auto& a : v) out.insert(out.end(), a.asList().begin(), a.asList().end());
    return Value::list(std::move(out));
  }
  std::string out;
  for (const auto& a : v) out += a.asString();
  return str(std::move(out));
}

Resolution caseRule(const ResolveContext& ctx) {
  const size_t n = ctx.args.size();
  Resolution r;
  r.argTypes.resize(n);
  TypePtr t;
  size_t firstValue = 0;
  auto isValue = [&](size_t i) { return i % 2 == 1 || i == n - 1; };
  for (size_t i = 0; i < n; ++i) {
    if (!isValue(i)) {
      const TypeId c = ctx.type(i)->id();
      if (c != TypeId::Boolean && c != TypeId::Null) failArg(ctx, i, "boolean");
      castArg(ctx, r, i, DataType::boolean());
      continue;
    }
    if (!t) {
      t = ctx.type(i);
      firstValue = i;
      continue;
    }
    TypePtr next = commonType(t, ctx.type(i));
    if (!next) failArg(ctx, i, t->toString());
    t = next;
  }
  (void)firstValue;
  bool nullable = n % 2 == 0;  // no ELSE
  for (size_t i = 0; i < n; ++i) {
    if (!isValue(i)) continue;
    castArg(ctx, r, i, t);
    nullable |= ctx.args[i]->nullable;
  }
  r.result = t;
  r.nullableOverride = true;
  r.nullable = nullable;
  return r;
}

Value caseFold(const Args& v, const Expr&) {
  size_t i = 0;
  for (; i + 1 < v.size(); i += 2)
    if (!v[i].isNull() && v[i].asBool()) return v[i + 1];
  return i < v.size() ? v[i] : Value();
}

Value inFold(const Args& v, const Expr& call) {
  if (v[0].isNull()) return {};
  bool sawNull = false;
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i].isNull()) {
      sawNull = true;
    } else if (valueops::equal(v[0], v[i], *call.args[0]->type)) {
      return boolv(true);
    }
  }
  return sawNull ? Value() : boolv(false);
}

char likeEscape(const Args& v) {
  if (v.size() < 3) return '\\';
  if (v[2].asString().size() != 1)
    throw std::invalid_argument("the escape character must be a single character, got '" +
                                v[2].asString() + "'");
  return v[2].asString()[0];
}

Resolution integralRule(const ResolveContext& ctx) {
  Resolution r;
  TypePtr t = ctx.type(0);
  for (size_t i = 0; i < ctx.args.size(); ++i) {
    const TypePtr& ti = ctx.type(i);
    if (!ti->isIntegral() && ti->id() != TypeId::Null) failArg(ctx, i, "integral");
    if (i) t = commonType(t, ti);
  }
  if (t->id() == TypeId::Null) t = DataType::integer();
  for (size_t i = 0; i < ctx.args.size(); ++i) castArg(ctx, r, i, t);
  r.result = t;
  return r;
}

FoldFn bitFold(char op) {
  return [op](const Args& v, const Expr& call) {
    const int64_t a = v[0].asInt();
    if (op == '~') return i64(wrapTo(call.type->id(), ~a));
    const int64_t b = v[1].asInt();
    return i64(op == '&' ? a & b : op == '|' ? a | b : a ^ b);
  };
}

Resolution negativeRule(const ResolveContext& ctx) {
  Resolution r;
  const TypePtr& t = ctx.type(0);
  if (t->id() == TypeId::Interval || t->isAnsiInterval() || t->isNumeric()) {
    r.result = t;
  } else if (t->id() == TypeId::String || t->id() == TypeId::Null) {
    castArg(ctx, r, 0, DataType::doubleType());
    r.result = DataType::doubleType();
  } else {
    failArg(ctx, 0, "numeric or interval");
  }
  r.argTypes.resize(1);
  return r;
}

Value negativeFold(const Args& v, const Expr& call) {
  switch (call.type->id()) {
    case TypeId::Float:
    case TypeId::Double:
      return f64(-v[0].asDouble());
    case TypeId::Decimal:
      return Value::decimal(-v[0].asDecimal());
    case TypeId::Interval: {
      const auto& i = v[0].asInterval();
      return Value::interval({-i.months, -i.days, -i.micros});
    }
    default:
      return i64(
          wrapTo(call.type->id(), static_cast<int64_t>(0 - static_cast<uint64_t>(v[0].asInt()))));
  }
}

}  // namespace

namespace fnrow {

// Arithmetic type rule. op: + - * / % and 'd' for div.
Resolution arithRule(const ResolveContext& ctx, char op) {
  Resolution r;
  r.argTypes.resize(2);
  const TypePtr a = ctx.type(0), b = ctx.type(1);
  const TypeId x = a->id(), y = b->id();
  if (op == '+' || op == '-') {
    if (x == TypeId::Date && b->isIntegral()) {
      castArg(ctx, r, 1, DataType::integer());
      r.result = DataType::date();
      return r;
    }
    if (op == '+' && a->isIntegral() && y == TypeId::Date) {
      castArg(ctx, r, 0, DataType::integer());
      r.result = DataType::date();
      return r;
    }
    auto timeLike = [](TypeId t) {
      return t == TypeId::Date || t == TypeId::Timestamp || t == TypeId::String;
    };
    auto anyInterval = [](const DataType& t) {
      return t.id() == TypeId::Interval || t.isAnsiInterval();
    };
    // time +/- interval, interval + time (Spark's ResolveBinaryArithmetic).
    const bool timeFirst = timeLike(x) && anyInterval(*b);
    if (timeFirst || (op == '+' && anyInterval(*a) && timeLike(y))) {
      const size_t ti = timeFirst ? 0 : 1, ii = 1 - ti;
      const DataType& iv = *ctx.type(ii);
      const bool date = ctx.type(ti)->id() == TypeId::Date;
      // A date stays a date with a calendar interval (DateAddInterval), years and months, or
      // whole days; any other interval reads it as a timestamp.
      const bool dateResult =
          date && (iv.id() == TypeId::Interval || iv.id() == TypeId::YearMonthInterval ||
                   (iv.intervalStart() == 0 && iv.intervalEnd() == 0));
      // TIMESTAMP_NTZ stays NTZ (its arithmetic runs in UTC: see resolveTimeZones).
      const TypePtr ts = isNtz(ctx.type(ti)) ? timestampNtzType() : DataType::timestamp();
      if (!dateResult) castArg(ctx, r, ti, ts);
      r.argTypes.resize(2);
      r.result = dateResult ? DataType::date() : ts;
      return r;
    }
    if (x == TypeId::Interval && (y == TypeId::Interval || y == TypeId::Null)) {
      castArg(ctx, r, 1, DataType::interval());
      r.result = DataType::interval();
      return r;
    }
    if (a->isAnsiInterval() || b->isAnsiInterval()) {
      TypePtr t = commonType(a, b);
      if (!t || !t->isAnsiInterval())
        failArg(ctx, 1, "an interval of the same kind as " + a->toString());
      castArg(ctx, r, 0, t);
      castArg(ctx, r, 1, t);
      r.result = t;
      return r;
    }
    // time - time: a day-time interval (whole days between dates).
    if (op == '-' && a->isDatetime() && b->isDatetime()) {
      if (x == TypeId::Timestamp || y == TypeId::Timestamp) {
        const TypePtr ts = commonType(a, b);  // NTZ only when neither side is LTZ
        castArg(ctx, r, 0, ts);
        castArg(ctx, r, 1, ts);
        r.result = DataType::dayTimeInterval(0, 3);
      } else {
        r.argTypes.resize(2);
        r.result = DataType::dayTimeInterval(0, 0);
      }
      return r;
    }
  }
  // interval * number, number * interval, interval / number.
  if ((op == '*' || op == '/') && (a->isAnsiInterval() || (op == '*' && b->isAnsiInterval()))) {
    const size_t ii = a->isAnsiInterval() ? 0 : 1, ni = 1 - ii;
    if (!ctx.type(ni)->isNumeric() && ctx.type(ni)->id() != TypeId::Null)
      failArg(ctx, ni, "numeric");
    const TypeId nt = ctx.type(ni)->id();
    castArg(ctx, r, ni,
            nt == TypeId::Null || ctx.type(ni)->isIntegral() ? DataType::bigint()
                                                             : DataType::doubleType());
    r.result = ctx.type(ii);
    r.nullableOverride = true;
    r.nullable = true;
    return r;
  }
  for (size_t i = 0; i < 2; ++i)
    if (!numericLike(*ctx.type(i))) failArg(ctx, i, "numeric");
  auto promote = [](const TypePtr& t) {
    return t->id() == TypeId::String || t->id() == TypeId::Null ? DataType::doubleType() : t;
  };
  TypePtr pa = x == TypeId::Null && y != TypeId::Null ? promote(b) : promote(a);
  TypePtr pb = y == TypeId::Null && x != TypeId::Null ? promote(a) : promote(b);
  if (op == 'd') {
    if ((pa->id() == TypeId::Decimal || pb->id() == TypeId::Decimal) && !pa->isFractional() &&
        !pb->isFractional()) {
      castArg(ctx, r, 0, pa->isIntegral() ? DataType::decimalFor(*pa) : pa);
      castArg(ctx, r, 1, pb->isIntegral() ? DataType::decimalFor(*pb) : pb);
    } else {
      castArg(ctx, r, 0, DataType::bigint());
      castArg(ctx, r, 1, DataType::bigint());
    }
    r.result = DataType::bigint();
    r.nullableOverride = true;  // division by zero
    return r;
  }
  const bool dec = pa->id() == TypeId::Decimal || pb->id() == TypeId::Decimal;
  const bool frac = pa->isFractional() || pb->isFractional();
  if (dec && !frac) {
    TypePtr da = pa->isIntegral() ? DataType::decimalFor(*pa) : pa;
    TypePtr db = pb->isIntegral() ? DataType::decimalFor(*pb) : pb;
    castArg(ctx, r, 0, da);
    castArg(ctx, r, 1, db);
    r.result = decimalResult(op, *da, *db);
    r.nullableOverride = true;  // overflow -> NULL
  } else {
    TypePtr t = (dec || op == '/') ? DataType::doubleType() : commonType(pa, pb);
    castArg(ctx, r, 0, t);
    castArg(ctx, r, 1, t);
    r.result = t;
    if (op == '/' || op == '%') r.nullableOverride = true;
  }
  if (r.nullableOverride) r.nullable = true;
  return r;
}

Value arithFold(char op, const Args& v, const Expr& call) {
  const DataType& rt = *call.type;
  const DataType& ta = *call.args[0]->type;
  const DataType& tb = *call.args[1]->type;
  if (op == 'd') {
    if (ta.id() == TypeId::Decimal) {
      if (v[1].asDecimal() == 0) return {};
      // Both sides as decimals: integral part of the exact quotient.
      auto x = v[0].asDecimal(), y = v[1].asDecimal();
      const int s = std::max(ta.scale(), tb.scale());
      x *= stdlib::pow10i(s - ta.scale());
      y *= stdlib::pow10i(s - tb.scale());
      return i64(static_cast<int64_t>(x / y));
    }
    if (v[1].asInt() == 0) return {};
    if (v[0].asInt() == INT64_MIN && v[1].asInt() == -1) return i64(INT64_MIN);
    return i64(v[0].asInt() / v[1].asInt());
  }
  switch (rt.id()) {
    case TypeId::Date: {
      const bool dateFirst = ta.id() == TypeId::Date;
      const int64_t d = dateFirst ? v[0].asInt() : v[1].asInt();
      const Value& n = dateFirst ? v[1] : v[0];
      const DataType& nt = dateFirst ? tb : ta;
      const int64_t sign = op == '+' ? 1 : -1;
      switch (nt.id()) {
        case TypeId::Interval: {
          const Interval& iv = n.asInterval();
          return i64(stdlib::dateAddInterval(d, static_cast<int32_t>(sign * iv.months),
                                             static_cast<int32_t>(sign * iv.days), sign * iv.micros,
                                             zoneOf(call)));
        }
        case TypeId::YearMonthInterval:
          return i64(stdlib::addMonths(d, static_cast<int32_t>(sign * n.asInt())));
        case TypeId::DayTimeInterval:
          return i64(d + sign * (n.asInt() / stdlib::kMicrosPerDay));
        default:
          return i64(wrapTo(TypeId::Int, op == '+' ? d + n.asInt() : d - n.asInt()));
      }
    }
    case TypeId::Timestamp: {
      const bool tsFirst = ta.id() == TypeId::Timestamp;
      const int64_t ts = tsFirst ? v[0].asInt() : v[1].asInt();
      const Value& n = tsFirst ? v[1] : v[0];
      const DataType& nt = tsFirst ? tb : ta;
      const int64_t sign = op == '+' ? 1 : -1;
      if (nt.id() == TypeId::YearMonthInterval)
        return i64(stdlib::timestampAddInterval(ts, static_cast<int32_t>(sign * n.asInt()), 0, 0,
                                                zoneOf(call)));
      if (nt.id() == TypeId::DayTimeInterval)
        return i64(stdlib::timestampAddDayTime(ts, sign * n.asInt(), zoneOf(call)));
      Interval iv = n.asInterval();
      if (op == '-') iv = {-iv.months, -iv.days, -iv.micros};
      return i64(stdlib::timestampAddInterval(ts, iv.months, iv.days, iv.micros, zoneOf(call)));
    }
    case TypeId::YearMonthInterval:
    case TypeId::DayTimeInterval: {
      const bool ym = rt.id() == TypeId::YearMonthInterval;
      const int64_t limit = ym ? INT32_MAX : INT64_MAX;
      if (op == '+' || op == '-') {
        if (ta.isDatetime()) {  // time - time
          if (ta.id() == TypeId::Date)
            return i64((v[0].asInt() - v[1].asInt()) * stdlib::kMicrosPerDay);
          return i64(stdlib::subtractTimestamps(v[0].asInt(), v[1].asInt(), zoneOf(call)));
        }
        __int128 r = static_cast<__int128>(v[0].asInt()) + (op == '+' ? 1 : -1) * v[1].asInt();
        if (r > limit || r < -limit - 1)
          throw std::invalid_argument("[ARITHMETIC_OVERFLOW] " +
                                      std::string(ym ? "integer" : "long") +
                                      " overflow in interval arithmetic");
        return i64(static_cast<int64_t>(r));
      }
      const bool ivFirst = ta.isAnsiInterval();
      const int64_t iv = (ivFirst ? v[0] : v[1]).asInt();
      const Value& num = ivFirst ? v[1] : v[0];
      const DataType& numType = ivFirst ? tb : ta;
      return i64(stdlib::scaleInterval(
          iv, num.isNull() ? 0 : (numType.isIntegral() ? num.asInt() : 0),
          numType.isFractional() ? num.asDouble() : 0, numType.isFractional(), op == '/', ym));
    }
    case TypeId::Interval: {
      if (ta.id() == TypeId::Interval) {
        const auto& x = v[0].asInterval();
        const auto& y = v[1].asInterval();
        const int k = op == '+' ? 1 : -1;
        return Value::interval(
            {x.months + k * y.months, x.days + k * y.days, x.micros + k * y.micros});
      }
      if (ta.id() == TypeId::Date)
        return Value::interval({0, static_cast<int32_t>(v[0].asInt() - v[1].asInt()), 0});
      return Value::interval({0, 0, v[0].asInt() - v[1].asInt()});
    }
    case TypeId::Decimal: {
      auto r = decimalArith(op, v[0].asDecimal(), ta.scale(), v[1].asDecimal(), tb.scale(), rt);
      return r ? Value::decimal(*r) : Value();
    }
    case TypeId::Float:
    case TypeId::Double: {
      const double x = v[0].asDouble(), y = v[1].asDouble();
      double out;
      switch (op) {
        case '+':
          out = x + y;
          break;
        case '-':
          out = x - y;
          break;
        case '*':
          out = x * y;
          break;
        case '/':
          if (y == 0) return {};
          out = x / y;
          break;
        default:
          if (y == 0) return {};
          out = std::fmod(x, y);
      }
      return f64(rt.id() == TypeId::Float ? static_cast<float>(out) : out);
    }
    default: {
      const uint64_t x = static_cast<uint64_t>(v[0].asInt()),
                     y = static_cast<uint64_t>(v[1].asInt());
      switch (op) {
        case '+':
          return i64(wrapTo(rt.id(), static_cast<int64_t>(x + y)));
        case '-':
          return i64(wrapTo(rt.id(), static_cast<int64_t>(x - y)));
        case '*':
          return i64(wrapTo(rt.id(), static_cast<int64_t>(x * y)));
        default: {
          if (v[1].asInt() == 0) return {};
          if (v[1].asInt() == -1) return i64(0);
          return i64(v[0].asInt() % v[1].asInt());
        }
      }
    }
  }
}

}  // namespace fnrow

void registerOperatorFunctions(FunctionRegistry& r) {
  for (char op : std::string("+-*/%d")) {
    const std::string name = op == 'd' ? "div" : std::string(1, op);
    // Emitter keys: add, subtract, multiply, divide, remainder, div (codegen/operator_emitters).
    static const char* const kEmitters[] = {"add",    "subtract",  "multiply",
                                            "divide", "remainder", "div"};
    auto row = scalar(r, name, "numeric, numeric -> ?");
    row.emitter(kEmitters[std::string("+-*/%d").find(op)])
        .rule([op](const ResolveContext& ctx) { return arithRule(ctx, op); })
        .fold([op](const Args& v, const Expr& call) { return arithFold(op, v, call); })
        .infix();
    if (op == '%') row.alias("mod");
    // timestamp +/- interval reads months and calendar days on the session zone's wall clock.
    if (op == '+' || op == '-') row.timeZoneAware();
  }
  scalar(r, "negative", "numeric -> ?").emitter("negative").rule(negativeRule).fold(negativeFold);
  scalar(r, "positive", "numeric -> ?")
      .emitter("positive")
      .rule(negativeRule)
      .fold([](const Args& v, const Expr&) { return v[0]; });

  scalar(r, "=", "any, any -> boolean")
      .emitter("eq")
      .rule([](const ResolveContext& c) { return compareRule(c, false); })
      .fold(compareFold([](int c) { return c == 0; }))
      .infix();
  scalar(r, "<=>", "any, any -> boolean")
      .emitter("null_safe_eq")
      .rule([](const ResolveContext& c) { return compareRule(c, false); })
      .nulls(NullBehavior::NeverNull)
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull() || v[1].isNull()) return boolv(v[0].isNull() && v[1].isNull());
        return boolv(valueops::equal(v[0], v[1], *call.args[0]->type));
      })
      .infix();
  scalar(r, "<", "any, any -> boolean")
      .emitter("lt")
      .rule([](const ResolveContext& c) { return compareRule(c, true); })
      .fold(compareFold([](int c) { return c < 0; }))
      .infix();
  scalar(r, "<=", "any, any -> boolean")
      .emitter("le")
      .rule([](const ResolveContext& c) { return compareRule(c, true); })
      .fold(compareFold([](int c) { return c <= 0; }))
      .infix();
  scalar(r, ">", "any, any -> boolean")
      .emitter("gt")
      .rule([](const ResolveContext& c) { return compareRule(c, true); })
      .fold(compareFold([](int c) { return c > 0; }))
      .infix();
  scalar(r, ">=", "any, any -> boolean")
      .emitter("ge")
      .rule([](const ResolveContext& c) { return compareRule(c, true); })
      .fold(compareFold([](int c) { return c >= 0; }))
      .infix();

  // AND/OR are folded lazily (3-valued) by evaluateConstant; the fold here is the same logic
  // over already-evaluated arguments.
  auto logic = [](bool isAnd) {
    return [isAnd](const Args& v, const Expr&) {
      for (const auto& x : v)
        if (!x.isNull() && x.asBool() != isAnd) return boolv(!isAnd);
      return v[0].isNull() || v[1].isNull() ? Value() : boolv(isAnd);
    };
  };
  scalar(r, "and", "boolean, boolean -> boolean")
      .emitter("and")
      .nulls(NullBehavior::Custom)
      .fold(logic(true))
      .infix()
      .then([](const ResolveContext& c, Resolution& res) {
        res.nullableOverride = true;
        res.nullable = anyNullable(c.args);
      });
  scalar(r, "or", "boolean, boolean -> boolean")
      .emitter("or")
      .nulls(NullBehavior::Custom)
      .fold(logic(false))
      .infix()
      .then([](const ResolveContext& c, Resolution& res) {
        res.nullableOverride = true;
        res.nullable = anyNullable(c.args);
      });
  scalar(r, "not", "boolean -> boolean").emitter("not").fold([](const Args& v, const Expr&) {
    return boolv(!v[0].asBool());
  });

  scalar(r, "isnull", "any -> boolean")
      .emitter("isnull")
      .nulls(NullBehavior::NeverNull)
      .fold([](const Args& v, const Expr&) { return boolv(v[0].isNull()); });
  scalar(r, "isnotnull", "any -> boolean")
      .emitter("isnotnull")
      .nulls(NullBehavior::NeverNull)
      .fold([](const Args& v, const Expr&) { return boolv(!v[0].isNull()); });

  scalar(r, "in", "T, T... -> boolean")
      .emitter("in")
      .nulls(NullBehavior::Custom)
      .fold(inFold)
      .then([](const ResolveContext& c, Resolution& res) {
        res.nullableOverride = true;
        res.nullable = anyNullable(c.args);
      });
  scalar(r, "casewhen", "any... -> ?")
      .emitter("casewhen")
      .nulls(NullBehavior::Custom)
      .rule(caseRule)
      .fold(caseFold)
      .arity(1, -1);

  scalar(r, "like", "string, string [, string] -> boolean")
      .symbol("sluice_str_like")
      .infix()
      .fold([](const Args& v, const Expr&) {
        return boolv(stdlib::like(v[0].asString(), v[1].asString(), likeEscape(v)));
      });
  scalar(r, "ilike", "string, string [, string] -> boolean")
      .symbol("sluice_str_ilike")
      .infix()
      .fold([](const Args& v, const Expr&) {
        return boolv(stdlib::ilike(v[0].asString(), v[1].asString(), likeEscape(v)));
      });
  scalar(r, "rlike", "string, string -> boolean")
      .symbol("sluice_str_rlike")
      .checkConstants(regexArg(1))
      .infix()
      .alias("regexp")
      .alias("regexp_like")
      .fold([](const Args& v, const Expr&) {
        return boolv(stdlib::rlike(v[0].asString(), v[1].asString()));
      });

  scalar(r, "concat", "[any...] -> ?")
      .emitter("concat")
      .rule(concatRule)
      .fold(concatFold)
      .symbol("sluice_str_concat")  // strings; the emitter concatenates arrays and binaries
      .arity(0, -1);

  scalar(r, "&", "integral, integral -> ?")
      .emitter("bit_and")
      .rule(integralRule)
      .fold(bitFold('&'))
      .infix();
  scalar(r, "|", "integral, integral -> ?")
      .emitter("bit_or")
      .rule(integralRule)
      .fold(bitFold('|'))
      .infix();
  scalar(r, "^", "integral, integral -> ?")
      .emitter("bit_xor")
      .rule(integralRule)
      .fold(bitFold('^'))
      .infix();
  scalar(r, "~", "integral -> ?").emitter("bit_not").rule(integralRule).fold(bitFold('~'));
}

}  // namespace sluice
