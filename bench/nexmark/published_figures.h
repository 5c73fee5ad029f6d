#pragma once
// Published Nexmark throughput per core of Flink and Feldera, printed beside sluice's for
// reference (not reproduced here; other hardware, other event counts, other sources).
//
// Flink: the nexmark/nexmark repository's README, "Nexmark Benchmark Result"
//   (https://github.com/nexmark/nexmark#nexmark-benchmark-result): Flink 1.13, 3 worker nodes
//   of 8 cores / 32 GB, 8 TaskManagers with one slot, parallelism 8, RocksDB state with
//   exactly-once checkpoints every 3 minutes, the datagen source generating 100 M events
//   (bid 92 %, auction 6 %, person 2 %) in the job. "Throughput/Cores" = 100 M events /
//   (cores measured by a CPU collector on every worker x seconds): all events of the mixed
//   stream, whichever ones the query reads.
// Feldera: the feldera/feldera repository's benchmark/README.md, "Sample results"
//   (https://github.com/feldera/feldera/blob/main/benchmark/README.md), the table
//   "16-core Nexmark Streaming Performance" (run-nexmark.sh, Feldera SQL in streaming mode,
//   events/s mean); the Feldera blog "Feldera performance on Nexmark versus Flink"
//   (2024-09-09) describes the machine: a 64-core Threadripper 3990X running Feldera with 16
//   workers. Per core below = the table's events/s / 16 (the configured cores, not measured
//   CPU), counting every generated event.
#include <optional>
#include <string_view>

namespace nexmark {

struct PublishedFigure {
  std::string_view query;
  double flinkPerCore;    ///< events/s per core, Flink 1.13 (nexmark/nexmark README); 0: none
  double felderaPerCore;  ///< events/s per core, Feldera (16-core table / 16); 0: none
};

inline constexpr PublishedFigure kPublished[] = {
    {"q0", 155'020, 6'973'987 / 16.0}, {"q1", 157'940, 6'595'871 / 16.0},
    {"q2", 175'210, 6'748'549 / 16.0}, {"q3", 152'120, 6'608'075 / 16.0},
    {"q4", 34'330, 4'233'521 / 16.0},  {"q5", 22'140, 6'589'786 / 16.0},
    {"q6", 0, 3'997'921 / 16.0},       {"q7", 12'330, 3'136'763 / 16.0},
    {"q8", 146'140, 6'641'870 / 16.0},
};

inline std::optional<PublishedFigure> published(std::string_view query) {
  for (const auto& f : kPublished)
    if (f.query == query) return f;
  return std::nullopt;
}

}  // namespace nexmark
