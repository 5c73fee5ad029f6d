#pragma once
// The process-wide table of host function bindings (Engine::registerFunction): what the code
// generator needs to call one (host_function_binding.h). Free of LLVM headers so the API can
// register bindings.
#include <string>
#include <vector>

#include "codegen/c_signature.h"

namespace sluice {

/// One host function callable from generated code.
struct HostBinding {
  std::string symbol;             ///< FunctionDef::symbol of its registry row (unique)
  std::string sqlName;            ///< SQL name, for messages
  const void* address = nullptr;  ///< the C-ABI entry point in this process
  CSignature sig;                 ///< derived from the entry point's C++ type
  std::vector<bool> argSeesNull;  ///< per SQL argument: a U8 NULL flag follows its value
};

/// Adds `binding` (process-wide; symbols are unique, so engines never collide). Throws
/// CodegenError when the symbol is already bound to another address.
void registerHostBinding(HostBinding binding);
/// The binding for `symbol`, or nullptr.
const HostBinding* findHostBinding(const std::string& symbol);

}  // namespace sluice
