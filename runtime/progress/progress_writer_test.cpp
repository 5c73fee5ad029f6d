#include "runtime/progress/progress_writer.h"

#include <gtest/gtest.h>

#include "frontend/error.h"
#include "runtime/checkpoint/test_dir.h"
#include "stdlib/json.h"

namespace sluice {
namespace {

using testing::readRaw;
using testing::TempDir;

QueryProgress batch(int64_t id) {
  QueryProgress p;
  p.id = "0123456789abcdef";
  p.runId = "run";
  p.batchId = id;
  p.numInputRows = 100 * id;
  return p;
}

TEST(ProgressWriter, AppendsOneJsonObjectPerLine) {
  TempDir d;
  const auto file = d / "logs/progress.jsonl";
  {
    ProgressWriter w(file);
    w.append(batch(0));
    w.append(batch(1));
  }
  {
    ProgressWriter w(file);  // a restart appends, it does not truncate
    w.append(batch(2));
  }
  const std::string text = readRaw(file);
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  EXPECT_EQ(start, text.size());  // ends with a newline
  ASSERT_EQ(lines.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(lines[i], batch(i).json());
    const auto v = stdlib::parseJson(lines[i]);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->field("batchId")->text, std::to_string(i));
  }
}

TEST(ProgressWriter, UnopenableFileIsNamed) {
  TempDir d;
  testing::writeRaw(d / "file", "x");
  try {
    ProgressWriter w(d / "file/progress.jsonl");
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(std::string(e.what()).find("progress.jsonl"), std::string::npos) << e.what();
  }
}

TEST(ProgressStatus, OneLineSummary) {
  QueryProgress p = batch(4);
  p.name = "camera_stats";
  p.numInputRows = 1200;
  p.processedRowsPerSecond = 14117.647;
  p.durationMs["triggerExecution"] = 85;
  p.sink.numOutputRows = 12;
  StateOperatorProgress s;
  s.numRowsTotal = 340;
  s.memoryUsedBytes = 1258291;
  p.stateOperators = {s, s};
  p.eventTime["watermark"] = "2017-06-28T15:00:00.000Z";
  EXPECT_EQ(formatStatusLine(p),
            "camera_stats batch 4: 1200 rows, 14117.6 rows/s, trigger 85 ms, sink 12 rows, "
            "state 680 rows (2.4 MiB), watermark 2017-06-28T15:00:00.000Z");
  QueryProgress bare = batch(0);
  EXPECT_EQ(formatStatusLine(bare), "01234567 batch 0: 0 rows, trigger 0 ms");
  EXPECT_EQ(formatBytes(512), "512 B");
  EXPECT_EQ(formatBytes(1536), "1.5 KiB");
}

TEST(ProgressHistory, KeepsTheMostRecent) {
  ProgressHistory h(3);
  EXPECT_FALSE(h.last());
  for (int i = 0; i < 5; ++i) h.add(batch(i));
  const auto r = h.recent();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].batchId, 2);
  EXPECT_EQ(r[2].batchId, 4);
  EXPECT_EQ(h.last()->batchId, 4);
}

}  // namespace
}  // namespace sluice
