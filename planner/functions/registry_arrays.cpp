// Spark's array functions beyond registry_collections.cpp: sequence (and the table-valued
// range built on it), array_join, slice, flatten, array_position, array_remove, array_max /
// array_min, array_compact, array_append, array_size, array_union / intersect / except and
// arrays_zip. Kernels are Values code here and the emitters of
// codegen/nested_codegen_arrays.cpp; both follow Spark's rules and error texts.
#include <optional>

#include "planner/functions/registry_rows.h"
#include "stdlib/collections_spark.h"
#include "stdlib/sequence_temporal.h"

namespace sluice {
namespace {

using namespace fnrow;

// Spark's ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH.
constexpr int64_t kMaxArrayLength = 2147483632;

// sequence over dates / timestamps: start and stop of their common time type, an optional
// interval step (a calendar interval must be a constant: it has no run-time form).
Resolution temporalSequenceRule(const ResolveContext& c) {
  const TypePtr t = commonType(c.type(0), c.type(1));
  if (!t || !t->isDatetime())
    failArg(c, 1, "a date or timestamp like the start (" + c.type(0)->toString() + ")");
  Resolution r;
  r.result = DataType::arrayOf(t, false);
  r.argTypes.resize(c.args.size());
  for (size_t i = 0; i < 2; ++i)
    if (!c.type(i)->equals(*t)) r.argTypes[i] = t;
  if (c.args.size() > 2) {
    const DataType& st = *c.type(2);
    if (st.id() == TypeId::Null)
      r.argTypes[2] = DataType::dayTimeInterval();
    else if (st.id() != TypeId::Interval && !st.isAnsiInterval())
      failArg(c, 2, "an interval step");
    if (st.id() == TypeId::Interval && !c.args[2]->foldable())
      failArg(c, 2, "a constant calendar interval step");
  }
  return r;
}

Resolution sequenceRule(const ResolveContext& c) {
  if (c.type(0)->isDatetime() || c.type(1)->isDatetime()) return temporalSequenceRule(c);
  TypePtr t = c.type(0);
  for (size_t i = 1; i < c.args.size(); ++i) {
    t = commonType(t, c.type(i));
    if (!t) failArg(c, i, "the type of the other bounds (" + c.type(0)->toString() + ")");
  }
  if (t->id() == TypeId::Null) t = DataType::integer();
  if (!t->isIntegral()) failArg(c, 0, "an integral start, stop and step");
  Resolution r;
  r.result = DataType::arrayOf(t, false);
  r.argTypes.resize(c.args.size());
  for (size_t i = 0; i < c.args.size(); ++i)
    if (!c.type(i)->equals(*t)) r.argTypes[i] = t;
  return r;
}

// (array<T>, T) with T the common type of the elements and the value.
Resolution arrayAndElement(const ResolveContext& c, TypePtr result) {
  const DataType& a = arrayArg(c, 0);
  TypePtr t = commonType(a.elementType(), c.type(1));
  if (!t) failArg(c, 1, a.elementType()->toString());
  Resolution r;
  r.argTypes.resize(2);
  if (!t->equals(*a.elementType())) r.argTypes[0] = DataType::arrayOf(t, a.containsNull());
  if (!t->equals(*c.type(1))) r.argTypes[1] = t;
  r.result = result ? result : DataType::arrayOf(t, a.containsNull());
  markNullable(r);
  return r;
}

// Two arrays cast to their common array type (array_union / intersect / except).
Resolution twoArrays(const ResolveContext& c) {
  arrayArg(c, 0);
  arrayArg(c, 1);
  TypePtr t = commonType(c.type(0), c.type(1));
  if (!t) failArg(c, 1, c.type(0)->toString());
  Resolution r;
  r.argTypes = {t->equals(*c.type(0)) ? nullptr : t, t->equals(*c.type(1)) ? nullptr : t};
  r.result = t;
  return r;
}

bool same(const Value& a, const Value& b, const DataType& t) {
  if (a.isNull() || b.isNull()) return a.isNull() && b.isNull();
  return valueops::equal(a, b, t);
}

bool containsValue(const Value::List& l, const Value& v, const DataType& t, size_t upTo) {
  for (size_t i = 0; i < upTo && i < l.size(); ++i)
    if (same(l[i], v, t)) return true;
  return false;
}

std::optional<std::string_view> optText(const Value& v) {
  if (v.isNull()) return std::nullopt;
  return std::string_view(v.asString());
}

void registerArrayAccess(FunctionRegistry& r) {
  // array_join(a, delimiter [, nullReplacement]) over the elements as text.
  scalar(r, "array_join", "array, string [, string] -> string")
      .emitter("array_join")
      .nulls(NullBehavior::Propagates)
      .then([](const ResolveContext& c, Resolution& res) {
        const DataType& a = arrayArg(c, 0);
        if (a.elementType()->isComplex()) failArg(c, 0, "an array of atomic values");
        if (a.elementType()->id() != TypeId::String)
          res.argTypes[0] = DataType::arrayOf(DataType::string(), a.containsNull());
      })
      .fold([](const Args& v, const Expr&) {
        std::vector<std::optional<std::string_view>> elems;
        for (const auto& e : v[0].asList()) elems.push_back(optText(e));
        return str(
            stdlib::arrayJoin(elems, v[1].asString(), v.size() > 2 ? optText(v[2]) : std::nullopt));
      });
  // slice(a, start, length): 1-based start, negative from the end.
  scalar(r, "slice", "array, int, int -> ?")
      .emitter("slice")
      .then([](const ResolveContext& c, Resolution& res) {
        arrayArg(c, 0);
        res.result = c.type(0);
      })
      .fold([](const Args& v, const Expr&) {
        const auto& l = v[0].asList();
        const int64_t n = static_cast<int64_t>(l.size());
        int64_t start = v[1].asInt();
        const int64_t length = v[2].asInt();
        if (start == 0)
          throw std::invalid_argument(
              "[INVALID_PARAMETER_VALUE.START] The value of parameter(s) `start` in `slice` is "
              "invalid: Expects a positive or a negative value for `start`, but got 0.");
        if (length < 0)
          throw std::invalid_argument(
              "[INVALID_PARAMETER_VALUE.LENGTH] The value of parameter(s) `length` in `slice` is "
              "invalid: Expects `length` greater than or equal to 0, but got " +
              std::to_string(length) + ".");
        start = start > 0 ? start - 1 : n + start;
        Value::List out;
        if (start >= 0 && start < n)
          for (int64_t i = start; i < std::min(n, start + length); ++i) out.push_back(l[i]);
        return Value::list(std::move(out));
      });
  scalar(r, "flatten", "array -> ?")
      .emitter("flatten")
      .nulls(NullBehavior::Custom)
      .then([](const ResolveContext& c, Resolution& res) {
        const DataType& a = arrayArg(c, 0);
        if (a.elementType()->id() != TypeId::Array) failArg(c, 0, "an array of arrays");
        res.result = a.elementType();
        markNullable(res);
      })
      .fold([](const Args& v, const Expr&) {
        if (v[0].isNull()) return Value();
        Value::List out;
        for (const auto& inner : v[0].asList()) {
          if (inner.isNull()) return Value();
          out.insert(out.end(), inner.asList().begin(), inner.asList().end());
        }
        return Value::list(std::move(out));
      });
  // array_position(a, v): 1-based position of the first element equal to v, 0 if none.
  scalar(r, "array_position", "array, any -> bigint")
      .emitter("array_position")
      .rule([](const ResolveContext& c) {
        Resolution res = arrayAndElement(c, DataType::bigint());
        res.nullable = c.args[0]->nullable || c.args[1]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        const auto& l = v[0].asList();
        const DataType& t = *call.args[1]->type;
        for (size_t i = 0; i < l.size(); ++i)
          if (!l[i].isNull() && valueops::equal(l[i], v[1], t))
            return i64(static_cast<int64_t>(i + 1));
        return i64(0);
      });
  // array_remove(a, v): without the elements equal to v (NULL elements stay).
  scalar(r, "array_remove", "array, any -> ?")
      .emitter("array_remove")
      .rule([](const ResolveContext& c) {
        Resolution res = arrayAndElement(c, nullptr);
        res.nullable = c.args[0]->nullable || c.args[1]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        Value::List out;
        const DataType& t = *call.args[1]->type;
        for (const auto& e : v[0].asList())
          if (e.isNull() || !valueops::equal(e, v[1], t)) out.push_back(e);
        return Value::list(std::move(out));
      });
  // array_max / array_min: NULL elements skipped; NULL for an empty array.
  for (const bool max : {true, false}) {
    scalar(r, max ? "array_max" : "array_min", "array -> ?")
        .emitter(max ? "array_max" : "array_min")
        .then([](const ResolveContext& c, Resolution& res) {
          const DataType& a = arrayArg(c, 0);
          if (!a.elementType()->isOrderable() || a.elementType()->isComplex())
            failArg(c, 0, "an array of orderable atomic values");
          res.result = a.elementType();
          markNullable(res);
        })
        .fold([max](const Args& v, const Expr& call) {
          Value best;
          const DataType& t = *call.type;
          for (const auto& e : v[0].asList()) {
            if (e.isNull()) continue;
            if (best.isNull() ||
                (max ? valueops::compare(e, best, t) > 0 : valueops::compare(e, best, t) < 0))
              best = e;
          }
          return best;
        });
  }
  scalar(r, "array_compact", "array -> ?")
      .emitter("array_compact")
      .then([](const ResolveContext& c, Resolution& res) {
        res.result = DataType::arrayOf(arrayArg(c, 0).elementType(), false);
      })
      .fold([](const Args& v, const Expr&) {
        Value::List out;
        for (const auto& e : v[0].asList())
          if (!e.isNull()) out.push_back(e);
        return Value::list(std::move(out));
      });
  // array_append(a, v): a NULL value is appended; a NULL array gives NULL.
  scalar(r, "array_append", "array, any -> ?")
      .emitter("array_append")
      .nulls(NullBehavior::Custom)
      .rule([](const ResolveContext& c) {
        Resolution res = arrayAndElement(c, nullptr);
        res.result = DataType::arrayOf(res.result->elementType(),
                                       arrayArg(c, 0).containsNull() || c.args[1]->nullable);
        res.nullable = c.args[0]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr&) {
        if (v[0].isNull()) return Value();
        Value::List out = v[0].asList();
        out.push_back(v[1]);
        return Value::list(std::move(out));
      });
  scalar(r, "array_size", "array -> int")
      .emitter("array_size")
      .then([](const ResolveContext& c, Resolution&) { arrayArg(c, 0); })
      .fold([](const Args& v, const Expr&) {
        return i64(static_cast<int64_t>(v[0].asList().size()));
      });
}

// array_union / array_intersect / array_except: distinct results (one NULL at most), in the
// order of first appearance.
void registerArraySets(FunctionRegistry& r) {
  scalar(r, "array_union", "array, array -> ?")
      .emitter("array_union")
      .rule(twoArrays)
      .fold([](const Args& v, const Expr& call) {
        const DataType& t = *call.type->elementType();
        Value::List out;
        for (const auto* l : {&v[0].asList(), &v[1].asList()})
          for (const auto& e : *l)
            if (!containsValue(out, e, t, out.size())) out.push_back(e);
        return Value::list(std::move(out));
      });
  scalar(r, "array_intersect", "array, array -> ?")
      .emitter("array_intersect")
      .rule(twoArrays)
      .fold([](const Args& v, const Expr& call) {
        const DataType& t = *call.type->elementType();
        const auto &a = v[0].asList(), &b = v[1].asList();
        Value::List out;
        for (const auto& e : a)
          if (containsValue(b, e, t, b.size()) && !containsValue(out, e, t, out.size()))
            out.push_back(e);
        return Value::list(std::move(out));
      });
  scalar(r, "array_except", "array, array -> ?")
      .emitter("array_except")
      .rule(twoArrays)
      .fold([](const Args& v, const Expr& call) {
        const DataType& t = *call.type->elementType();
        const auto &a = v[0].asList(), &b = v[1].asList();
        Value::List out;
        for (const auto& e : a)
          if (!containsValue(b, e, t, b.size()) && !containsValue(out, e, t, out.size()))
            out.push_back(e);
        return Value::list(std::move(out));
      });
  // arrays_zip(a, b, ...): structs of the i-th elements, named after the arguments' columns
  // (else 0, 1, ...), as long as the longest array.
  scalar(r, "arrays_zip", "array... -> ?")
      .emitter("arrays_zip")
      .then([](const ResolveContext& c, Resolution& res) {
        std::vector<StructField> fields;
        for (size_t i = 0; i < c.args.size(); ++i) {
          const DataType& a = arrayArg(c, i);
          const Expr& e = *c.args[i];
          const std::string name = e.kind == ExprKind::ColumnRef || e.kind == ExprKind::Alias
                                       ? e.attr.name
                                   : e.kind == ExprKind::GetField ? e.field
                                                                  : std::to_string(i);
          fields.push_back({name, a.elementType(), true});
        }
        res.result = DataType::arrayOf(DataType::structOf(std::move(fields)), false);
      })
      .fold([](const Args& v, const Expr&) {
        size_t n = 0;
        for (const auto& a : v) n = std::max(n, a.asList().size());
        Value::List out;
        for (size_t i = 0; i < n; ++i) {
          Value::List fields;
          for (const auto& a : v) fields.push_back(i < a.asList().size() ? a.asList()[i] : Value());
          out.push_back(Value::list(std::move(fields)));
        }
        return Value::list(std::move(out));
      });
}
}  // namespace

std::optional<int64_t> sequenceLength(int64_t start, int64_t stop, int64_t step,
                                      std::string* error) {
  if ((step > 0 && start > stop) || (step < 0 && start < stop) || (step == 0 && start != stop)) {
    *error = "Illegal sequence boundaries: " + std::to_string(start) + " to " +
             std::to_string(stop) + " by " + std::to_string(step);
    return std::nullopt;
  }
  const __int128 n = step == 0 ? 1 : (static_cast<__int128>(stop) - start) / step + 1;
  if (n > kMaxArrayLength) {
    *error = "Too long sequence: " + std::to_string(static_cast<int64_t>(n)) +
             ". Should be <= " + std::to_string(kMaxArrayLength);
    return std::nullopt;
  }
  return static_cast<int64_t>(n);
}

stdlib::SequenceStep sequenceStepOf(const Value& v, const DataType& t) {
  stdlib::SequenceStep step;
  step.typeName = t.toString();
  if (t.id() == TypeId::Interval) {
    step.months = v.asInterval().months;
    step.days = v.asInterval().days;
    step.micros = v.asInterval().micros;
  } else if (t.id() == TypeId::YearMonthInterval) {
    step.months = static_cast<int32_t>(v.asInt());
    step.kind = stdlib::SequenceStepKind::YearMonth;
  } else {
    step.micros = v.asInt();
    step.kind = stdlib::SequenceStepKind::DayTime;
  }
  return step;
}

void registerArrayFunctions(FunctionRegistry& r) {
  registerArrayAccess(r);
  registerArraySets(r);
  scalar(r, "sequence", "any, any [, any] -> ?")
      .emitter("sequence")
      .rule(sequenceRule)
      .timeZoneAware()
      .fold([](const Args& v, const Expr& call) {
        const TypePtr& et = call.type->elementType();
        if (et->isDatetime()) {
          stdlib::SequenceStep step;
          if (v.size() > 2)
            step = sequenceStepOf(v[2], *call.args[2]->type);
          else
            step.days = v[0].asInt() <= v[1].asInt() ? 1 : -1;
          Value::List out;
          for (int64_t x : stdlib::temporalSequence(v[0].asInt(), v[1].asInt(), step,
                                                    et->id() == TypeId::Date, zoneOf(call)))
            out.push_back(i64(x));
          return Value::list(std::move(out));
        }
        const int64_t start = v[0].asInt(), stop = v[1].asInt();
        const int64_t step = v.size() > 2 ? v[2].asInt() : (start <= stop ? 1 : -1);
        std::string error;
        const auto n = sequenceLength(start, stop, step, &error);
        if (!n) throw std::invalid_argument(error);
        Value::List out;
        for (int64_t i = 0; i < *n; ++i)
          out.push_back(i64(wrapTo(call.type->elementType()->id(), start + i * step)));
        return Value::list(std::move(out));
      });
}

}  // namespace sluice