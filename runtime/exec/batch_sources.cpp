#include "runtime/exec/batch_sources.h"

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/kafka_source.h"
#include "runtime/connectors/connector.h"
#include "runtime/files/file_reader.h"
#include "runtime/kafka/kafka_reader.h"

namespace sluice {

ColumnBatch selectByName(ColumnBatch batch, const std::vector<std::string>& names,
                         const std::vector<Attribute>& attrs) {
  std::vector<size_t> indexes;
  for (const auto& a : attrs) {
    size_t i = 0;
    while (i < names.size() && !equalsIgnoreCase(names[i], a.name)) ++i;
    if (i == names.size()) throw ExecutionError("internal: the source has no column " + a.name);
    indexes.push_back(i);
  }
  return std::move(batch).select(indexes);
}

const std::vector<std::string>& kafkaColumnNames(bool headers) {
  static const std::vector<std::string> plain = {"key",    "value",     "topic",        "partition",
                                                 "offset", "timestamp", "timestampType"};
  static const std::vector<std::string> withHeaders = [] {
    auto v = plain;
    v.push_back("headers");
    return v;
  }();
  return headers ? withHeaders : plain;
}

ColumnBatch readKafkaTable(const PhysScan& p) {
  const Scan& scan = p.scan;
  KafkaReader reader(scan.options, /*streaming=*/false);
  return selectByName(reader.readAll(), kafkaColumnNames(scan.kafka && scan.kafka->includeHeaders),
                      scan.attrs);
}

void readKafkaTableChunks(const PhysScan& p, const BatchConsumer& consume) {
  const Scan& scan = p.scan;
  const auto& names = kafkaColumnNames(scan.kafka && scan.kafka->includeHeaders);
  // The chunks point into messages of the reader's client, and with partition-parallel
  // execution they may be processed after readAll() returned: each holds the reader, so the
  // client is destroyed (which waits for its messages) after the last chunk is released.
  auto reader = std::make_shared<KafkaReader>(scan.options, /*streaming=*/false);
  reader->readAll([&](ColumnBatch&& b) {
    b.keepAliveAlso(reader);
    consume(selectByName(std::move(b), names, scan.attrs));
  });
}

void readBatchSource(const PhysScan& scan, bool chunked, const BatchConsumer& consume) {
  if (chunked && scan.scan.source != SourceKind::Values) {
    const RuntimeConnector& c = runtimeConnector(scan.scan.format);
    if (c.readBatchChunks) return c.readBatchChunks(scan, consume);
  }
  consume(readBatchSource(scan));
}

ColumnBatch readBatchSource(const PhysScan& scan) {
  if (scan.scan.source == SourceKind::Values) return ColumnBatch::fromValues(scan.scan);
  const RuntimeConnector& c = runtimeConnector(scan.scan.format);
  if (!c.readBatch)
    throw ExecutionError("reading " + scan.scan.format + " table " + scan.scan.name +
                         " is not supported");
  return c.readBatch(scan);
}

}  // namespace sluice
