#pragma once
// Errors raised inside generated code. Kernels are noexcept JIT code, so a stdlib function
// that must fail the query (from_json in FAILFAST mode, a duplicate map key, ...) records the
// error here and returns a NULL-ish result; the runtime calls takeKernelError() after every
// kernel call and turns a recorded error into an ExecutionError. Only the first error of a
// call is kept (later ones are usually consequences of it). The slot is thread-local: a
// kernel runs on one thread from start to end.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sluice {

/// The first error recorded on this thread since the last take, and clears it.
std::optional<std::string> takeKernelError();
/// True when an error is pending on this thread (without clearing it).
bool hasKernelError();
/// Records `message` unless an error is already pending (C++ callers in the stdlib).
void raiseKernelError(std::string_view message) noexcept;
/// Records `message` about the input bytes at `subject` (e.g. the text from_json could not
/// parse: a pointer into a column of the kernel's batch), so the runtime can name the input
/// row and the source record it came from. Unless an error is already pending.
void raiseKernelErrorAbout(std::string_view message, const void* subject) noexcept;
/// The subject of the pending error (raiseKernelErrorAbout), or nullptr; not cleared.
const void* kernelErrorSubject();

/// Records the exception being handled as the current kernel error (its what(), or "unknown
/// exception ..."): call it from a `catch (...)` block of C++ code that generated code calls.
/// Exceptions must never unwind through generated code (it has no unwind information, so
/// they end in std::terminate).
void recordKernelException() noexcept;

/// `bytes` quoted for an error message: valid printable UTF-8 as is, control bytes and bytes
/// that are not valid UTF-8 as `\xNN`; after `maxBytes` input bytes (not splitting a
/// character) it ends with `... (N bytes)`, N the full length.
std::string quoteBytesForError(std::string_view bytes, size_t maxBytes = 200);

}  // namespace sluice

extern "C" {
/// Records the error `msg` (`len` bytes, not NUL-terminated) for takeKernelError, unless an
/// error is already pending on this thread. Callable from generated code.
void sluice_kernel_error(const char* msg, int64_t len);
}
