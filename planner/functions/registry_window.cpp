// Window function rows (Spark's ranking, distribution and offset window functions): they are
// only callable with OVER, and the Window operator's runtime computes them
// (runtime/exec/window_evaluator.h). Aggregates (count, sum, first_value, ...) are also
// window functions over frames; they keep their aggregate rows. Result types are Spark's.
#include "planner/functions/registry_rows.h"

namespace sluice {
namespace {

using namespace fnrow;

void notNull(Resolution& r) {
  r.nullableOverride = true;
  r.nullable = false;
}

// A positive constant integer argument (ntile's bucket count, nth_value's position).
void positiveConstant(const ResolveContext& c, size_t i, const char* what) {
  const Value v = constArg(c, i, std::string("a foldable positive integer ") + what);
  if (v.isNull() || v.asInt() <= 0)
    c.fail(static_cast<int>(i), "function " + c.name + " expects a positive " + what + ", got " +
                                    (v.isNull() ? "NULL" : std::to_string(v.asInt())));
}

// lag / lead (input [, offset [, default]]): the input's type; the default is cast to it.
Resolution offsetRule(const ResolveContext& c) {
  Resolution r;
  r.result = c.type(0);
  r.argTypes.resize(c.args.size());
  if (c.args.size() > 1) {
    if (!c.type(1)->isIntegral() && c.type(1)->id() != TypeId::Null) failArg(c, 1, "int");
    constArg(c, 1, "a foldable integer offset");
    r.argTypes[1] = DataType::integer();
  }
  if (c.args.size() > 2) {
    if (c.type(2)->id() != c.type(0)->id() && !canImplicitCast(c.type(2), c.type(0)))
      failArg(c, 2, c.type(0)->toString() + " (the type of the input)");
    r.argTypes[2] = c.type(0);
  }
  r.nullableOverride = true;
  r.nullable = true;
  return r;
}

}  // namespace

void registerWindowFunctions(FunctionRegistry& r) {
  for (const char* n : {"row_number", "rank", "dense_rank"})
    windowFunction(r, n, "-> int").then([](const ResolveContext&, Resolution& res) {
      notNull(res);
    });
  for (const char* n : {"percent_rank", "cume_dist"})
    windowFunction(r, n, "-> double").then([](const ResolveContext&, Resolution& res) {
      notNull(res);
    });
  windowFunction(r, "ntile", "int -> int").then([](const ResolveContext& c, Resolution& res) {
    positiveConstant(c, 0, "number of buckets");
    notNull(res);
  });
  windowFunction(r, "lag", "any [, int [, any]] -> ?").rule(offsetRule);
  windowFunction(r, "lead", "any [, int [, any]] -> ?").rule(offsetRule);
  windowFunction(r, "nth_value", "T, int -> T").then([](const ResolveContext& c, Resolution& res) {
    positiveConstant(c, 1, "offset");
    res.nullableOverride = true;
    res.nullable = true;
  });
}

}  // namespace sluice
