// Datetime rows: parsing/formatting with Spark patterns, field extraction, arithmetic,
// truncation, current time, and the streaming window() function.
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/registry_rows.h"
#include "planner/functions/window_spec.h"
#include "planner/timestamp_ntz.h"
#include "stdlib/datetime.h"
#include "stdlib/timestamp_ntz.h"

namespace sluice {
namespace {

using namespace fnrow;
namespace sl = stdlib;

const char* const kDefaultFormat = "yyyy-MM-dd HH:mm:ss";

sl::DateTimePattern pattern(const std::string& p) {
  std::string err;
  auto c = sl::DateTimePattern::compile(p, &err);
  if (!c) throw std::invalid_argument(err);
  return *c;
}

// Parses a string with an optional pattern (no pattern: CAST semantics) into micros; text
// without a zone is wall-clock time in the session zone.
Value parseTs(const std::string& s, const Value* fmt, const sl::Zone& zone) {
  int64_t us;
  if (!fmt) return sl::parseTimestamp(s, &us, zone) ? i64(us) : Value();
  return pattern(fmt->asString()).parse(s, &us, zone) ? i64(us) : Value();
}

// to_timestamp / to_date / unix_timestamp accept a string (parsed), a date or a timestamp.
void checkTimeInput(const ResolveContext& c, Resolution& r) {
  const TypeId t = c.type(0)->id();
  if (t != TypeId::String && t != TypeId::Date && t != TypeId::Timestamp && t != TypeId::Null)
    failArg(c, 0, "string, date or timestamp");
  if (t == TypeId::Null) r.argTypes[0] = DataType::string();
  r.nullableOverride = true;
  r.nullable = true;
}

// Input as micros: strings parsed with the optional format, dates at midnight (both in the
// session zone).
Value timeInput(const Args& v, const Expr& call) {
  switch (call.args[0]->type->id()) {
    case TypeId::String:
      return parseTs(v[0].asString(), v.size() > 1 ? &v[1] : nullptr, zoneOf(call));
    case TypeId::Date:
      return i64(sl::startOfDay(v[0].asInt(), zoneOf(call)));
    default:
      return v[0];
  }
}

// unix_timestamp / to_unix_timestamp: seconds since the epoch; strings default to
// yyyy-MM-dd HH:mm:ss.
Value unixSecondsFold(const Args& v, const Expr& call) {
  Args a = v;
  if (call.args[0]->type->id() == TypeId::String && a.size() < 2) a.push_back(str(kDefaultFormat));
  Value ts = timeInput(a, call);
  return ts.isNull() ? ts : i64(sl::floorDiv(ts.asInt(), sl::kMicrosPerSecond));
}

FoldFn dateField(int32_t (*f)(int64_t)) {
  return [f](const Args& v, const Expr&) { return i64(f(v[0].asInt())); };
}
// hour / minute / second of the wall clock in the session zone.
FoldFn timeField(int32_t (*f)(int64_t)) {
  return
      [f](const Args& v, const Expr& call) { return i64(f(zoneOf(call).toLocal(v[0].asInt()))); };
}

// A window duration argument: a foldable string ('10 minutes') or interval.
int64_t durationArg(const std::vector<ExprPtr>& args, size_t i, const std::string& what,
                    const std::function<void(int, const std::string&)>& fail) {
  const ExprPtr& a = args[i];
  const TypeId t = a->type->id();
  if (t == TypeId::DayTimeInterval && a->foldable()) {
    const Value v = evaluateConstant(a);
    if (v.isNull()) fail(static_cast<int>(i), "the " + what + " of window must not be NULL");
    return v.isNull() ? 0 : v.asInt();
  }
  if (t == TypeId::YearMonthInterval)
    fail(static_cast<int>(i),
         "Intervals greater than a month is not supported (" + a->toString() + ").");
  if ((t != TypeId::String && t != TypeId::Interval) || !a->foldable()) {
    fail(static_cast<int>(i), "function window expects a foldable string or interval " + what +
                                  ", got " + a->toString());
  }
  Value v = evaluateConstant(a);
  Interval iv;
  if (v.isNull()) {
    fail(static_cast<int>(i), "the " + what + " of window must not be NULL");
  } else if (t == TypeId::String) {
    auto p = sl::parseInterval(v.asString());
    if (!p)
      fail(static_cast<int>(i), "The provided interval (" + v.asString() +
                                    ") did not correspond to a valid interval string.");
    iv = {p->months, p->days, p->micros};
  } else {
    iv = v.asInterval();
  }
  if (iv.months != 0)
    fail(static_cast<int>(i),
         "Intervals greater than a month is not supported (" + a->toString() + ").");
  return iv.days * sl::kMicrosPerDay + iv.micros;
}

WindowSpec windowSpecChecked(const std::vector<ExprPtr>& args,
                             const std::function<void(int, const std::string&)>& fail) {
  WindowSpec w;
  w.windowMicros = durationArg(args, 1, "window duration", fail);
  w.slideMicros = args.size() > 2 ? durationArg(args, 2, "slide duration", fail) : w.windowMicros;
  if (args.size() > 3) {
    const ExprPtr& a = args[3];
    if (!a->foldable() || (a->type->id() != TypeId::String && a->type->id() != TypeId::Interval &&
                           a->type->id() != TypeId::DayTimeInterval))
      fail(3, "function window expects a foldable string or interval start time, got " +
                  a->toString());
    Value v = evaluateConstant(a);
    if (v.isNull()) fail(3, "the start time of window must not be NULL");
    if (a->type->id() == TypeId::DayTimeInterval) {
      w.startMicros = v.asInt();
    } else if (a->type->id() == TypeId::String) {
      // Start times may be negative ('-5 minutes').
      auto p = sl::parseInterval(v.asString());
      if (!p || p->months)
        fail(3, "The provided interval (" + v.asString() +
                    ") did not correspond to a valid interval string.");
      w.startMicros = p->days * sl::kMicrosPerDay + p->micros;
    } else {
      w.startMicros = v.asInterval().days * sl::kMicrosPerDay + v.asInterval().micros;
    }
  }
  auto text = [&](size_t i) { return args[i]->toString(); };
  if (w.windowMicros <= 0) fail(1, "The window duration (" + text(1) + ") must be greater than 0.");
  if (w.slideMicros <= 0) fail(2, "The slide duration (" + text(2) + ") must be greater than 0.");
  if (w.slideMicros > w.windowMicros)
    fail(2, "The slide duration (" + text(2) +
                ") must be less than or equal to the windowDuration (" + text(1) + ").");
  if (args.size() > 3 && (w.startMicros >= w.slideMicros || -w.startMicros >= w.slideMicros))
    fail(3, "The absolute value of start time (" + text(3) +
                ") must be less than the slideDuration (" + text(args.size() > 2 ? 2 : 1) + ").");
  return w;
}

// session_window's gap: text ('5 minutes'), a day-time interval, or a constant calendar
// interval; it may vary per row (Spark 3.2+'s dynamic gap). A constant gap is checked here;
// rows whose gap is NULL or not positive are dropped at run time, as Spark drops them.
void sessionGapChecked(const std::vector<ExprPtr>& args,
                       const std::function<void(int, const std::string&)>& fail) {
  const ExprPtr& a = args[1];
  const TypeId t = a->type->id();
  if (t != TypeId::String && t != TypeId::DayTimeInterval && t != TypeId::Interval &&
      t != TypeId::Null) {
    fail(1, "function session_window expects a string or interval gap duration, got " +
                a->toString() + " of type " + a->type->toString());
    return;
  }
  if (t == TypeId::Interval && !a->foldable())
    fail(1, "the gap duration of session_window must be a constant interval or a string");
  if (!a->foldable()) return;
  const Value v = evaluateConstant(a);
  if (v.isNull()) return;
  if (t == TypeId::String) {
    auto p = sl::parseInterval(v.asString());
    if (!p)
      fail(1, "The provided interval (" + v.asString() +
                  ") did not correspond to a valid interval string.");
    else if (p->months != 0)
      fail(1, "Intervals greater than a month is not supported (" + a->toString() + ").");
  } else if (t == TypeId::Interval && v.asInterval().months != 0) {
    fail(1, "Intervals greater than a month is not supported (" + a->toString() + ").");
  }
}

}  // namespace

WindowSpec windowSpecOf(const Expr& call) {
  return windowSpecChecked(call.args, [&](int, const std::string& m) -> void {
    throw AnalysisError(m, nullptr, call.span);
  });
}

void registerDatetimeFunctions(FunctionRegistry& r) {
  // Current time: evaluated once per query/batch at run time, never folded here.
  scalar(r, "current_timestamp", "-> timestamp")
      .emitter("current_timestamp")
      .nulls(NullBehavior::NeverNull)
      .nondeterministic()
      .alias("now");
  // The date of the batch clock in the session zone.
  scalar(r, "current_date", "-> date")
      .emitter("current_date")
      .nulls(NullBehavior::NeverNull)
      .nondeterministic()
      .timeZoneAware()
      .alias("curdate");
  // The session zone id as set (spark.sql.session.timeZone; UTC by default).
  scalar(r, "current_timezone", "-> string")
      .emitter("current_timezone")
      .nulls(NullBehavior::NeverNull)
      .timeZoneAware()
      .fold([](const Args&, const Expr& call) {
        return str(call.timeZone.empty() ? "UTC" : call.timeZone);
      });

  // to_timestamp_ltz is to_timestamp (spark.sql.timestampType's default); a TIMESTAMP_NTZ
  // input is cast, its wall clock read in the session zone. try_to_timestamp is NULL where
  // ANSI mode makes to_timestamp fail (planner/functions/ansi.cpp), as in Spark.
  for (const char* name : {"to_timestamp", "to_timestamp_ltz", "try_to_timestamp"})
    scalar(r, name, "any [, string] -> timestamp")
        .symbol("sluice_dt_to_timestamp")
        .timeZoneAware()
        .checkConstants(datetimePatternArg(1))
        .then(checkTimeInput)
        .then([](const ResolveContext& c, Resolution& res) {
          if (isNtz(c.type(0))) res.argTypes[0] = DataType::timestamp();
        })
        .fold(timeInput);
  // The wall clock of text (a zone in it is ignored, as Spark's parser for TIMESTAMP_NTZ does
  // without a pattern), of a date, or of an instant in the session zone (the cast inserted
  // for a TIMESTAMP input carries it). Not zone-aware itself: its kernels run in UTC.
  scalar(r, "to_timestamp_ntz", "any [, string] -> timestamp")
      .symbol("sluice_dt_to_timestamp_ntz")
      .checkConstants(datetimePatternArg(1))
      .then(checkTimeInput)
      .then([](const ResolveContext& c, Resolution& res) {
        if (c.type(0)->id() == TypeId::Timestamp && !isNtz(c.type(0)))
          res.argTypes[0] = timestampNtzType();
        res.result = timestampNtzType();
      })
      .fold([](const Args& v, const Expr& call) {
        int64_t us;
        if (call.args[0]->type->id() != TypeId::String || v.size() > 1) return timeInput(v, call);
        return sl::parseTimestampNtz(v[0].asString(), &us) ? i64(us) : Value();
      });
  // The batch clock's wall-clock time in the session zone (Spark's LocalTimestamp).
  scalar(r, "localtimestamp", "-> timestamp")
      .emitter("localtimestamp")
      .nulls(NullBehavior::NeverNull)
      .nondeterministic()
      .timeZoneAware()
      .then([](const ResolveContext&, Resolution& res) { res.result = timestampNtzType(); });
  scalar(r, "to_date", "any [, string] -> date")
      .symbol("sluice_dt_to_date")
      .timeZoneAware()
      .checkConstants(datetimePatternArg(1))
      .then(checkTimeInput)
      .fold([](const Args& v, const Expr& call) {
        if (call.args[0]->type->id() == TypeId::Date) return v[0];
        // Without a format, to_date is CAST(str AS DATE) (accepts 'yyyy-MM-dd...' forms).
        if (call.args[0]->type->id() == TypeId::String && v.size() < 2) {
          int64_t d;
          return sl::parseDate(v[0].asString(), &d) ? i64(d) : Value();
        }
        // With a pattern: the session-zone date of the instant it reads.
        Value ts = timeInput(v, call);
        if (ts.isNull()) return ts;
        return i64(sl::localDateOf(ts.asInt(), zoneOf(call)));
      });
  // unix_timestamp() reads the clock, so the row is non-deterministic (never folded).
  scalar(r, "unix_timestamp", "[any [, string]] -> bigint")
      .emitter("unix_timestamp")  // no argument: the batch clock
      .symbol("sluice_dt_unix_seconds")
      .timeZoneAware()
      .checkConstants(datetimePatternArg(1))
      .nondeterministic()
      .then([](const ResolveContext& c, Resolution& res) {
        if (!c.args.empty()) checkTimeInput(c, res);
      })
      .fold(unixSecondsFold);
  scalar(r, "to_unix_timestamp", "any [, string] -> bigint")
      .symbol("sluice_dt_unix_seconds")
      .timeZoneAware()
      .checkConstants(datetimePatternArg(1))
      .then(checkTimeInput)
      .fold(unixSecondsFold);
  scalar(r, "from_unixtime", "bigint [, string] -> string")
      .symbol("sluice_dt_from_unixtime")
      .timeZoneAware()
      .checkConstants(datetimePatternArg(1))
      .fold([](const Args& v, const Expr& call) {
        int64_t us;
        if (__builtin_mul_overflow(v[0].asInt(), sl::kMicrosPerSecond, &us)) return Value();
        return str(
            pattern(v.size() > 1 ? v[1].asString() : kDefaultFormat).format(us, zoneOf(call)));
      });
  scalar(r, "date_format", "timestamp, string -> string")
      .symbol("sluice_dt_date_format")
      .timeZoneAware()
      .checkConstants(datetimePatternArg(1))
      .fold([](const Args& v, const Expr& call) {
        return str(pattern(v[1].asString()).format(v[0].asInt(), zoneOf(call)));
      });
  // Spark's SecondsToTimestamp, one stdlib implementation (datetime.h) for folding and
  // generated code: integral seconds fail on overflow ("long overflow"), fractional ones give
  // NULL for NaN / infinities, decimals must be exact microseconds. Integral arguments are
  // widened to bigint and floats to double (lossless), so the kernels take three types.
  scalar(r, "timestamp_seconds", "numeric -> timestamp")
      .emitter("timestamp_seconds")
      .symbol("sluice_dt_timestamp_seconds")
      .then([](const ResolveContext& c, Resolution& res) {
        const TypePtr in = res.argTypes[0] ? res.argTypes[0] : c.type(0);
        TypePtr to = in;
        if (in->isIntegral())
          to = DataType::bigint();
        else if (in->id() == TypeId::Float)
          to = DataType::doubleType();
        if (!to->equals(*c.type(0))) res.argTypes[0] = to;
        res.nullableOverride = true;
        res.nullable = c.args[0]->nullable || to->id() == TypeId::Double;
      })
      .fold([](const Args& v, const Expr& call) -> Value {
        const DataType& t = *call.args[0]->type;  // bigint, double or decimal (see above)
        int64_t us = 0;
        if (t.id() == TypeId::Decimal) {
          if (const char* err = sl::decimalSecondsToMicros(v[0].asDecimal(), t.scale(), &us))
            throw std::invalid_argument(err);
          return i64(us);
        }
        if (t.isFractional()) {
          const std::optional<int64_t> f = sl::fractionalSecondsToMicros(v[0].asDouble());
          return f ? i64(*f) : Value();
        }
        if (!sl::integralSecondsToMicros(v[0].asInt(), &us))
          throw std::invalid_argument("long overflow");
        return i64(us);
      });

  scalar(r, "date_trunc", "string, timestamp -> timestamp")
      .symbol("sluice_dt_date_trunc")
      .timeZoneAware()
      .fold([](const Args& v, const Expr& call) {
        int64_t out;
        if (v[0].isNull() || v[1].isNull()) return Value();
        return sl::truncTimestamp(v[0].asString(), v[1].asInt(), &out, zoneOf(call)) ? i64(out)
                                                                                     : Value();
      });
  scalar(r, "trunc", "date, string -> date")
      .symbol("sluice_dt_trunc_date")
      .fold([](const Args& v, const Expr&) {
        int64_t out;
        if (v[0].isNull() || v[1].isNull()) return Value();
        return sl::truncDate(v[1].asString(), v[0].asInt(), &out) ? i64(out) : Value();
      });

  scalar(r, "year", "date -> int").symbol("sluice_dt_year").fold(dateField(sl::yearOf));
  scalar(r, "quarter", "date -> int").symbol("sluice_dt_quarter").fold(dateField(sl::quarterOf));
  scalar(r, "month", "date -> int").symbol("sluice_dt_month").fold(dateField(sl::monthOf));
  scalar(r, "dayofmonth", "date -> int")
      .symbol("sluice_dt_dayofmonth")
      .fold(dateField(sl::dayOfMonth))
      .alias("day");
  scalar(r, "dayofweek", "date -> int")
      .symbol("sluice_dt_dayofweek")
      .fold(dateField(sl::dayOfWeek));
  scalar(r, "dayofyear", "date -> int")
      .symbol("sluice_dt_dayofyear")
      .fold(dateField(sl::dayOfYear));
  scalar(r, "hour", "anytimestamp -> int")
      .symbol("sluice_dt_hour")
      .timeZoneAware()
      .fold(timeField(sl::hourOf));
  scalar(r, "minute", "anytimestamp -> int")
      .symbol("sluice_dt_minute")
      .timeZoneAware()
      .fold(timeField(sl::minuteOf));
  scalar(r, "second", "anytimestamp -> int")
      .symbol("sluice_dt_second")
      .timeZoneAware()
      .fold(timeField(sl::secondOf));

  scalar(r, "date_add", "date, int -> date")
      .symbol("sluice_dt_date_add")
      .alias("dateadd")
      .fold([](const Args& v, const Expr&) { return i64(v[0].asInt() + v[1].asInt()); });
  scalar(r, "date_sub", "date, int -> date")
      .symbol("sluice_dt_date_sub")
      .fold([](const Args& v, const Expr&) { return i64(v[0].asInt() - v[1].asInt()); });
  scalar(r, "datediff", "date, date -> int")
      .symbol("sluice_dt_datediff")
      .alias("date_diff")
      .fold([](const Args& v, const Expr&) { return i64(v[0].asInt() - v[1].asInt()); });
  scalar(r, "add_months", "date, int -> date")
      .symbol("sluice_dt_add_months")
      .fold([](const Args& v, const Expr&) {
        return i64(sl::addMonths(v[0].asInt(), static_cast<int32_t>(v[1].asInt())));
      });
  scalar(r, "last_day", "date -> date")
      .symbol("sluice_dt_last_day")
      .fold([](const Args& v, const Expr&) {
        return i64(sl::addMonths(v[0].asInt() - sl::dayOfMonth(v[0].asInt()) + 1, 1) - 1);
      });

  // window(): validated at bind time, evaluated per row at run time (no fold).
  // Over TIMESTAMP_NTZ the bounds are TIMESTAMP_NTZ (Spark 3.4+); both align to the epoch.
  scalar(r, "window", "anytimestamp, any [, any [, any]] -> ?")
      .emitter("window")
      .then([](const ResolveContext& c, Resolution& res) {
        windowSpecChecked(c.args, c.fail);
        const TypePtr ts = isNtz(c.type(0)) ? timestampNtzType() : DataType::timestamp();
        res.result = DataType::structOf({{"start", ts, true}, {"end", ts, true}});
        res.nullableOverride = true;
        res.nullable = c.args[0]->nullable;
      });
  // window_time(w): the event time of a window's row, w.end - 1 microsecond (Spark 3.4's
  // WindowTime), so the output of a window aggregation can feed another time window.
  scalar(r, "window_time", "any -> timestamp")
      .emitter("window_time")
      .then([](const ResolveContext& c, Resolution& res) {
        const TypePtr& t = c.args.at(0)->type;
        const bool ok = t->id() == TypeId::Struct && t->fields().size() == 2 &&
                        t->fields()[0].name == "start" && t->fields()[1].name == "end" &&
                        t->fields()[1].type->id() == TypeId::Timestamp;
        if (!ok)
          c.fail(0,
                 "window_time() takes the window column of a window() or session_window() "
                 "aggregation (struct<start: timestamp, end: timestamp>), got " +
                     t->toString());
        res.result = DataType::timestamp();
      });
  // session_window(ts, gap): [ts, ts + gap) per row, merged into sessions by the aggregate
  // (AggregateTable::mergeSessions); NULL when the row has no session (dropped in GROUP BY).
  scalar(r, "session_window", "timestamp, any -> ?")
      .emitter("session_window")
      .then([](const ResolveContext& c, Resolution& res) {
        sessionGapChecked(c.args, c.fail);
        res.result = DataType::structOf(
            {{"start", DataType::timestamp(), true}, {"end", DataType::timestamp(), true}});
        res.nullableOverride = true;
        res.nullable = true;
      });
}

}  // namespace sluice
