#include "stdlib/collections_spark_abi.h"

#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "stdlib/collections_spark.h"
#include "stdlib/json_schema.h"
#include "stdlib/kernel_error.h"
#include "stdlib/nested.h"

namespace {

namespace sl = sluice::stdlib;
using sluice::ArrayData;
using sluice::MapData;
using sluice::Slot;
using sluice::StructData;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}

StringView copy(StringArena* a, std::string_view s) {
  char* p = a->allocate(s.size());
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return StringView{p, static_cast<int64_t>(s.size())};
}

bool isNullAt(const uint8_t* nulls, size_t i) {
  return nulls && nulls[i];
}

// An array of `n` string slots (and null bytes when `withNulls`) in the arena.
ArrayData* newStringArray(StringArena* a, size_t n, bool withNulls) {
  auto* arr = static_cast<ArrayData*>(a->allocateAligned(sizeof(ArrayData)));
  Slot* slots = n ? static_cast<Slot*>(a->allocateAligned(sizeof(Slot) * n)) : nullptr;
  uint8_t* nulls = withNulls && n ? static_cast<uint8_t*>(a->allocateAligned(n, 1)) : nullptr;
  *arr = ArrayData{static_cast<int64_t>(n), nulls, slots};
  return arr;
}

}  // namespace

extern "C" {

void sluice_array_join(StringArena* a, const void* array, const char* d, int64_t dLen,
                       const char* r, int64_t rLen, uint8_t hasReplacement, StringView* out) {
  const auto& arr = *static_cast<const ArrayData*>(array);
  std::vector<std::optional<std::string_view>> elems;
  elems.reserve(static_cast<size_t>(arr.length));
  for (int64_t i = 0; i < arr.length; ++i) {
    if (isNullAt(arr.nulls, static_cast<size_t>(i))) {
      elems.emplace_back();
    } else {
      elems.emplace_back(arr.values[i].as<StringView>().view());
    }
  }
  std::optional<std::string_view> repl;
  if (hasReplacement) repl = sv(r, rLen);
  *out = copy(a, sl::arrayJoin(elems, sv(d, dLen), repl));
}

uint8_t sluice_json_array_length(const char* s, int64_t n, int32_t* out) {
  const auto len = sl::jsonArrayLength(sv(s, n));
  if (!len) return 0;
  *out = *len;
  return 1;
}

const void* sluice_json_object_keys(const char* s, int64_t n, StringArena* a) {
  const auto keys = sl::jsonObjectKeys(sv(s, n));
  if (!keys) return nullptr;
  ArrayData* arr = newStringArray(a, keys->size(), false);
  Slot* slots = const_cast<Slot*>(arr->values);
  for (size_t i = 0; i < keys->size(); ++i) slots[i].set(copy(a, (*keys)[i]));
  return arr;
}

const void* sluice_str_to_map(const char* s, int64_t n, const char* p, int64_t pLen, const char* kv,
                              int64_t kvLen, StringArena* a) {
  std::vector<std::pair<std::string, std::optional<std::string>>> entries;
  try {
    entries = sl::strToMap(sv(s, n), sv(p, pLen), sv(kv, kvLen));
  } catch (const std::invalid_argument& e) {
    sluice::raiseKernelError(e.what());
  }
  const size_t count = entries.size();
  auto* m = static_cast<MapData*>(a->allocateAligned(sizeof(MapData)));
  Slot* keys = count ? static_cast<Slot*>(a->allocateAligned(sizeof(Slot) * count)) : nullptr;
  Slot* values = count ? static_cast<Slot*>(a->allocateAligned(sizeof(Slot) * count)) : nullptr;
  uint8_t* nulls = count ? static_cast<uint8_t*>(a->allocateAligned(count, 1)) : nullptr;
  for (size_t i = 0; i < count; ++i) {
    keys[i].set(copy(a, entries[i].first));
    nulls[i] = entries[i].second ? 0 : 1;
    values[i].set(entries[i].second ? copy(a, *entries[i].second) : StringView{nullptr, 0});
  }
  *m = MapData{static_cast<int64_t>(count), keys, nulls, values};
  return m;
}

void sluice_format_string(StringArena* a, const char* f, int64_t fLen, const void* args,
                          const void* argsType, StringView* out) {
  const auto& st = *static_cast<const StructData*>(args);
  const auto& type = *static_cast<const sl::NestedType*>(argsType);
  std::vector<sl::FormatArg> v(type.children.size());
  using K = sl::NestedKind;
  using A = sl::FormatArg::Kind;
  for (size_t i = 0; i < v.size(); ++i) {
    if (isNullAt(st.nulls, i)) continue;
    const Slot& x = st.fields[i];
    const sl::NestedType& t = type.children[i];
    switch (t.kind) {
      case K::Boolean:
        v[i].kind = A::Bool, v[i].b = x.as<uint8_t>() != 0;
        break;
      case K::Byte:
        v[i].kind = A::Int, v[i].i = x.as<int8_t>();
        break;
      case K::Short:
        v[i].kind = A::Int, v[i].i = x.as<int16_t>();
        break;
      case K::Int:
        v[i].kind = A::Int, v[i].i = x.as<int32_t>();
        break;
      case K::Long:
        v[i].kind = A::Int, v[i].i = x.as<int64_t>();
        break;
      case K::Float:
        v[i].kind = A::Double, v[i].d = x.as<float>();
        break;
      case K::Double:
        v[i].kind = A::Double, v[i].d = x.as<double>();
        break;
      case K::Decimal:
        v[i].kind = A::Decimal, v[i].scale = t.scale;
        v[i].unscaled = t.precision <= 18 ? x.as<int64_t>() : x.as<__int128>();
        break;
      case K::String:
        v[i].kind = A::String, v[i].s = x.as<StringView>().view();
        break;
      default:
        break;
    }
  }
  try {
    *out = copy(a, sl::formatString(sv(f, fLen), v));
  } catch (const std::invalid_argument& e) {
    sluice::raiseKernelError(e.what());
    *out = StringView{nullptr, 0};
  }
}

}  // extern "C"
