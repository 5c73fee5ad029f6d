#include "frontend/ast.h"

#include "absl/strings/str_join.h"

namespace sluice::ast {

std::string QualifiedName::toString() const {
  return absl::StrJoin(parts, ".", [](std::string* out, const Ident& i) { out->append(i.name); });
}

}  // namespace sluice::ast
