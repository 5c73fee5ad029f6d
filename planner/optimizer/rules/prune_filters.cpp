// Filter(true, x) => x; Filter(false or NULL, x) => empty LocalRelation with x's output
#include "planner/logical/all.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

PlanPtr prune(const PlanPtr& p) {
  const auto* f = as<Filter>(p);
  if (!f) return p;
  if (isTrueLiteral(f->condition)) return f->child();
  // A stream keeps its source: replacing it would also drop the watermarks and offsets the
  // runtime tracks, and a never-true filter over a stream is cheap anyway.
  if ((isFalseLiteral(f->condition) || isNullLiteral(f->condition)) && !f->isStreaming()) {
    auto empty = std::make_shared<Scan>(SourceKind::Values, "values", "values",
                                        std::map<std::string, std::string>{}, f->output(), false);
    empty->span = f->span;
    return empty;
  }
  return p;
}

PlanPtr pruneFilters(const PlanPtr& plan) {
  return transformUp(plan, prune);
}

}  // namespace

RulePtr makePruneFilters() {
  return std::make_unique<FunctionRule>("PruneFilters", &pruneFilters);
}

}  // namespace sluice
