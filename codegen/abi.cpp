#include "codegen/abi.h"

#include "codegen/jit/jit_engine.h"

namespace sluice {

void registerKernelRuntime(JitEngine& jit) {
  jit.defineSymbol(kEmitRowSymbol, reinterpret_cast<const void*>(&sluice_rt_emit_row));
  jit.defineSymbol("sluice_rt_join_probe", reinterpret_cast<const void*>(&sluice_rt_join_probe));
  jit.defineSymbol("sluice_rt_agg_group", reinterpret_cast<const void*>(&sluice_rt_agg_group));
  jit.defineSymbol("sluice_rt_agg_update", reinterpret_cast<const void*>(&sluice_rt_agg_update));
}

}  // namespace sluice

extern "C" void sluice_rt_emit_row(void* sink, const sluice::RowSlot* slots, const uint8_t* nulls) {
  static_cast<sluice::RowSink*>(sink)->emitRow(slots, nulls);
}

extern "C" int64_t sluice_rt_join_probe(const void* table, const sluice::RowSlot* keys,
                                        const unsigned char* const** rows) {
  const sluice::JoinMatches m = static_cast<const sluice::JoinProbeTable*>(table)->probe(keys);
  *rows = m.rows;
  return m.count;
}

extern "C" unsigned char* sluice_rt_agg_group(void* table, const sluice::RowSlot* keys,
                                              const uint8_t* keyNulls) {
  return static_cast<sluice::AggregateGroupTable*>(table)->group(keys, keyNulls);
}

extern "C" void sluice_rt_agg_update(void* table, unsigned char* state, int32_t fn,
                                     const sluice::RowSlot* args, const uint8_t* argNulls) {
  static_cast<sluice::AggregateGroupTable*>(table)->update(state, fn, args, argNulls);
}
