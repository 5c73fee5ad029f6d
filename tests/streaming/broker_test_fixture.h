#pragma once
// Base fixture of the streaming tests: an in-process embedded broker with the test's topics
// and a scratch directory named after the test (removed afterwards).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/kafka/embedded_broker.h"
#include "runtime/kafka/kafka_reader.h"

namespace sluice {

class BrokerTestFixture : public ::testing::Test {
 protected:
  /// `topics`: (name, partitions) created before each test; `dirPrefix` starts the scratch
  /// directory's name (the pid and the test name follow).
  BrokerTestFixture(std::vector<std::pair<std::string, int>> topics, std::string dirPrefix)
      : topics_(std::move(topics)), dirPrefix_(std::move(dirPrefix)) {}

  void SetUp() override {
    broker_ = std::make_unique<EmbeddedBroker>();
    for (const auto& [name, partitions] : topics_) broker_->createTopic(name, partitions);
    dir_ = std::filesystem::temp_directory_path() /
           (dirPrefix_ + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  /// Every (key, value) record of `topic`, sorted; a null key reads as "<null>".
  std::vector<std::pair<std::string, std::string>> readTopic(const std::string& topic) {
    KafkaReader r({{"kafka.bootstrap.servers", broker_->bootstrapServers()},
                   {"subscribe", topic},
                   {"startingOffsets", "earliest"}},
                  false);
    ColumnBatch b = r.readAll();
    std::vector<std::pair<std::string, std::string>> out;
    for (int64_t i = 0; i < b.rows(); ++i) {
      auto str = [&](int c) {
        const ColumnData& col = b.columns()[static_cast<size_t>(c)];
        if (col.nulls && col.nulls[i]) return std::string("<null>");
        return std::string(static_cast<const StringView*>(col.values)[i].view());
      };
      out.emplace_back(str(0), str(1));
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::unique_ptr<EmbeddedBroker> broker_;  ///< the test's broker
  std::filesystem::path dir_;               ///< the test's scratch directory

 private:
  std::vector<std::pair<std::string, int>> topics_;
  std::string dirPrefix_;
};

}  // namespace sluice
