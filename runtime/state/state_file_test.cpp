#include "runtime/state/state_file.h"

#include <gtest/gtest.h>

#include "frontend/error.h"
#include "runtime/checkpoint/test_dir.h"

namespace sluice {
namespace {

using testing::readRaw;
using testing::TempDir;
using testing::writeRaw;

std::string errorOf(const std::filesystem::path& p, StateFileKind kind, int64_t version) {
  try {
    StateFileReader r(p, kind, version);
    std::string_view k;
    std::optional<std::string_view> v;
    while (r.next(k, v)) {
    }
  } catch (const ExecutionError& e) {
    return e.what();
  }
  return "";
}

TEST(StateFile, RoundTripWithRemovalsAndBinaryBytes) {
  TempDir d;
  const auto p = d / stateFileName(3, StateFileKind::Delta);
  EXPECT_EQ(p.filename(), "3.delta");
  StateFileWriter w(p, StateFileKind::Delta, 3);
  const std::string binKey("k\0\n\xff", 4);
  w.put(binKey, "value");
  w.remove("gone");
  w.put("", "");  // empty key and value are legal
  EXPECT_EQ(w.records(), 3u);
  const uint64_t bytes = w.finish();
  EXPECT_EQ(bytes, std::filesystem::file_size(p));

  StateFileReader r(p, StateFileKind::Delta, 3);
  EXPECT_EQ(r.recordCount(), 3u);
  std::string_view k;
  std::optional<std::string_view> v;
  ASSERT_TRUE(r.next(k, v));
  EXPECT_EQ(k, binKey);
  EXPECT_EQ(*v, "value");
  ASSERT_TRUE(r.next(k, v));
  EXPECT_EQ(k, "gone");
  EXPECT_FALSE(v);
  ASSERT_TRUE(r.next(k, v));
  EXPECT_EQ(k, "");
  EXPECT_EQ(*v, "");
  EXPECT_FALSE(r.next(k, v));
}

TEST(StateFile, LargeFileSpansManyChunks) {
  TempDir d;
  const auto p = d / "9.snapshot";
  StateFileWriter w(p, StateFileKind::Snapshot, 9);
  for (int i = 0; i < 100000; ++i) w.put("key-" + std::to_string(i), std::string(20, 'a' + i % 26));
  w.finish();
  StateFileReader r(p, StateFileKind::Snapshot, 9);
  std::string_view k;
  std::optional<std::string_view> v;
  int n = 0;
  while (r.next(k, v)) {
    ASSERT_EQ(k, "key-" + std::to_string(n));
    ASSERT_EQ(*v, std::string(20, 'a' + n % 26));
    ++n;
  }
  EXPECT_EQ(n, 100000);
}

TEST(StateFile, DetectsCorruption) {
  TempDir d;
  const auto p = d / "2.delta";
  {
    StateFileWriter w(p, StateFileKind::Delta, 2);
    for (int i = 0; i < 100; ++i) w.put("key" + std::to_string(i), "v");
    w.finish();
  }
  const std::string good = readRaw(p);
  auto expectError = [&](const std::string& bytes, const std::string& fragment,
                         StateFileKind kind = StateFileKind::Delta, int64_t version = 2) {
    writeRaw(p, bytes);
    const std::string e = errorOf(p, kind, version);
    EXPECT_NE(e.find(fragment), std::string::npos) << "got: " << e;
    EXPECT_NE(e.find("2.delta"), std::string::npos) << "got: " << e;
  };
  expectError("", "empty");
  expectError(good.substr(0, 30), "truncated");
  expectError(good.substr(0, good.size() - 100), "truncated or torn");
  std::string flipped = good;
  flipped[200] ^= 0x20;
  expectError(flipped, "checksum mismatch");
  std::string badMagic = good;
  badMagic[0] = 'X';
  expectError(badMagic, "bad magic");
  expectError(good, "not a snapshot", StateFileKind::Snapshot);
  expectError(good, "holds version 2, expected 5", StateFileKind::Delta, 5);
  std::string future = good;
  future[8] = 9;
  expectError(future, "format version 9");
  writeRaw(p, good);
  EXPECT_EQ(errorOf(p, StateFileKind::Delta, 2), "");
  std::filesystem::remove(p);
  EXPECT_NE(errorOf(p, StateFileKind::Delta, 2).find("2.delta"), std::string::npos);
}

TEST(StateFile, SnapshotRefusesRemovals) {
  TempDir d;
  StateFileWriter w(d / "1.snapshot", StateFileKind::Snapshot, 1);
  EXPECT_THROW(w.remove("k"), ExecutionError);
}

}  // namespace
}  // namespace sluice
