// Math rows. Kernels live in stdlib/math (shared with generated code).
#include <cmath>
#include <random>

#include "planner/functions/evaluate.h"
#include "planner/functions/registry_rows.h"
#include "planner/functions/value_ops.h"
#include "stdlib/decimal.h"
#include "stdlib/math.h"

namespace sluice {
namespace {

using namespace fnrow;
namespace sl = stdlib;

FoldFn dblFn(double (*f)(double)) {
  return [f](const Args& v, const Expr&) { return f64(f(v[0].asDouble())); };
}

FoldFn optDblFn(std::optional<double> (*f)(double)) {
  return [f](const Args& v, const Expr&) {
    auto r = f(v[0].asDouble());
    return r ? f64(*r) : Value();
  };
}

void nullable(Resolution& r) {
  r.nullableOverride = true;
  r.nullable = true;
}

// round / bround: the scale must be a constant int; result type per Spark's RoundBase.
Resolution roundRule(const ResolveContext& c) {
  Resolution r;
  r.argTypes.resize(c.args.size());
  TypePtr t = c.type(0);
  if (t->id() == TypeId::String || t->id() == TypeId::Null) {
    t = DataType::doubleType();
    r.argTypes[0] = t;
  } else if (!t->isNumeric()) {
    failArg(c, 0, "numeric");
  }
  int64_t scale = 0;
  if (c.args.size() > 1) {
    if (!c.type(1)->isIntegral() || !c.args[1]->foldable()) failArg(c, 1, "a foldable int");
    Value v = evaluateConstant(c.args[1]);
    scale = v.isNull() ? 0 : v.asInt();
    if (c.type(1)->id() != TypeId::Int) r.argTypes[1] = DataType::integer();
  }
  if (t->id() == TypeId::Decimal) {
    const int p = t->precision(), s = t->scale();
    const int integral = p - s + 1;
    if (scale < 0) {
      r.result =
          DataType::decimal(std::min<int64_t>(std::max<int64_t>(integral, -scale + 1), 38), 0);
    } else {
      const int ns = static_cast<int>(std::min<int64_t>(s, scale));
      r.result = DataType::decimal(std::min(integral + ns, 38), ns);
    }
  } else {
    r.result = t;
  }
  return r;
}

FoldFn roundFold(bool halfEven) {
  return [halfEven](const Args& v, const Expr& call) -> Value {
    const int32_t scale = v.size() > 1 ? static_cast<int32_t>(v[1].asInt()) : 0;
    const DataType& in = *call.args[0]->type;
    switch (in.id()) {
      case TypeId::Float:
      case TypeId::Double: {
        const double d = halfEven ? sl::roundHalfEven(v[0].asDouble(), scale)
                                  : sl::roundHalfUp(v[0].asDouble(), scale);
        return f64(in.id() == TypeId::Float ? static_cast<float>(d) : d);
      }
      case TypeId::Decimal: {
        const __int128 q = sl::roundDecimal(v[0].asDecimal(), in.scale(), scale, halfEven);
        // q is at scale max(scale, 0); express it at the result scale.
        const int qs = std::max(scale, 0);
        auto out = sl::rescaleDecimal(q, qs, call.type->scale(), call.type->precision());
        return out ? Value::decimal(*out) : Value();
      }
      default:
        return i64(wrapTo(in.id(), sl::roundIntegral(v[0].asInt(), scale, halfEven)));
    }
  };
}

// floor / ceil: bigint for integral and floating input, decimal(p-s+1, 0) for decimals.
Resolution floorRule(const ResolveContext& c) {
  Resolution r;
  r.argTypes.resize(1);
  const TypePtr& t = c.type(0);
  if (t->id() == TypeId::Decimal) {
    r.result = DataType::decimal(std::min(38, t->precision() - t->scale() + 1), 0);
  } else if (t->isIntegral()) {
    r.argTypes[0] = t->id() == TypeId::Long ? nullptr : DataType::bigint();
    r.result = DataType::bigint();
  } else if (t->isFractional() || t->id() == TypeId::String || t->id() == TypeId::Null) {
    if (t->id() != TypeId::Double) r.argTypes[0] = DataType::doubleType();
    r.result = DataType::bigint();
  } else {
    failArg(c, 0, "numeric");
  }
  return r;
}

// ceil(x, scale) / floor(x, scale) are Spark's RoundCeil / RoundFloor: the value as a decimal
// (DecimalType.forType of numbers, decimal(38, 18) of text), the scale a foldable int, and
// the result type RoundBase's (one more integral digit, at most the input's scale).
Resolution floorScaleRule(const ResolveContext& c) {
  TypePtr t = c.type(0);
  switch (t->id()) {
    case TypeId::Decimal:
      break;
    case TypeId::Float:
      t = DataType::decimal(14, 7);
      break;
    case TypeId::Double:
      t = DataType::decimal(30, 15);
      break;
    case TypeId::String:
    case TypeId::Null:
      t = DataType::decimal(38, 18);
      break;
    default:
      if (!t->isIntegral()) failArg(c, 0, "numeric");
      t = DataType::decimalFor(*t);
  }
  if (!c.type(1)->isIntegral() || !c.args[1]->foldable()) failArg(c, 1, "a foldable int");
  const Value v = evaluateConstant(c.args[1]);
  const int64_t scale = v.isNull() ? 0 : v.asInt();
  Resolution r;
  r.argTypes = {t->equals(*c.type(0)) ? nullptr : t,
                c.type(1)->id() == TypeId::Int ? nullptr : DataType::integer()};
  const int integral = t->precision() - t->scale() + 1;
  if (scale < 0) {
    r.result = DataType::decimal(std::min<int64_t>(std::max<int64_t>(integral, -scale + 1), 38), 0);
  } else {
    const int ns = static_cast<int>(std::min<int64_t>(t->scale(), scale));
    r.result = DataType::decimal(std::min(integral + ns, 38), ns);
  }
  r.nullableOverride = true;  // a result past the precision is NULL
  r.nullable = true;
  return r;
}

Resolution floorOrScaleRule(const ResolveContext& c) {
  return c.args.size() > 1 ? floorScaleRule(c) : floorRule(c);
}

FoldFn floorFold(bool ceil) {
  return [ceil](const Args& v, const Expr& call) -> Value {
    const DataType& in = *call.args[0]->type;
    if (v.size() > 1) {
      const int32_t scale = static_cast<int32_t>(v[1].asInt());
      const __int128 q = sl::roundDecimal(v[0].asDecimal(), in.scale(), scale,
                                          ceil ? sl::RoundMode::Ceiling : sl::RoundMode::Floor);
      auto out =
          sl::rescaleDecimal(q, std::max(scale, 0), call.type->scale(), call.type->precision());
      return out ? Value::decimal(*out) : Value();
    }
    if (in.id() == TypeId::Decimal) {
      const __int128 f = sl::pow10i(in.scale());
      __int128 q = v[0].asDecimal() / f;
      const __int128 rem = v[0].asDecimal() % f;
      if (ceil && rem > 0) ++q;
      if (!ceil && rem < 0) --q;
      return Value::decimal(q);
    }
    if (in.id() == TypeId::Long) return v[0];
    return i64(ceil ? sl::ceilToLong(v[0].asDouble()) : sl::floorToLong(v[0].asDouble()));
  };
}

Resolution absRule(const ResolveContext& c) {
  Resolution r;
  r.argTypes.resize(1);
  const TypePtr& t = c.type(0);
  if (t->isNumeric()) {
    r.result = t;
  } else if (t->id() == TypeId::String || t->id() == TypeId::Null) {
    r.argTypes[0] = DataType::doubleType();
    r.result = DataType::doubleType();
  } else {
    failArg(c, 0, "numeric");
  }
  return r;
}

Value absFold(const Args& v, const Expr& call) {
  switch (call.type->id()) {
    case TypeId::Float:
    case TypeId::Double:
      return f64(std::fabs(v[0].asDouble()));
    case TypeId::Decimal:
      return Value::decimal(v[0].asDecimal() < 0 ? -v[0].asDecimal() : v[0].asDecimal());
    default: {
      const int64_t x = v[0].asInt();
      return i64(
          wrapTo(call.type->id(), x < 0 ? static_cast<int64_t>(0 - static_cast<uint64_t>(x)) : x));
    }
  }
}

// greatest / least: NULLs are skipped; NULL only when every argument is NULL.
FoldFn extremeFold(bool greatest) {
  return [greatest](const Args& v, const Expr& call) {
    Value best;
    for (const auto& x : v) {
      if (x.isNull()) continue;
      if (best.isNull()) {
        best = x;
        continue;
      }
      const int c = valueops::compare(x, best, *call.type);
      if (greatest ? c > 0 : c < 0) best = x;
    }
    return best;
  };
}

}  // namespace

void registerMathFunctions(FunctionRegistry& r) {
  scalar(r, "abs", "numeric -> ?").emitter("abs").rule(absRule).fold(absFold);
  scalar(r, "round", "numeric [, int] -> ?")
      .emitter("round")
      .rule(roundRule)
      .fold(roundFold(false));
  scalar(r, "bround", "numeric [, int] -> ?")
      .emitter("bround")
      .rule(roundRule)
      .fold(roundFold(true));
  scalar(r, "floor", "numeric [, int] -> ?")
      .emitter("floor")
      .rule(floorOrScaleRule)
      .fold(floorFold(false));
  scalar(r, "ceil", "numeric [, int] -> ?")
      .emitter("ceil")
      .rule(floorOrScaleRule)
      .fold(floorFold(true))
      .alias("ceiling");
  scalar(r, "pow", "double, double -> double")
      .alias("power")
      .symbol("sluice_math_pow")
      .fold([](const Args& v, const Expr&) {
        return f64(std::pow(v[0].asDouble(), v[1].asDouble()));
      });
  scalar(r, "sqrt", "double -> double").symbol("sluice_math_sqrt").fold(dblFn(std::sqrt));
  scalar(r, "cbrt", "double -> double").symbol("sluice_math_cbrt").fold(dblFn(std::cbrt));
  scalar(r, "exp", "double -> double").symbol("sluice_math_exp").fold(dblFn(std::exp));
  scalar(r, "ln", "double -> double")
      .symbol("sluice_math_ln")
      .fold(optDblFn(sl::logOf))
      .then([](const ResolveContext&, Resolution& res) { nullable(res); });
  scalar(r, "log10", "double -> double")
      .symbol("sluice_math_log10")
      .fold(optDblFn(sl::log10Of))
      .then([](const ResolveContext&, Resolution& res) { nullable(res); });
  scalar(r, "log2", "double -> double")
      .symbol("sluice_math_log2")
      .fold(optDblFn(sl::log2Of))
      .then([](const ResolveContext&, Resolution& res) { nullable(res); });
  // log(x) is ln(x); log(base, x) as in Spark.
  scalar(r, "log", "double [, double] -> double")
      .symbol("sluice_math_log")
      .fold([](const Args& v, const Expr&) {
        auto out = v.size() == 1 ? sl::logOf(v[0].asDouble())
                                 : sl::logBase(v[0].asDouble(), v[1].asDouble());
        return out ? f64(*out) : Value();
      })
      .then([](const ResolveContext&, Resolution& res) { nullable(res); });
  scalar(r, "sign", "double -> double")
      .alias("signum")
      .symbol("sluice_math_sign")
      .fold(dblFn(sl::signum));
  for (auto [name, f] :
       std::initializer_list<std::pair<const char*, double (*)(double)>>{{"sin", std::sin},
                                                                         {"cos", std::cos},
                                                                         {"tan", std::tan},
                                                                         {"asin", std::asin},
                                                                         {"acos", std::acos},
                                                                         {"atan", std::atan},
                                                                         {"sinh", std::sinh},
                                                                         {"cosh", std::cosh},
                                                                         {"tanh", std::tanh}})
    scalar(r, name, "double -> double").fold(dblFn(f)).symbol(std::string("sluice_math_") + name);
  scalar(r, "atan2", "double, double -> double")
      .symbol("sluice_math_atan2")
      .fold([](const Args& v, const Expr&) {
        return f64(std::atan2(v[0].asDouble(), v[1].asDouble()));
      });
  scalar(r, "degrees", "double -> double")
      .symbol("sluice_math_degrees")
      .fold([](const Args& v, const Expr&) { return f64(v[0].asDouble() * 180.0 / M_PI); });
  scalar(r, "radians", "double -> double")
      .symbol("sluice_math_radians")
      .fold([](const Args& v, const Expr&) { return f64(v[0].asDouble() / 180.0 * M_PI); });
  scalar(r, "pi", "-> double").nulls(NullBehavior::NeverNull).fold([](const Args&, const Expr&) {
    return f64(M_PI);
  });
  scalar(r, "e", "-> double").nulls(NullBehavior::NeverNull).fold([](const Args&, const Expr&) {
    return f64(M_E);
  });

  scalar(r, "greatest", "T, T... -> T")
      .emitter("greatest")
      .nulls(NullBehavior::Custom)
      .fold(extremeFold(true))
      .then([](const ResolveContext& c, Resolution& res) {
        if (!res.result->isOrderable()) failArg(c, 0, "an orderable type");
        res.nullableOverride = true;
        res.nullable = true;
        for (const auto& a : c.args) res.nullable &= a->nullable;
      });
  scalar(r, "least", "T, T... -> T")
      .emitter("least")
      .nulls(NullBehavior::Custom)
      .fold(extremeFold(false))
      .then([](const ResolveContext& c, Resolution& res) {
        if (!res.result->isOrderable()) failArg(c, 0, "an orderable type");
        res.nullableOverride = true;
        res.nullable = true;
        for (const auto& a : c.args) res.nullable &= a->nullable;
      });

  scalar(r, "pmod", "numeric, numeric -> ?")
      .emitter("pmod")
      .rule([](const ResolveContext& c) { return arithRule(c, '%'); })
      .fold([](const Args& v, const Expr& call) -> Value {
        const TypeId t = call.type->id();
        if (t == TypeId::Float || t == TypeId::Double) {
          if (v[1].asDouble() == 0) return {};
          const double d = sl::pmodDouble(v[0].asDouble(), v[1].asDouble());
          return f64(t == TypeId::Float ? static_cast<float>(d) : d);
        }
        if (t == TypeId::Decimal) {
          // (a % b + b) % b at the result scale.
          Value m = arithFold('%', v, call);
          if (m.isNull() || m.asDecimal() >= 0) return m;
          auto b = sl::rescaleDecimal(v[1].asDecimal(), call.args[1]->type->scale(),
                                      call.type->scale(), 38);
          if (!b || *b == 0) return {};
          return Value::decimal((m.asDecimal() + *b) % *b);
        }
        if (v[1].asInt() == 0) return {};
        return i64(wrapTo(t, sl::pmodLong(v[0].asInt(), v[1].asInt())));
      });

  scalar(r, "rand", "[bigint] -> double")
      .emitter("rand")
      .nulls(NullBehavior::NeverNull)
      .nondeterministic()
      .alias("random");
  scalar(r, "randn", "[bigint] -> double")
      .emitter("randn")
      .nulls(NullBehavior::NeverNull)
      .nondeterministic();
}

}  // namespace sluice
