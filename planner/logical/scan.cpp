#include "planner/logical/scan.h"

namespace sluice {

std::vector<ExprPtr> Scan::expressions() const {
  std::vector<ExprPtr> out;
  for (const auto& r : rows) out.insert(out.end(), r.begin(), r.end());
  return out;
}

void Scan::setExpressions(std::vector<ExprPtr> exprs) {
  size_t k = 0;
  for (auto& r : rows)
    for (auto& e : r) e = exprs.at(k++);
}

std::string Scan::nodeName() const {
  switch (source) {
    case SourceKind::Values:
      return "LocalRelation";
    case SourceKind::Kafka:
      return streaming ? "StreamingRelation" : "Relation";
    default:
      return "Relation";
  }
}

std::string Scan::argString() const {
  if (source == SourceKind::Values)
    return attrList(attrs) +
           (rows.size() == 1 ? " 1 row" : " " + std::to_string(rows.size()) + " rows");
  std::string s = name.empty() ? format : name + "[" + format + "]";
  s += " " + attrList(attrs);
  // Only the options that identify the data; the rest is noise in a plan.
  for (const char* k :
       {"subscribe", "subscribePattern", "assign", "path", "startingOffsets", "endingOffsets"}) {
    auto it = options.find(k);
    if (it != options.end()) s += " " + std::string(k) + "=" + it->second;
  }
  return s;
}

}  // namespace sluice
