#include "planner/binder/scope.h"

#include "frontend/text.h"

namespace sluice {

namespace {
constexpr char kHiddenMark = '\x01';
}  // namespace

Attribute hiddenAttr(Attribute a) {
  if (!isHidden(a)) a.qualifier.insert(a.qualifier.begin(), kHiddenMark);
  return a;
}

bool isHidden(const Attribute& a) {
  return !a.qualifier.empty() && a.qualifier[0] == kHiddenMark;
}

Attribute visibleAttr(Attribute a) {
  if (isHidden(a)) a.qualifier.erase(0, 1);
  return a;
}

Resolved Scope::resolve(const std::vector<std::string>& parts,
                        std::vector<std::string>& ambiguous) const {
  ambiguous.clear();
  // Spark prefers the qualified interpretation `t.col` when both could match.
  if (parts.size() >= 2) {
    std::vector<const Attribute*> hits;
    for (const auto& c : columns_) {
      const std::string q = visibleAttr(c).qualifier;
      if (!q.empty() && equalsIgnoreCase(q, parts[0]) && equalsIgnoreCase(c.name, parts[1]))
        hits.push_back(&c);
    }
    if (hits.size() == 1) return {hits[0], 2};
    if (hits.size() > 1) {
      bool same = true;  // the same column twice (a USING key) is not ambiguous
      for (auto* h : hits) same = same && h->id == hits[0]->id;
      if (same) return {hits[0], 2};
      for (auto* h : hits) ambiguous.push_back(visibleAttr(*h).qualifier + "." + h->name);
      return {};
    }
  }
  // Hidden columns only answer to their qualified name.
  std::vector<const Attribute*> hits;
  for (const auto& c : columns_)
    if (!isHidden(c) && equalsIgnoreCase(c.name, parts[0])) hits.push_back(&c);
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
  // Hidden columns first, as Spark's `t.*` expands them (a USING side's key, then the rest).
  for (bool hidden : {true, false})
    for (const auto& c : columns_)
      if (isHidden(c) == hidden && equalsIgnoreCase(visibleAttr(c).qualifier, qualifier))
        out.push_back(visibleAttr(c));
  return out;
}

std::string Scope::describe() const {
  std::string s = "[";
  bool first = true;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (isHidden(columns_[i])) continue;
    if (!first) s += ", ";
    first = false;
    s += columns_[i].qualifier.empty() ? columns_[i].name
                                       : columns_[i].qualifier + "." + columns_[i].name;
  }
  return s + "]";
}

}  // namespace sluice
