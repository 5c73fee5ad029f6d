// ysb_generator: Yahoo Streaming Benchmark events shaped and distributed as ysb_bench's
// (deterministic: the same files on every run), written for the end-to-end benchmark
// (bench/ysb_e2e.sh):
//
//   <dir>/events.json     one JSON event per line (NDJSON; ~245 bytes each): user_id, page_id,
//                         ad_id, ad_type, event_type, event_time (epoch ms), ip_address
//   <dir>/events.kv       `<ad_id>\t<event JSON>` per line, for `kcat -P -K '\t'` (keyed, so
//                         the records spread over the topic's partitions)
//   <dir>/campaigns.csv   ad_id,campaign_id with a header: 1000 ads in 100 campaigns
//   <dir>/expected.csv    the query's answer computed here, independently of every engine:
//                         `campaign_id,window_start,count` (window_start in epoch seconds) for
//                         view events per campaign per 10-second tumbling window of
//                         CAST(event_time DIV 1000 AS TIMESTAMP), sorted
//
// Usage: ysb_generator --records N --dir DIR
#include <cstdio>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_common.h"

namespace {

using sluice::bench::Rng;
using sluice::bench::uuid;

constexpr int kAds = 1000;
constexpr int kCampaigns = 100;
constexpr int64_t kStartMs = 1'700'000'000'000;  // 2023-11-14T22:13:20Z

struct File {
  FILE* f;
  std::string path;
  explicit File(const std::string& p) : f(std::fopen(p.c_str(), "wb")), path(p) {
    if (!f) throw std::runtime_error("cannot write " + p);
    std::setvbuf(f, nullptr, _IOFBF, 1 << 20);
  }
  ~File() {
    if (f) std::fclose(f);
  }
  void put(const std::string& s) {
    if (std::fwrite(s.data(), 1, s.size(), f) != s.size())
      throw std::runtime_error("cannot write " + path);
  }
  void close() {
    if (std::fclose(f) != 0) throw std::runtime_error("cannot write " + path);
    f = nullptr;
  }
};

int run(int64_t n, const std::string& dir) {
  Rng rng{42};
  std::vector<std::string> campaignIds, adIds;
  std::vector<int> adCampaign;
  for (int c = 0; c < kCampaigns; ++c) campaignIds.push_back(uuid(rng));
  for (int a = 0; a < kAds; ++a) {
    adIds.push_back(uuid(rng));
    adCampaign.push_back(a / (kAds / kCampaigns));
  }
  std::vector<std::string> users, pages;
  for (int i = 0; i < 100; ++i) users.push_back(uuid(rng));
  for (int i = 0; i < 100; ++i) pages.push_back(uuid(rng));
  static const char* kAdTypes[] = {"banner", "modal", "sponsored-search", "mail", "mobile"};
  static const char* kEventTypes[] = {"view", "click", "purchase"};

  File json(dir + "/events.json"), kv(dir + "/events.kv");
  std::map<std::pair<std::string, int64_t>, int64_t> counts;
  int64_t bytes = 0;
  for (int64_t i = 0; i < n; ++i) {
    // 10k events per second of event time, up to a second out of order.
    const int64_t t = kStartMs + i / 10 + static_cast<int64_t>(rng.below(1000));
    char ip[16];
    std::snprintf(ip, sizeof ip, "%u.%u.%u.%u", unsigned(rng.below(256)), unsigned(rng.below(256)),
                  unsigned(rng.below(256)), unsigned(rng.below(256)));
    const std::string& user = users[rng.below(users.size())];
    const std::string& page = pages[rng.below(pages.size())];
    const size_t ad = rng.below(kAds);
    const char* adType = kAdTypes[rng.below(5)];
    const char* eventType = kEventTypes[rng.below(3)];
    const std::string rec = R"({"user_id":")" + user + R"(","page_id":")" + page +
                            R"(","ad_id":")" + adIds[ad] + R"(","ad_type":")" + adType +
                            R"(","event_type":")" + eventType + R"(","event_time":)" +
                            std::to_string(t) + R"(,"ip_address":")" + ip + "\"}\n";
    json.put(rec);
    kv.put(adIds[ad] + '\t' + rec);
    bytes += static_cast<int64_t>(rec.size());
    if (std::strcmp(eventType, "view") == 0)
      ++counts[{campaignIds[static_cast<size_t>(adCampaign[ad])], t / 1000 / 10 * 10}];
  }
  json.close();
  kv.close();

  File csv(dir + "/campaigns.csv");
  csv.put("ad_id,campaign_id\n");
  for (int a = 0; a < kAds; ++a)
    csv.put(adIds[a] + ',' + campaignIds[static_cast<size_t>(adCampaign[a])] + '\n');
  csv.close();

  File expected(dir + "/expected.csv");
  int64_t views = 0;
  for (const auto& [k, c] : counts) {
    expected.put(k.first + ',' + std::to_string(k.second) + ',' + std::to_string(c) + '\n');
    views += c;
  }
  expected.close();
  std::printf(
      "%lld events (%.1f MB, %.0f bytes each), %lld views in %zu (campaign, window) groups\n",
      static_cast<long long>(n), double(bytes) / 1e6, double(bytes) / double(n),
      static_cast<long long>(views), counts.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t n = 600'000;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--records" && i + 1 < argc) {
      n = std::stoll(argv[++i]);
    } else if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else {
      std::fprintf(stderr, "usage: ysb_generator --records N --dir DIR\n");
      return 2;
    }
  }
  if (dir.empty() || n <= 0) {
    std::fprintf(stderr, "usage: ysb_generator --records N --dir DIR\n");
    return 2;
  }
  try {
    return run(n, dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ysb_generator: %s\n", e.what());
    return 1;
  }
}
