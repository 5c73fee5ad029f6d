#include "stdlib/kernel_error.h"

#include <algorithm>
#include <exception>

namespace sluice {
namespace {

struct Slot {
  bool pending = false;
  std::string message;
  const void* subject = nullptr;
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
  s.subject = nullptr;
  return std::move(s.message);
}

bool hasKernelError() {
  return slot().pending;
}

void raiseKernelError(std::string_view message) noexcept {
  raiseKernelErrorAbout(message, nullptr);
}

void raiseKernelErrorAbout(std::string_view message, const void* subject) noexcept {
  Slot& s = slot();
  if (s.pending) return;
  s.pending = true;
  s.subject = subject;
  try {
    s.message.assign(message);
  } catch (...) {  // out of memory: the call still fails, with what fits
    s.message.clear();
  }
}

void recordKernelException() noexcept {
  try {
    try {
      throw;
    } catch (const std::exception& e) {
      raiseKernelError(e.what());
    } catch (...) {
      raiseKernelError("unknown exception in a function called by generated code");
    }
  } catch (...) {
    // Out of memory building the message: the call must fail all the same.
    raiseKernelError("out of memory");
  }
}

const void* kernelErrorSubject() {
  const Slot& s = slot();
  return s.pending ? s.subject : nullptr;
}

namespace {

// Length of the valid UTF-8 character at `p` (n bytes available), or 0 if it is not one
// (bad lead byte, missing or bad continuation bytes, overlong or surrogate forms).
size_t utf8Length(const unsigned char* p, size_t n) {
  const unsigned char c = p[0];
  size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n < len || p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < len; ++i)
    if (p[i] < 0x80 || p[i] > 0xBF) return 0;
  return len;
}

}  // namespace

std::string quoteBytesForError(std::string_view bytes, size_t maxBytes) {
  static const char* kHex = "0123456789abcdef";
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  std::string out;
  out.reserve(std::min(n, maxBytes) + 16);
  size_t i = 0;
  while (i < n && i < maxBytes) {
    const unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const size_t len = c >= 0x80 ? utf8Length(p + i, n - i) : 0;
    if (len > 0) {
      if (i + len > maxBytes) break;  // do not cut a character
      out.append(bytes.data() + i, len);
      i += len;
      continue;
    }
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
    ++i;
  }
  if (i < n) out += "... (" + std::to_string(n) + " bytes)";
  return out;
}

}  // namespace sluice

extern "C" void sluice_kernel_error(const char* msg, int64_t len) {
  sluice::raiseKernelError(len > 0 ? std::string_view(msg, static_cast<size_t>(len))
                                   : std::string_view());
}
