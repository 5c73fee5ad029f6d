// The kernel runtime entry points (sluice_rt_*) never let an exception reach generated code:
// it has no unwind information, so one would end the process in std::terminate.
#include "codegen/abi.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "codegen/codegen_test_util.h"
#include "codegen/stdlib_binding.h"
#include "stdlib/kernel_error.h"

extern "C" {
// Stand-ins for stdlib entry points: one allocates (takes the arena) and throws, like a
// result too large to allocate; one does not allocate.
uint8_t test_throwing_alloc(sluice::StringArena*, const char*, int64_t, int32_t* out,
                            sluice::StringView* s) {
  *out = 7;
  *s = sluice::StringView{"partial", 7};
  throw std::length_error("result too large");
}
int32_t test_plain(const char*, int64_t n) {
  return static_cast<int32_t>(n);
}
}

namespace sluice {
namespace {

using cgtest::Batch;

// Throws on its `failAt`th row (1-based), like a Kafka sink refusing a record.
class ThrowingSink : public RowSink {
 public:
  explicit ThrowingSink(int failAt) : failAt_(failAt) {}
  void emitRow(const RowSlot*, const uint8_t*) override {
    if (++calls == failAt_) throw ExecutionError("Message size too large (topic 'k')");
  }
  int calls = 0;

 private:
  int failAt_;
};

class KernelRuntimeErrors : public ::testing::Test {
 protected:
  void SetUp() override { takeKernelError(); }
  void TearDown() override { takeKernelError(); }
};

TEST_F(KernelRuntimeErrors, SinkExceptionBecomesKernelErrorAndLaterRowsAreDropped) {
  const PhysicalPlan p = cgtest::plan("SELECT a + 1 AS x FROM VALUES (1) AS t(a)");
  for (int opt : {0, 2}) {
    const CompiledQuery q = compileQuery(p, opt);
    Batch batch;
    batch.add<int32_t>({1, 2, 3, 4, 5});
    ThrowingSink sink(2);
    KernelArgs args = batch.args(&sink, nullptr);
    q.pipelines()[0].entry(&args);  // returns instead of terminating the process
    EXPECT_EQ(sink.calls, 2) << "a failed sink is not called again within the call";
    EXPECT_EQ(takeKernelError().value_or(""), "Message size too large (topic 'k')");
  }
}

TEST_F(KernelRuntimeErrors, NonStandardExceptionIsReported) {
  struct Odd : RowSink {
    void emitRow(const RowSlot*, const uint8_t*) override { throw 42; }
  } sink;
  sluice_rt_emit_row(&sink, nullptr, nullptr);
  const auto err = takeKernelError();
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find("unknown exception"), std::string::npos) << *err;
}

TEST_F(KernelRuntimeErrors, PendingErrorDropsRows) {
  ThrowingSink sink(100);
  raiseKernelError("from_json failed");
  sluice_rt_emit_row(&sink, nullptr, nullptr);
  EXPECT_EQ(sink.calls, 0);
  EXPECT_EQ(takeKernelError().value_or(""), "from_json failed");
}

TEST_F(KernelRuntimeErrors, JoinProbeExceptionMeansNoMatches) {
  struct Bad : JoinProbeTable {
    JoinMatches probe(const RowSlot*) const override { throw std::bad_alloc(); }
  } table;
  const unsigned char* const* rows = reinterpret_cast<const unsigned char* const*>(&table);
  EXPECT_EQ(sluice_rt_join_probe(&table, nullptr, &rows), 0);
  EXPECT_EQ(rows, nullptr);
  EXPECT_TRUE(takeKernelError().has_value());
}

TEST_F(KernelRuntimeErrors, AggregateGroupExceptionYieldsDiscardBuffer) {
  struct Bad : AggregateGroupTable {
    unsigned char* group(const RowSlot*, const uint8_t*) override {
      throw std::runtime_error("no memory for the group");
    }
    void update(unsigned char*, int32_t, const RowSlot*, const uint8_t*) override { ++updates; }
    unsigned char* discardState() noexcept override { return scratch; }
    unsigned char scratch[32] = {};
    int updates = 0;
  } table;
  EXPECT_EQ(sluice_rt_agg_group(&table, nullptr, nullptr), table.scratch);
  EXPECT_EQ(takeKernelError().value_or(""), "no memory for the group");
  // With an error pending, updates (which may target the discard buffer) are skipped.
  raiseKernelError("pending");
  sluice_rt_agg_update(&table, table.scratch, 0, nullptr, nullptr);
  EXPECT_EQ(table.updates, 0);
  takeKernelError();
  sluice_rt_agg_update(&table, table.scratch, 0, nullptr, nullptr);
  EXPECT_EQ(table.updates, 1);
}

TEST_F(KernelRuntimeErrors, AggregateUpdateExceptionIsRecorded) {
  struct Bad : AggregateGroupTable {
    unsigned char* group(const RowSlot*, const uint8_t*) override { return nullptr; }
    void update(unsigned char*, int32_t, const RowSlot*, const uint8_t*) override {
      throw std::length_error("collect_list too long");
    }
    unsigned char* discardState() noexcept override { return nullptr; }
  } table;
  sluice_rt_agg_update(&table, nullptr, 0, nullptr, nullptr);
  EXPECT_EQ(takeKernelError().value_or(""), "collect_list too long");
}

TEST(KernelChunking, RandMakesAKernelUnchunkable) {
  const CompiledQuery plain =
      compileQuery(cgtest::plan("SELECT a + 1 AS x FROM VALUES (1) AS t(a)"), 0);
  EXPECT_TRUE(plain.pipelines()[0].chunkable);
  const CompiledQuery random =
      compileQuery(cgtest::plan("SELECT a + rand(7) AS x FROM VALUES (1) AS t(a)"), 0);
  EXPECT_FALSE(random.pipelines()[0].chunkable);
}

// Allocating stdlib entry points are bound through a trampoline that turns an exception into
// the call's kernel error and an empty (NULL) result; the others are bound directly.
TEST_F(KernelRuntimeErrors, AllocatingStdlibEntryPointsAreGuarded) {
  const StdlibBinding guarded = bindStdlib<&test_throwing_alloc>("x", "test_throwing_alloc");
  EXPECT_NE(guarded.address, reinterpret_cast<const void*>(&test_throwing_alloc));
  auto* fn = reinterpret_cast<decltype(&test_throwing_alloc)>(guarded.address);
  StringArena arena;
  int32_t out = -1;
  StringView s{"x", 1};
  EXPECT_EQ(fn(&arena, "a", 1, &out, &s), 0);  // 0: the result is NULL
  EXPECT_EQ(out, 0);
  EXPECT_EQ(s.ptr, nullptr);
  EXPECT_EQ(s.len, 0);
  EXPECT_EQ(takeKernelError().value_or(""), "result too large");
  const StdlibBinding plain = bindStdlib<&test_plain>("y", "test_plain");
  EXPECT_EQ(plain.address, reinterpret_cast<const void*>(&test_plain));
}

}  // namespace
}  // namespace sluice
