// Collection rows: struct, named_struct, map, array and their accessors.
#include <optional>
#include <stdexcept>

#include "planner/functions/registry_rows.h"
#include "planner/functions/value_ops.h"
#include "stdlib/collections.h"

namespace sluice {
namespace {

using namespace fnrow;

// Spark names struct() fields after the argument: column name, field name, alias, or colN.
std::string structFieldName(const ExprPtr& e, size_t i) {
  switch (e->kind) {
    case ExprKind::ColumnRef:
    case ExprKind::Alias:
    case ExprKind::LambdaVar:
      return e->attr.name;
    case ExprKind::GetField:
      return e->field;
    default:
      return "col" + std::to_string(i + 1);
  }
}

Value listFold(const Args& v, const Expr&) {
  return Value::list(v);
}

Value mapFold(const Args& v, const Expr& call) {
  const DataType& kt = *call.type->keyType();
  for (size_t i = 0; i < v.size(); i += 2) {
    if (v[i].isNull()) throw std::invalid_argument("Cannot use null as map key");
    for (size_t j = 0; j < i; j += 2)
      if (valueops::equal(v[i], v[j], kt))
        throw std::invalid_argument("Duplicate map key " + valueops::castToString(v[i], kt) +
                                    " was found");
  }
  return Value::list(v);
}

// element_at / get_item on arrays; `oneBased` selects element_at's indexing.
Value arrayAt(const Value& arr, int64_t idx, bool oneBased) {
  const auto& l = arr.asList();
  const int64_t n = static_cast<int64_t>(l.size());
  if (oneBased) {
    if (idx == 0) throw std::invalid_argument("SQL array indices start at 1");
    idx = idx > 0 ? idx - 1 : n + idx;
  }
  if (idx < 0 || idx >= n) return {};
  return l[static_cast<size_t>(idx)];
}

Value mapAt(const Value& m, const Value& key, const DataType& kt) {
  const auto& l = m.asList();
  for (size_t i = 0; i + 1 < l.size(); i += 2)
    if (!l[i].isNull() && valueops::equal(l[i], key, kt)) return l[i + 1];
  return {};
}

// element_at(array, int) / element_at(map, key) and get_item (0-based arrays).
Resolution accessRule(const ResolveContext& ctx) {
  Resolution r;
  r.argTypes.resize(2);
  const TypePtr& c = ctx.type(0);
  if (c->id() == TypeId::Array) {
    const TypeId i = ctx.type(1)->id();
    if (!ctx.type(1)->isIntegral() && i != TypeId::Null && i != TypeId::String)
      failArg(ctx, 1, "int");
    if (ctx.type(1)->id() != TypeId::Int) r.argTypes[1] = DataType::integer();
    r.result = c->elementType();
  } else if (c->id() == TypeId::Map) {
    TypePtr k = c->keyType();
    if (!canImplicitCast(ctx.type(1), k)) failArg(ctx, 1, k->toString());
    if (!ctx.type(1)->equals(*k)) r.argTypes[1] = k;
    r.result = c->valueType();
  } else {
    failArg(ctx, 0, "array or map");
  }
  r.nullableOverride = true;
  r.nullable = true;
  return r;
}

FoldFn accessFold(bool oneBased) {
  return [oneBased](const Args& v, const Expr& call) {
    if (v[0].isNull() || v[1].isNull()) return Value();
    if (call.args[0]->type->id() == TypeId::Array) return arrayAt(v[0], v[1].asInt(), oneBased);
    return mapAt(v[0], v[1], *call.args[0]->type->keyType());
  };
}

}  // namespace

void registerCollectionFunctions(FunctionRegistry& r) {
  scalar(r, "struct", "[any...] -> ?")
      .emitter("struct")
      .nulls(NullBehavior::NeverNull)
      .fold(listFold)
      .rule([](const ResolveContext& c) {
        Resolution res;
        std::vector<StructField> fields;
        for (size_t i = 0; i < c.args.size(); ++i)
          fields.push_back({structFieldName(c.args[i], i), c.type(i), c.args[i]->nullable});
        res.result = DataType::structOf(std::move(fields));
        res.argTypes.resize(c.args.size());
        return res;
      });

  scalar(r, "named_struct", "string, any [, string, any ...] -> ?")
      .emitter("named_struct")
      .nulls(NullBehavior::NeverNull)
      .arity(2, -1)
      .fold([](const Args& v, const Expr&) {
        Value::List out;
        for (size_t i = 1; i < v.size(); i += 2) out.push_back(v[i]);
        return Value::list(std::move(out));
      })
      .rule([](const ResolveContext& c) {
        if (c.args.size() % 2)
          c.fail(-1, "function named_struct expects an even number of arguments, got " +
                         std::to_string(c.args.size()));
        Resolution res;
        std::vector<StructField> fields;
        for (size_t i = 0; i < c.args.size(); i += 2) {
          if (c.type(i)->id() != TypeId::String) failArg(c, i, "a foldable string field name");
          Value name = constArg(c, i, "a foldable string field name");
          if (name.isNull())
            c.fail(static_cast<int>(i), "field name of named_struct must not be NULL");
          fields.push_back({name.asString(), c.type(i + 1), c.args[i + 1]->nullable});
        }
        res.result = DataType::structOf(std::move(fields));
        res.argTypes.resize(c.args.size());
        return res;
      });

  scalar(r, "map", "[K, V ...] -> map<K,V>")
      .emitter("map")
      .nulls(NullBehavior::NeverNull)
      .arity(0, -1)
      .fold(mapFold)
      .rule([](const ResolveContext& c) {
        if (c.args.size() % 2)
          c.fail(-1, "function map expects a positive even number of arguments, got " +
                         std::to_string(c.args.size()));
        Resolution res;
        res.argTypes.resize(c.args.size());
        TypePtr k = DataType::null(), v = DataType::null();
        bool valueNull = false;
        for (size_t i = 0; i < c.args.size(); ++i) {
          TypePtr& acc = i % 2 ? v : k;
          TypePtr next = commonType(acc, c.type(i));
          if (!next) failArg(c, i, acc->toString());
          acc = next;
          if (i % 2) valueNull |= c.args[i]->nullable;
        }
        if (k->id() == TypeId::Map) failArg(c, 0, "a key type that supports equality");
        for (size_t i = 0; i < c.args.size(); ++i) {
          const TypePtr& t = i % 2 ? v : k;
          if (!t->equals(*c.type(i))) res.argTypes[i] = t;
        }
        res.result = DataType::mapOf(k, v, valueNull);
        return res;
      });

  scalar(r, "array", "[T...] -> array<T>")
      .emitter("array")
      .nulls(NullBehavior::NeverNull)
      .fold(listFold)
      .then([](const ResolveContext& c, Resolution& res) {
        res.result = DataType::arrayOf(res.result->elementType(), anyNullable(c.args));
      });

  // try_element_at is element_at in Spark's non-ANSI mode (NULL out of range): its own row
  // so that ANSI mode (planner/functions/ansi.h) leaves it alone.
  for (const char* name : {"element_at", "try_element_at"})
    scalar(r, name, "any, any -> ?")
        .emitter("element_at")
        .nulls(NullBehavior::Custom)
        .rule(accessRule)
        .fold(accessFold(true));
  scalar(r, "get_item", "any, any -> ?")
      .emitter("get_item")
      .nulls(NullBehavior::Custom)
      .rule(accessRule)
      .fold(accessFold(false));

  scalar(r, "size", "any -> int")
      .emitter("size")
      .nulls(NullBehavior::NeverNull)
      .alias("cardinality")
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return i64(-1);  // spark.sql.legacy.sizeOfNull
        const int64_t n = static_cast<int64_t>(v[0].asList().size());
        return i64(call.args[0]->type->id() == TypeId::Map ? n / 2 : n);
      })
      .then([](const ResolveContext& c, Resolution&) {
        const TypeId t = c.type(0)->id();
        if (t != TypeId::Array && t != TypeId::Map && t != TypeId::Null)
          failArg(c, 0, "array or map");
      });

  auto mapPart = [](bool keys) {
    return [keys](const Args& v, const Expr&) {
      Value::List out;
      const auto& l = v[0].asList();
      for (size_t i = keys ? 0 : 1; i < l.size(); i += 2) out.push_back(l[i]);
      return Value::list(std::move(out));
    };
  };
  scalar(r, "map_keys", "map<K,V> -> array<K>")
      .emitter("map_keys")
      .fold(mapPart(true))
      .then([](const ResolveContext& c, Resolution& res) {
        if (c.type(0)->id() == TypeId::Map)
          res.result = DataType::arrayOf(c.type(0)->keyType(), false);
      });
  scalar(r, "map_values", "map<K,V> -> array<V>")
      .emitter("map_values")
      .fold(mapPart(false))
      .then([](const ResolveContext& c, Resolution& res) {
        if (c.type(0)->id() == TypeId::Map)
          res.result = DataType::arrayOf(c.type(0)->valueType(), c.type(0)->containsNull());
      });

  // array_contains / sort_array / array_distinct: the algorithms are stdlib/collections.h's,
  // shared with generated code (collections_abi.h); only the element ordering is the
  // Values' own (valueops::compare, which stdlib::compareSlots mirrors for slots).
  scalar(r, "array_contains", "array<T>, T -> boolean")
      .emitter("array_contains")
      .nulls(NullBehavior::Custom)
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull() || v[1].isNull()) return Value();
        const auto& l = v[0].asList();
        const DataType& et = *call.args[1]->type;
        const std::optional<bool> r = stdlib::arrayContains(
            l.size(), [&](size_t i) { return l[i].isNull(); },
            [&](size_t i) { return valueops::equal(l[i], v[1], et); });
        return r ? boolv(*r) : Value();
      })
      .then([](const ResolveContext& c, Resolution& res) {
        res.nullableOverride = true;
        res.nullable =
            anyNullable(c.args) || (c.type(0)->id() == TypeId::Array && c.type(0)->containsNull());
      });

  // sort_array(a [, asc]): the asc flag must be foldable (Spark: a boolean literal).
  scalar(r, "sort_array", "array<T> [, boolean] -> array<T>")
      .emitter("sort_array")
      .fold([](const Args& v, const Expr& call) {
        const bool asc = v.size() < 2 || v[1].asBool();
        const Value::List& l = v[0].asList();
        const DataType& et = *call.type->elementType();
        Value::List out;
        for (size_t k : stdlib::sortArrayOrder(
                 l.size(), asc, [&](size_t i) { return l[i].isNull(); },
                 [&](size_t i, size_t j) { return valueops::compare(l[i], l[j], et); }))
          out.push_back(l[k]);
        return Value::list(std::move(out));
      })
      .then([](const ResolveContext& c, Resolution& res) {
        if (!res.result->elementType()->isOrderable())
          failArg(c, 0, "an array of orderable elements");
        if (c.args.size() > 1 && !c.args[1]->foldable()) failArg(c, 1, "a foldable boolean");
        if (c.type(0)->id() == TypeId::Array) res.result = c.type(0);
      });

  scalar(r, "array_distinct", "array<T> -> array<T>")
      .emitter("array_distinct")
      .fold([](const Args& v, const Expr& call) {
        const Value::List& l = v[0].asList();
        const DataType& et = *call.type->elementType();
        Value::List out;
        for (size_t k : stdlib::distinctPositions(
                 l.size(), [&](size_t i) { return l[i].isNull(); },
                 [&](size_t i, size_t j) { return valueops::compare(l[i], l[j], et); }))
          out.push_back(l[k]);
        return Value::list(std::move(out));
      })
      .then([](const ResolveContext& c, Resolution& res) {
        if (c.type(0)->id() == TypeId::Array) res.result = c.type(0);
      });
}

}  // namespace sluice
