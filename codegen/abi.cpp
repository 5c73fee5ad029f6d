#include "codegen/abi.h"

#include "codegen/jit/jit_engine.h"
#include "stdlib/kernel_error.h"

namespace sluice {

void registerKernelRuntime(JitEngine& jit) {
  jit.defineSymbol(kEmitRowSymbol, reinterpret_cast<const void*>(&sluice_rt_emit_row));
  jit.defineSymbol("sluice_rt_join_probe", reinterpret_cast<const void*>(&sluice_rt_join_probe));
  jit.defineSymbol("sluice_rt_agg_group", reinterpret_cast<const void*>(&sluice_rt_agg_group));
  jit.defineSymbol("sluice_rt_agg_update", reinterpret_cast<const void*>(&sluice_rt_agg_update));
}

}  // namespace sluice

extern "C" void sluice_rt_emit_row(void* sink, const sluice::RowSlot* slots,
                                   const uint8_t* nulls) noexcept {
  // Once the call failed (a sink threw, a FAILFAST parse error, ...) its remaining rows are
  // dropped here: one thread-local load per row, and a failed sink is not asked again.
  if (sluice::hasKernelError()) return;
  try {
    static_cast<sluice::RowSink*>(sink)->emitRow(slots, nulls);
  } catch (...) {
    sluice::recordKernelException();
  }
}

extern "C" int64_t sluice_rt_join_probe(const void* table, const sluice::RowSlot* keys,
                                        const unsigned char* const** rows) noexcept {
  try {
    const sluice::JoinMatches m = static_cast<const sluice::JoinProbeTable*>(table)->probe(keys);
    *rows = m.rows;
    return m.count;
  } catch (...) {
    sluice::recordKernelException();
    *rows = nullptr;
    return 0;  // no matches: the kernel carries on to the end of the call, which then fails
  }
}

extern "C" unsigned char* sluice_rt_agg_group(void* table, const sluice::RowSlot* keys,
                                              const uint8_t* keyNulls) noexcept {
  auto* t = static_cast<sluice::AggregateGroupTable*>(table);
  try {
    return t->group(keys, keyNulls);
  } catch (...) {
    sluice::recordKernelException();
    // The generated code updates the returned buffer in place: hand it one whose updates
    // are thrown away.
    return t->discardState();
  }
}

extern "C" void sluice_rt_agg_update(void* table, unsigned char* state, int32_t fn,
                                     const sluice::RowSlot* args,
                                     const uint8_t* argNulls) noexcept {
  if (sluice::hasKernelError()) return;  // the call failed; `state` may be the discard buffer
  try {
    static_cast<sluice::AggregateGroupTable*>(table)->update(state, fn, args, argNulls);
  } catch (...) {
    sluice::recordKernelException();
  }
}
