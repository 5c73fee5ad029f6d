#pragma once
// The columns visible to an expression and Spark's name-resolution rules over them.
#include <string>
#include <vector>

#include "planner/expr.h"

namespace sluice {

/// Result of resolving a dotted name: the column and how many name parts it consumed
/// (the rest are struct fields / map keys).
struct Resolved {
  const Attribute* attr = nullptr;
  size_t consumed = 0;
};

/// Hidden columns (a USING join's side keys, which Spark keeps reachable as `l.k` / `r.k`) carry
/// their qualifier behind a mark: they answer to their qualified name and to `t.*`, not to
/// an unqualified name or `*`. Named once, they are ordinary columns (visibleAttr).
Attribute hiddenAttr(Attribute a);
bool isHidden(const Attribute& a);
/// `a` with its qualifier unmarked.
Attribute visibleAttr(Attribute a);

class Scope {
 public:
  Scope() = default;
  explicit Scope(std::vector<Attribute> columns) : columns_(std::move(columns)) {}

  const std::vector<Attribute>& columns() const { return columns_; }

  /// Resolves `parts` (case-insensitive): `qualifier.column...` is tried before
  /// `column...`, as Spark does. Returns {nullptr, 0} if nothing matches; throws the
  /// message of an ambiguity through `ambiguous` (the candidates) when several match.
  Resolved resolve(const std::vector<std::string>& parts,
                   std::vector<std::string>& ambiguous) const;

  /// Columns whose qualifier matches `qualifier` (for `t.*`).
  std::vector<Attribute> qualified(const std::string& qualifier) const;
  /// `[a, b, t.c]` for error messages.
  std::string describe() const;

 private:
  std::vector<Attribute> columns_;
};

}  // namespace sluice
