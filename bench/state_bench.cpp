// state_bench: how long the state store takes to persist and restore a windowed count per zip
// code. Keys are "<zip>|<window start>" (30 bytes), values an 8-byte count (even keys) or a
// 16-byte count + sum (odd keys), as the aggregate operator would store them.
//
// Per size it measures (median of --repeat runs, each in a fresh directory):
//   build      put N new keys into version 0 (in memory only)
//   delta      commit(1): the delta file holding all N keys
//   snapshot   writeSnapshot(): a full snapshot of the N keys
//   restore    load(1) in a fresh store from the snapshot
//   replay     load(1) in a fresh store from the delta alone (snapshot removed)
//   update 1%  put N/100 existing keys and commit(2) (the steady-state per-batch cost)
//
// Usage: state_bench [--repeat R] [--dir D] [sizes...]   (default sizes 100000 1000000)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "runtime/state/state_store.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// "94107|2017-06-28T15:00:00.000Z": 100,000 zip codes x consecutive hourly windows.
std::string keyOf(int64_t i) {
  char buf[64];
  const int zip = static_cast<int>(i % 100000);
  const int hour = static_cast<int>((i / 100000) % 24);
  const int day = 1 + static_cast<int>((i / 100000 / 24) % 28);
  std::snprintf(buf, sizeof(buf), "%05d|2017-06-%02dT%02d:00:00.000Z", zip, day, hour);
  return buf;
}

std::string valueOf(int64_t i, int64_t count) {
  std::string v(i % 2 ? 16 : 8, '\0');
  std::memcpy(v.data(), &count, 8);
  if (i % 2) {
    const double sum = static_cast<double>(count) * 1.5;
    std::memcpy(v.data() + 8, &sum, 8);
  }
  return v;
}

struct Result {
  double build = 0, delta = 0, snapshot = 0, restore = 0, replay = 0, update = 0;
  uint64_t deltaBytes = 0, snapshotBytes = 0;
  int64_t memory = 0;
};

Result runOnce(int64_t n, const fs::path& dir) {
  fs::remove_all(dir);
  Result r;
  sluice::StateStoreOptions opt;
  opt.minDeltasForSnapshot = 1000;  // snapshots only when asked, so each phase is timed alone
  std::vector<std::string> keys;
  keys.reserve(n);
  for (int64_t i = 0; i < n; ++i) keys.push_back(keyOf(i));
  {
    sluice::StateStore s(dir, opt);
    s.load(0);
    auto t0 = Clock::now();
    for (int64_t i = 0; i < n; ++i) s.put(keys[i], valueOf(i, i + 1));
    r.build = msSince(t0);
    t0 = Clock::now();
    const sluice::StateCommitMetrics m = s.commit(1);
    r.delta = msSince(t0);
    r.deltaBytes = m.deltaBytes;
    r.memory = s.memoryUsedBytes();
    t0 = Clock::now();
    r.snapshotBytes = s.writeSnapshot();
    r.snapshot = msSince(t0);
    t0 = Clock::now();
    for (int64_t i = 0; i < n; i += 100) s.put(keys[i], valueOf(i, i + 2));
    s.commit(2);
    r.update = msSince(t0);
  }
  {
    sluice::StateStore s(dir, opt);
    const auto t0 = Clock::now();
    s.load(1);
    r.restore = msSince(t0);
    if (s.numKeys() != n) throw sluice::ExecutionError("restore lost keys");
  }
  fs::remove(dir / "1.snapshot");
  {
    sluice::StateStore s(dir, opt);
    const auto t0 = Clock::now();
    s.load(1);
    r.replay = msSince(t0);
    if (s.numKeys() != n || *s.get(keys[n - 1]) != valueOf(n - 1, n)) {
      throw sluice::ExecutionError("replay restored wrong state");
    }
  }
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  fs::path base = fs::temp_directory_path() / ("sluice-state-bench-" + std::to_string(getpid()));
  std::vector<int64_t> sizes;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--dir" && i + 1 < argc) {
      base = argv[++i];
    } else if (!a.empty() && a[0] != '-') {
      sizes.push_back(std::atoll(a.c_str()));
    } else {
      std::fprintf(stderr, "usage: state_bench [--repeat R] [--dir D] [sizes...]\n");
      return 2;
    }
  }
  if (sizes.empty()) sizes = {100000, 1000000};
  try {
    std::printf("state store: ~30 B keys, 8/16 B values; median of %d runs; files in %s\n", repeat,
                base.string().c_str());
    std::printf("%10s %9s %9s %9s %9s %9s %9s %11s %10s %10s\n", "keys", "build ms", "delta ms",
                "snap ms", "restore", "replay", "upd1% ms", "snap MB", "MB/s snap", "mem MB");
    for (int64_t n : sizes) {
      std::vector<Result> rs;
      for (int k = 0; k < repeat; ++k) rs.push_back(runOnce(n, base / std::to_string(n)));
      auto med = [&](double Result::*f) {
        std::vector<double> v;
        for (const auto& r : rs) v.push_back(r.*f);
        return median(v);
      };
      const double snapMs = med(&Result::snapshot);
      const double snapMb = static_cast<double>(rs[0].snapshotBytes) / 1e6;
      std::printf("%10lld %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %11.1f %10.0f %10.1f\n",
                  static_cast<long long>(n), med(&Result::build), med(&Result::delta), snapMs,
                  med(&Result::restore), med(&Result::replay), med(&Result::update), snapMb,
                  snapMb / (snapMs / 1000.0), static_cast<double>(rs[0].memory) / 1e6);
    }
    fs::remove_all(base);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "state_bench: %s\n", e.what());
    fs::remove_all(base);
    return 1;
  }
  return 0;
}
