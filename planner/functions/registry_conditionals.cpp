// Conditional rows: if, coalesce (nvl, ifnull), nvl2, nullif, isnan, nanvl. The lazy ones are
// evaluated branch by branch in evaluateConstant; folds here serve the remaining cases.
#include <cmath>

#include "planner/functions/evaluate.h"
#include "planner/functions/registry_rows.h"
#include "planner/functions/value_ops.h"

namespace sluice {
namespace {

using namespace fnrow;

void nullableIfAny(const ResolveContext& c, Resolution& r, size_t from) {
  r.nullableOverride = true;
  r.nullable = false;
  for (size_t i = from; i < c.args.size(); ++i) r.nullable |= c.args[i]->nullable;
}

}  // namespace

void registerConditionalFunctions(FunctionRegistry& r) {
  scalar(r, "if", "boolean, T, T -> T")
      .emitter("if")
      .nulls(NullBehavior::Custom)
      .fold(
          [](const Args& v, const Expr&) { return !v[0].isNull() && v[0].asBool() ? v[1] : v[2]; })
      .then([](const ResolveContext& c, Resolution& res) { nullableIfAny(c, res, 1); });

  scalar(r, "coalesce", "T... -> T")
      .emitter("coalesce")
      .nulls(NullBehavior::Custom)
      .alias("nvl")
      .alias("ifnull")
      .fold([](const Args& v, const Expr&) {
        for (const auto& x : v)
          if (!x.isNull()) return x;
        return Value();
      })
      .then([](const ResolveContext& c, Resolution& res) {
        // nvl / ifnull are the two-argument forms.
        if (c.name != "coalesce" && c.args.size() != 2)
          c.fail(-1, "function " + c.name + " requires 2 arguments, got " +
                         std::to_string(c.args.size()));
        res.nullableOverride = true;
        res.nullable = true;
        for (const auto& a : c.args) res.nullable &= a->nullable;
      });

  scalar(r, "nvl2", "any, T, T -> T")
      .emitter("nvl2")
      .nulls(NullBehavior::Custom)
      .fold([](const Args& v, const Expr&) { return v[0].isNull() ? v[2] : v[1]; })
      .then([](const ResolveContext& c, Resolution& res) { nullableIfAny(c, res, 1); });

  scalar(r, "nullif", "any, any -> ?")
      .emitter("nullif")
      .nulls(NullBehavior::Custom)
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull() || v[1].isNull()) return v[0];
        const TypePtr& ta = call.args[0]->type;
        const TypePtr& tb = call.args[1]->type;
        TypePtr t = comparisonType(ta, tb);
        const Value a = castValue(v[0], *ta, *t), b = castValue(v[1], *tb, *t);
        if (!a.isNull() && !b.isNull() && valueops::equal(a, b, *t)) return Value();
        return v[0];
      })
      .then([](const ResolveContext& c, Resolution& res) {
        if (!comparisonType(c.type(0), c.type(1))) failArg(c, 1, c.type(0)->toString());
        res.result = c.type(0);
        res.argTypes.assign(2, nullptr);
        res.nullableOverride = true;
        res.nullable = true;
      });

  scalar(r, "isnan", "double -> boolean")
      .emitter("isnan")
      .nulls(NullBehavior::NeverNull)
      .fold([](const Args& v, const Expr&) {
        return boolv(!v[0].isNull() && std::isnan(v[0].asDouble()));
      });

  scalar(r, "nanvl", "double, double -> double")
      .emitter("nanvl")
      .nulls(NullBehavior::Custom)
      .fold([](const Args& v, const Expr&) {
        if (v[0].isNull()) return Value();
        return std::isnan(v[0].asDouble()) ? v[1] : v[0];
      })
      .then([](const ResolveContext& c, Resolution& res) { nullableIfAny(c, res, 0); });
}

}  // namespace sluice
