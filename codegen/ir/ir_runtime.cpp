#include "codegen/ir/ir_runtime.h"

#include <algorithm>
#include <cstring>

#include "codegen/jit/jit_engine.h"

extern "C" int32_t sluice_ir_strcmp(const char* a, int64_t aLen, const char* b, int64_t bLen) {
  const int64_t n = std::min(aLen, bLen);
  // memcmp compares as unsigned char, which is Spark's byte order; n == 0 must not touch
  // possibly-null pointers.
  if (n > 0) {
    const int c = std::memcmp(a, b, static_cast<size_t>(n));
    if (c != 0) return c < 0 ? -1 : 1;
  }
  return aLen < bLen ? -1 : aLen > bLen ? 1 : 0;
}

namespace sluice {

std::span<const IrRuntimeSymbol> irRuntimeSymbols() {
  static const IrRuntimeSymbol symbols[] = {
      {kIrStrcmpSymbol, reinterpret_cast<const void*>(&sluice_ir_strcmp)},
  };
  return symbols;
}

void registerIrRuntime(JitEngine& jit) {
  for (const IrRuntimeSymbol& s : irRuntimeSymbols()) jit.defineSymbol(s.name, s.address);
}

}  // namespace sluice
