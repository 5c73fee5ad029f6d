#include "bench/nexmark/nexmark_inputs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "runtime/kafka/kafka_writer.h"

namespace fs = std::filesystem;

namespace nexmark {

const char* const kPersonSchema =
    "id BIGINT, name STRING, emailAddress STRING, creditCard STRING, city STRING, state STRING, "
    "dateTime TIMESTAMP";
const char* const kAuctionSchema =
    "id BIGINT, itemName STRING, initialBid BIGINT, reserve BIGINT, dateTime TIMESTAMP, "
    "expires TIMESTAMP, seller BIGINT, category BIGINT";
const char* const kBidSchema =
    "auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, dateTime TIMESTAMP";

std::optional<InputMode> parseInputMode(std::string_view s) {
  if (s == "files") return InputMode::Files;
  if (s == "kafka") return InputMode::Kafka;
  if (s == "memory") return InputMode::Memory;
  return std::nullopt;
}

namespace {

struct Stream {
  const char* name;
  const char* schema;
};
constexpr Stream kStreams[] = {
    {"person", kPersonSchema}, {"auction", kAuctionSchema}, {"bid", kBidSchema}};

template <typename T>
void writeFiles(const fs::path& dir, const std::vector<T>& events, int files) {
  fs::create_directories(dir);
  const size_t per = (events.size() + static_cast<size_t>(files) - 1) / static_cast<size_t>(files);
  for (int f = 0; f < files; ++f) {
    char name[32];
    std::snprintf(name, sizeof name, "%04d.json", f);
    std::ofstream out(dir / name);
    for (size_t i = static_cast<size_t>(f) * per; i < std::min(events.size(), (f + 1) * per); ++i)
      out << toJson(events[i]) << '\n';
    if (!out) throw std::runtime_error("cannot write " + (dir / name).string());
  }
}

// NDJSON files in three streaming directories under `root`.
class FileInput : public Input {
 public:
  FileInput(const Events& ev, fs::path root, int files, bool tmpfs)
      : root_(std::move(root)), files_(files), tmpfs_(tmpfs) {
    fs::remove_all(root_);
    writeFiles(root_ / "person", ev.persons, files);
    writeFiles(root_ / "auction", ev.auctions, files);
    writeFiles(root_ / "bid", ev.bids, files);
  }
  ~FileInput() override {
    if (tmpfs_) fs::remove_all(root_);  // tmpfs is memory: give it back
  }
  std::string tables() const override {
    std::string s;
    for (const Stream& st : kStreams)
      s += std::string("CREATE TABLE ") + st.name + " (" + st.schema +
           ") USING json OPTIONS (path '" + (root_ / st.name).string() + "');\n";
    return s;
  }
  std::string description() const override {
    return std::to_string(files_) + " NDJSON files per stream in " + root_.string() +
           (tmpfs_ ? " (tmpfs: no in-memory streaming source exists, see nexmark_inputs.h)" : "");
  }
  fs::path workDir() const override { return root_; }

