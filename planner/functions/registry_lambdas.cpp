// Higher-order functions (Spark's HigherOrderFunction): transform, filter, exists, forall,
// aggregate / reduce, zip_with, map_filter, map_zip_with, transform_keys, transform_values and
// array_sort. Their lambda arguments are bound by the binder with the parameter types each
// row's `lambdas` hook gives (bindHigherOrderCall); folds apply them with applyLambda, and the
// code generator compiles them inline in a loop (codegen/expr_codegen_lambda.cpp). A NULL
// array or map gives NULL; the lambda sees NULL elements as NULL.
#include <algorithm>
#include <optional>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/registry_rows.h"

namespace sluice {
namespace {

using namespace fnrow;

// Argument `i` must be an array: its element type and whether elements may be NULL.
const DataType& arrayArg(const ResolveContext& c, size_t i) {
  if (!c.args[i] || c.type(i)->id() != TypeId::Array) failArg(c, i, "an array");
  return *c.type(i);
}
const DataType& mapArg(const ResolveContext& c, size_t i) {
  if (!c.args[i] || c.type(i)->id() != TypeId::Map) failArg(c, i, "a map");
  return *c.type(i);
}

// `element [, int index]` for transform / filter; `element` only for exists / forall.
LambdaParamsFn elementParams(bool withIndex) {
  return [withIndex](const ResolveContext& c, size_t, size_t declared) {
    const DataType& a = arrayArg(c, 0);
    std::vector<StructField> out = {{"x", a.elementType(), a.containsNull()}};
    if (withIndex && declared == 2) out.push_back({"i", DataType::integer(), false});
    return out;
  };
}

// The lambda at argument `i` must return a boolean (Spark: no implicit cast).
void booleanLambda(const ResolveContext& c, size_t i) {
  const TypeId t = c.type(i)->id();
  if (t != TypeId::Boolean && t != TypeId::Null)
    c.fail(static_cast<int>(i), "function " + c.name +
                                    " expects a lambda function returning "
                                    "boolean, got " +
                                    c.type(i)->toString());
}

Resolution nullableResult(TypePtr t) {
  Resolution r;
  r.result = std::move(t);
  r.nullableOverride = true;
  r.nullable = true;
  return r;
}

// Three-valued truth of a predicate result.
std::optional<bool> truth(const Value& v) {
  if (v.isNull()) return std::nullopt;
  return v.asBool();
}

// Map values are flat lists [k0, v0, k1, v1, ...].
Value mapOf(Value::List kv) {
  return Value::list(std::move(kv));
}

void registerArrayLambdas(FunctionRegistry& r) {
  scalar(r, "transform", "array, any -> ?")
      .nulls(NullBehavior::Custom)
      .emitter("transform")
      .lambdas(elementParams(true))
      .rule([](const ResolveContext& c) {
        arrayArg(c, 0);
        Resolution res = nullableResult(DataType::arrayOf(c.type(1), c.args[1]->nullable));
        res.nullable = c.args[0]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        Value::List out;
        const auto& l = v[0].asList();
        for (size_t i = 0; i < l.size(); ++i)
          out.push_back(applyLambda(*call.args[1], {l[i], i64(static_cast<int64_t>(i))}));
        return Value::list(std::move(out));
      });
  scalar(r, "filter", "array, any -> ?")
      .nulls(NullBehavior::Custom)
      .emitter("filter")
      .lambdas(elementParams(true))
      .rule([](const ResolveContext& c) {
        arrayArg(c, 0);
        booleanLambda(c, 1);
        Resolution res = nullableResult(c.type(0));
        res.nullable = c.args[0]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        Value::List out;
        const auto& l = v[0].asList();
        for (size_t i = 0; i < l.size(); ++i)
          if (truth(applyLambda(*call.args[1], {l[i], i64(static_cast<int64_t>(i))}))
                  .value_or(false))
            out.push_back(l[i]);
        return Value::list(std::move(out));
      });
  // exists: true if the predicate holds for some element; otherwise NULL if it was NULL for
  // some, else false (spark.sql.legacy.followThreeValuedLogicInArrayExists, the default).
  // forall: false if it fails for some; otherwise NULL if it was NULL for some, else true.
  for (const bool any : {true, false}) {
    scalar(r, any ? "exists" : "forall", "array, any -> boolean")
        .nulls(NullBehavior::Custom)
        .emitter(any ? "exists" : "forall")
        .lambdas(elementParams(false))
        .rule([](const ResolveContext& c) {
          arrayArg(c, 0);
          booleanLambda(c, 1);
          return nullableResult(DataType::boolean());
        })
        .fold([any](const Args& v, const Expr& call) {
          if (v[0].isNull()) return Value();
          bool sawNull = false;
          for (const auto& x : v[0].asList()) {
            const auto t = truth(applyLambda(*call.args[1], {x}));
            if (!t)
              sawNull = true;
            else if (*t == any)
              return boolv(any);
          }
          return sawNull ? Value() : boolv(!any);
        });
  }
  // aggregate(array, zero, (acc, x) -> merge [, acc -> finish]): the merge must return the
  // zero's type (Spark's rule, no implicit cast).
  scalar(r, "aggregate", "array, any, any [, any] -> ?")
      .alias("reduce")
      .nulls(NullBehavior::Custom)
      .emitter("aggregate")
      .lambdas([](const ResolveContext& c, size_t i, size_t) -> std::vector<StructField> {
        const DataType& a = arrayArg(c, 0);
        if (i == 2) return {{"acc", c.type(1), true}, {"x", a.elementType(), a.containsNull()}};
        if (!c.args[2]) c.fail(3, "function " + c.name + " expects a merge lambda function");
        return {{"acc", c.type(1), true}};
      })
      .rule([](const ResolveContext& c) {
        arrayArg(c, 0);
        for (size_t i = 2; i < c.args.size(); ++i)
          if (c.args[i]->kind != ExprKind::Lambda)
            c.fail(static_cast<int>(i), "function " + c.name +
                                            " expects a lambda function for "
                                            "argument " +
                                            std::to_string(i + 1));
        if (!c.type(2)->equals(*c.type(1)))
          c.fail(2, "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] function " + c.name +
                        ": the merge function must return the type of the initial value (" +
                        c.type(1)->toString() + "), got " + c.type(2)->toString());
        return nullableResult(c.args.size() > 3 ? c.type(3) : c.type(1));
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        Value acc = v[1];
        for (const auto& x : v[0].asList()) acc = applyLambda(*call.args[2], {acc, x});
        return call.args.size() > 3 ? applyLambda(*call.args[3], {acc}) : acc;
      });
  // zip_with(a, b, (x, y) -> ...): as long as the longer array, the shorter padded with NULLs.
  scalar(r, "zip_with", "array, array, any -> ?")
      .nulls(NullBehavior::Custom)
      .emitter("zip_with")
      .lambdas([](const ResolveContext& c, size_t, size_t) -> std::vector<StructField> {
        return {{"x", arrayArg(c, 0).elementType(), true},
                {"y", arrayArg(c, 1).elementType(), true}};
      })
      .rule([](const ResolveContext& c) {
        arrayArg(c, 0);
        arrayArg(c, 1);
        Resolution res = nullableResult(DataType::arrayOf(c.type(2), c.args[2]->nullable));
        res.nullable = c.args[0]->nullable || c.args[1]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull() || v[1].isNull()) return Value();
        const auto &a = v[0].asList(), &b = v[1].asList();
        Value::List out;
        for (size_t i = 0; i < std::max(a.size(), b.size()); ++i)
          out.push_back(applyLambda(
              *call.args[2], {i < a.size() ? a[i] : Value(), i < b.size() ? b[i] : Value()}));
        return Value::list(std::move(out));
      });
  // array_sort(a [, (l, r) -> int]): ascending with NULLs last, or by the comparator (a
  // negative, zero or positive integer; NULL fails the query), stable.
  scalar(r, "array_sort", "array [, any] -> ?")
      .nulls(NullBehavior::Custom)
      .emitter("array_sort")
      .lambdas([](const ResolveContext& c, size_t, size_t) -> std::vector<StructField> {
        const DataType& a = arrayArg(c, 0);
        return {{"left", a.elementType(), a.containsNull()},
                {"right", a.elementType(), a.containsNull()}};
      })
      .rule([](const ResolveContext& c) {
        const DataType& a = arrayArg(c, 0);
        if (c.args.size() > 1) {
          if (c.args[1]->kind != ExprKind::Lambda || !c.type(1)->isIntegral())
            c.fail(1,
                   "function array_sort expects a comparator lambda function returning an "
                   "integer, got " +
                       c.args[1]->toString());
        } else if (!a.elementType()->isOrderable()) {
          failArg(c, 0, "an array of orderable elements");
        }
        Resolution res = nullableResult(c.type(0));
        res.nullable = c.args[0]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        Value::List out = v[0].asList();
        const DataType& et = *call.args[0]->type->elementType();
        // Insertion sort, as generated code does: a comparator that is not a total order then
        // gives the same answer both ways.
        for (size_t i = 1; i < out.size(); ++i) {
          for (size_t j = i; j > 0; --j) {
            int64_t c;
            if (call.args.size() > 1) {
              const Value r = applyLambda(*call.args[1], {out[j - 1], out[j]});
              if (r.isNull())
                throw std::invalid_argument(
                    "[COMPARATOR_RETURNS_NULL] The comparator has returned a NULL for a "
                    "comparison between " +
                    out[j - 1].toString(et) + " and " + out[j].toString(et) + ".");
              c = r.asInt();
            } else {
              const bool ln = out[j - 1].isNull(), rn = out[j].isNull();
              c = ln || rn ? (ln && !rn ? 1 : 0) : valueops::compare(out[j - 1], out[j], et);
            }
            if (c <= 0) break;
            std::swap(out[j - 1], out[j]);
          }
        }
        return Value::list(std::move(out));
      });
}

// `(k, v)` of a map argument.
LambdaParamsFn entryParams() {
  return [](const ResolveContext& c, size_t, size_t) -> std::vector<StructField> {
    const DataType& m = mapArg(c, 0);
    return {{"k", m.keyType(), false}, {"v", m.valueType(), m.containsNull()}};
  };
}

void checkKeys(const Value::List& kv, const DataType& keyType) {
  for (size_t i = 0; i < kv.size(); i += 2) {
    if (kv[i].isNull()) throw std::invalid_argument("Cannot use null as map key");
    for (size_t j = 0; j < i; j += 2)
      if (valueops::equal(kv[i], kv[j], keyType))
        throw std::invalid_argument("[DUPLICATED_MAP_KEY] Duplicate map key " +
                                    kv[i].toString(keyType) + " was found");
  }
}

void registerMapLambdas(FunctionRegistry& r) {
  scalar(r, "map_filter", "map, any -> ?")
      .nulls(NullBehavior::Custom)
      .emitter("map_filter")
      .lambdas(entryParams())
      .rule([](const ResolveContext& c) {
        mapArg(c, 0);
        booleanLambda(c, 1);
        Resolution res = nullableResult(c.type(0));
        res.nullable = c.args[0]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        const auto& l = v[0].asList();
        Value::List out;
        for (size_t i = 0; i + 1 < l.size(); i += 2)
          if (truth(applyLambda(*call.args[1], {l[i], l[i + 1]})).value_or(false)) {
            out.push_back(l[i]);
            out.push_back(l[i + 1]);
          }
        return mapOf(std::move(out));
      });
  // transform_keys: a NULL or repeated new key fails the query (mapKeyDedupPolicy EXCEPTION).
  scalar(r, "transform_keys", "map, any -> ?")
      .nulls(NullBehavior::Custom)
      .emitter("transform_keys")
      .lambdas(entryParams())
      .rule([](const ResolveContext& c) {
        const DataType& m = mapArg(c, 0);
        if (c.type(1)->id() == TypeId::Map || c.type(1)->id() == TypeId::Null)
          c.fail(1,
                 "function transform_keys expects a lambda function returning a key type "
                 "that supports equality, got " +
                     c.type(1)->toString());
        Resolution res =
            nullableResult(DataType::mapOf(c.type(1), m.valueType(), m.containsNull()));
        res.nullable = c.args[0]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        const auto& l = v[0].asList();
        Value::List out;
        for (size_t i = 0; i + 1 < l.size(); i += 2) {
          out.push_back(applyLambda(*call.args[1], {l[i], l[i + 1]}));
          out.push_back(l[i + 1]);
        }
        checkKeys(out, *call.type->keyType());
        return mapOf(std::move(out));
      });
  scalar(r, "transform_values", "map, any -> ?")
      .nulls(NullBehavior::Custom)
      .emitter("transform_values")
      .lambdas(entryParams())
      .rule([](const ResolveContext& c) {
        const DataType& m = mapArg(c, 0);
        Resolution res =
            nullableResult(DataType::mapOf(m.keyType(), c.type(1), c.args[1]->nullable));
        res.nullable = c.args[0]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        const auto& l = v[0].asList();
        Value::List out;
        for (size_t i = 0; i + 1 < l.size(); i += 2) {
          out.push_back(l[i]);
          out.push_back(applyLambda(*call.args[1], {l[i], l[i + 1]}));
        }
        return mapOf(std::move(out));
      });
  // map_zip_with(m1, m2, (k, v1, v2) -> ...): the keys of m1 in order, then those only in m2;
  // a value missing from one side is NULL.
  scalar(r, "map_zip_with", "map, map, any -> ?")
      .nulls(NullBehavior::Custom)
      .emitter("map_zip_with")
      .lambdas([](const ResolveContext& c, size_t, size_t) -> std::vector<StructField> {
        const DataType &a = mapArg(c, 0), &b = mapArg(c, 1);
        if (!a.keyType()->equals(*b.keyType()))
          failArg(c, 1, "a map with the key type of argument 1 (" + a.keyType()->toString() + ")");
        return {
            {"k", a.keyType(), false}, {"v1", a.valueType(), true}, {"v2", b.valueType(), true}};
      })
      .rule([](const ResolveContext& c) {
        const DataType& a = mapArg(c, 0);
        mapArg(c, 1);
        Resolution res =
            nullableResult(DataType::mapOf(a.keyType(), c.type(2), c.args[2]->nullable));
        res.nullable = c.args[0]->nullable || c.args[1]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull() || v[1].isNull()) return Value();
        const auto &a = v[0].asList(), &b = v[1].asList();
        const DataType& kt = *call.args[0]->type->keyType();
        auto find = [&](const Value::List& l, const Value& k) -> Value {
          for (size_t i = 0; i + 1 < l.size(); i += 2)
            if (valueops::equal(l[i], k, kt)) return l[i + 1];
          return Value();
        };
        auto has = [&](const Value::List& l, const Value& k) {
          for (size_t i = 0; i + 1 < l.size(); i += 2)
            if (valueops::equal(l[i], k, kt)) return true;
          return false;
        };
        Value::List out;
        for (size_t i = 0; i + 1 < a.size(); i += 2) {
          out.push_back(a[i]);
          out.push_back(applyLambda(*call.args[2], {a[i], a[i + 1], find(b, a[i])}));
        }
        for (size_t i = 0; i + 1 < b.size(); i += 2) {
          if (has(a, b[i])) continue;
          out.push_back(b[i]);
          out.push_back(applyLambda(*call.args[2], {b[i], Value(), b[i + 1]}));
        }
        return mapOf(std::move(out));
      });
}

}  // namespace

void registerHigherOrderFunctions(FunctionRegistry& r) {
  registerArrayLambdas(r);
  registerMapLambdas(r);
}

}  // namespace sluice
