// The hand-written YSB query (see ysb_baseline.h); built once per variant, the namespace
// comes from YSB_BASELINE_NS.
#include "bench/ysb_baseline.h"

#include <absl/container/flat_hash_map.h>
#include <absl/hash/hash.h>
#include <simdjson.h>

#include <stdexcept>

#ifndef YSB_BASELINE_NS
#error "define YSB_BASELINE_NS (portable or native)"
#endif

namespace sluice::bench::YSB_BASELINE_NS {
namespace {

namespace od = simdjson::ondemand;

// Everything below is in an anonymous namespace: the map instantiations are unique to this
// translation unit, so each variant runs the code compiled for its own target.
struct GroupKey {
  int32_t campaign;
  int64_t windowStartMs;
  bool operator==(const GroupKey&) const = default;
  template <typename H>
  friend H AbslHashValue(H h, const GroupKey& k) {
    return H::combine(std::move(h), k.campaign, k.windowStartMs);
  }
};

struct AdHash : absl::Hash<std::string_view> {
  using is_transparent = void;
};

using AdMap = absl::flat_hash_map<std::string, int32_t, AdHash, std::equal_to<>>;

[[noreturn]] void fail(size_t record, simdjson::error_code e) {
  throw std::runtime_error("baseline: record " + std::to_string(record) + ": " +
                           simdjson::error_message(e));
}

}  // namespace

#define YSB_STR2(x) #x
#define YSB_STR(x) YSB_STR2(x)

// The macro, not simdjson::builtin_implementation(): that function lives in libsimdjson.so
// and names the .so's own builtin, not the kernel this translation unit's inline code uses.
const char* simdjsonBuiltin() {
  return YSB_STR(SIMDJSON_BUILTIN_IMPLEMENTATION);
}

std::vector<ViewCount> countViews(const std::vector<std::string_view>& records,
                                  const AdCampaigns& ads) {
  AdMap adToCampaign;
  for (size_t i = 0; i < ads.adIds.size(); ++i) adToCampaign[ads.adIds[i]] = ads.adCampaign[i];
  absl::flat_hash_map<GroupKey, int64_t> counts;
  od::parser parser;
  for (size_t r = 0; r < records.size(); ++r) {
    const std::string_view rec = records[r];
    od::document doc;
    if (auto e = parser.iterate(rec.data(), rec.size(), rec.size() + simdjson::SIMDJSON_PADDING)
                     .get(doc))
      fail(r, e);
    od::object obj;
    if (auto e = doc.get_object().get(obj)) fail(r, e);
    std::string_view adId, eventType;
    int64_t eventTime = 0;
    bool haveAd = false, haveType = false, haveTime = false;
    // One pass over the fields in document order; stop once the three we need are read or
    // the event is not a view.
    for (auto field : obj) {
      od::field f;
      if (auto e = std::move(field).get(f)) fail(r, e);
      const od::raw_json_string key = f.key();
      if (key == "ad_id") {
        if (auto e = f.value().get_string().get(adId)) fail(r, e);
        haveAd = true;
      } else if (key == "event_type") {
        if (auto e = f.value().get_string().get(eventType)) fail(r, e);
        haveType = true;
        if (eventType != "view") break;
      } else if (key == "event_time") {
        if (auto e = f.value().get_int64().get(eventTime)) fail(r, e);
        haveTime = true;
      }
      if (haveAd && haveType && haveTime) break;
    }
    if (!haveType || eventType != "view" || !haveAd || !haveTime) continue;
    auto ad = adToCampaign.find(adId);
    if (ad == adToCampaign.end()) continue;  // inner join: unknown ads drop out
    const int64_t start = eventTime - ((eventTime % kWindowMs) + kWindowMs) % kWindowMs;
    ++counts[GroupKey{ad->second, start}];
  }
  std::vector<ViewCount> out;
  out.reserve(counts.size());
  for (const auto& [k, n] : counts) out.push_back(ViewCount{k.campaign, k.windowStartMs, n});
  return out;
}

}  // namespace sluice::bench::YSB_BASELINE_NS
