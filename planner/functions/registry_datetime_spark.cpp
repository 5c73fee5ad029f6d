// Spark's datetime constructors and conversions beyond registry_datetime.cpp: make_date,
// make_timestamp, timestamp_millis / _micros, unix_seconds / _millis / _micros / unix_date,
// date_from_unix_date, from_utc_timestamp / to_utc_timestamp, weekofyear, weekday and
// extract / date_part, make_dt_interval / make_ym_interval. Kernels live in stdlib/datetime_spark
// (shared with generated code).
#include "frontend/text.h"
#include "planner/functions/registry_rows.h"
#include "planner/timestamp_ntz.h"
#include "stdlib/datetime.h"
#include "stdlib/datetime_spark.h"
#include "stdlib/datetime_units.h"

namespace sluice {
namespace {

using namespace fnrow;
namespace sl = stdlib;

// Runs a fold whose kernel throws std::invalid_argument (an unknown zone, an overflow): the
// error names the function and points at the call, as Spark fails the query.
template <typename F>
Value orFail(const Expr& call, F&& f) {
  try {
    return f();
  } catch (const std::invalid_argument& e) {
    throw AnalysisError("function " + call.fn->name + ": " + e.what(), nullptr, call.span);
  }
}

void mayBeNull(const ResolveContext&, Resolution& res) {
  res.nullableOverride = true;
  res.nullable = true;
}

// A constant zone argument must be a zone id the kernels know.
std::function<void(const Expr&)> zoneArg(size_t i) {
  return [i](const Expr& call) {
    if (const Value* z = literalArg(call, i))
      checkConstant(call, [&] { sl::checkZone(z->asString()); });
  };
}

Value optMicros(const std::optional<int64_t>& v) {
  return v ? i64(*v) : Value();
}

// make_timestamp's seconds are decimal(16,6) (Spark's type: 13.123 is 13 s 123 ms).
void makeTimestampArgs(const ResolveContext& c, Resolution& res) {
  const TypePtr sec = DataType::decimal(16, 6);
  if (!canImplicitCast(c.type(5), sec)) failArg(c, 5, "decimal(16,6)");
  res.argTypes[5] = c.type(5)->equals(*sec) ? nullptr : sec;
  mayBeNull(c, res);
}

// date_part(field, source): the field is a constant (Spark requires it); SECOND yields
// decimal(8,6), every other field an int. Sources are read as timestamps.
// extract / date_part of an interval (Spark's ExtractIntervalPart / ExtractANSIIntervalPart):
// a year-month interval has YEAR and MONTH, a day-time one DAY, HOUR, MINUTE and SECOND, a
// calendar interval all six (its HOUR is a bigint: the hours are not bounded by a day).
Resolution intervalPartRule(const ResolveContext& c, sl::DateField f) {
  const DataType& t = *c.type(1);
  using F = sl::DateField;
  const bool ym = f == F::Year || f == F::Month;
  const bool dt = f == F::Day || f == F::Hour || f == F::Minute || f == F::Second;
  if ((t.id() == TypeId::YearMonthInterval && !ym) || (t.id() == TypeId::DayTimeInterval && !dt) ||
      (!ym && !dt))
    c.fail(0, "[INVALID_EXTRACT_FIELD] Cannot extract " +
                  asciiUpper(constArg(c, 0, "").asString()) + " from " + t.toString() + ".");
  if (t.id() == TypeId::Interval && !c.args[1]->foldable())
    failArg(c, 1, "a constant calendar interval");
  Resolution res;
  res.argTypes = {nullptr, nullptr};
  res.result = f == F::Second                               ? DataType::decimal(8, 6)
               : f == F::Year || f == F::Day                ? DataType::integer()
               : f == F::Hour && t.id() == TypeId::Interval ? DataType::bigint()
                                                            : DataType::byte();
  return res;
}

Value intervalPart(sl::DateField f, const Value& v, const DataType& t) {
  using F = sl::DateField;
  constexpr int64_t kHour = 3600000000LL, kMinute = 60000000LL;
  const bool calendar = t.id() == TypeId::Interval;
  const int64_t months = calendar ? v.asInterval().months : v.asInt();
  const int64_t micros = calendar ? v.asInterval().micros : v.asInt();
  switch (f) {
    case F::Year:
      return i64(months / 12);
    case F::Month:
      return i64(months % 12);
    case F::Day:
      return i64(calendar ? v.asInterval().days : micros / sl::kMicrosPerDay);
    case F::Hour:
      return i64(calendar ? micros / kHour : micros % sl::kMicrosPerDay / kHour);
    case F::Minute:
      return i64(micros % kHour / kMinute);
    default:
      return Value::decimal(micros % kMinute);
  }
}

Resolution datePartRule(const ResolveContext& c) {
  if (c.type(0)->id() != TypeId::String) failArg(c, 0, "a string field name");
  const Value f = constArg(c, 0, "a constant field name (YEAR, MONTH, DAY, HOUR, ...)");
  if (f.isNull()) c.fail(0, "function " + c.name + " expects a non-NULL field name");
  const auto field = sl::dateFieldOf(f.asString());
  if (!field)
    c.fail(0, "function " + c.name + ": cannot extract '" + f.asString() +
                  "' (fields: YEAR, YEAROFWEEK, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, "
                  "DAYOFWEEK_ISO, DOY, HOUR, MINUTE, SECOND)");
  const TypeId t = c.type(1)->id();
  if (t == TypeId::Interval || c.type(1)->isAnsiInterval()) return intervalPartRule(c, *field);
  if (t != TypeId::Date && t != TypeId::Timestamp && t != TypeId::String && t != TypeId::Null)
    failArg(c, 1, "a date, timestamp or interval");
  Resolution res;
  res.argTypes = {nullptr, t == TypeId::Timestamp ? nullptr : DataType::timestamp()};
  res.result = *field == sl::DateField::Second ? DataType::decimal(8, 6) : DataType::integer();
  return res;
}

Value datePartFold(const Args& v, const Expr& call) {
  const auto field = sl::dateFieldOf(v[0].asString());
  const DataType& source = *call.args[1]->type;
  if (source.id() == TypeId::Interval || source.isAnsiInterval())
    return intervalPart(*field, v[1], source);
  const int64_t local = zoneOf(call).toLocal(v[1].asInt());
  if (*field == sl::DateField::Second) return Value::decimal(sl::extractSecondsMicros(local));
  return i64(sl::extractField(*field, local));
}

void registerUnixConversions(FunctionRegistry& r) {
  scalar(r, "timestamp_millis", "bigint -> timestamp")
      .symbol("sluice_dt_timestamp_millis")
      .fold([](const Args& v, const Expr& call) {
        return orFail(call, [&] { return i64(sl::timestampFromMillis(v[0].asInt())); });
      });
  scalar(r, "timestamp_micros", "bigint -> timestamp")
      .symbol("sluice_dt_timestamp_micros")
      .fold([](const Args& v, const Expr&) { return v[0]; });
  scalar(r, "unix_seconds", "timestamp -> bigint")
      .symbol("sluice_dt_unix_seconds_of")
      .fold([](const Args& v, const Expr&) {
        return i64(sl::floorDiv(v[0].asInt(), sl::kMicrosPerSecond));
      });
  scalar(r, "unix_millis", "timestamp -> bigint")
      .symbol("sluice_dt_unix_millis")
      .fold([](const Args& v, const Expr&) { return i64(sl::floorDiv(v[0].asInt(), 1000)); });
  scalar(r, "unix_micros", "timestamp -> bigint")
      .symbol("sluice_dt_unix_micros")
      .fold([](const Args& v, const Expr&) { return v[0]; });
  scalar(r, "unix_date", "date -> int")
      .symbol("sluice_dt_unix_date")
      .fold([](const Args& v, const Expr&) { return v[0]; });
  scalar(r, "date_from_unix_date", "int -> date")
      .symbol("sluice_dt_date_from_unix_date")
      .fold([](const Args& v, const Expr&) { return v[0]; });
}

// make_dt_interval(days, hours, mins, secs) / make_ym_interval(years, months).
void registerIntervalMakers(FunctionRegistry& r) {
  scalar(r, "make_dt_interval", "[int [, int [, int [, any]]]] -> ?")
      .emitter("make_dt_interval")
      .rule([](const ResolveContext& c) {
        Resolution res;
        res.argTypes.resize(c.args.size());
        for (size_t i = 0; i < c.args.size(); ++i) {
          const TypePtr want = i < 3 ? DataType::integer() : DataType::decimal(18, 6);
          if (!canImplicitCast(c.type(i), want)) failArg(c, i, want->toString());
          if (!c.type(i)->equals(*want)) res.argTypes[i] = want;
        }
        res.result = DataType::dayTimeInterval(0, 3);
        return res;
      })
      .fold([](const Args& v, const Expr&) {
        const __int128 us =
            (v.size() > 0 ? v[0].asInt() : 0) * static_cast<__int128>(86400000000LL) +
            (v.size() > 1 ? v[1].asInt() : 0) * static_cast<__int128>(3600000000LL) +
            (v.size() > 2 ? v[2].asInt() : 0) * static_cast<__int128>(60000000LL) +
            (v.size() > 3 ? v[3].asDecimal() : 0);
        if (us > INT64_MAX || us < INT64_MIN)
          throw std::invalid_argument("[ARITHMETIC_OVERFLOW] long overflow in make_dt_interval");
        return i64(static_cast<int64_t>(us));
      });
  scalar(r, "make_ym_interval", "[int [, int]] -> ?")
      .emitter("make_ym_interval")
      .then([](const ResolveContext&, Resolution& res) {
        res.result = DataType::yearMonthInterval(0, 1);
      })
      .fold([](const Args& v, const Expr&) {
        const int64_t months =
            (v.size() > 0 ? v[0].asInt() : 0) * 12 + (v.size() > 1 ? v[1].asInt() : 0);
        if (months > INT32_MAX || months < INT32_MIN)
          throw std::invalid_argument("[ARITHMETIC_OVERFLOW] integer overflow in make_ym_interval");
        return i64(months);
      });
}

// The unit of timestampadd / timestampdiff (a keyword the binder passes as a string) must be
// one Spark knows (its INVALID_PARAMETER_VALUE.DATETIME_UNIT), checked at analysis.
void unitArg(const ResolveContext& c, Resolution& res) {
  mayBeNull(c, res);
  const ExprPtr& u = c.args[0];
  if (u->kind != ExprKind::Literal || u->value.isNull() || u->type->id() != TypeId::String) return;
  if (!sl::parseDateTimeUnit(u->value.asString()))
    c.fail(0, "[INVALID_PARAMETER_VALUE.DATETIME_UNIT] The value of parameter(s) `unit` in `" +
                  c.name + "` is invalid: expects one of the units " + sl::dateTimeUnitNames() +
                  ", but got '" + u->value.asString() + "'");
}

// timestampadd(unit, quantity, ts) (dateadd, date_add) / timestampdiff(unit, start, end)
// (datediff, date_diff): see stdlib/datetime_units.h; the binder renames the spellings.
void registerUnitArithmetic(FunctionRegistry& r) {
  scalar(r, "timestampadd", "string, bigint, timestamp -> timestamp")
      .symbol("sluice_dt_timestampadd")
      .timeZoneAware()
      .then(unitArg)
      .fold([](const Args& v, const Expr& call) {
        const auto u = sl::parseDateTimeUnit(v[0].asString());
        return u ? i64(sl::timestampAdd(*u, v[1].asInt(), v[2].asInt(), zoneOf(call))) : Value();
      });
  scalar(r, "timestampdiff", "string, timestamp, timestamp -> bigint")
      .symbol("sluice_dt_timestampdiff")
      .timeZoneAware()
      .then(unitArg)
      .fold([](const Args& v, const Expr& call) {
        const auto u = sl::parseDateTimeUnit(v[0].asString());
        return u ? i64(sl::timestampDiff(*u, v[1].asInt(), v[2].asInt(), zoneOf(call))) : Value();
      });
}

}  // namespace

void registerSparkDatetimeFunctions(FunctionRegistry& r) {
  registerUnixConversions(r);
  registerIntervalMakers(r);
  registerUnitArithmetic(r);
  scalar(r, "make_date", "int, int, int -> date")
      .symbol("sluice_dt_make_date")
      .then(mayBeNull)
      .fold([](const Args& v, const Expr&) {
        return optMicros(sl::makeDate(v[0].asInt(), v[1].asInt(), v[2].asInt()));
      });
  const auto makeTimestampFold = [](const Args& v, const Expr& call) {
    return orFail(call, [&] {
      return optMicros(sl::makeTimestamp(v[0].asInt(), v[1].asInt(), v[2].asInt(), v[3].asInt(),
                                         v[4].asInt(), static_cast<int64_t>(v[5].asDecimal()),
                                         v.size() > 6 ? v[6].asString() : call.timeZone));
    });
  };
  for (const char* name : {"make_timestamp", "make_timestamp_ltz"})
    scalar(r, name, "int, int, int, int, int, any [, string] -> timestamp")
        .emitter("make_timestamp")
        .timeZoneAware()
        .then(makeTimestampArgs)
        .checkConstants(zoneArg(6))
        .fold(makeTimestampFold);
  // The fields as a wall-clock time: no zone (not zone-aware, so its kernels run in UTC).
  scalar(r, "make_timestamp_ntz", "int, int, int, int, int, any -> timestamp")
      .emitter("make_timestamp")
      .then(makeTimestampArgs)
      .then([](const ResolveContext&, Resolution& res) { res.result = timestampNtzType(); })
      .fold(makeTimestampFold);
  scalar(r, "from_utc_timestamp", "timestamp, string -> timestamp")
      .symbol("sluice_dt_from_utc_timestamp")
      .checkConstants(zoneArg(1))
      .fold([](const Args& v, const Expr& call) {
        return orFail(call,
                      [&] { return i64(sl::fromUtcTimestamp(v[0].asInt(), v[1].asString())); });
      });
  scalar(r, "to_utc_timestamp", "timestamp, string -> timestamp")
      .symbol("sluice_dt_to_utc_timestamp")
      .checkConstants(zoneArg(1))
      .fold([](const Args& v, const Expr& call) {
        return orFail(call, [&] { return i64(sl::toUtcTimestamp(v[0].asInt(), v[1].asString())); });
      });
  scalar(r, "weekofyear", "date -> int")
      .symbol("sluice_dt_weekofyear")
      .fold([](const Args& v, const Expr&) { return i64(sl::isoWeekOfYear(v[0].asInt())); });
  scalar(r, "weekday", "date -> int")
      .symbol("sluice_dt_weekday")
      .fold([](const Args& v, const Expr&) { return i64(sl::weekday(v[0].asInt())); });
  // EXTRACT(field FROM x) parses to extract('field', x).
  scalar(r, "date_part", "string, any -> ?")
      .timeZoneAware()
      .alias("datepart")
      .alias("extract")
      .emitter("date_part")
      .rule(datePartRule)
      .fold(datePartFold);
}

}  // namespace sluice
