#include "stdlib/collections_abi.h"

#include "stdlib/collections.h"

namespace {

namespace sl = sluice::stdlib;

const sluice::ArrayData& arrayOf(const void* p) {
  return *static_cast<const sluice::ArrayData*>(p);
}
const sl::NestedType& typeOf(const void* p) {
  return *static_cast<const sl::NestedType*>(p);
}

}  // namespace

extern "C" {

const void* sluice_array_sort(const void* array, const void* elementType, uint8_t asc,
                              sluice::StringArena* arena) {
  return sl::sortArray(arrayOf(array), typeOf(elementType), asc != 0, *arena);
}

const void* sluice_array_distinct(const void* array, const void* elementType,
                                  sluice::StringArena* arena) {
  return sl::distinctArray(arrayOf(array), typeOf(elementType), *arena);
}

const void* sluice_array_concat(const void* a, const void* b, sluice::StringArena* arena) {
  return sl::concatArrays(arrayOf(a), arrayOf(b), *arena);
}

const void* sluice_array_reverse(const void* array, sluice::StringArena* arena) {
  return sl::reverseArray(arrayOf(array), *arena);
}

int32_t sluice_nested_compare(const void* a, const void* b, const void* type) {
  sluice::Slot x, y;
  x.set(a);
  y.set(b);
  return sl::compareSlots(x, y, typeOf(type));
}

uint8_t sluice_array_contains(const void* array, const void* elementType, const void* value,
                              uint8_t* out) {
  const std::optional<bool> r = sl::arrayContainsSlot(arrayOf(array), typeOf(elementType),
                                                      *static_cast<const sluice::Slot*>(value));
  if (!r) return 0;
  *out = *r ? 1 : 0;
  return 1;
}

}  // extern "C"
