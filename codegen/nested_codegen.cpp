#include "codegen/nested_codegen.h"

#include "frontend/error.h"

namespace sluice {

SqlValue compileGetField(llvm::IRBuilder<>&, const Expr& e, const SqlValue&) {
  throw CodegenError("struct field access (" + e.toString() +
                         ") is not supported by the code generator yet",
                     nullptr, e.span);
}

std::optional<SqlValue> compileNestedCall(llvm::IRBuilder<>&, const Expr&, std::vector<SqlValue>&,
                                          const NestedArenaFn&) {
  return std::nullopt;
}

}  // namespace sluice
