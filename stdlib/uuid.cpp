#include "stdlib/uuid.h"

#include <cstring>
#include <random>

namespace sluice::stdlib {

std::string randomUuid() {
  // One generator per thread, seeded from the OS: uuid() is nondeterministic by definition.
  thread_local std::mt19937_64 gen{std::random_device{}()};
  uint64_t hi = gen(), lo = gen();
  hi = (hi & ~0xF000ull) | 0x4000ull;        // version 4
  lo = (lo & ~(3ull << 62)) | (2ull << 62);  // variant 10
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xFFFF), static_cast<unsigned>(hi & 0xFFFF),
                static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return buf;
}

}  // namespace sluice::stdlib

extern "C" void sluice_uuid(sluice::StringArena* a, sluice::StringView* out) {
  const std::string u = sluice::stdlib::randomUuid();
  char* p = a->allocate(u.size());
  std::memcpy(p, u.data(), u.size());
  *out = sluice::StringView{p, static_cast<int64_t>(u.size())};
}
