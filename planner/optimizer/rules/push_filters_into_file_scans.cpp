// Filter(col op lit AND ..., Scan[parquet|json|jdbc]) => Filter(same, Scan PushedFilters: [...])
// The Parquet reader skips row groups whose statistics prove no row matches; the JSON reader
// drops the rows that fail (Spark's spark.sql.json.filterPushdown). The Filter stays, since a
// row group that may match still holds rows that do not.
#include <algorithm>
#include <optional>

#include "planner/functions/function.h"
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"
#include "planner/sources/jdbc/jdbc_table.h"

namespace sluice {
namespace {

const char* flipped(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return "=";
}

bool isColumn(const ExprPtr& e) {
  return e->kind == ExprKind::ColumnRef;
}
bool isConstant(const ExprPtr& e) {
  return e->kind == ExprKind::Literal && !e->value.isNull();
}

// `c` as a pushed filter on one of `attrs`, if it has a form the reader understands: a
// comparison of a column with a non-NULL literal of the same type, or a (not) null test.
std::optional<PushedFilter> asPushed(const ExprPtr& c, const std::vector<Attribute>& attrs) {
  if (c->kind != ExprKind::Call || !c->fn) return std::nullopt;
  const std::string& op = c->fn->name;
  auto column = [&](const ExprPtr& e) -> const Attribute* {
    if (!isColumn(e)) return nullptr;
    for (const auto& a : attrs)
      if (a.id == e->attr.id) return &a;
    return nullptr;
  };
  if ((op == "isnull" || op == "isnotnull") && c->args.size() == 1) {
    if (const Attribute* a = column(c->args[0])) return PushedFilter{a->name, op, Value(), a->type};
    return std::nullopt;
  }
  if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=") return std::nullopt;
  if (c->args.size() != 2) return std::nullopt;
  ExprPtr l = c->args[0], r = c->args[1];
  std::string o = op;
  if (isConstant(l) && isColumn(r)) {
    std::swap(l, r);
    o = flipped(op);
  }
  const Attribute* a = column(l);
  if (!a || !isConstant(r) || !r->type->equals(*a->type) || a->type->isComplex())
    return std::nullopt;
  return PushedFilter{a->name, o, r->value, a->type};
}

PlanPtr push(const PlanPtr& p) {
  const auto* f = as<Filter>(p);
  const auto* s = f ? as<Scan>(f->child()) : nullptr;
  if (!s || s->source != SourceKind::File ||
      (s->format != "parquet" && s->format != "json" && s->format != "jdbc"))
    return p;
  std::vector<PushedFilter> pushed;
  for (const auto& c : splitConjuncts(f->condition))
    if (auto pf = asPushed(c, s->attrs))
      // jdbc: only what the server decides as Spark would (planner/sources/jdbc/jdbc_sql.h).
      if (s->format != "jdbc" || jdbcCanPush(s->options, *pf)) pushed.push_back(std::move(*pf));
  auto same = [](const PushedFilter& a, const PushedFilter& b) {
    return a.column == b.column && a.op == b.op && a.literal == b.literal;
  };
  if (pushed.size() == s->pushedFilters.size() &&
      std::equal(pushed.begin(), pushed.end(), s->pushedFilters.begin(), same))
    return p;  // already there: the rule must reach a fixed point
  auto scan = std::make_shared<Scan>(*s);
  scan->pushedFilters = std::move(pushed);
  return f->withNewChildren({scan});
}

PlanPtr pushFiltersIntoFileScans(const PlanPtr& plan) {
  return transformUp(plan, push);
}

}  // namespace

RulePtr makePushFiltersIntoFileScans() {
  return std::make_unique<FunctionRule>("PushFiltersIntoFileScans", &pushFiltersIntoFileScans);
}

}  // namespace sluice
