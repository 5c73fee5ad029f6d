#include "planner/logical/join.h"

namespace sluice {

const char* joinKindName(JoinKind k) {
  switch (k) {
    case JoinKind::Inner:
      return "Inner";
    case JoinKind::LeftOuter:
      return "LeftOuter";
    case JoinKind::RightOuter:
      return "RightOuter";
    case JoinKind::FullOuter:
      return "FullOuter";
    case JoinKind::Cross:
      return "Cross";
    case JoinKind::LeftSemi:
      return "LeftSemi";
    case JoinKind::LeftAnti:
      return "LeftAnti";
  }
  return "?";
}

std::vector<Attribute> Join::output() const {
  auto l = left()->output();
  if (type == JoinKind::LeftSemi || type == JoinKind::LeftAnti) return l;
  auto r = right()->output();
  const bool nullLeft = type == JoinKind::RightOuter || type == JoinKind::FullOuter;
  const bool nullRight = type == JoinKind::LeftOuter || type == JoinKind::FullOuter;
  for (auto& a : l) a.nullable = a.nullable || nullLeft;
  for (auto& a : r) a.nullable = a.nullable || nullRight;
  l.insert(l.end(), r.begin(), r.end());
  return l;
}

}  // namespace sluice
