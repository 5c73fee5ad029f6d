#include "codegen/call_emitters.h"

#include <map>
#include <stdexcept>
#include <string>

namespace sluice {

// codegen/subquery_codegen.cpp: the optimizer's internal scalar_subquery_result row.
std::span<const NamedEmitter> subqueryEmitters();

namespace {

// Key -> emitter over every theme's table, built once; a key listed twice is a bug.
const std::map<std::string, CallEmitter, std::less<>>& emitterMap() {
  static const auto* const map = [] {
    auto* m = new std::map<std::string, CallEmitter, std::less<>>();
    for (const NamedEmitter& ne : allCallEmitters())
      if (!m->emplace(std::string(ne.key), ne.emit).second)
        throw std::logic_error("duplicate codegen emitter key: " + std::string(ne.key));
    return m;
  }();
  return *map;
}

}  // namespace

std::vector<NamedEmitter> allCallEmitters() {
  std::vector<NamedEmitter> all;
  for (auto table : {operatorEmitters(), scalarCallEmitters(), builtinCallEmitters(),
                     nestedEmitters(), jsonEmitters(), hostEmitters(), sparkCallEmitters(),
                     lambdaEmitters(), arrayEmitters(), mapEmitters(), subqueryEmitters()})
    all.insert(all.end(), table.begin(), table.end());
  return all;
}

CallEmitter findCallEmitter(std::string_view key) {
  const auto& m = emitterMap();
  auto it = m.find(key);
  return it == m.end() ? nullptr : it->second;
}

}  // namespace sluice
