#include "runtime/kafka/kafka_offsets.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "frontend/error.h"

namespace sluice {
namespace {

[[noreturn]] void bad(std::string_view option, std::string_view json, const std::string& why) {
  throw ExecutionError("option '" + std::string(option) + "' has invalid JSON '" +
                       std::string(json) + "': " + why);
}

// Parses `json` as an object; the document must outlive the returned element, so the parser
// is the caller's.
simdjson::dom::object parseObject(simdjson::dom::parser& parser, std::string_view json,
                                  std::string_view option, const std::string& shape) {
  simdjson::dom::element doc;
  if (auto err = parser.parse(json.data(), json.size()).get(doc))
    bad(option, json, std::string(simdjson::error_message(err)) + " (expected " + shape + ")");
  simdjson::dom::object obj;
  if (doc.get_object().get(obj)) bad(option, json, "expected " + shape);
  return obj;
}

int32_t partitionNumber(std::string_view key, std::string_view option, std::string_view json,
                        std::string_view topic) {
  int32_t p = -1;
  auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), p);
  if (ec != std::errc() || end != key.data() + key.size() || p < 0)
    bad(option, json,
        "partition '" + std::string(key) + "' of topic '" + std::string(topic) +
            "' is not a partition number");
  return p;
}

void appendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[(c >> 4) & 0xf];
      out += hex[c & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string TopicPartition::toString() const {
  return topic + "-" + std::to_string(partition);
}

PartitionOffsets parsePartitionOffsets(std::string_view json, std::string_view option) {
  const std::string shape = "an object like {\"topic\":{\"0\":23,\"1\":-1}}";
  simdjson::dom::parser parser;
  PartitionOffsets out;
  for (auto [topic, parts] : parseObject(parser, json, option, shape)) {
    simdjson::dom::object po;
    if (parts.get_object().get(po))
      bad(option, json,
          "the value of topic '" + std::string(topic) + "' must be an object of partitions");
    for (auto [key, value] : po) {
      const int32_t p = partitionNumber(key, option, json, topic);
      int64_t off = 0;
      if (value.get_int64().get(off))
        bad(option, json,
            "the value of partition " + std::string(key) + " of topic '" + std::string(topic) +
                "' must be an integer");
      out[TopicPartition{std::string(topic), p}] = off;
    }
  }
  return out;
}

std::string partitionOffsetsToJson(const PartitionOffsets& offsets) {
  std::string out = "{";
  const std::string* topic = nullptr;
  for (const auto& [tp, off] : offsets) {
    if (!topic || *topic != tp.topic) {
      if (topic) out += "},";
      appendJsonString(out, tp.topic);
      out += ":{";
      topic = &tp.topic;
    } else {
      out += ',';
    }
    out += '"' + std::to_string(tp.partition) + "\":" + std::to_string(off);
  }
  if (topic) out += '}';
  out += '}';
  return out;
}

std::vector<TopicPartition> parseAssignJson(std::string_view json, std::string_view option) {
  const std::string shape = "an object like {\"topicA\":[0,1],\"topicB\":[2,4]}";
  simdjson::dom::parser parser;
  std::vector<TopicPartition> out;
  for (auto [topic, parts] : parseObject(parser, json, option, shape)) {
    simdjson::dom::array arr;
    if (parts.get_array().get(arr))
      bad(option, json,
          "the value of topic '" + std::string(topic) + "' must be an array of partitions");
    for (auto v : arr) {
      int64_t p = -1;
      if (v.get_int64().get(p) || p < 0 || p > std::numeric_limits<int32_t>::max())
        bad(option, json,
            "topic '" + std::string(topic) + "' lists something that is not a partition number");
      out.push_back(TopicPartition{std::string(topic), static_cast<int32_t>(p)});
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

PartitionOffsets rateLimitOffsets(int64_t limit, const PartitionOffsets& from,
                                  const PartitionOffsets& until) {
  // Follows Spark's KafkaMicroBatchStream.rateLimit: prorate the limit by each partition's
  // backlog, computed in doubles exactly as Spark does so both pick the same offsets.
  std::map<TopicPartition, int64_t> sizes;
  double total = 0;
  for (const auto& [tp, end] : until) {
    auto it = from.find(tp);
    if (it == from.end()) continue;
    const int64_t size = end - it->second;
    if (size > 0) {
      sizes[tp] = size;
      total += static_cast<double>(size);
    }
  }
  if (total < 1) return until;
  PartitionOffsets out;
  for (const auto& [tp, end] : until) {
    auto s = sizes.find(tp);
    if (s == sizes.end()) {
      out[tp] = end;
      continue;
    }
    const int64_t begin = from.at(tp);
    const double prorate = static_cast<double>(limit) * (static_cast<double>(s->second) / total);
    const auto share = static_cast<int64_t>(prorate < 1 ? std::ceil(prorate) : std::floor(prorate));
    const int64_t off =
        share > std::numeric_limits<int64_t>::max() - begin ? end : begin + share;  // overflow
    out[tp] = std::min(end, off);
  }
  return out;
}

}  // namespace sluice
