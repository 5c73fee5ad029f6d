#pragma once
// The hand-written YSB query the benchmark compares sluice against: simdjson On-Demand over
// each JSON record, keep `event_type = 'view'`, map ad_id -> campaign through an
// absl::flat_hash_map, count per (campaign, 10 s tumbling window) in another.
//
// ysb_baseline.cpp is compiled twice: `portable` with the flags sluice's own libraries get
// (so simdjson's inline On-Demand code is its fallback kernel, as in stdlib/json_read.cpp),
// and `native` with -march=native (simdjson's best kernel for this CPU). Both variants keep
// their hash maps on types local to their translation unit, so the linker cannot merge a
// template instantiation compiled for one target into the other.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::bench {

/// One output row: views of ads of campaign `campaign` (index into the campaign list) in the
/// window starting at `windowStartMs`.
struct ViewCount {
  int32_t campaign;
  int64_t windowStartMs;
  int64_t count;
};

/// The static side of the join: ad `adIds[i]` belongs to campaign `adCampaign[i]`.
struct AdCampaigns {
  std::vector<std::string> adIds;
  std::vector<int32_t> adCampaign;
};

/// Window length of the query (10 seconds).
inline constexpr int64_t kWindowMs = 10'000;

#define SLUICE_YSB_BASELINE_DECLARE(ns)                                                    \
  namespace ns {                                                                           \
  /* SIMDJSON_BUILTIN_IMPLEMENTATION in this variant's translation unit: the kernel its    \
     inline On-Demand code was compiled for (fallback, westmere, haswell, icelake). */     \
  const char* simdjsonBuiltin();                                                           \
  /* Counts the view events of `records` per (campaign, window). Every record must be      \
     followed by at least simdjson::SIMDJSON_PADDING readable bytes (records are parsed in \
     place). Throws std::runtime_error naming the record for malformed input. */           \
  std::vector<ViewCount> countViews(const std::vector<std::string_view>& records,          \
                                    const AdCampaigns& ads);                               \
  }

SLUICE_YSB_BASELINE_DECLARE(portable)
SLUICE_YSB_BASELINE_DECLARE(native)

#undef SLUICE_YSB_BASELINE_DECLARE

}  // namespace sluice::bench
