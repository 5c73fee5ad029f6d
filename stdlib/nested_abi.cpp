#include "stdlib/nested_abi.h"

#include <cmath>
#include <string>

#include "stdlib/json_schema.h"
#include "stdlib/kernel_error.h"

namespace {

using sluice::Slot;
using sluice::stdlib::NestedKind;

// Key equality by storage kind; floating point keys compare by value with NaN = NaN.
bool keysEqual(const Slot& a, const Slot& b, NestedKind k) {
  switch (k) {
    case NestedKind::Boolean:
    case NestedKind::Byte:
      return a.as<uint8_t>() == b.as<uint8_t>();
    case NestedKind::Short:
      return a.as<int16_t>() == b.as<int16_t>();
    case NestedKind::Int:
    case NestedKind::Date:
      return a.as<int32_t>() == b.as<int32_t>();
    case NestedKind::Float: {
      const float x = a.as<float>(), y = b.as<float>();
      return x == y || (std::isnan(x) && std::isnan(y));
    }
    case NestedKind::Double: {
      const double x = a.as<double>(), y = b.as<double>();
      return x == y || (std::isnan(x) && std::isnan(y));
    }
    case NestedKind::String:
    case NestedKind::Binary:
      return a.as<sluice::StringView>().view() == b.as<sluice::StringView>().view();
    case NestedKind::Decimal:  // decimal(p > 18): the slot is an int128 (p <= 18 passes Long)
      return a.as<__int128>() == b.as<__int128>();
    case NestedKind::Long:
    case NestedKind::Timestamp:
      return a.as<int64_t>() == b.as<int64_t>();
    default:  // nested keys: identity (Spark refuses map keys it cannot compare)
      return a.as<const void*>() == b.as<const void*>();
  }
}

}  // namespace

extern "C" {

void* sluice_nested_alloc(StringArena* arena, int64_t bytes) {
  return arena->allocateAligned(static_cast<size_t>(bytes > 0 ? bytes : 1), 16);
}

uint8_t sluice_nested_map_check_keys(const sluice::MapData* m, int32_t keyKind) {
  const auto k = static_cast<NestedKind>(keyKind);
  for (int64_t i = 1; i < m->length; ++i)
    for (int64_t j = 0; j < i; ++j)
      if (keysEqual(m->keys[i], m->keys[j], k)) {
        sluice::raiseKernelError(
            "Duplicate map key was found, please check the input data (map key #" +
            std::to_string(i + 1) +
            " repeats an earlier key; sluice applies spark.sql.mapKeyDedupPolicy = EXCEPTION)");
        return 1;
      }
  return 0;
}

}  // extern "C"
