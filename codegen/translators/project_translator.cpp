#include "codegen/translators/project_translator.h"

#include <utility>
#include <vector>

#include "codegen/json_codegen.h"
#include "planner/physical/phys_filter.h"

namespace sluice {

void ProjectTranslator::consume(PipelineContext& ctx) {
  // A Filter right above whose first conjunct tests a field of a from_json output is pushed
  // into that call (Spark's JSON filter pushdown): records failing it skip the rest of the
  // pipeline without their struct being built.
  const Expr* condition = nullptr;
  if (parent() && parent()->op().kind() == PhysKind::Filter)
    condition = static_cast<const PhysFilter&>(parent()->op()).condition.get();
  // Compute every output before binding any: an output may reuse an input's id.
  std::vector<std::pair<ExprId, SqlValue>> out;
  llvm::Value* rejected = nullptr;
  ExprCodegen exprs = ctx.exprs();
  for (const auto& e : project_.list) {
    const Expr& value = e->kind == ExprKind::Alias ? *e->args[0] : *e;
    std::optional<JsonGuard> guard;
    if (condition && !rejected) guard = jsonGuardOf(value, e->outputAttr().id, *condition);
    if (guard) {
      GuardedJson g = compileGuardedFromJson(
          ctx.b, value, exprs.compile(value.args[0]), [&ctx] { return ctx.kernelArg(4); }, *guard);
      rejected = g.rejected;
      out.emplace_back(e->outputAttr().id, g.value);
      continue;
    }
    SqlValue v = exprs.compile(e);
    out.emplace_back(e->outputAttr().id, v);
  }
  for (auto& [id, v] : out) ctx.bindings[id] = v;
  if (!rejected) {
    parent()->consume(ctx);
    return;
  }
  IfBuilder keep(ctx.b, ctx.b.CreateNot(rejected), "from_json.guard");
  parent()->consume(ctx);
  keep.end();
}

}  // namespace sluice
