#include "samples/nest/nest_records.h"

#include <random>

#include "stdlib/datetime.h"

namespace sluice::nest {
namespace {

const char* const kRooms[] = {"Hallway", "Front door", "Backyard", "Garage", "Kitchen", "Nursery"};

}  // namespace

void generateNestRecords(const NestRecordOptions& o, const std::vector<std::string>& deviceIds,
                         const std::function<void(const std::string&, const std::string&)>& emit) {
  // The article's timestamp form, "2016-12-29T00:00:00.000Z" (UTC).
  const stdlib::DateTimePattern iso =
      *stdlib::DateTimePattern::compile("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", nullptr);
  auto isoTime = [&](long long ms) { return iso.format((kEpochStartSeconds * 1000 + ms) * 1000); };
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<size_t> pick(0, deviceIds.size() - 1);
  std::uniform_int_distribution<long long> when(0, o.hours * 3600000LL - 1);
  for (long r = 0; r < o.records; ++r) {
    std::string key, cameras;
    for (int c = 0; c < o.camerasPerRecord; ++c) {
      // One draw per statement: the sequence (and so the data) must not depend on the
      // compiler's evaluation order.
      const std::string id = unit(rng) < o.unknownShare ? "cam-unknown-" + std::to_string(pick(rng))
                                                        : deviceIds[pick(rng)];
      if (cameras.find("\"" + id + "\"") != std::string::npos) continue;  // unique map keys
      if (key.empty()) key = id;
      const bool online = unit(rng) >= o.offlineShare;
      const bool person = unit(rng) < o.personShare;
      const long long start = when(rng);
      const std::string room = kRooms[pick(rng) % 6];
      const std::string structure = std::to_string(pick(rng) % 50);
      const std::string where = std::to_string(pick(rng) % 9);
      const bool sound = unit(rng) < 0.5;
      if (!cameras.empty()) cameras += ",";
      cameras += "\"" + id + "\":{\"device_id\":\"" + id +
                 "\",\"software_version\":\"4.0\",\"structure_id\":\"struct-" + structure +
                 "\",\"where_id\":\"w-" + where + "\",\"where_name\":\"" + room + "\",\"name\":\"" +
                 room + " camera\",\"name_long\":\"" + room + " camera (" + id +
                 ")\",\"is_online\":" + (online ? "true" : "false") +
                 ",\"is_streaming\":" + (online ? "true" : "false") +
                 ",\"is_audio_input_enabled\":true,\"last_is_online_change\":\"" +
                 isoTime(start / 2) +
                 "\",\"is_video_history_enabled\":true,\"web_url\":\"https://home.nest.com/"
                 "cameras/" +
                 id + "\",\"app_url\":\"nestmobile://cameras/" + id +
                 "\",\"is_public_share_enabled\":false,\"activity_zones\":[{\"name\":"
                 "\"Walkway\",\"id\":\"244083\"}],\"public_share_url\":\"\",\"snapshot_url\":"
                 "\"\",\"last_event\":{\"has_sound\":" +
                 (sound ? "true" : "false") +
                 ",\"has_motion\":true,\"has_person\":" + (person ? "true" : "false") +
                 ",\"start_time\":\"" + isoTime(start) + "\",\"end_time\":\"" +
                 isoTime(start + 60000) + "\",\"activity_zone_ids\":[\"244083\"]}}";
    }
    emit(key,
         "{\"metadata\":{\"access_token\":\"c.FmDPkzyzaQe\",\"client_version\":1},"
         "\"devices\":{\"cameras\":{" +
             cameras + "}}}");
  }
}

}  // namespace sluice::nest
