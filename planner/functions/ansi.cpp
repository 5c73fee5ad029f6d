#include "planner/functions/ansi.h"

#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "frontend/text.h"
#include "planner/functions/function.h"
#include "stdlib/ansi_errors.h"
#include "stdlib/strings.h"

namespace sluice {

namespace {

bool isNumericCastTarget(const DataType& t) {
  return t.isIntegral() || t.id() == TypeId::Decimal;
}

// The integral value of `v` (a number of type `t`) truncated toward zero, when it fits an
// int128; nullopt for NaN and infinities.
std::optional<__int128> truncated(const Value& v, const DataType& t) {
  if (t.isIntegral()) return v.asInt();
  if (t.id() == TypeId::Decimal) return v.asDecimal() / stdlib::pow10i(t.scale());
  const double d = v.asDouble();
  if (std::isnan(d) || std::isinf(d) || std::fabs(d) >= 1e30) return std::nullopt;
  return static_cast<__int128>(std::trunc(d));
}

std::string sqlValueOf(const Value& v, const DataType& t) {
  if (t.isIntegral()) return stdlib::ansiIntegralSqlValue(v.asInt(), ansiSqlType(t));
  if (t.id() == TypeId::Decimal) return stdlib::ansiDecimalSqlValue(v.asDecimal(), t.scale());
  if (t.isFractional())
    return stdlib::ansiFractionalSqlValue(v.asDouble(), t.id() == TypeId::Float);
  return v.toString(t);
}

FunctionDef modeRow(const char* name) {
  FunctionDef d;
  d.name = name;
  return d;
}

ExprPtr withEvalMode(const ExprPtr& x) {
  if (x->kind == ExprKind::Cast ? x->fn != nullptr : x->kind != ExprKind::Call || isAnsi(*x))
    return x;
  if (ansiCheckOf(*x) == AnsiCheck::None) return x;
  auto copy = std::make_shared<Expr>(*x);
  copy->fn = x->kind == ExprKind::Cast ? &ansiCastMode() : ansiForm(*x->fn);
  return copy;
}

struct AnsiForms {
  std::mutex mu;
  std::map<const FunctionDef*, std::unique_ptr<FunctionDef>> byLegacy;
  std::map<const FunctionDef*, bool> isForm;
};

AnsiForms& forms() {
  static AnsiForms f;
  return f;
}

}  // namespace

bool ansiEnabled(const Catalog& catalog) {
  for (const auto& [k, v] : catalog.conf())
    if (equalsIgnoreCase(k, "spark.sql.ansi.enabled")) return equalsIgnoreCase(v, "true");
  return false;
}

const FunctionDef* ansiForm(const FunctionDef& legacy) {
  AnsiForms& f = forms();
  std::lock_guard<std::mutex> lock(f.mu);
  auto& slot = f.byLegacy[&legacy];
  if (!slot) {
    slot = std::make_unique<FunctionDef>(legacy);
    f.isForm[slot.get()] = true;
  }
  return slot.get();
}

const FunctionDef& ansiCastMode() {
  static const FunctionDef d = modeRow("ansi_cast");
  return d;
}

const FunctionDef& tryCastMode() {
  static const FunctionDef d = modeRow("try_cast");
  return d;
}

bool isAnsi(const Expr& e) {
  if (e.kind == ExprKind::Cast) return e.fn == &ansiCastMode();
  if (e.kind != ExprKind::Call || !e.fn) return false;
  AnsiForms& f = forms();
  std::lock_guard<std::mutex> lock(f.mu);
  return f.isForm.count(e.fn) != 0;
}

ExprPtr asTryCast(const ExprPtr& cast) {
  auto copy = std::make_shared<Expr>(*cast);
  copy->fn = &tryCastMode();
  return copy;
}

namespace {
std::atomic<bool> used{false};
}  // namespace

bool ansiModeUsed() {
  return used.load(std::memory_order_relaxed);
}

ExprPtr resolveEvalMode(const ExprPtr& e, bool ansi) {
  if (!ansi) return e;
  used.store(true, std::memory_order_relaxed);
  return transformUp(e, withEvalMode);
}

PlanPtr resolveEvalMode(const PlanPtr& plan, bool ansi) {
  if (!ansi) return plan;
  used.store(true, std::memory_order_relaxed);
  return transformAllExpressions(plan, withEvalMode);
}

std::pair<int64_t, int64_t> integralRange(TypeId t) {
  switch (t) {
    case TypeId::Byte:
      return {INT8_MIN, INT8_MAX};
    case TypeId::Short:
      return {INT16_MIN, INT16_MAX};
    case TypeId::Int:
      return {INT32_MIN, INT32_MAX};
    default:
      return {INT64_MIN, INT64_MAX};
  }
}

AnsiCheck ansiCheckOf(const Expr& e) {
  if (e.kind == ExprKind::Cast) {
    const DataType& from = *e.args[0]->type;
    const DataType& to = *e.type;
    if (from.id() == TypeId::String && (to.isNumeric() || to.id() == TypeId::Date ||
                                        to.id() == TypeId::Timestamp || to.id() == TypeId::Boolean))
      return AnsiCheck::CastInvalidInput;
    if (from.isNumeric() && isNumericCastTarget(to)) return AnsiCheck::CastOverflow;
    return AnsiCheck::None;
  }
  if (e.kind != ExprKind::Call || !e.fn) return AnsiCheck::None;
  const std::string& n = e.fn->name;
  const DataType& rt = *e.type;
  if (n == "+" || n == "-" || n == "*") {
    // Only numbers: date and interval arithmetic keep their own rules.
    if (e.args.size() != 2 || !e.args[0]->type->isNumeric() || !e.args[1]->type->isNumeric())
      return AnsiCheck::None;
    if (rt.isIntegral()) return AnsiCheck::IntegralOverflow;
    if (rt.id() == TypeId::Decimal) return AnsiCheck::DecimalOverflow;
    return AnsiCheck::None;
  }
  if (n == "negative" || n == "abs")
    return rt.isIntegral() ? AnsiCheck::IntegralOverflow : AnsiCheck::None;
  if (n == "/" || n == "%" || n == "div" || n == "pmod")
    return rt.isNumeric() && e.args.size() == 2 && e.args[1]->type->isNumeric() ? AnsiCheck::Divide
                                                                                : AnsiCheck::None;
  // A missing map key stays NULL in ANSI mode (Spark 3.4+).
  if (n == "element_at" || n == "get_item")
    return e.args[0]->type->id() == TypeId::Array
               ? (n == "element_at" ? AnsiCheck::ElementAt : AnsiCheck::ArrayIndex)
               : AnsiCheck::None;
  if (n == "to_date" || n == "to_timestamp" || n == "to_timestamp_ltz" || n == "to_timestamp_ntz" ||
      n == "unix_timestamp" || n == "to_unix_timestamp")
    return !e.args.empty() && e.args[0]->type->id() == TypeId::String ? AnsiCheck::ParseTimestamp
                                                                      : AnsiCheck::None;
  return AnsiCheck::None;
}

std::string ansiSqlType(const DataType& t) {
  return asciiUpper(t.toString());
}

std::string ansiOverflowWord(const DataType& t) {
  switch (t.id()) {
    case TypeId::Byte:
      return "tinyint";
    case TypeId::Short:
      return "smallint";
    case TypeId::Int:
      return "integer";
    default:
      return "long";
  }
}

std::string ansiTryFunction(const Expr& e) {
  const std::string& n = e.fn->name;
  if (n == "+") return "try_add";
  if (n == "-") return "try_subtract";
  if (n == "*") return "try_multiply";
  return "";
}

void checkAnsiCall(const Expr& e, const std::vector<Value>& args, const Value& result) {
  const AnsiCheck check = ansiCheckOf(e);
  for (const Value& a : args)
    if (a.isNull() && check != AnsiCheck::ParseTimestamp) return;  // NULL in, NULL out
  const DataType& rt = *e.type;
  switch (check) {
    case AnsiCheck::IntegralOverflow: {
      const std::string& n = e.fn->name;
      const __int128 x = args[0].asInt();
      __int128 r;
      if (n == "negative")
        r = -x;
      else if (n == "abs")
        r = x < 0 ? -x : x;
      else {
        const __int128 y = args[1].asInt();
        r = n == "+" ? x + y : n == "-" ? x - y : x * y;
      }
      const auto [lo, hi] = integralRange(rt.id());
      if (r < lo || r > hi)
        throw std::invalid_argument(
            stdlib::ansiArithmeticOverflow(ansiOverflowWord(rt), ansiTryFunction(e)));
      return;
    }
    case AnsiCheck::DecimalOverflow:
      if (result.isNull())
        throw std::invalid_argument(stdlib::ansiDecimalOutOfRange("", rt.precision(), rt.scale()));
      return;
    case AnsiCheck::Divide: {
      const DataType& dt = *e.args[1]->type;
      const bool zero = dt.id() == TypeId::Decimal ? args[1].asDecimal() == 0
                        : dt.isIntegral()          ? args[1].asInt() == 0
                                                   : args[1].asDouble() == 0.0;
      if (zero) throw std::invalid_argument(stdlib::ansiDivideByZero());
      if (result.isNull() && rt.id() == TypeId::Decimal)
        throw std::invalid_argument(stdlib::ansiDecimalOutOfRange("", rt.precision(), rt.scale()));
      if (rt.isIntegral() && e.fn->name == "div") {  // div(MIN, -1)
        const auto [lo, hi] = integralRange(rt.id());
        if (e.args[0]->type->isIntegral() && args[0].asInt() == lo && args[1].asInt() == -1)
          throw std::invalid_argument(stdlib::ansiArithmeticOverflow(ansiOverflowWord(rt), ""));
      }
      return;
    }
    case AnsiCheck::ArrayIndex:
    case AnsiCheck::ElementAt: {
      const int64_t n = static_cast<int64_t>(args[0].asList().size());
      const int64_t i = args[1].asInt();
      const bool elementAt = check == AnsiCheck::ElementAt;
      const bool inside = elementAt ? (i != 0 && i >= -n && i <= n) : (i >= 0 && i < n);
      if (!inside) throw std::invalid_argument(stdlib::ansiInvalidArrayIndex(i, n, elementAt));
      return;
    }
    case AnsiCheck::ParseTimestamp:
      for (const Value& a : args)
        if (a.isNull()) return;
      if (result.isNull())
        throw std::invalid_argument(stdlib::ansiCannotParseTimestamp(args[0].asString()));
      return;
    default:
      return;
  }
}

void checkAnsiCast(const Expr& e, const Value& in, const Value& out) {
  const DataType& from = *e.args[0]->type;
  const DataType& to = *e.type;
  switch (ansiCheckOf(e)) {
    case AnsiCheck::CastInvalidInput:
      if (out.isNull())
        throw std::invalid_argument(stdlib::ansiCastInvalidInput(in.asString(), ansiSqlType(to)));
      return;
    case AnsiCheck::CastOverflow: {
      bool overflow = out.isNull();
      if (to.isIntegral()) {  // non-ANSI casts wrap or saturate instead of giving NULL
        const auto [lo, hi] = integralRange(to.id());
        const auto t = truncated(in, from);
        overflow |= !t || *t < lo || *t > hi;
      }
      if (!overflow) return;
      if (to.id() == TypeId::Decimal)  // Spark: changePrecision fails
        throw std::invalid_argument(stdlib::ansiDecimalOutOfRange(
            from.isFractional() ? stdlib::formatDouble(in.asDouble(), from.id() == TypeId::Float)
                                : in.toString(from),
            to.precision(), to.scale()));
      throw std::invalid_argument(
          stdlib::ansiCastOverflow(sqlValueOf(in, from), ansiSqlType(from), ansiSqlType(to)));
      return;
    }
    default:
      return;
  }
}

}  // namespace sluice
