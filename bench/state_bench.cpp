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
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "runtime/state/state_store.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double cpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Wall and CPU time of a phase: the machine is shared, so wall time alone mostly measures the
// neighbours; CPU time excludes waiting for the CPU and for fsync.
struct Timing {
  double wall = 0, cpu = 0;
};

struct Timer {
  Clock::time_point w0 = Clock::now();
  double c0 = cpuMs();
  Timing stop() const {
    return {std::chrono::duration<double, std::milli>(Clock::now() - w0).count(), cpuMs() - c0};
  }
};

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
  Timing build, delta, snapshot, restore, replay, update;
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
    Timer t;
    for (int64_t i = 0; i < n; ++i) s.put(keys[i], valueOf(i, i + 1));
    r.build = t.stop();
    t = Timer();
    const sluice::StateCommitMetrics m = s.commit(1);
    r.delta = t.stop();
    r.deltaBytes = m.deltaBytes;
    r.memory = s.memoryUsedBytes();
    t = Timer();
    r.snapshotBytes = s.writeSnapshot();
    r.snapshot = t.stop();
    t = Timer();
    for (int64_t i = 0; i < n; i += 100) s.put(keys[i], valueOf(i, i + 2));
    s.commit(2);
    r.update = t.stop();
  }
  {
    sluice::StateStore s(dir, opt);
    const Timer t;
    s.load(1);
    r.restore = t.stop();
    if (s.numKeys() != n) throw sluice::ExecutionError("restore lost keys");
  }
  fs::remove(dir / "1.snapshot");
  {
    sluice::StateStore s(dir, opt);
    const Timer t;
    s.load(1);
    r.replay = t.stop();
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
    std::vector<std::vector<Result>> all;
    for (int64_t n : sizes) {
      all.emplace_back();
      for (int k = 0; k < repeat; ++k) all.back().push_back(runOnce(n, base / std::to_string(n)));
    }
    std::printf("%-34s", "phase (wall ms / cpu ms)");
    for (int64_t n : sizes) std::printf(" %10lld keys    ", static_cast<long long>(n));
    std::printf("\n");
    const std::pair<const char*, Timing Result::*> phases[] = {
        {"build: put N new keys", &Result::build},
        {"commit: delta of N keys", &Result::delta},
        {"snapshot: full snapshot file", &Result::snapshot},
        {"restore: load from snapshot", &Result::restore},
        {"replay: load from delta only", &Result::replay},
        {"update 1% + commit", &Result::update}};
    for (const auto& [name, field] : phases) {
      std::printf("%-34s", name);
      for (const auto& rs : all) {
        std::vector<double> wall, cpu;
        for (const auto& r : rs) {
          wall.push_back((r.*field).wall);
          cpu.push_back((r.*field).cpu);
        }
        std::printf(" %9.1f / %7.1f", median(wall), median(cpu));
      }
      std::printf("\n");
    }
    std::printf("%-34s", "snapshot file MB / memory MB");
    for (const auto& rs : all) {
      std::printf(" %9.1f / %7.1f", static_cast<double>(rs[0].snapshotBytes) / 1e6,
                  static_cast<double>(rs[0].memory) / 1e6);
    }
    std::printf("\n");
    fs::remove_all(base);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "state_bench: %s\n", e.what());
    fs::remove_all(base);
    return 1;
  }
  return 0;
}
