#include "runtime/stream/stop_signal.h"

#include <atomic>

namespace sluice {
namespace {
// Lock-free, so setting it from a signal handler is safe.
std::atomic<bool> stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);
}  // namespace

void requestStop() {
  stop.store(true, std::memory_order_relaxed);
}
bool stopRequested() {
  return stop.load(std::memory_order_relaxed);
}
void clearStopRequest() {
  stop.store(false, std::memory_order_relaxed);
}

}  // namespace sluice
