#pragma once
// Test helpers for runtime/kafka: a plain librdkafka producer (independent of KafkaWriter)
// and typed accessors for ColumnBatch cells.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/column_batch.h"
#include "stdlib/nested.h"

namespace sluice::testing {

/// One record to produce; partition -1 = partitioner, timestamp 0 = now.
struct TestRecord {
  TestRecord(std::optional<std::string> k, std::optional<std::string> v, int32_t p = -1,
             int64_t ts = 0, std::vector<std::pair<std::string, std::string>> h = {})
      : key(std::move(k)),
        value(std::move(v)),
        partition(p),
        timestampMs(ts),
        headers(std::move(h)) {}
  std::optional<std::string> key;
  std::optional<std::string> value;
  int32_t partition = -1;
  int64_t timestampMs = 0;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Produces `records` to `topic` and waits for every delivery; fails the test otherwise.
inline void produce(const std::string& bootstrap, const std::string& topic,
                    const std::vector<TestRecord>& records, int lingerMs = 5) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof err);
  rd_kafka_conf_set(conf, "linger.ms", std::to_string(lingerMs).c_str(), err, sizeof err);
  rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
  static int failures;
  failures = 0;
  rd_kafka_conf_set_dr_msg_cb(conf, [](rd_kafka_t*, const rd_kafka_message_t* m, void*) {
    if (m->err) ++failures;
  });
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  ASSERT_NE(rk, nullptr) << err;
  for (const auto& r : records) {
    rd_kafka_headers_t* h = rd_kafka_headers_new(r.headers.size());
    for (const auto& [k, v] : r.headers) rd_kafka_header_add(h, k.c_str(), -1, v.data(), v.size());
    const char* keyPtr = r.key ? r.key->data() : nullptr;
    const size_t keyLen = r.key ? r.key->size() : 0;
    char* valuePtr = r.value ? const_cast<char*>(r.value->data()) : nullptr;
    const size_t valueLen = r.value ? r.value->size() : 0;
    const int32_t part = r.partition < 0 ? RD_KAFKA_PARTITION_UA : r.partition;
    rd_kafka_resp_err_t e;
    do {
      e = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(part),
                            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                            RD_KAFKA_V_KEY(keyPtr, keyLen), RD_KAFKA_V_VALUE(valuePtr, valueLen),
                            RD_KAFKA_V_TIMESTAMP(r.timestampMs), RD_KAFKA_V_HEADERS(h),
                            RD_KAFKA_V_END);
      if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) rd_kafka_poll(rk, 50);
    } while (e == RD_KAFKA_RESP_ERR__QUEUE_FULL);
    ASSERT_EQ(e, RD_KAFKA_RESP_ERR_NO_ERROR) << rd_kafka_err2str(e);
  }
  rd_kafka_flush(rk, 20000);
  EXPECT_EQ(rd_kafka_outq_len(rk), 0);
  EXPECT_EQ(failures, 0);
  rd_kafka_destroy(rk);
}

/// Cell accessors (column storage per codegen/abi.h).
inline bool isNull(const ColumnBatch& b, size_t c, int64_t r) {
  const auto* n = b.columns()[c].nulls;
  return n && n[r];
}
inline std::string str(const ColumnBatch& b, size_t c, int64_t r) {
  return std::string(static_cast<const StringView*>(b.columns()[c].values)[r].view());
}
template <typename T>
T num(const ColumnBatch& b, size_t c, int64_t r) {
  return static_cast<const T*>(b.columns()[c].values)[r];
}

/// Column indexes of the Kafka source schema.
enum KafkaColumn {
  kKey,
  kValue,
  kTopic,
  kPartition,
  kOffset,
  kTimestamp,
  kTimestampType,
  kHeaders
};

}  // namespace sluice::testing
