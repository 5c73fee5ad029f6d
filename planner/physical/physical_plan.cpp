#include "planner/physical/physical_plan.h"

namespace sluice {
namespace {

void render(const PhysPtr& p, const std::string& prefix, bool last, bool root, std::string& out) {
  if (!root) out += prefix + (last ? "+- " : ":- ");
  out += "*(" +
         std::to_string(p->isBreaker() && p->outputPipeline ? p->outputPipeline : p->pipeline) +
         ") ";
  out += p->nodeName();
  const std::string args = p->argString();
  if (!args.empty()) out += " " + args;
  if (p->isBreaker() && p->outputPipeline && p->outputPipeline != p->pipeline)
    out += " [input in *(" + std::to_string(p->pipeline) + ")]";
  out += "\n";
  const std::string childPrefix = root ? "" : prefix + (last ? "   " : ":  ");
  const auto& cs = p->children();
  for (size_t i = 0; i < cs.size(); ++i) render(cs[i], childPrefix, i + 1 == cs.size(), false, out);
}

}  // namespace

std::string physTreeString(const PhysPtr& root) {
  std::string out;
  render(root, "", true, true, out);
  return out;
}

}  // namespace sluice
