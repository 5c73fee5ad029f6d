#include "planner/binder/scope.h"

#include "frontend/text.h"

namespace sluice {

Resolved Scope::resolve(const std::vector<std::string>& parts,
                        std::vector<std::string>& ambiguous) const {
  ambiguous.clear();
  // Spark prefers the qualified interpretation `t.col` when both could match.
  if (parts.size() >= 2) {
    std::vector<const Attribute*> hits;
    for (const auto& c : columns_)
      if (!c.qualifier.empty() && equalsIgnoreCase(c.qualifier, parts[0]) &&
          equalsIgnoreCase(c.name, parts[1]))
        hits.push_back(&c);
    if (hits.size() == 1) return {hits[0], 2};
    if (hits.size() > 1) {
      for (auto* h : hits) ambiguous.push_back(h->qualifier + "." + h->name);
      return {};
    }
  }
  std::vector<const Attribute*> hits;
  for (const auto& c : columns_)
    if (equalsIgnoreCase(c.name, parts[0])) hits.push_back(&c);
  if (hits.size() == 1) return {hits[0], 1};
  if (hits.size() > 1) {
    // The same column visible twice (e.g. through USING) is not ambiguous.
    bool same = true;
    for (auto* h : hits) same = same && h->id == hits[0]->id;
    if (same) return {hits[0], 1};
    for (auto* h : hits)
      ambiguous.push_back(h->qualifier.empty() ? h->name : h->qualifier + "." + h->name);
  }
  return {};
}

std::vector<Attribute> Scope::qualified(const std::string& qualifier) const {
  std::vector<Attribute> out;
  for (const auto& c : columns_)
    if (equalsIgnoreCase(c.qualifier, qualifier)) out.push_back(c);
  return out;
}

std::string Scope::describe() const {
  std::string s = "[";
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i) s += ", ";
    s += columns_[i].qualifier.empty() ? columns_[i].name
                                       : columns_[i].qualifier + "." + columns_[i].name;
  }
  return s + "]";
}

}  // namespace sluice
