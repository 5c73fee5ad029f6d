// Aggregate rows (type rules only: aggregates are evaluated by the runtime, never folded).
// Result types follow Spark: sum(integral) -> bigint, sum(decimal(p,s)) -> decimal(p+10,s),
// avg(decimal(p,s)) -> decimal(p+4,s+4), avg(other) -> double; sum of an ANSI interval keeps
// its type, avg of one is the kind's widest type (interval year to month / day to second).
#include <algorithm>

#include "planner/functions/registry_rows.h"

namespace sluice {
namespace {

using namespace fnrow;

void setNullable(Resolution& r, bool nullable) {
  r.nullableOverride = true;
  r.nullable = nullable;
}

Resolution sumRule(const ResolveContext& c) {
  Resolution r;
  r.argTypes.resize(1);
  const TypePtr& t = c.type(0);
  if (t->isIntegral()) {
    r.result = DataType::bigint();
  } else if (t->id() == TypeId::Decimal) {
    r.result = DataType::decimal(std::min(38, t->precision() + 10), t->scale());
  } else if (t->isFractional()) {
    r.result = DataType::doubleType();
  } else if (t->id() == TypeId::Interval || t->isAnsiInterval()) {
    r.result = t;
  } else if (t->id() == TypeId::String || t->id() == TypeId::Null) {
    r.argTypes[0] = DataType::doubleType();
    r.result = DataType::doubleType();
  } else {
    failArg(c, 0, "numeric or interval");
  }
  setNullable(r, true);
  return r;
}

Resolution avgRule(const ResolveContext& c) {
  Resolution r;
  r.argTypes.resize(1);
  const TypePtr& t = c.type(0);
  if (t->id() == TypeId::Decimal) {
    r.result = DataType::decimal(std::min(38, t->precision() + 4), std::min(38, t->scale() + 4));
  } else if (t->isNumeric()) {
    r.result = DataType::doubleType();
  } else if (t->id() == TypeId::YearMonthInterval) {  // Spark: the widest of the kind
    r.result = DataType::yearMonthInterval();
  } else if (t->id() == TypeId::DayTimeInterval) {
    r.result = DataType::dayTimeInterval();
  } else if (t->id() == TypeId::String || t->id() == TypeId::Null) {
    r.argTypes[0] = DataType::doubleType();
    r.result = DataType::doubleType();
  } else {
    failArg(c, 0, "numeric or interval");
  }
  setNullable(r, true);
  return r;
}

// percentile_approx(x, percentage(s) [, accuracy]): x numeric, date or timestamp; the
// percentage a constant in [0, 1] or an array of them; the accuracy a constant in
// [1, 2147483647]. The result has x's type (an array of it for an array of percentages).
Resolution percentileApproxRule(const ResolveContext& c) {
  const TypePtr& t = c.type(0);
  if (!t->isNumeric() && !t->isDatetime()) failArg(c, 0, "numeric, date or timestamp");
  Resolution r;
  r.argTypes.resize(c.args.size());
  const bool array = c.type(1)->id() == TypeId::Array;
  const DataType& pt = array ? *c.type(1)->elementType() : *c.type(1);
  if (!pt.isNumeric()) failArg(c, 1, "a double or an array of doubles");
  const Value p = constArg(c, 1, "a constant percentage or array of percentages");
  std::vector<Value> pcts = array && !p.isNull() ? p.asList() : std::vector<Value>{p};
  for (const Value& v : pcts) {
    const double d = v.isNull() ? -1 : toDouble(v, pt);
    if (d < 0 || d > 1)
      c.fail(1, "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] the `percentage` of " + c.name +
                    " must be between [0.0, 1.0], but got " +
                    (v.isNull() ? "NULL" : v.toString(pt)));
  }
  r.argTypes[1] = array ? DataType::arrayOf(DataType::doubleType()) : DataType::doubleType();
  if (c.args.size() > 2) {
    if (!c.type(2)->isIntegral()) failArg(c, 2, "an integral accuracy");
    const Value a = constArg(c, 2, "a constant accuracy");
    if (a.isNull() || a.asInt() <= 0 || a.asInt() > INT32_MAX)
      c.fail(2, "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] the `accuracy` of " + c.name +
                    " must be between [1, 2147483647], but got " +
                    (a.isNull() ? "NULL" : std::to_string(a.asInt())));
    r.argTypes[2] = DataType::bigint();
  }
  r.result = array ? DataType::arrayOf(t) : t;
  setNullable(r, true);
  return r;
}

// histogram_numeric(x, nb): array<struct<x: x's type, y: double>>; nb a constant >= 2.
Resolution histogramNumericRule(const ResolveContext& c) {
  const TypePtr& t = c.type(0);
  if (!t->isNumeric()) failArg(c, 0, "a numeric type");
  if (!c.type(1)->isIntegral()) failArg(c, 1, "an integral number of bins");
  const Value nb = constArg(c, 1, "a constant number of bins");
  if (nb.isNull() || nb.asInt() < 2)
    c.fail(1,
           "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] the number of histogram bins must be >= 2, "
           "but got " +
               (nb.isNull() ? std::string("NULL") : std::to_string(nb.asInt())));
  Resolution r;
  r.argTypes = {nullptr, DataType::bigint()};
  r.result = DataType::arrayOf(DataType::structOf(
      {StructField{"x", t, true}, StructField{"y", DataType::doubleType(), true}}));
  setNullable(r, true);
  return r;
}

// count_min_sketch(x, eps, confidence, seed): x integral, string or binary; eps > 0 and
// confidence in (0, 1) constant doubles, seed a constant int (Spark's CountMinSketchAgg). The
// result is the serialized sketch, never NULL (an empty sketch without rows).
Resolution countMinSketchRule(const ResolveContext& c) {
  const TypePtr& t = c.type(0);
  if (!t->isIntegral() && t->id() != TypeId::String && t->id() != TypeId::Binary &&
      t->id() != TypeId::Null)
    failArg(c, 0, "an integral, string or binary column");
  Resolution r;
  r.argTypes = {t->id() == TypeId::Null ? DataType::bigint() : nullptr, DataType::doubleType(),
                DataType::doubleType(), DataType::integer()};
  const char* names[] = {"eps", "confidence", "seed"};
  for (size_t i = 1; i < 4; ++i) {
    if (!c.type(i)->isNumeric() && c.type(i)->id() != TypeId::Null)
      failArg(c, i, i < 3 ? "a double" : "an int");
    if (constArg(c, i, std::string("a constant ") + names[i - 1]).isNull())
      c.fail(static_cast<int>(i), std::string("[DATATYPE_MISMATCH.UNEXPECTED_NULL] The ") +
                                      names[i - 1] + " of count_min_sketch must not be null");
  }
  if (!c.type(3)->isIntegral()) failArg(c, 3, "an int");
  const double eps = toDouble(constArg(c, 1, "a constant eps"), *c.type(1));
  const double confidence = toDouble(constArg(c, 2, "a constant confidence"), *c.type(2));
  if (!(eps > 0))
    c.fail(1,
           "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] The `eps` of count_min_sketch must be "
           "between (0.0, 1.7976931348623157E308] (current value = " +
               std::to_string(eps) + ")");
  if (!(confidence > 0 && confidence < 1))
    c.fail(2,
           "[DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE] The `confidence` of count_min_sketch must "
           "be between (0.0, 1.0) (current value = " +
               std::to_string(confidence) + ")");
  r.result = DataType::binary();
  setNullable(r, false);
  return r;
}

}  // namespace

void registerAggregateFunctions(FunctionRegistry& r) {
  aggregate(r, "count", "any... -> bigint").nulls(NullBehavior::NeverNull);
  aggregate(r, "count_if", "boolean -> bigint").nulls(NullBehavior::NeverNull);
  // Only with GROUPING SETS / ROLLUP / CUBE, where the binder replaces them by bits of the
  // grouping id (bind_grouping_sets.cpp); never evaluated as aggregates.
  aggregate(r, "grouping", "any -> tinyint").nulls(NullBehavior::NeverNull);
  aggregate(r, "grouping_id", "[any...] -> bigint").nulls(NullBehavior::NeverNull);
  aggregate(r, "sum", "any -> ?").rule(sumRule);
  aggregate(r, "avg", "any -> ?").rule(avgRule).alias("mean");
  auto orderable = [](const ResolveContext& c, Resolution& res) {
    if (!c.type(0)->isOrderable()) failArg(c, 0, "an orderable type");
    setNullable(res, true);
  };
  aggregate(r, "min", "T -> T").then(orderable);
  aggregate(r, "max", "T -> T").then(orderable);
  auto firstLast = [](const ResolveContext& c, Resolution& res) {
    if (c.args.size() > 1 && !c.args[1]->foldable()) failArg(c, 1, "a foldable boolean");
    setNullable(res, true);
  };
  aggregate(r, "first", "T [, boolean] -> T").then(firstLast).alias("first_value");
  aggregate(r, "last", "T [, boolean] -> T").then(firstLast).alias("last_value");
  aggregate(r, "any_value", "T [, boolean] -> T").then(firstLast);
  auto collect = [](const ResolveContext& c, Resolution& res) {
    res.result = DataType::arrayOf(c.type(0), false);
    setNullable(res, false);
  };
  aggregate(r, "collect_list", "T -> array<T>").then(collect).alias("array_agg");
  aggregate(r, "collect_set", "T -> array<T>").then([](const ResolveContext& c, Resolution& res) {
    if (c.type(0)->id() == TypeId::Map) failArg(c, 0, "a type that supports equality");
    res.result = DataType::arrayOf(c.type(0), false);
    setNullable(res, false);
  });
  aggregate(r, "approx_count_distinct", "any [, double] -> bigint").nulls(NullBehavior::NeverNull);
  for (const char* n : {"stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop"})
    aggregate(r, n, "double -> double").then([](const ResolveContext&, Resolution& res) {
      setNullable(res, true);
    });
  aggregate(r, "bool_and", "boolean -> boolean").alias("every");
  aggregate(r, "bool_or", "boolean -> boolean").alias("some").alias("any");
  // max_by(x, ord) / min_by(x, ord): x where ord is largest / smallest.
  for (const char* n : {"max_by", "min_by"})
    aggregate(r, n, "any, any -> ?").rule([](const ResolveContext& c) {
      if (!c.type(1)->isOrderable()) failArg(c, 1, "an orderable type");
      Resolution res;
      res.result = c.type(0);
      res.argTypes.resize(2);
      setNullable(res, true);
      return res;
    });
  // Exact percentile / median (Spark's Percentile; the percentage is a constant in [0, 1]).
  aggregate(r, "percentile", "numeric, double -> double")
      .then([](const ResolveContext& c, Resolution& res) {
        const Value p = constArg(c, 1, "a constant percentage");
        const double pct = p.isNull() ? -1 : toDouble(p, *c.type(1));
        if (pct < 0 || pct > 1)
          c.fail(1, "function percentile expects a percentage between 0.0 and 1.0");
        setNullable(res, true);
      });
  aggregate(r, "median", "numeric -> double").then([](const ResolveContext&, Resolution& res) {
    setNullable(res, true);
  });
  aggregate(r, "percentile_approx", "any, any [, integral] -> ?")
      .rule(percentileApproxRule)
      .alias("approx_percentile");
  aggregate(r, "histogram_numeric", "any, integral -> ?").rule(histogramNumericRule);
  aggregate(r, "count_min_sketch", "any, double, double, int -> binary").rule(countMinSketchRule);
  aggregate(r, "mode", "T -> T").then([](const ResolveContext& c, Resolution& res) {
    if (c.type(0)->id() == TypeId::Map) failArg(c, 0, "a type that supports equality");
    setNullable(res, true);
  });
}

}  // namespace sluice
