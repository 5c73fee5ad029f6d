#include "codegen/translators/project_translator.h"

#include <utility>
#include <vector>

namespace sluice {

void ProjectTranslator::consume(PipelineContext& ctx) {
  // Compute every output before binding any: an output may reuse an input's id.
  std::vector<std::pair<ExprId, SqlValue>> out;
  ExprCodegen exprs = ctx.exprs();
  for (const auto& e : project_.list) {
    SqlValue v = exprs.compile(e);
    out.emplace_back(e->outputAttr().id, v);
  }
  for (auto& [id, v] : out) ctx.bindings[id] = v;
  parent()->consume(ctx);
}

}  // namespace sluice
