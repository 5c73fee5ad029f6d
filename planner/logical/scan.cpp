#include "planner/logical/scan.h"

#include "planner/sources/jdbc/jdbc_options.h"

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

std::string PushedFilter::toString() const {
  static const std::map<std::string, std::string> names = {{"=", "EqualTo"},
                                                           {"<", "LessThan"},
                                                           {"<=", "LessThanOrEqual"},
                                                           {">", "GreaterThan"},
                                                           {">=", "GreaterThanOrEqual"},
                                                           {"isnull", "IsNull"},
                                                           {"isnotnull", "IsNotNull"}};
  const std::string name = names.count(op) ? names.at(op) : op;
  if (op == "isnull" || op == "isnotnull") return name + "(" + column + ")";
  return name + "(" + column + "," + literal.toString(*type) + ")";
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
  // Only the options that identify the data; the rest is noise in a plan. A jdbc url shows
  // without its user information and parameters (they may hold a password).
  if (format == "jdbc") {
    const JdbcOptions o = parseJdbcOptions(options);
    s += " url=" + o.url.redacted() +
         (o.query.empty() ? " dbtable=" + o.dbtable : " query=" + o.query);
  }
  for (const char* k :
       {"subscribe", "subscribePattern", "assign", "path", "startingOffsets", "endingOffsets"}) {
    auto it = options.find(k);
    if (it != options.end()) s += " " + std::string(k) + "=" + it->second;
  }
  if (!pushedFilters.empty()) {
    s += " PushedFilters: [";
    for (size_t i = 0; i < pushedFilters.size(); ++i)
      s += (i ? ", " : "") + pushedFilters[i].toString();
    s += "]";
  }
  return s;
}

}  // namespace sluice
