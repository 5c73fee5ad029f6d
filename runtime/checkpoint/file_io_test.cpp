#include "runtime/checkpoint/file_io.h"

#include <gtest/gtest.h>

#include "frontend/error.h"
#include "runtime/checkpoint/test_dir.h"

namespace sluice {
namespace {

using testing::readRaw;
using testing::TempDir;

size_t countEntries(const std::filesystem::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST(FileIo, AtomicWriteCreatesAndReplaces) {
  TempDir d;
  const auto f = d / "sub/dir/file";
  writeFileAtomically(f, "first");
  EXPECT_EQ(readRaw(f), "first");
  writeFileAtomically(f, "second");
  EXPECT_EQ(readWholeFile(f), "second");
  EXPECT_EQ(countEntries(f.parent_path()), 1u);  // no temp file left behind
}

TEST(FileIo, AbandonedWriterLeavesTargetUntouched) {
  TempDir d;
  const auto f = d / "file";
  writeFileAtomically(f, "old");
  {
    AtomicFileWriter w(f);
    w.write("new content that is never committed");
  }
  EXPECT_EQ(readRaw(f), "old");
  EXPECT_EQ(countEntries(d.path()), 1u);
}

TEST(FileIo, LargeWritesAreComplete) {
  TempDir d;
  std::string big(3 << 20, 'x');
  for (size_t i = 0; i < big.size(); i += 4097) big[i] = static_cast<char>('a' + i % 26);
  AtomicFileWriter w(d / "big");
  w.write("head");
  w.write(big);
  w.write("tail");
  EXPECT_EQ(w.size(), big.size() + 8);
  w.commit();
  EXPECT_EQ(readWholeFile(d / "big"), "head" + big + "tail");
}

TEST(FileIo, WriteIfAbsentKeepsExisting) {
  TempDir d;
  EXPECT_TRUE(writeFileIfAbsent(d / "f", "one"));
  EXPECT_FALSE(writeFileIfAbsent(d / "f", "two"));
  EXPECT_EQ(readRaw(d / "f"), "one");
  EXPECT_EQ(countEntries(d.path()), 1u);
}

TEST(FileIo, ReadMissingFileNamesIt) {
  TempDir d;
  try {
    readWholeFile(d / "nope");
    FAIL();
  } catch (const ExecutionError& e) {
    EXPECT_NE(std::string(e.what()).find("nope"), std::string::npos) << e.what();
  }
}

TEST(FileIo, ListBatchFilesSkipsOtherNames) {
  TempDir d;
  for (const char* n : {"0", "10", "2", ".2.abc.tmp", ".0.crc", "x1", "3.delta"}) {
    testing::writeRaw(d / n, "");
  }
  EXPECT_EQ(listBatchFiles(d.path()), (std::vector<int64_t>{0, 2, 10}));
  EXPECT_TRUE(listBatchFiles(d / "missing").empty());
  EXPECT_EQ(parseBatchId("007"), 7);
  EXPECT_EQ(parseBatchId("-1"), -1);
  EXPECT_EQ(parseBatchId(""), -1);
}

}  // namespace
}  // namespace sluice
