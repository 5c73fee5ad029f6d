// A test fixture for streaming queries over a JSON file directory: a private temp directory
// per test, files appearing whole in its in/ folder, and the keys of a hash-partitioned state.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/state/partitioned_state_store.h"

namespace sluice {

class FileStreamFixture : public ::testing::Test {
 public:
  /// Writes `lines` (one per line) aside, then moves the file into in/, so a running query
  /// never sees it half written.
  void addFile(const std::string& name, const std::vector<std::string>& lines) {
    const std::filesystem::path tmp = dir_ / ("." + name);
    {
      std::ofstream out(tmp);
      for (const auto& l : lines) out << l << "\n";
    }
    std::filesystem::rename(tmp, dir_ / "in" / name);
  }

 protected:
  /// `prefix` names the temp directory (sluice-<prefix>-<pid>-<test>).
  explicit FileStreamFixture(std::string prefix) : prefix_(std::move(prefix)) {}

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice-" + prefix_ + "-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "in");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// The keys in the latest committed version of state operator `op` of the checkpoint
  /// `cp`, over all its `partitions` hash partitions.
  int64_t stateKeys(const std::filesystem::path& cp, int op, int partitions) const {
    PartitionedStateStore store(cp / "state", op, partitions);
    store.load(store.partition(0).latestVersionOnDisk());
    int64_t keys = 0;
    store.forEach([&](std::string_view, std::string_view, const StateStore&) { ++keys; });
    return keys;
  }

  std::filesystem::path dir_;

 private:
  std::string prefix_;
};

}  // namespace sluice
