#include "codegen/abi.h"

#include "codegen/jit/jit_engine.h"

namespace sluice {

void registerKernelRuntime(JitEngine& jit) {
  jit.defineSymbol(kEmitRowSymbol, reinterpret_cast<const void*>(&sluice_rt_emit_row));
}

}  // namespace sluice

extern "C" void sluice_rt_emit_row(void* sink, const sluice::RowSlot* slots, const uint8_t* nulls) {
  static_cast<sluice::RowSink*>(sink)->emitRow(slots, nulls);
}
