#pragma once
// GET /metrics: the engine's streaming queries in Prometheus' text exposition format
// (version 0.0.4). Names follow Prometheus' conventions: a `sluice_` prefix, base units
// (seconds, bytes) in the name, `_total` for counters; labels `query`, `source`, `operator`,
// `topic`, `partition`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/progress/query_monitor.h"

namespace sluice {

/// The metrics text of every query in `registry`.
std::string prometheusMetrics(const QueryRegistry& registry);

/// A label value escaped as the format asks (backslash, double quote, newline).
std::string escapeLabelValue(std::string_view v);

/// Parses Spark's progress timestamps ("2016-12-14T18:45:24.873Z") back to epoch ms.
std::optional<int64_t> parseIsoTimestampMs(std::string_view text);

}  // namespace sluice
