#include "planner/catalog/catalog.h"

#include <algorithm>

#include "frontend/error.h"
#include "frontend/text.h"

namespace sluice {

void Catalog::createTable(TableEntry t, bool replace, bool ifNotExists) {
  const std::string key = asciiLower(t.name);
  if (views_.count(key))
    throw AnalysisError("cannot create table '" + t.name + "': a view with that name exists",
                        t.file, t.span);
  if (tables_.count(key)) {
    if (ifNotExists) return;
    if (!replace)
      throw AnalysisError("table '" + t.name + "' already exists (use CREATE OR REPLACE TABLE)",
                          t.file, t.span);
  }
  tables_[key] = std::move(t);
}

void Catalog::createView(ViewEntry v, bool replace, bool ifNotExists) {
  const std::string key = asciiLower(v.name);
  if (tables_.count(key))
    throw AnalysisError("cannot create view '" + v.name + "': a table with that name exists",
                        v.file, v.span);
  if (views_.count(key)) {
    if (ifNotExists) return;
    if (!replace)
      throw AnalysisError("view '" + v.name + "' already exists (use CREATE OR REPLACE VIEW)",
                          v.file, v.span);
  }
  views_[key] = std::move(v);
}

bool Catalog::dropTable(const std::string& name) {
  return tables_.erase(asciiLower(name)) > 0;
}
bool Catalog::dropView(const std::string& name) {
  return views_.erase(asciiLower(name)) > 0;
}

const TableEntry* Catalog::table(const std::string& name) const {
  auto it = tables_.find(asciiLower(name));
  return it == tables_.end() ? nullptr : &it->second;
}

const ViewEntry* Catalog::view(const std::string& name) const {
  auto it = views_.find(asciiLower(name));
  return it == views_.end() ? nullptr : &it->second;
}

std::vector<std::string> Catalog::names() const {
  std::vector<std::string> out;
  for (const auto& [k, t] : tables_) out.push_back(t.name);
  for (const auto& [k, v] : views_) out.push_back(v.name);
  std::sort(out.begin(), out.end());
  return out;
}

std::string Catalog::sessionTimeZone() const {
  for (const auto& [k, v] : conf_)
    if (equalsIgnoreCase(k, "spark.sql.session.timeZone")) return v;
  return "UTC";
}

std::optional<std::string> Catalog::get(const std::string& key) const {
  auto it = conf_.find(key);
  if (it == conf_.end()) return std::nullopt;
  return it->second;
}

}  // namespace sluice
