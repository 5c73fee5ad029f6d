#pragma once
// C helpers that generated code calls (declared in modules by name, resolved by the JIT).
// Kept free of LLVM headers: this is plain runtime code. Every helper is registered with a
// JitEngine by registerIrRuntime — explicitly, because the test and CLI binaries do not
// export their symbols to the dynamic linker.
#include <cstdint>
#include <span>

namespace sluice {

class JitEngine;

/// One runtime helper: its C symbol name and address.
struct IrRuntimeSymbol {
  const char* name;     ///< C symbol, as declared in generated modules
  const void* address;  ///< the function's address in this process
};

/// Name of sluice_ir_strcmp, as declared in generated modules.
inline constexpr const char* kIrStrcmpSymbol = "sluice_ir_strcmp";

/// All helpers of this file.
std::span<const IrRuntimeSymbol> irRuntimeSymbols();

/// Defines every helper in `jit` (idempotent: JitEngine::defineSymbol dedups).
void registerIrRuntime(JitEngine& jit);

}  // namespace sluice

extern "C" {
/// Compares two byte strings as unsigned bytes, then by length (Spark's UTF8String /
/// binary ordering). Returns -1, 0 or 1. Pointers may be null when the length is 0.
int32_t sluice_ir_strcmp(const char* a, int64_t aLen, const char* b, int64_t bLen);
}
