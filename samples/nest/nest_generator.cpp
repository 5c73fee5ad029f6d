// Generates Nest-API camera records (the JSON shape of the article's example) for the Nest
// sample: one record per line as `key<TAB>json`, keyed by the record's first camera so that
// `kcat -P -K '\t'` spreads them over partitions.
//
//   nest_generator [--records N] [--cameras-per-record K] [--person-share P]
//                  [--offline-share O] [--hours H] [--seed S] [--locations FILE]
//                  [--unknown-share U]
//
// Device ids come from the locations CSV (device_id,zip_code; the sample's
// device_locations.csv), plus a share U of cameras the CSV does not know (dropped by the
// inner join). Event times spread uniformly over H hours from 2016-12-29T00:00:00Z.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace {

struct Options {
  long records = 10000;
  int camerasPerRecord = 3;
  double personShare = 0.3;
  double offlineShare = 0.05;
  double unknownShare = 0.02;
  int hours = 6;
  unsigned seed = 42;
  std::string locations = "device_locations.csv";
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "nest_generator: " << why
            << "\nusage: nest_generator [--records N] [--cameras-per-record K] "
               "[--person-share P] [--offline-share O] [--unknown-share U] [--hours H] "
               "[--seed S] [--locations FILE]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) usage("missing value for " + a);
    const std::string v = argv[++i];
    try {
      if (a == "--records") o.records = std::stol(v);
      else if (a == "--cameras-per-record") o.camerasPerRecord = std::stoi(v);
      else if (a == "--person-share") o.personShare = std::stod(v);
      else if (a == "--offline-share") o.offlineShare = std::stod(v);
      else if (a == "--unknown-share") o.unknownShare = std::stod(v);
      else if (a == "--hours") o.hours = std::stoi(v);
      else if (a == "--seed") o.seed = static_cast<unsigned>(std::stoul(v));
      else if (a == "--locations") o.locations = v;
      else usage("unknown option " + a);
    } catch (const std::logic_error&) {
      usage("bad value '" + v + "' for " + a);
    }
  }
  if (o.records < 0 || o.camerasPerRecord < 1 || o.hours < 1) usage("values out of range");
  return o;
}

std::vector<std::string> deviceIds(const std::string& path) {
  std::ifstream in(path);
  if (!in) usage("cannot read locations file " + path);
  std::vector<std::string> ids;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    if (comma != std::string::npos && comma > 0) ids.push_back(line.substr(0, comma));
  }
  if (ids.empty()) usage("no device ids in " + path);
  return ids;
}

// 2016-12-29T00:00:00Z plus `ms`, as the article's "2016-12-29T00:00:00.000Z".
std::string isoTime(long long ms) {
  long long s = 1482969600LL + ms / 1000;
  const int millis = static_cast<int>(ms % 1000);
  const long long days = s / 86400;
  const int sod = static_cast<int>(s % 86400);
  // Civil date from days since the epoch (Howard Hinnant's algorithm).
  long long z = days + 719468;
  const long long era = z / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02d:%02d:%02d.%03dZ", y, m, d, sod / 3600,
                sod / 60 % 60, sod % 60, millis);
  return buf;
}

const char* kRooms[] = {"Hallway", "Front door", "Backyard", "Garage", "Kitchen", "Nursery"};

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const std::vector<std::string> ids = deviceIds(o.locations);
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<size_t> pick(0, ids.size() - 1);
  std::uniform_int_distribution<long long> when(0, o.hours * 3600000LL - 1);
  std::string out;
  for (long r = 0; r < o.records; ++r) {
    std::string key, cameras;
    for (int c = 0; c < o.camerasPerRecord; ++c) {
      std::string id = unit(rng) < o.unknownShare ? "cam-unknown-" + std::to_string(pick(rng))
                                                  : ids[pick(rng)];
      if (cameras.find("\"" + id + "\"") != std::string::npos) continue;  // map keys are unique
      if (key.empty()) key = id;
      const bool online = unit(rng) >= o.offlineShare;
      const bool person = unit(rng) < o.personShare;
      const long long start = when(rng);
      const char* room = kRooms[pick(rng) % 6];
      if (!cameras.empty()) cameras += ",";
      cameras += "\"" + id + "\":{\"device_id\":\"" + id +
                 "\",\"software_version\":\"4.0\",\"structure_id\":\"struct-" +
                 std::to_string(pick(rng) % 50) + "\",\"where_id\":\"w-" + std::to_string(pick(rng) % 9) +
                 "\",\"where_name\":\"" + room + "\",\"name\":\"" + room +
                 " camera\",\"name_long\":\"" + room + " camera (" + id +
                 ")\",\"is_online\":" + (online ? "true" : "false") +
                 ",\"is_streaming\":" + (online ? "true" : "false") +
                 ",\"is_audio_input_enabled\":true,\"last_is_online_change\":\"" +
                 isoTime(start / 2) +
                 "\",\"is_video_history_enabled\":true,\"web_url\":\"https://home.nest.com/cameras/" +
                 id + "\",\"app_url\":\"nestmobile://cameras/" + id +
                 "\",\"is_public_share_enabled\":false,\"activity_zones\":[{\"name\":\"Walkway\","
                 "\"id\":\"244083\"}],\"public_share_url\":\"\",\"snapshot_url\":\"\","
                 "\"last_event\":{\"has_sound\":" + (unit(rng) < 0.5 ? "true" : "false") +
                 ",\"has_motion\":true,\"has_person\":" + (person ? "true" : "false") +
                 ",\"start_time\":\"" + isoTime(start) + "\",\"end_time\":\"" +
                 isoTime(start + 60000) + "\",\"activity_zone_ids\":[\"244083\"]}}";
    }
    out += key + "\t{\"metadata\":{\"access_token\":\"c.FmDPkzyzaQe\",\"client_version\":1},"
                 "\"devices\":{\"cameras\":{" + cameras + "}}}\n";
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
