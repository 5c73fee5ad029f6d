#pragma once
// Array functions with Spark semantics, written once for both evaluators: constant folding
// (planner Values) and generated code (nested values, stdlib/nested.h, through
// collections_abi.h). The algorithms take the elements through callbacks (is element i NULL,
// how do elements i and j compare), so NULL handling, ordering and which duplicate survives
// cannot drift between the two; each side only supplies Spark's element ordering for its
// representation (valueops::compare for Values, compareSlots below for slots).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <vector>

#include "stdlib/abi_types.h"
#include "stdlib/nested.h"

namespace sluice::stdlib {

struct NestedType;  // stdlib/json_schema.h

/// sort_array(a, asc): the positions of a's `n` elements in sorted order. Stable; NULLs come
/// first ascending and last descending (Spark's SortArray). `cmp(i, j)` is Spark's ordering of
/// two non-NULL elements (<0, 0, >0).
template <class IsNull, class Compare>
std::vector<size_t> sortArrayOrder(size_t n, bool asc, IsNull isNull, Compare cmp) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const bool nx = isNull(x), ny = isNull(y);
    if (nx || ny) return asc ? nx && !ny : ny && !nx;
    const int c = cmp(x, y);
    return asc ? c < 0 : c > 0;
  });
  return order;
}

/// array_distinct(a): the positions of the elements kept, in order: the first occurrence of
/// each distinct value and of NULL (Spark's ArrayDistinct). Elements are equal when
/// `cmp(i, j) == 0`. Quadratic for short arrays, a sort for long ones.
template <class IsNull, class Compare>
std::vector<size_t> distinctPositions(size_t n, IsNull isNull, Compare cmp) {
  std::vector<size_t> keep;
  bool sawNull = false;
  if (n <= 32) {
    for (size_t i = 0; i < n; ++i) {
      if (isNull(i)) {
        if (!sawNull) keep.push_back(i);
        sawNull = true;
        continue;
      }
      const bool dup = std::any_of(keep.begin(), keep.end(),
                                   [&](size_t k) { return !isNull(k) && cmp(k, i) == 0; });
      if (!dup) keep.push_back(i);
    }
    return keep;
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i) {
    if (!isNull(i))
      order.push_back(i);
    else if (!sawNull)
      keep.push_back(i), sawNull = true;
  }
  // Stable by value: within a run of equal values the first position comes first.
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return cmp(x, y) < 0; });
  for (size_t k = 0; k < order.size(); ++k)
    if (k == 0 || cmp(order[k - 1], order[k]) != 0) keep.push_back(order[k]);
  std::sort(keep.begin(), keep.end());
  return keep;
}

/// array_contains(a, v) over a's `n` elements (a and v not NULL): true when an element
/// equals v (`equalsValue(i)`), otherwise NULL (nullopt) when an element is NULL, otherwise
/// false (Spark's ArrayContains).
template <class IsNull, class EqualsValue>
std::optional<bool> arrayContains(size_t n, IsNull isNull, EqualsValue equalsValue) {
  bool sawNull = false;
  for (size_t i = 0; i < n; ++i) {
    if (isNull(i))
      sawNull = true;
    else if (equalsValue(i))
      return true;
  }
  if (sawNull) return std::nullopt;
  return false;
}

// ---- nested values (stdlib/nested.h) of a type described by a NestedType

/// Spark's ordering of two non-NULL values of type `t` held in slots (the same rules as the
/// planner's valueops::compare): NaN above every other number and equal to itself,
/// -0.0 == 0.0, strings and binaries bytewise unsigned, structs field by field and arrays
/// element by element with NULLs first, then the shorter first; maps entry by entry.
int compareSlots(const Slot& a, const Slot& b, const NestedType& t);

/// Whether element `i` of `a` is NULL.
inline bool elementIsNull(const ArrayData& a, size_t i) {
  return a.nulls && a.nulls[i];
}

/// sort_array / array_distinct of array `a` (elements of type `elem`): a new array in `arena`
/// whose slots are copies of a's (strings and nested elements are shared, not copied).
const ArrayData* sortArray(const ArrayData& a, const NestedType& elem, bool asc,
                           StringArena& arena);
const ArrayData* distinctArray(const ArrayData& a, const NestedType& elem, StringArena& arena);
/// concat(a, b) and reverse(a) of arrays: new arrays in `arena` sharing a's (and b's) element
/// values; NULL elements stay NULL.
const ArrayData* concatArrays(const ArrayData& a, const ArrayData& b, StringArena& arena);
const ArrayData* reverseArray(const ArrayData& a, StringArena& arena);
/// array_contains of `a` and the value in slot `v` (of type `elem`).
std::optional<bool> arrayContainsSlot(const ArrayData& a, const NestedType& elem, const Slot& v);

}  // namespace sluice::stdlib
