#pragma once
// Where the Nexmark benchmark's events come from: the tables `person`, `auction` and `bid` the
// queries read as streams, prepared once per run in one of three modes:
//   files   NDJSON files in three streaming directories (the json file source)
//   kafka   keyed JSON records in three topics on the embedded broker (`sluice broker`, a
//           child process so that its CPU time is not counted), read through the Kafka source;
//           `person` etc. are views applying from_json to the record values
//   memory  the embedding API has no in-memory streaming source (no MemoryStream: a streaming
//           query reads Kafka or file directories), so the closest real path: the same NDJSON
//           files on tmpfs (/dev/shm), read without any disk I/O
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bench/nexmark/nexmark_generator.h"

namespace nexmark {

enum class InputMode { Files, Kafka, Memory };

/// `files`, `kafka` or `memory`; nullopt for anything else.
std::optional<InputMode> parseInputMode(std::string_view s);

class Input {
 public:
  /// Writes / produces `events` for `mode` under `dir` (`files` files per stream, or the
  /// partitions the broker needs to keep every record). Throws std::runtime_error naming what
  /// failed.
  static std::unique_ptr<Input> prepare(InputMode mode, const Events& events,
                                        const std::filesystem::path& dir, int files);
  virtual ~Input() = default;

  /// CREATE TABLE / VIEW statements defining the streams person, auction and bid.
  virtual std::string tables() const = 0;
  /// One line for the benchmark's header, e.g. "3 Kafka topics, 34 partitions each".
  virtual std::string description() const = 0;
  /// Where checkpoints go (tmpfs in memory mode).
  virtual std::filesystem::path workDir() const = 0;
};

/// The JSON schema of each stream (also from_json's schema in kafka mode).
extern const char* const kPersonSchema;
extern const char* const kAuctionSchema;
extern const char* const kBidSchema;

}  // namespace nexmark
