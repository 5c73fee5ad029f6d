#include "stdlib/json_abi.h"

#include <cstring>
#include <string>
#include <vector>

#include "stdlib/json.h"
#include "stdlib/json_schema.h"
#include "stdlib/kernel_error.h"

namespace {

namespace sl = sluice::stdlib;

std::string_view sv(const char* s, int64_t n) {
  return n > 0 ? std::string_view(s, static_cast<size_t>(n)) : std::string_view();
}

StringView put(StringArena* a, std::string_view r) {
  char* p = a->allocate(r.size());
  if (!r.empty()) std::memcpy(p, r.data(), r.size());
  return StringView{p, static_cast<int64_t>(r.size())};
}

}  // namespace

extern "C" {

// Generated code calls these directly and has no unwind information: an exception (out of
// memory on a huge document) becomes the call's kernel error and a NULL result.

uint8_t sluice_json_from_json(const void* spec, StringArena* arena, const char* s, int64_t n,
                              const void** out) noexcept {
  bool rejected = false;
  try {
    *out = sl::readJson(*static_cast<const sl::JsonReadSpec*>(spec), sv(s, n), *arena, &rejected);
  } catch (...) {
    sluice::recordKernelException();
    *out = nullptr;
    rejected = false;
  }
  return rejected ? 2 : *out == nullptr;
}

void sluice_json_to_json(const void* spec, StringArena* arena, const void* v,
                         StringView* out) noexcept {
  try {
    thread_local std::string buf;  // reused: to_json runs once per row
    buf.clear();
    sl::writeJson(*static_cast<const sl::JsonWriteSpec*>(spec), v, buf);
    *out = put(arena, buf);
  } catch (...) {
    sluice::recordKernelException();
    *out = StringView{nullptr, 0};
  }
}

uint8_t sluice_json_get_json_object(StringArena* arena, const char* s, int64_t n, const char* path,
                                    int64_t pathLen, StringView* out) noexcept {
  try {
    auto r = sl::getJsonObject(sv(s, n), sv(path, pathLen));
    if (!r) return 1;
    *out = put(arena, *r);
    return 0;
  } catch (...) {
    sluice::recordKernelException();
    return 1;
  }
}

void sluice_json_tuple(const void* names, StringArena* arena, const char* s, int64_t n,
                       StringView* outs, uint8_t* nulls) noexcept {
  const auto& fields = *static_cast<const std::vector<std::string>*>(names);
  try {
    auto r = sl::jsonTuple(sv(s, n), fields);
    for (size_t i = 0; i < fields.size(); ++i) {
      nulls[i] = !r[i].has_value();
      outs[i] = r[i] ? put(arena, *r[i]) : StringView{nullptr, 0};
    }
  } catch (...) {
    sluice::recordKernelException();
    for (size_t i = 0; i < fields.size(); ++i) {
      nulls[i] = 1;
      outs[i] = StringView{nullptr, 0};
    }
  }
}

}  // extern "C"
