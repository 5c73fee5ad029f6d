// A host program embedding sluice: the C++ counterpart of the article's deserializer UDF.
//
// Cameras send compact binary records; the host registers `deserialize_camera(binary) ->
// string`, a C++ function that turns one record into JSON, and SQL does the rest
// (from_json, filters, aggregation). The program runs the query twice: over inline VALUES
// (a batch query, result read through Table's accessors), and as a streaming query over the
// in-process Kafka broker whose batches arrive through an onBatch callback and a memory table.
// It checks every result and exits non-zero on a mismatch, so the test suite runs it.
//
// Record layout (little-endian): 0xCA, flags (bit 0 has_sound, bit 1 has_motion),
// int64 last_event (epoch seconds), uint8 n, n bytes of device_id.
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluice/broker.h"  // the in-process test broker; a real deployment uses Kafka
#include "sluice/engine.h"

namespace {

struct Camera {
  std::string deviceId;
  int64_t lastEvent;
  bool hasSound;
  bool hasMotion;
};

std::string encode(const Camera& c) {
  std::string r;
  r += static_cast<char>(0xCA);
  r += static_cast<char>((c.hasSound ? 1 : 0) | (c.hasMotion ? 2 : 0));
  for (int i = 0; i < 8; ++i)
    r += static_cast<char>((static_cast<uint64_t>(c.lastEvent) >> (8 * i)) & 0xFF);
  r += static_cast<char>(c.deviceId.size());
  return r + c.deviceId;
}

// The deserializer: a record -> JSON, or NULL for a record that is not one (Spark's
// PERMISSIVE spirit: a bad record must not stop the stream).
std::optional<std::string> deserializeCamera(std::string_view b) {
  if (b.size() < 11 || static_cast<unsigned char>(b[0]) != 0xCA) return std::nullopt;
  const auto flags = static_cast<unsigned char>(b[1]);
  uint64_t ts = 0;
  for (int i = 0; i < 8; ++i)
    ts |= static_cast<uint64_t>(static_cast<unsigned char>(b[2 + i])) << (8 * i);
  const size_t n = static_cast<unsigned char>(b[10]);
  if (b.size() != 11 + n) return std::nullopt;
  std::string id(b.substr(11));
  for (char ch : id)
    if (ch == '"' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) return std::nullopt;
  return "{\"device_id\":\"" + id +
         "\",\"last_event\":" + std::to_string(static_cast<int64_t>(ts)) +
         ",\"has_sound\":" + ((flags & 1) ? "true" : "false") +
         ",\"has_motion\":" + ((flags & 2) ? "true" : "false") + "}";
}

std::string hex(const std::string& bytes) {
  static const char* d = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

int failures = 0;
void check(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "MISMATCH: " << what << "\n";
    ++failures;
  }
}

const std::vector<Camera> kCameras = {
    {"cam-01", 1500000000, true, true},
    {"cam-02", 1500000060, false, false},
    {"cam-03", 1500000120, false, true},
};

// `X'..'` literals for the records plus one malformed record.
std::string valuesRows() {
  std::string rows;
  for (const auto& c : kCameras) rows += "(X'" + hex(encode(c)) + "'), ";
  return rows + "(X'00FF')";
}

const char* kSchema =
    "'device_id STRING, last_event BIGINT, has_sound BOOLEAN, has_motion BOOLEAN'";

void batchQuery(sluice::Engine& engine) {
  sluice::Table t = engine.query(
      std::string(
          "SELECT c.device_id, CAST(c.last_event AS TIMESTAMP) AS last_event, c.has_motion\n"
          "FROM (SELECT from_json(deserialize_camera(payload), ") +
      kSchema + ") AS c\n      FROM VALUES " + valuesRows() +
      " AS r(payload))\nWHERE c IS NOT NULL ORDER BY c.device_id");
  std::cout << "Batch query over VALUES:\n" << t.show();
  check(t.rows() == 3, "3 decoded cameras, got " + std::to_string(t.rows()));
  check(t.columnType(1) == "timestamp", "last_event is a timestamp");
  for (int64_t r = 0; r < t.rows() && r < 3; ++r) {
    const Camera& c = kCameras[static_cast<size_t>(r)];
    check(t.getString(r, 0) == c.deviceId, "device_id of row " + std::to_string(r));
    check(t.getInt(r, 1) == c.lastEvent * 1000000, "last_event of " + c.deviceId);
    check((t.getInt(r, 2) != 0) == c.hasMotion, "has_motion of " + c.deviceId);
  }
  // The malformed record decodes to NULL rather than failing the query.
  sluice::Table bad = engine.query("SELECT deserialize_camera(X'00FF') IS NULL");
  check(bad.getInt(0, 0) == 1, "a malformed record is NULL");
}

void streamingQuery(sluice::Engine& engine) {
  sluice::Broker broker;
  broker.createTopic("nest-logs", 2);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sluice-embed-sample-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  int64_t batches = 0, delivered = 0;
  engine.onBatch("sightings", [&](int64_t batchId, const sluice::Table& rows) {
    ++batches;
    delivered += rows.rows();
    std::cout << "onBatch: batch " << batchId << ", " << rows.rows() << " sighting(s)\n";
  });
  const std::string bootstrap = broker.bootstrapServers();
  engine.execute("CREATE TABLE nest_logs USING kafka OPTIONS ('kafka.bootstrap.servers' '" +
                 bootstrap +
                 "', subscribe 'nest-logs', topic 'nest-logs', startingOffsets 'earliest');\n"
                 "CREATE TABLE sightings (device_id STRING, last_event TIMESTAMP) USING memory;\n"
                 // The producer side, in SQL too: the records go to Kafka as binary values.
                 "INSERT INTO nest_logs SELECT payload AS value FROM VALUES " +
                 valuesRows() +
                 " AS r(payload);\n"
                 "CREATE STREAMING QUERY sightings_query OPTIONS (checkpointLocation '" +
                 (dir / "cp").string() +
                 "', trigger 'availableNow') AS\n"
                 "INSERT INTO sightings\n"
                 "SELECT c.device_id, CAST(c.last_event AS TIMESTAMP)\n"
                 "FROM (SELECT from_json(deserialize_camera(value), " +
                 kSchema +
                 ") AS c FROM STREAM nest_logs)\n"
                 "WHERE c.has_motion");
  sluice::Table s = engine.query("SELECT device_id FROM sightings ORDER BY device_id");
  std::cout << "Streaming sightings (memory table):\n" << s.show();
  check(batches >= 1, "at least one batch delivered");
  check(delivered == 2, "2 sightings delivered, got " + std::to_string(delivered));
  check(s.rows() == 2 && s.getString(0, 0) == "cam-01" && s.getString(1, 0) == "cam-03",
        "sightings are cam-01 and cam-03");
  std::filesystem::remove_all(dir);
}

}  // namespace

int main() {
  try {
    sluice::Engine engine;
    engine.registerFunction<&deserializeCamera>("deserialize_camera",
                                                {.signature = "binary -> string"});
    batchQuery(engine);
    streamingQuery(engine);
  } catch (const sluice::Error& e) {
    std::cerr << e.render() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  if (failures) {
    std::cerr << failures << " check(s) failed\n";
    return 1;
  }
  std::cout << "embed sample: all checks passed\n";
  return 0;
}
