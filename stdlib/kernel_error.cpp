#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

struct Slot {
  bool pending = false;
  std::string message;
};

Slot& slot() {
  thread_local Slot s;
  return s;
}

}  // namespace

std::optional<std::string> takeKernelError() {
  Slot& s = slot();
  if (!s.pending) return std::nullopt;
  s.pending = false;
  return std::move(s.message);
}

bool hasKernelError() {
  return slot().pending;
}

void raiseKernelError(std::string_view message) {
  Slot& s = slot();
  if (s.pending) return;
  s.pending = true;
  s.message.assign(message);
}

}  // namespace sluice

extern "C" void sluice_kernel_error(const char* msg, int64_t len) {
  sluice::raiseKernelError(len > 0 ? std::string_view(msg, static_cast<size_t>(len))
                                   : std::string_view());
}
