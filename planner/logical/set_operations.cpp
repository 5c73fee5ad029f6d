#include "planner/logical/except.h"
#include "planner/logical/intersect.h"

namespace sluice {

// The left input's columns (Spark's Except.output).
std::vector<Attribute> Except::output() const {
  return left()->output();
}

// The left input's columns, nullable only where both inputs are (Spark's Intersect.output).
std::vector<Attribute> Intersect::output() const {
  std::vector<Attribute> out = left()->output();
  const auto r = right()->output();
  for (size_t i = 0; i < out.size() && i < r.size(); ++i)
    out[i].nullable = out[i].nullable && r[i].nullable;
  return out;
}

}  // namespace sluice
