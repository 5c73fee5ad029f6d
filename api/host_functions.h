#pragma once
// Engine::registerFunction's work: the SQL signature of a host function (derived from its C
// signature or checked against an explicit one), its planner row and its codegen binding.
#include <string>

#include "planner/functions/host_functions.h"
#include "sluice/function.h"

namespace sluice {

/// The planner's description of host function `fn` registered as `name` with `options`,
/// bound to `symbol`. Throws AnalysisError / ParseError naming the function for an invalid
/// name or an explicit signature the C++ types cannot carry.
HostFunctionSpec hostFunctionSpec(const std::string& name, const HostFunction& fn,
                                  const FunctionOptions& options, const std::string& symbol);

/// Registers `fn` as `name` in `set` and binds it for the code generator.
void registerHostFunction(HostFunctionSet& set, const std::string& name, const HostFunction& fn,
                          const FunctionOptions& options);

}  // namespace sluice