 private:
  fs::path root_;
  int files_;
  bool tmpfs_;
};

// The embedded broker as a child process (`sluice broker`), stopped with SIGTERM.
class BrokerProcess {
 public:
  BrokerProcess(const fs::path& dir, int partitions, const std::string& topics) {
    const fs::path bootstrapFile = dir / "bootstrap";
    fs::remove(bootstrapFile);
    const std::string log = (dir / "broker.log").string();
    pid_ = fork();
    if (pid_ == 0) {
      const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (fd >= 0) {
        dup2(fd, 1);
        dup2(fd, 2);
      }
      const std::string p = std::to_string(partitions), bf = bootstrapFile.string();
      execl(SLUICE_BINARY, SLUICE_BINARY, "broker", "--partitions", p.c_str(), "--topics",
            topics.c_str(), "--bootstrap-file", bf.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    if (pid_ < 0) throw std::runtime_error("cannot fork the broker process");
    for (int i = 0; i < 200 && bootstrap_.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      std::ifstream in(bootstrapFile);
      std::getline(in, bootstrap_);
    }
    if (bootstrap_.empty()) {
      stop();
      throw std::runtime_error("`sluice broker` did not start within 10 s (see " + log + ")");
    }
  }
  ~BrokerProcess() { stop(); }
  const std::string& bootstrap() const { return bootstrap_; }

 private:
  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  pid_t pid_ = -1;
  std::string bootstrap_;
};

// The mock cluster keeps about 5 MiB per partition: 3 MiB per partition leaves headroom.
constexpr int64_t kBytesPerPartition = 3 << 20;

template <typename T>
int64_t jsonBytes(const std::vector<T>& events) {
  int64_t b = 0;
  for (const auto& e : events) b += static_cast<int64_t>(toJson(e).size()) + 40;  // + overhead
  return b;
}

template <typename T, typename KeyOf>
void produce(const std::string& bootstrap, const std::string& topic, const std::vector<T>& events,
             KeyOf keyOf) {
  sluice::KafkaWriter w({{"kafka.bootstrap.servers", bootstrap}, {"topic", topic}});
  for (const auto& e : events) w.write(std::to_string(keyOf(e)), toJson(e));
  w.flush();
}

// Keyed JSON records in topics nexmark-person / -auction / -bid on the embedded broker.
class KafkaInput : public Input {
 public:
  KafkaInput(const Events& ev, fs::path dir) : dir_(std::move(dir)) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const int64_t most =
        std::max({jsonBytes(ev.persons), jsonBytes(ev.auctions), jsonBytes(ev.bids)});
    partitions_ = static_cast<int>(std::max<int64_t>(4, most / kBytesPerPartition + 1));
    broker_ = std::make_unique<BrokerProcess>(dir_, partitions_,
                                              "nexmark-person,nexmark-auction,nexmark-bid");
    // Keys spread the records over the partitions: persons and auctions by id, bids by
    // auction (as a keyed Nexmark source would partition them).
    produce(broker_->bootstrap(), "nexmark-person", ev.persons,
            [](const Person& p) { return p.id; });
    produce(broker_->bootstrap(), "nexmark-auction", ev.auctions,
            [](const Auction& a) { return a.id; });
    produce(broker_->bootstrap(), "nexmark-bid", ev.bids, [](const Bid& b) { return b.auction; });
  }
  std::string tables() const override {
    std::string s;
    for (const Stream& st : kStreams) {
      s += std::string("CREATE TABLE ") + st.name + "_topic USING kafka OPTIONS " +
           "('kafka.bootstrap.servers' '" + broker_->bootstrap() + "', subscribe 'nexmark-" +
           st.name + "', startingOffsets 'earliest');\n";
      s += std::string("CREATE TEMPORARY VIEW ") + st.name +
           " AS SELECT j.* FROM (SELECT from_json(CAST(value AS STRING), '" + st.schema +
           "') AS j FROM STREAM " + st.name + "_topic);\n";
    }
    return s;
  }
  std::string description() const override {
    return "3 Kafka topics on the embedded broker (" + broker_->bootstrap() + "), " +
           std::to_string(partitions_) + " partitions each, keyed records";
  }
  fs::path workDir() const override { return dir_; }

 private:
  fs::path dir_;
  int partitions_ = 0;
  std::unique_ptr<BrokerProcess> broker_;
};

}  // namespace

std::unique_ptr<Input> Input::prepare(InputMode mode, const Events& events, const fs::path& dir,
                                      int files) {
  switch (mode) {
    case InputMode::Files:
      return std::make_unique<FileInput>(events, dir, files, false);
    case InputMode::Memory: {
      const fs::path shm = "/dev/shm";
      if (!fs::is_directory(shm))
        throw std::runtime_error("memory mode needs tmpfs at /dev/shm, which does not exist");
      return std::make_unique<FileInput>(
          events, shm / ("sluice-nexmark-" + std::to_string(getpid())), files, true);
    }
    case InputMode::Kafka:
      return std::make_unique<KafkaInput>(events, dir);
  }
  return nullptr;
}

}  // namespace nexmark
