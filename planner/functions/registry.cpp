#include "planner/functions/registry.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "frontend/text.h"
#include "planner/functions/host_functions.h"
#include "planner/functions/registry_rows.h"

namespace sluice {
const FunctionRegistry& FunctionRegistry::builtins() {
  // Built on first use; C++ guarantees thread-safe initialization of the static.
  static const FunctionRegistry* const registry = [] {
    auto* r = new FunctionRegistry();
    registerOperatorFunctions(*r);
    registerConditionalFunctions(*r);
    registerStringFunctions(*r);
    registerMathFunctions(*r);
    registerDatetimeFunctions(*r);
    registerJsonFunctions(*r);
    registerCollectionFunctions(*r);
    registerGeneratorFunctions(*r);
    registerAggregateFunctions(*r);
    registerHashFunctions(*r);
    registerSparkStringFunctions(*r);
    registerSparkDatetimeFunctions(*r);
    registerMiscFunctions(*r);
    registerHigherOrderFunctions(*r);
    registerArrayFunctions(*r);
    registerMapFunctions(*r);
    registerWindowFunctions(*r);
    return r;
  }();
  return *registry;
}

const FunctionDef* FunctionRegistry::find(const std::string& name) const {
  auto it = byName_.find(asciiLower(name));
  if (it != byName_.end()) return it->second;
  return findHostFunction(name);  // the embedding host's functions (host_functions.h)
}

std::vector<const FunctionDef*> FunctionRegistry::all() const {
  std::vector<const FunctionDef*> out;
  out.reserve(rows_.size());
  for (const auto& r : rows_) out.push_back(r.get());
  std::sort(out.begin(), out.end(),
            [](const FunctionDef* a, const FunctionDef* b) { return a->name < b->name; });
  return out;
}

std::vector<std::string> FunctionRegistry::callableNames() const {
  // Rows the binder builds from syntax that Spark does not list as functions.
  static const std::set<std::string> internal = {"casewhen", "get_item"};
  std::vector<std::string> out;
  for (const auto& [name, row] : byName_)
    if (!internal.count(name)) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

const FunctionDef* FunctionRegistry::add(FunctionDef def, std::vector<std::string> aliases) {
  def.name = asciiLower(def.name);
  aliases.insert(aliases.begin(), def.name);
  for (auto& a : aliases) {
    a = asciiLower(a);
    if (byName_.count(a)) throw std::logic_error("duplicate function registration: " + a);
    if (def.description.empty()) def.description = builtinDescription(a);
  }
  rows_.push_back(std::make_unique<FunctionDef>(std::move(def)));
  const FunctionDef* row = rows_.back().get();
  for (const auto& a : aliases) byName_.emplace(a, row);
  return row;
}

const FunctionDef& FunctionRegistry::op(const std::string& name) const {
  const FunctionDef* f = find(name);
  if (!f) throw std::logic_error("no builtin operator row named '" + name + "'");
  return *f;
}

}  // namespace sluice
