#include "runtime/progress/source_metrics.h"

#include <algorithm>
#include <charconv>

#include "runtime/progress/query_progress.h"
#include "stdlib/json.h"

namespace sluice {

std::optional<std::map<std::pair<std::string, int32_t>, int64_t>> parseKafkaOffsets(
    std::string_view json) {
  const auto v = stdlib::parseJson(json);
  if (!v || v->kind != stdlib::JsonValue::Kind::Object) return std::nullopt;
  std::map<std::pair<std::string, int32_t>, int64_t> out;
  for (const auto& [topic, parts] : v->fields) {
    if (parts.kind != stdlib::JsonValue::Kind::Object) return std::nullopt;
    for (const auto& [p, off] : parts.fields) {
      int32_t partition = 0;
      const auto r = std::from_chars(p.data(), p.data() + p.size(), partition);
      if (r.ec != std::errc() || r.ptr != p.data() + p.size()) return std::nullopt;
      if (off.kind != stdlib::JsonValue::Kind::Number) return std::nullopt;
      int64_t offset = 0;
      const std::string& t = off.text;
      const auto r2 = std::from_chars(t.data(), t.data() + t.size(), offset);
      if (r2.ec != std::errc() || r2.ptr != t.data() + t.size()) return std::nullopt;
      out[{topic, partition}] = offset;
    }
  }
  return out;
}

std::vector<PartitionLag> offsetsBehindLatest(std::string_view latestJson,
                                              std::string_view endJson) {
  const auto latest = parseKafkaOffsets(latestJson);
  const auto end = parseKafkaOffsets(endJson);
  if (!latest || !end) return {};
  std::vector<PartitionLag> out;
  for (const auto& [tp, off] : *latest) {
    auto it = end->find(tp);
    out.push_back({tp.first, tp.second, off - (it == end->end() ? 0 : it->second)});
  }
  return out;
}

std::map<std::string, std::string> kafkaSourceMetrics(std::string_view latestJson,
                                                      std::string_view endJson) {
  const std::vector<PartitionLag> lags = offsetsBehindLatest(latestJson, endJson);
  if (lags.empty()) return {};
  int64_t lo = lags[0].offsetsBehind, hi = lo, sum = 0;
  for (const auto& l : lags) {
    lo = std::min(lo, l.offsetsBehind);
    hi = std::max(hi, l.offsetsBehind);
    sum += l.offsetsBehind;
  }
  return {{"avgOffsetsBehindLatest",
           formatJavaDouble(static_cast<double>(sum) / static_cast<double>(lags.size()))},
          {"maxOffsetsBehindLatest", std::to_string(hi)},
          {"minOffsetsBehindLatest", std::to_string(lo)}};
}

}  // namespace sluice
