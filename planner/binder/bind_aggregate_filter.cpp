// agg(args) FILTER (WHERE cond): the aggregate sees only the rows where cond is true. Every
// aggregate but count(*) and first / last / any_value skips NULL inputs, so the filter
// becomes a NULL input on the other rows, which runs unchanged in batch and streaming
// aggregation, with DISTINCT too:
//   sum(x) FILTER (WHERE c)      => sum(if(c, x, NULL))
//   count(*) FILTER (WHERE c)    => count(if(c, 1, NULL))
//   sum(1) FILTER (WHERE c)      => sum(if(c, 1, NULL))
//   first(x) FILTER (WHERE c)    => first(if(c, named_struct('v', x), NULL), true).v
// (first / last keep a NULL x of a row that passes: the struct around it is not NULL).
#include "planner/binder/binder_impl.h"

namespace sluice {

ExprPtr Binder::Impl::bindAggregateFilter(const FunctionDef& fn, std::vector<ExprPtr> args,
                                          const ast::Expr& e, const ExprContext& inner,
                                          const std::string& name) {
  if (fn.kind != FunctionKind::Aggregate)
    fail("FILTER (WHERE ...) is only allowed in aggregate functions, not in " + name + "()",
         e.filter->span);
  ExprContext ctx = inner;
  ctx.clause = "the FILTER clause of an aggregate function";
  ExprPtr cond = bindExpr(*e.filter, ctx);
  if (cond->type->id() == TypeId::Null) cond = castTo(cond, DataType::boolean());
  if (cond->type->id() != TypeId::Boolean)
    fail("[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN] Cannot resolve \"" + name +
             "\" due to data type mismatch: Filter expression \"" + cond->toString() +
             "\" of type " + cond->type->toString() + " is not a boolean",
         e.filter->span);
  if (!cond->deterministic())
    fail("[AGGREGATE_FUNCTION_WITH_NONDETERMINISTIC_EXPRESSION] Non-deterministic expression " +
             cond->toString() + " should not appear in the arguments of an aggregate function",
         e.filter->span);
  if (fn.name == "grouping" || fn.name == "grouping_id")
    fail("FILTER (WHERE ...) is not allowed in " + name + "()", e.filter->span);
  auto onlyWhere = [&](const ExprPtr& x) {
    return op("if", {cond, x, makeLiteral(Value(), x->type)}, e.span);
  };
  const bool firstLast = fn.name == "first" || fn.name == "last" || fn.name == "any_value";
  const bool ignoreNulls = args.size() > 1 && args[1]->kind == ExprKind::Literal &&
                           !args[1]->value.isNull() && args[1]->value.asBool();
  if (firstLast && !ignoreNulls) {
    ExprPtr boxed =
        op("named_struct", {makeLiteral(Value::bytes("v"), DataType::string()), args[0]}, e.span);
    std::vector<ExprPtr> filtered = {onlyWhere(boxed),
                                     makeLiteral(Value::boolean(true), DataType::boolean())};
    return extractField(resolveCall(fn, std::move(filtered), e.span, name, e.distinct), "v",
                        e.span);
  }
  // Constant arguments (a percentile's percentage, an accuracy) stay constant; when every
  // argument is constant (count(*), sum(1)) the value, the first, is filtered.
  bool wrapped = false;
  for (auto& a : args)
    if (!a->foldable()) {
      a = onlyWhere(a);
      wrapped = true;
    }
  if (!wrapped && !args.empty()) args[0] = onlyWhere(args[0]);
  return resolveCall(fn, std::move(args), e.span, name, e.distinct);
}

}  // namespace sluice
