#pragma once
// Nest-API camera records (the JSON shape of the article's example), generated
// deterministically: used by the sample's nest_generator and by bench/nest_bench, so the
// benchmark reads exactly what the demo produces.
#include <functional>
#include <string>
#include <vector>

namespace sluice::nest {

/// What to generate; the defaults are nest_generator's.
struct NestRecordOptions {
  long records = 10000;        ///< records to generate
  int camerasPerRecord = 3;    ///< cameras drawn per record (repeats are dropped)
  double personShare = 0.3;    ///< share of camera events with has_person
  double offlineShare = 0.05;  ///< share of offline cameras
  double unknownShare = 0.02;  ///< share of camera ids the locations do not know
  int hours = 6;               ///< event times spread over this many hours
  unsigned seed = 42;          ///< random seed
};

/// 2016-12-29T00:00:00Z, where generated event times start (seconds since the epoch).
constexpr long long kEpochStartSeconds = 1482969600;

/// Generates the records over `deviceIds` (non-empty) and calls `emit(key, json)` for each;
/// the key is the record's first camera id (so keyed producers spread records).
void generateNestRecords(const NestRecordOptions& o, const std::vector<std::string>& deviceIds,
                         const std::function<void(const std::string&, const std::string&)>& emit);

}  // namespace sluice::nest
