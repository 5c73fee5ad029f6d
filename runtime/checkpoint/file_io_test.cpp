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

TEST(FileIo, TempNamePatternIsExactlyTheWritersOwn) {
  TempDir d;
  AtomicFileWriter w(d / "17");
  size_t temps = 0;
  for (const auto& e : std::filesystem::directory_iterator(d.path())) {
    EXPECT_TRUE(isAtomicTempName(e.path().filename().string())) << e.path();
    ++temps;
  }
  EXPECT_EQ(temps, 1u);
  EXPECT_TRUE(isAtomicTempName(".17.0123456789ab.tmp"));
  EXPECT_TRUE(isAtomicTempName(".1.delta.00000000000f.tmp"));
  EXPECT_FALSE(isAtomicTempName("17"));
  EXPECT_FALSE(isAtomicTempName(".17.crc"));
  EXPECT_FALSE(isAtomicTempName("17.0123456789ab.tmp"));   // not hidden
  EXPECT_FALSE(isAtomicTempName(".17.0123456789AB.tmp"));  // upper case: not ours
  EXPECT_FALSE(isAtomicTempName(".17.0123456789a.tmp"));   // 11 digits
  EXPECT_FALSE(isAtomicTempName(".17x0123456789ab.tmp"));  // no dot before the suffix
  EXPECT_FALSE(isAtomicTempName(".0123456789ab.tmp"));     // no target name
  EXPECT_FALSE(isAtomicTempName(".17.0123456789ab.tmp.x"));
}

// What a SIGKILL between creating and renaming leaves behind is removed; nothing else is.
TEST(FileIo, RemoveStaleTempFilesRemovesOnlyOurs) {
  TempDir d;
  for (const char* name : {".3.0123456789ab.tmp", ".1.delta.fedcba987654.tmp"})
    testing::writeRaw(d / name, "partial");
  for (const char* name : {"3", ".3.crc", ".keep.tmp", ".3.0123456789AB.tmp"})
    testing::writeRaw(d / name, "x");
  std::filesystem::create_directories(d / ".4.0123456789ab.tmp");  // a directory: not ours
  testing::writeRaw(d / "sub/.5.0123456789ab.tmp", "not in dir itself");
  EXPECT_EQ(removeStaleTempFiles(d.path()), 2u);
  EXPECT_FALSE(std::filesystem::exists(d / ".3.0123456789ab.tmp"));
  EXPECT_FALSE(std::filesystem::exists(d / ".1.delta.fedcba987654.tmp"));
  EXPECT_EQ(countEntries(d.path()), 6u);  // 4 files, the directory, sub/
  EXPECT_TRUE(std::filesystem::exists(d / "sub/.5.0123456789ab.tmp"));
  EXPECT_EQ(removeStaleTempFiles(d / "missing"), 0u);
}

}  // namespace
}  // namespace sluice
