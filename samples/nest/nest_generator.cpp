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
#include <string>
#include <vector>

#include "samples/nest/nest_records.h"

namespace {

struct Options : sluice::nest::NestRecordOptions {
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
      if (a == "--records")
        o.records = std::stol(v);
      else if (a == "--cameras-per-record")
        o.camerasPerRecord = std::stoi(v);
      else if (a == "--person-share")
        o.personShare = std::stod(v);
      else if (a == "--offline-share")
        o.offlineShare = std::stod(v);
      else if (a == "--unknown-share")
        o.unknownShare = std::stod(v);
      else if (a == "--hours")
        o.hours = std::stoi(v);
      else if (a == "--seed")
        o.seed = static_cast<unsigned>(std::stoul(v));
      else if (a == "--locations")
        o.locations = v;
      else
        usage("unknown option " + a);
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

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  const std::vector<std::string> ids = deviceIds(o.locations);
  std::string out;
  sluice::nest::generateNestRecords(o, ids, [&](const std::string& key, const std::string& json) {
    out += key;
    out += '\t';
    out += json;
    out += '\n';
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  });
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
