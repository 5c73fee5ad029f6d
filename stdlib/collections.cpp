#include "stdlib/collections.h"

#include <cmath>
#include <cstring>
#include <string_view>
#include <utility>

#include "stdlib/json_schema.h"

namespace sluice::stdlib {
namespace {

template <typename T>
int cmp3(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compareDouble(double a, double b) {
  const bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na && nb ? 0 : (na ? 1 : -1);
  return cmp3(a, b);  // -0.0 == 0.0 under <
}

// Two sequences of `n` / `m` values (null flag and slot per position), compared position by
// position with NULLs first, then by length (valueops' compareLists).
template <class At>
int compareSequences(size_t n, size_t m, At at) {
  for (size_t i = 0; i < n && i < m; ++i) {
    const auto [an, as, bn, bs, type] = at(i);
    if (an || bn) {
      if (an && bn) continue;
      return an ? -1 : 1;
    }
    if (int c = compareSlots(*as, *bs, *type)) return c;
  }
  return cmp3(n, m);
}

struct Pos {
  bool aNull;
  const Slot* a;
  bool bNull;
  const Slot* b;
  const NestedType* type;
};

bool nullAt(const uint8_t* nulls, size_t i) {
  return nulls && nulls[i];
}

// A new array of the elements `at(k)` = (array, position) for k < n.
template <class At>
const ArrayData* gatherFrom(size_t n, At at, StringArena& arena) {
  bool anyNull = false;
  for (size_t k = 0; k < n; ++k) {
    const auto [src, p] = at(k);
    anyNull |= elementIsNull(*src, p);
  }
  // Header, slots and null bytes in one allocation (the layout generated code builds).
  const size_t header = 32, slots = 16 * n, nulls = anyNull ? n : 0;
  auto* base = static_cast<char*>(arena.allocateAligned(header + slots + nulls, 16));
  auto* out = reinterpret_cast<ArrayData*>(base);
  auto* values = reinterpret_cast<Slot*>(base + header);
  auto* nullBytes = reinterpret_cast<uint8_t*>(base + header + slots);
  for (size_t k = 0; k < n; ++k) {
    const auto [src, p] = at(k);
    values[k] = src->values[p];
    if (anyNull) nullBytes[k] = elementIsNull(*src, p) ? 1 : 0;
  }
  out->length = static_cast<int64_t>(n);
  out->values = n ? values : nullptr;
  out->nulls = anyNull ? nullBytes : nullptr;
  return out;
}

// A new array of `a`'s elements at `positions`.
const ArrayData* gather(const ArrayData& a, const std::vector<size_t>& positions,
                        StringArena& arena) {
  return gatherFrom(
      positions.size(), [&](size_t k) { return std::pair(&a, positions[k]); }, arena);
}

}  // namespace

int compareSlots(const Slot& a, const Slot& b, const NestedType& t) {
  switch (t.kind) {
    case NestedKind::Null:
      return 0;
    case NestedKind::Boolean:
      return cmp3(a.as<uint8_t>() != 0, b.as<uint8_t>() != 0);
    case NestedKind::Byte:
      return cmp3(a.as<int8_t>(), b.as<int8_t>());
    case NestedKind::Short:
      return cmp3(a.as<int16_t>(), b.as<int16_t>());
    case NestedKind::Int:
    case NestedKind::Date:
      return cmp3(a.as<int32_t>(), b.as<int32_t>());
    case NestedKind::Long:
    case NestedKind::Timestamp:
      return cmp3(a.as<int64_t>(), b.as<int64_t>());
    case NestedKind::Float:
      return compareDouble(a.as<float>(), b.as<float>());
    case NestedKind::Double:
      return compareDouble(a.as<double>(), b.as<double>());
    case NestedKind::Decimal:
      if (t.precision <= 18) return cmp3(a.as<int64_t>(), b.as<int64_t>());
      return cmp3(a.as<__int128>(), b.as<__int128>());
    case NestedKind::String:
    case NestedKind::Binary: {
      const int c = a.as<StringView>().view().compare(b.as<StringView>().view());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case NestedKind::Struct: {
      const auto* x = a.as<const StructData*>();
      const auto* y = b.as<const StructData*>();
      const size_t n = t.children.size();
      return compareSequences(n, n, [&](size_t i) {
        return Pos{nullAt(x->nulls, i), &x->fields[i], nullAt(y->nulls, i), &y->fields[i],
                   &t.children[i]};
      });
    }
    case NestedKind::Array: {
      const auto* x = a.as<const ArrayData*>();
      const auto* y = b.as<const ArrayData*>();
      return compareSequences(static_cast<size_t>(x->length), static_cast<size_t>(y->length),
                              [&](size_t i) {
                                return Pos{elementIsNull(*x, i), &x->values[i],
                                           elementIsNull(*y, i), &y->values[i], &t.element()};
                              });
    }
    case NestedKind::Map: {
      // Entries as the planner's Values hold them: key0, value0, key1, value1, ...
      const auto* x = a.as<const MapData*>();
      const auto* y = b.as<const MapData*>();
      return compareSequences(2 * static_cast<size_t>(x->length),
                              2 * static_cast<size_t>(y->length), [&](size_t i) {
                                const size_t e = i / 2;
                                if (i % 2 == 0)
                                  return Pos{false, &x->keys[e], false, &y->keys[e], &t.key()};
                                return Pos{nullAt(x->nulls, e), &x->values[e], nullAt(y->nulls, e),
                                           &y->values[e], &t.value()};
                              });
    }
  }
  return 0;
}

const ArrayData* sortArray(const ArrayData& a, const NestedType& elem, bool asc,
                           StringArena& arena) {
  const auto order = sortArrayOrder(
      static_cast<size_t>(a.length), asc, [&](size_t i) { return elementIsNull(a, i); },
      [&](size_t i, size_t j) { return compareSlots(a.values[i], a.values[j], elem); });
  return gather(a, order, arena);
}

const ArrayData* distinctArray(const ArrayData& a, const NestedType& elem, StringArena& arena) {
  const auto keep = distinctPositions(
      static_cast<size_t>(a.length), [&](size_t i) { return elementIsNull(a, i); },
      [&](size_t i, size_t j) { return compareSlots(a.values[i], a.values[j], elem); });
  if (keep.size() == static_cast<size_t>(a.length)) return &a;  // nothing removed: share it
  return gather(a, keep, arena);
}

const ArrayData* concatArrays(const ArrayData& a, const ArrayData& b, StringArena& arena) {
  const size_t na = static_cast<size_t>(a.length), nb = static_cast<size_t>(b.length);
  return gatherFrom(
      na + nb, [&](size_t k) { return k < na ? std::pair(&a, k) : std::pair(&b, k - na); }, arena);
}

const ArrayData* reverseArray(const ArrayData& a, StringArena& arena) {
  const size_t n = static_cast<size_t>(a.length);
  return gatherFrom(
      n, [&](size_t k) { return std::pair(&a, n - 1 - k); }, arena);
}

std::optional<bool> arrayContainsSlot(const ArrayData& a, const NestedType& elem, const Slot& v) {
  return arrayContains(
      static_cast<size_t>(a.length), [&](size_t i) { return elementIsNull(a, i); },
      [&](size_t i) { return compareSlots(a.values[i], v, elem) == 0; });
}

}  // namespace sluice::stdlib
