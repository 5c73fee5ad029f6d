#pragma once
// Base fixture of the streaming tests: an in-process embedded broker with the test's topics
// and a scratch directory named after the test (removed afterwards); the process-wide stop
// request is cleared so a previous test's SIGINT handling cannot stop this one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/kafka/embedded_broker.h"

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

  std::unique_ptr<EmbeddedBroker> broker_;  ///< the test's broker
  std::filesystem::path dir_;               ///< the test's scratch directory

 private:
  std::vector<std::pair<std::string, int>> topics_;
  std::string dirPrefix_;
};

}  // namespace sluice
