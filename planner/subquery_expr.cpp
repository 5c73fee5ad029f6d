#include "planner/subquery_expr.h"

#include <map>
#include <mutex>
#include <stdexcept>

#include "planner/functions/function.h"

namespace sluice {
namespace {

FunctionDef row(const char* name, NullBehavior nulls) {
  FunctionDef d;
  d.name = name;
  d.kind = FunctionKind::Scalar;
  d.nulls = nulls;
  d.minArgs = 1;
  d.maxArgs = -1;
  d.description = "internal: a subquery, rewritten into a join by the optimizer";
  return d;
}

const FunctionDef kScalar = row("scalar-subquery", NullBehavior::Custom);
const FunctionDef kExists = row("exists", NullBehavior::NeverNull);
const FunctionDef kIn = row("listquery", NullBehavior::Custom);

// Plans by subquery id. Entries live as long as the process: a bound statement may keep its
// expressions anywhere (views, EXPLAIN output, streaming queries).
struct Plans {
  std::mutex mu;
  std::map<ExprId, PlanPtr> byId;
};
Plans& plans() {
  static Plans* p = new Plans();
  return *p;
}

}  // namespace

ExprPtr makeSubquery(SubqueryKind kind, PlanPtr plan, std::vector<ExprPtr> values,
                     std::vector<ExprPtr> outer, SourceSpan span) {
  const ExprId id = newExprId();
  {
    std::lock_guard<std::mutex> lock(plans().mu);
    plans().byId[id] = plan;
  }
  const FunctionDef* fn = kind == SubqueryKind::Scalar   ? &kScalar
                          : kind == SubqueryKind::Exists ? &kExists
                                                         : &kIn;
  std::vector<ExprPtr> args{makeLiteral(Value::integer(id), DataType::bigint())};
  args.insert(args.end(), values.begin(), values.end());
  args.insert(args.end(), outer.begin(), outer.end());
  const TypePtr type =
      kind == SubqueryKind::Scalar ? plan->output().at(0).type : DataType::boolean();
  auto e = std::make_shared<Expr>(
      *makeCall(fn, std::move(args), type, kind != SubqueryKind::Exists, span));
  e->ordinal = static_cast<int>(values.size());  // how many args after the id are values
  return e;
}

bool isSubquery(const Expr& e) {
  return e.kind == ExprKind::Call && (e.fn == &kScalar || e.fn == &kExists || e.fn == &kIn);
}

SubqueryKind subqueryKind(const Expr& e) {
  return e.fn == &kScalar   ? SubqueryKind::Scalar
         : e.fn == &kExists ? SubqueryKind::Exists
                            : SubqueryKind::In;
}

ExprId subqueryId(const Expr& e) {
  return e.args.at(0)->value.asInt();
}

const PlanPtr& subqueryPlan(const Expr& e) {
  std::lock_guard<std::mutex> lock(plans().mu);
  auto it = plans().byId.find(subqueryId(e));
  if (it == plans().byId.end()) throw std::logic_error("unknown subquery " + e.toString());
  return it->second;
}

std::vector<ExprPtr> subqueryValues(const Expr& e) {
  return {e.args.begin() + 1, e.args.begin() + 1 + e.ordinal};
}

std::vector<ExprPtr> subqueryOuterRefs(const Expr& e) {
  return {e.args.begin() + 1 + e.ordinal, e.args.end()};
}

}  // namespace sluice
