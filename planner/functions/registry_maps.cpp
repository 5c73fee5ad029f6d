// Spark's map builders beyond registry_collections.cpp: map_from_arrays, map_from_entries,
// map_concat, map_entries, map_contains_key and str_to_map. A NULL or repeated key fails the
// query (Spark's default spark.sql.mapKeyDedupPolicy=EXCEPTION). Kernels are Values code here
// and the emitters of codegen/nested_codegen_maps.cpp.
#include "planner/functions/registry_rows.h"
#include "stdlib/collections_spark.h"

namespace sluice {
namespace {

using namespace fnrow;

void checkMapKeys(const Value::List& kv, const DataType& keyType) {
  for (size_t i = 0; i < kv.size(); i += 2) {
    if (kv[i].isNull()) throw std::invalid_argument("Cannot use null as map key");
    for (size_t j = 0; j < i; j += 2)
      if (valueops::equal(kv[i], kv[j], keyType))
        throw std::invalid_argument("[DUPLICATED_MAP_KEY] Duplicate map key " +
                                    kv[i].toString(keyType) + " was found");
  }
}

}  // namespace

void registerMapFunctions(FunctionRegistry& r) {
  scalar(r, "map_from_arrays", "array, array -> ?")
      .emitter("map_from_arrays")
      .then([](const ResolveContext& c, Resolution& res) {
        const DataType &k = arrayArg(c, 0), &v = arrayArg(c, 1);
        if (k.elementType()->id() == TypeId::Map) failArg(c, 0, "an array of comparable keys");
        res.result = DataType::mapOf(k.elementType(), v.elementType(), v.containsNull());
      })
      .fold([](const Args& v, const Expr& call) {
        const auto &k = v[0].asList(), &x = v[1].asList();
        if (k.size() != x.size())
          throw std::invalid_argument(
              "The key array and value array of MapData must have the same length.");
        Value::List out;
        for (size_t i = 0; i < k.size(); ++i) {
          out.push_back(k[i]);
          out.push_back(x[i]);
        }
        checkMapKeys(out, *call.type->keyType());
        return Value::list(std::move(out));
      });
  // map_from_entries(array<struct<k, v>>): NULL when an entry is NULL.
  scalar(r, "map_from_entries", "array -> ?")
      .emitter("map_from_entries")
      .nulls(NullBehavior::Custom)
      .then([](const ResolveContext& c, Resolution& res) {
        const DataType& a = arrayArg(c, 0);
        const DataType& e = *a.elementType();
        if (e.id() != TypeId::Struct || e.fields().size() != 2)
          failArg(c, 0, "an array of two-field structs");
        res.result =
            DataType::mapOf(e.fields()[0].type, e.fields()[1].type, e.fields()[1].nullable);
        markNullable(res);
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        Value::List out;
        for (const auto& e : v[0].asList()) {
          if (e.isNull()) return Value();
          out.push_back(e.asList()[0]);
          out.push_back(e.asList()[1]);
        }
        checkMapKeys(out, *call.type->keyType());
        return Value::list(std::move(out));
      });
  // map_concat(m, ...): a repeated key fails the query (mapKeyDedupPolicy EXCEPTION).
  scalar(r, "map_concat", "[map...] -> ?")
      .emitter("map_concat")
      .rule([](const ResolveContext& c) {
        Resolution res;
        res.argTypes.resize(c.args.size());
        TypePtr t =
            c.args.empty() ? DataType::mapOf(DataType::string(), DataType::string()) : c.type(0);
        for (size_t i = 0; i < c.args.size(); ++i) {
          mapArg(c, i);
          t = commonType(t, c.type(i));
          if (!t) failArg(c, i, c.type(0)->toString());
        }
        for (size_t i = 0; i < c.args.size(); ++i)
          if (!t->equals(*c.type(i))) res.argTypes[i] = t;
        res.result = t;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        Value::List out;
        for (const auto& m : v) out.insert(out.end(), m.asList().begin(), m.asList().end());
        checkMapKeys(out, *call.type->keyType());
        return Value::list(std::move(out));
      });
  scalar(r, "map_entries", "map -> ?")
      .emitter("map_entries")
      .then([](const ResolveContext& c, Resolution& res) {
        const DataType& m = mapArg(c, 0);
        res.result = DataType::arrayOf(
            DataType::structOf({{"key", m.keyType(), false}, {"value", m.valueType(), true}}),
            false);
      })
      .fold([](const Args& v, const Expr&) {
        Value::List out;
        const auto& l = v[0].asList();
        for (size_t i = 0; i + 1 < l.size(); i += 2) out.push_back(Value::list({l[i], l[i + 1]}));
        return Value::list(std::move(out));
      });
  scalar(r, "map_contains_key", "map, any -> boolean")
      .emitter("map_contains_key")
      .rule([](const ResolveContext& c) {
        const DataType& m = mapArg(c, 0);
        TypePtr t = commonType(m.keyType(), c.type(1));
        if (!t || !t->equals(*m.keyType())) failArg(c, 1, m.keyType()->toString());
        Resolution res;
        res.argTypes = {nullptr, t->equals(*c.type(1)) ? nullptr : t};
        res.result = DataType::boolean();
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        const auto& l = v[0].asList();
        for (size_t i = 0; i + 1 < l.size(); i += 2)
          if (valueops::equal(l[i], v[1], *call.args[1]->type)) return boolv(true);
        return boolv(false);
      });
  // str_to_map(text [, pairDelim [, keyValueDelim]]): regex delimiters ',' and ':'.
  scalar(r, "str_to_map", "string [, string [, string]] -> map<string,string>")
      .emitter("str_to_map")
      .fold([](const Args& v, const Expr&) {
        Value::List out;
        for (auto& [k, x] : stdlib::strToMap(v[0].asString(), v.size() > 1 ? v[1].asString() : ",",
                                             v.size() > 2 ? v[2].asString() : ":")) {
          out.push_back(str(k));
          out.push_back(x ? str(*x) : Value());
        }
        return Value::list(std::move(out));
      })
      .then([](const ResolveContext&, Resolution& res) {
        res.result = DataType::mapOf(DataType::string(), DataType::string(), true);
      });
}

}  // namespace sluice
