#include "planner/logical/window.h"

namespace sluice {

std::string FrameEdge::toString() const {
  switch (kind) {
    case FrameBoundary::UnboundedPreceding:
      return "unboundedpreceding$()";
    case FrameBoundary::UnboundedFollowing:
      return "unboundedfollowing$()";
    case FrameBoundary::CurrentRow:
      return "currentrow$()";
    case FrameBoundary::Preceding:
      return "-" + offset.toString(*offsetType);
    case FrameBoundary::Following:
      return offset.toString(*offsetType);
  }
  return "?";
}

std::string WindowFrame::toString() const {
  // Spark's SpecifiedWindowFrame rendering.
  return std::string("specifiedwindowframe(") +
         (type == FrameType::Rows ? "RowFrame" : "RangeFrame") + ", " + lower.toString() + ", " +
         upper.toString() + ")";
}

std::string Window::argString() const {
  std::string s = "[";
  for (size_t i = 0; i < functions.size(); ++i) {
    if (i) s += ", ";
    const ExprPtr& f = functions[i];
    s += stripAlias(f)->toString() + (specs[i].ignoreNulls ? " ignore nulls" : "") +
         " windowspecdefinition(" + specs[i].frame.toString() + ") AS " +
         f->outputAttr().toString();
  }
  s += "], " + exprList(partitionBy) + ", [";
  for (size_t i = 0; i < orderBy.size(); ++i) {
    if (i) s += ", ";
    s += orderBy[i]->toString() + (order[i].ascending ? " ASC" : " DESC") +
         (order[i].nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
  return s + "]";
}

}  // namespace sluice
