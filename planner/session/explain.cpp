#include "planner/session/explain.h"

#include "frontend/ast_printer.h"

namespace sluice {

std::string explainText(const ast::Statement& stmt, const PlannedStatement& planned,
                        ast::ExplainMode mode) {
  std::string out;
  if (!planned.query) {
    out += "== Command ==\n" + dump(stmt);
    if (!planned.message.empty()) out += "\n" + planned.message + "\n";
    return out;
  }
  const auto& q = *planned.query;
  if (planned.streaming) {
    const auto& s = *planned.streaming;
    out += "== Streaming Query ==\nname=" + s.name + " checkpointLocation=" + s.checkpointLocation +
           " outputMode=" + outputModeName(s.outputMode) + " trigger=" + s.trigger.toString() +
           "\n";
  }
  auto physical = [&] {
    return "\n== Physical Plan ==\n" +
           (q.physical ? q.physical->toString() : "(none: " + q.physicalError + ")\n");
  };
  if (mode == ast::ExplainMode::Simple) {
    out += "== Optimized Logical Plan ==\n" + treeString(q.optimized.plan);
    return out + physical();
  }
  out += "== Parsed Logical Plan ==\n" + dump(stmt);
  if (!out.empty() && out.back() != '\n') out += "\n";
  out += "\n== Analyzed Logical Plan ==\n" + treeString(q.analyzed);
  out += "\n== Optimized Logical Plan ==\n" + treeString(q.optimized.plan);
  out += "\n== Rules Applied ==\n";
  const auto names = q.optimized.firedRuleNames();
  if (names.empty()) out += "(none)\n";
  for (const auto& n : names) out += n + "\n";
  return out + physical();
}

}  // namespace sluice
