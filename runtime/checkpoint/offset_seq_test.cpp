#include "runtime/checkpoint/offset_seq.h"

#include <gtest/gtest.h>

#include "frontend/error.h"

namespace sluice {
namespace {

// Expects parse to throw an ExecutionError mentioning the file and `fragment`.
template <typename F>
void expectCorrupt(F parse, const std::string& fragment) {
  try {
    parse();
    FAIL() << "expected an ExecutionError containing '" << fragment << "'";
  } catch (const ExecutionError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("offsets/7"), std::string::npos) << msg;
    EXPECT_NE(msg.find(fragment), std::string::npos) << msg;
  }
}

TEST(OffsetSeq, ParsesSparkWrittenFile) {
  // Verbatim shape of a Spark 3.x offsets file with a rate source ("51") and a Kafka source.
  const std::string text =
      "v1\n"
      "{\"batchWatermarkMs\":1000,\"batchTimestampMs\":1502872590006,\"conf\":{"
      "\"spark.sql.shuffle.partitions\":\"200\",\"spark.sql.streaming.stateStore.providerClass\":"
      "\"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider\"}}\n"
      "51\n"
      "{\"nest-logs\":{\"0\":123,\"1\":456}}";
  const OffsetSeq seq = parseOffsetSeq(text, "offsets/7");
  ASSERT_TRUE(seq.metadata);
  EXPECT_EQ(seq.metadata->batchWatermarkMs, 1000);
  EXPECT_EQ(seq.metadata->batchTimestampMs, 1502872590006);
  EXPECT_EQ(seq.metadata->conf.at("spark.sql.shuffle.partitions"), "200");
  ASSERT_EQ(seq.offsets.size(), 2u);
  EXPECT_EQ(*seq.offsets[0], "51");
  EXPECT_EQ(*seq.offsets[1], "{\"nest-logs\":{\"0\":123,\"1\":456}}");
}

TEST(OffsetSeq, RoundTripsWithNullOffsetsAndEscapes) {
  OffsetSeq seq;
  seq.metadata = OffsetSeqMetadata{-5, 42, {{"a\"b", "c\\d"}, {"x", "y"}}};
  seq.offsets = {std::string("{\"t\":{\"0\":1}}"), std::nullopt, std::string("7")};
  const std::string text = serializeOffsetSeq(seq);
  EXPECT_EQ(text,
            "v1\n{\"batchWatermarkMs\":-5,\"batchTimestampMs\":42,\"conf\":{\"a\\\"b\":\"c\\\\d\","
            "\"x\":\"y\"}}\n{\"t\":{\"0\":1}}\n-\n7");
  EXPECT_EQ(parseOffsetSeq(text, "offsets/7"), seq);
  // A trailing newline and CRLF line ends (files edited by hand) read the same.
  EXPECT_EQ(parseOffsetSeq(text + "\n", "offsets/7"), seq);
}

TEST(OffsetSeq, EmptyMetadataLine) {
  OffsetSeq seq;
  seq.offsets = {std::string("{\"logOffset\":3}")};
  const OffsetSeq back = parseOffsetSeq(serializeOffsetSeq(seq), "offsets/7");
  EXPECT_FALSE(back.metadata);
  EXPECT_EQ(back, seq);
}

TEST(OffsetSeq, CorruptFiles) {
  expectCorrupt([] { parseOffsetSeq("", "offsets/7"); }, "empty");
  expectCorrupt([] { parseOffsetSeq("v1", "offsets/7"); }, "truncated");
  expectCorrupt([] { parseOffsetSeq("x1\n{}", "offsets/7"); }, "version line");
  expectCorrupt([] { parseOffsetSeq("vx\n{}", "offsets/7"); }, "malformed version");
  expectCorrupt([] { parseOffsetSeq("v2\n{}", "offsets/7"); }, "unsupported log version v2");
  expectCorrupt([] { parseOffsetSeq("v1\n{\"batchWatermarkMs\":", "offsets/7"); },
                "invalid JSON in the metadata line");
  expectCorrupt([] { parseOffsetSeq("v1\n[1]", "offsets/7"); }, "not a JSON object");
  expectCorrupt([] { parseOffsetSeq("v1\n{\"batchWatermarkMs\":\"x\"}", "offsets/7"); },
                "batchWatermarkMs");
  expectCorrupt([] { parseOffsetSeq("v1\n{}\n{\"t\":{\"0\":1}\n", "offsets/7"); },
                "source 0 (line 3)");
  // A file cut in the middle of the last offset line.
  expectCorrupt([] { parseOffsetSeq("v1\n{}\n-\n{\"t\":{\"0\"", "offsets/7"); }, "source 1");
}

TEST(OffsetSeq, RefusesNewlineInOffset) {
  OffsetSeq seq;
  seq.offsets = {std::string("{\n}")};
  EXPECT_THROW(serializeOffsetSeq(seq), ExecutionError);
}

TEST(CommitMetadata, RoundTripAndCorruption) {
  EXPECT_EQ(serializeCommit({123}), "v1\n{\"nextBatchWatermarkMs\":123}");
  EXPECT_EQ(parseCommit(serializeCommit({123}), "offsets/7").nextBatchWatermarkMs, 123);
  EXPECT_EQ(parseCommit("v1", "offsets/7").nextBatchWatermarkMs, 0);  // Spark: EMPTY_JSON
  EXPECT_EQ(parseCommit("v1\n{}", "offsets/7").nextBatchWatermarkMs, 0);
  expectCorrupt([] { parseCommit("", "offsets/7"); }, "empty");
  expectCorrupt([] { parseCommit("v9\n{}", "offsets/7"); }, "v9");
  expectCorrupt([] { parseCommit("v1\n{\"nextBatch", "offsets/7"); }, "invalid JSON");
}

TEST(InitialOffsets, SparkLayout) {
  const std::string text = serializeInitialOffsets("{\"t\":{\"0\":5}}");
  EXPECT_EQ(text, std::string(1, '\0') + "v1\n{\"t\":{\"0\":5}}");
  EXPECT_EQ(parseInitialOffsets(text, "offsets/7"), "{\"t\":{\"0\":5}}");
  // Without the zero byte and Spark 2.1's version-less form.
  EXPECT_EQ(parseInitialOffsets("v1\n{\"t\":{}}", "offsets/7"), "{\"t\":{}}");
  EXPECT_EQ(parseInitialOffsets("{\"t\":{}}", "offsets/7"), "{\"t\":{}}");
  expectCorrupt([] { parseInitialOffsets(std::string(1, '\0'), "offsets/7"); }, "empty");
  expectCorrupt([] { parseInitialOffsets("v1", "offsets/7"); }, "truncated");
  expectCorrupt([] { parseInitialOffsets("v1\n{\"t\"", "offsets/7"); }, "not valid JSON");
}

}  // namespace
}  // namespace sluice
