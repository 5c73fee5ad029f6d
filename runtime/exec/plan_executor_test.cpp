#include "runtime/exec/plan_executor.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "codegen/codegen_test_util.h"
#include "planner/functions/evaluate.h"
#include "planner/logical/scan.h"
#include "runtime/connectors/sinks.h"
#include "runtime/exec/batch_sources.h"
#include "runtime/stop_source.h"
#include "runtime/table.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

// The scan `t(a int, b string)` with rows [from, to): a = i (NULL every 5th row),
// b = "s<i % 13>" (NULL every 11th row).
ColumnBatch bigBatch(int64_t to, int64_t from = 0) {
  ColumnBatchBuilder b({DataType::integer(), DataType::string()});
  for (int64_t i = from; i < to; ++i) {
    if (i % 5 == 4)
      b.setNull(0);
    else
      b.set<int32_t>(0, static_cast<int32_t>(i));
    if (i % 11 == 10)
      b.setNull(1);
    else
      b.setString(1, "s" + std::to_string(i % 13));
    b.endRow();
  }
  return b.finish();
}

// The scan bigBatch() stands in for: the VALUES whose second row is (NULL, NULL).
bool isBig(const PhysScan& s) {
  return s.scan.rows.size() == 2 && evaluateConstant(s.scan.rows[1][0]).isNull();
}

// `batch` (columns a, b) narrowed to what the pruned scan `s` reads.
ColumnBatch asScan(ColumnBatch batch, const PhysScan& s) {
  return selectByName(std::move(batch), {"a", "b"}, s.scan.attrs);
}

struct Result {
  std::string csv;
  int64_t rows = 0;
};

// Runs `sql` (over kFrom, replaced by bigBatch(rows)) with kernel
// calls of `chunk` rows; the scan hands its rows over in batches of `sourceChunk` rows when
// the pipeline accepts several.
// `threads` > 0 sets the executor's worker threads (else the default).
Result runOver(const std::string& sql, int64_t rows, int64_t chunk,
               const StopSource* stop = nullptr, int64_t sourceChunk = 0, int threads = 0) {
  const PhysicalPlan plan = cgtest::plan(sql);
  const CompiledQuery q = compileQuery(plan, 2);
  const PhysSink* sink = plan.sink();
  TableBuilder table(columnNames(sink->columns), columnTypes(sink->columns));
  PlanExecutor exec(plan, q);
  exec.setChunkRows(chunk);
  exec.setStop(stop);
  if (threads > 0) exec.setThreads(threads);
  // The VALUES of `t` (one row) become the big batch; other scans keep their rows.
  exec.run(
      [&](const PhysScan& s, bool chunked, const BatchConsumer& consume) {
        if (!isBig(s)) return consume(ColumnBatch::fromValues(s.scan));
        if (!chunked || sourceChunk <= 0) return consume(asScan(bigBatch(rows), s));
        for (int64_t at = 0; at < rows; at += sourceChunk)
          consume(asScan(bigBatch(std::min(rows, at + sourceChunk), at), s));
      },
      [&](const PhysSink&) -> RowSink* { return &table; });
  const Table t = table.finish();
  return Result{t.toCsv(), t.rows()};
}

// Both columns nullable, so kernels read their null bytes; the big batch replaces these rows.
const char* kFrom = " FROM VALUES (1, 'x'), (NULL, NULL) AS t(a, b)";

class Chunking : public ::testing::TestWithParam<std::string> {};

// The same query over more than three slices (with a ragged last one) and over one call.
TEST_P(Chunking, SlicedRunEqualsSingleCall) {
  const std::string sql = GetParam() + "";
  const int64_t rows = 3 * 1000 + 517;
  const Result whole = runOver(sql, rows, rows + 1);
  const Result sliced = runOver(sql, rows, 997);  // prime: no period of the data lines up
  EXPECT_GT(whole.rows, 0);
  EXPECT_EQ(whole.csv, sliced.csv) << sql;
  EXPECT_EQ(whole.rows, sliced.rows);
}

// The same query with the scan's rows arriving as several source batches (a Kafka read in
// chunks), each sliced again into kernel calls.
TEST_P(Chunking, SourceBatchesEqualOneBatch) {
  const std::string sql = GetParam() + "";
  const int64_t rows = 3 * 1000 + 517;
  const Result whole = runOver(sql, rows, rows + 1);
  const Result chunked = runOver(sql, rows, 389, nullptr, 1009);
  EXPECT_EQ(whole.csv, chunked.csv) << sql;
  EXPECT_EQ(whole.rows, chunked.rows);
}

INSTANTIATE_TEST_SUITE_P(
    Queries, Chunking,
    ::testing::Values(
        std::string("SELECT a, b") + kFrom,
        std::string("SELECT a, upper(b) AS u") + kFrom + " WHERE a IS NULL OR a % 7 = 3",
        std::string("SELECT a, b") + kFrom + " WHERE a % 3 = 0 LIMIT 1500",
        std::string("SELECT b, count(*) AS n, count(a) AS c, sum(a) AS s, min(a) AS lo, "
                    "max(b) AS hi, collect_list(a) AS l") +
            kFrom + " GROUP BY b ORDER BY b",
        std::string("SELECT count(*) AS n, avg(a) AS m") + kFrom,
        std::string("SELECT a + rand(7) AS r") + kFrom,
        std::string(
            "SELECT x.a, y.b FROM VALUES (1, 'x'), (NULL, NULL) AS x(a, b) JOIN VALUES (3, 's3'), "
            "(4, 's4') AS y(a, b) ON x.b = y.b WHERE x.a < 100")));

class Parallel : public ::testing::TestWithParam<std::string> {};

// Partition-parallel execution gives the rows of a serial run, in the same order (no ORDER
// BY in most queries: aggregate groups keep their first-seen order through the merge),
// whether the parallelism comes from source batches or from slices of one large batch.
// (Floating-point sums here add exactly representable values: sums of arbitrary doubles
// depend on the order of the additions, with partial aggregates as in Spark.)
TEST_P(Parallel, ThreadsGiveTheSerialResult) {
  const std::string sql = GetParam();
  const int64_t rows = 20 * 1000 + 517;
  const Result serial = runOver(sql, rows, 997, nullptr, 0, 1);
  EXPECT_GT(serial.rows, 0);
  for (int threads : {2, 3}) {
    const Result sliced = runOver(sql, rows, 997, nullptr, 0, threads);
    EXPECT_EQ(serial.csv, sliced.csv) << sql << " threads " << threads;
    const Result chunks = runOver(sql, rows, 389, nullptr, 1009, threads);
    EXPECT_EQ(serial.csv, chunks.csv) << sql << " threads " << threads << " (source chunks)";
  }
}

INSTANTIATE_TEST_SUITE_P(
    Queries, Parallel,
    ::testing::Values(
        std::string("SELECT a, upper(b) AS u") + kFrom + " WHERE a IS NULL OR a % 7 = 3",
        std::string("SELECT b, count(*) AS n, count(a) AS c, sum(a) AS s, min(a) AS lo, "
                    "max(a) AS hi, avg(a) AS m, sum(a * 0.5D) AS fs, min(a * 0.5D) AS flo, "
                    "max(CAST(a AS double)) AS fhi") +
            kFrom + " GROUP BY b",
        std::string("SELECT a % 100 AS k, count(*) AS n") + kFrom + " GROUP BY a % 100",
        std::string("SELECT count(*) AS n, sum(a) AS s") + kFrom + " WHERE a < 0",
        std::string("SELECT b, collect_list(a) AS l") + kFrom + " GROUP BY b",
        std::string("SELECT a, b") + kFrom + " WHERE a % 3 = 0 LIMIT 1500",
        std::string("SELECT y.b, count(*) AS n, max(x.a) AS hi FROM VALUES (1, 'x'), (NULL, "
                    "NULL) AS x(a, b) JOIN VALUES (3, 's3'), (4, 's4') AS y(a, b) ON x.b = y.b "
                    "GROUP BY y.b"),
        std::string("SELECT x.a, y.b FROM VALUES (1, 'x'), (NULL, NULL) AS x(a, b) JOIN VALUES "
                    "(3, 's3'), (4, 's4') AS y(a, b) ON x.b = y.b")));

TEST(PlanExecutorStop, StopBeforeRunThrowsInterruptedNamingThePipeline) {
  StopSource engine;
  StopSource query(&engine);
  engine.requestStop();
  try {
    runOver(std::string("SELECT a") + kFrom, 10, 4, &query);
    FAIL() << "no Interrupted";
  } catch (const Interrupted& e) {
    EXPECT_NE(e.message().find("stopped: pipeline_"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("after 0 of 10 rows"), std::string::npos) << e.message();
  }
}

// A sink that asks for a stop on its first row: the executor stops after that slice.
TEST(PlanExecutorStop, StopBetweenSlices) {
  const PhysicalPlan plan = cgtest::plan(std::string("SELECT a") + kFrom);
  const CompiledQuery q = compileQuery(plan, 0);
  StopSource stop;
  struct Stopper : RowSink {
    StopSource* stop;
    int64_t rows = 0;
    void emitRow(const RowSlot*, const uint8_t*) override {
      ++rows;
      stop->requestStop();
    }
  } sink;
  sink.stop = &stop;
  PlanExecutor exec(plan, q);
  exec.setChunkRows(100);
  exec.setStop(&stop);
  try {
    exec.run(wholeBatches([&](const PhysScan& s) { return asScan(bigBatch(1000), s); }),
             [&](const PhysSink&) -> RowSink* { return &sink; });
    FAIL() << "no Interrupted";
  } catch (const Interrupted& e) {
    EXPECT_NE(e.message().find("after 100 of 1000 rows"), std::string::npos) << e.message();
  }
  EXPECT_EQ(sink.rows, 100);
}

TEST(PlanExecutorErrors, ThrowingSinkFailsTheRunWithItsMessage) {
  const PhysicalPlan plan = cgtest::plan(std::string("SELECT b AS value") + kFrom);
  const CompiledQuery q = compileQuery(plan, 2);
  struct Refusing : RowSink {
    int64_t rows = 0;
    void emitRow(const RowSlot*, const uint8_t*) override {
      if (++rows == 3)
        throw ExecutionError(
            "cannot write a record to topic 'k' partition (any): Broker: Message size too large");
    }
  } sink;
  PlanExecutor exec(plan, q);
  exec.setChunkRows(2);
  try {
    exec.run(wholeBatches([&](const PhysScan& s) { return asScan(bigBatch(10), s); }),
             [&](const PhysSink&) -> RowSink* { return &sink; });
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("topic 'k' partition (any): Broker: Message size too large"),
              std::string::npos)
        << e.message();
    EXPECT_NE(e.message().find("(in pipeline_"), std::string::npos) << e.message();
  }
  EXPECT_EQ(sink.rows, 3) << "no rows after the failure, not even in later slices";
  EXPECT_FALSE(hasKernelError());
}

// A FAILFAST error names the input row (across slices) and, when the batch knows it, the
// record the row came from; the quoted text is escaped.
TEST(PlanExecutorErrors, FailFastNamesTheInputRowAndItsOrigin) {
  const PhysicalPlan plan = cgtest::plan(
      std::string("SELECT from_json(b, 'a INT', map('mode', 'FAILFAST')) AS j") + kFrom);
  const CompiledQuery q = compileQuery(plan, 2);
  auto batch = [] {
    ColumnBatchBuilder b({DataType::integer(), DataType::string()});
    for (int i = 0; i < 10; ++i) {
      b.set<int32_t>(0, i);
      b.setString(1, i == 6 ? std::string("\x02{oops", 6) : "{\"a\":" + std::to_string(i) + "}");
      b.endRow();
    }
    ColumnBatch out = b.finish();
    out.setRowOrigin([](int64_t r) { return "record #" + std::to_string(r * 10); });
    return out;
  };
  struct Counting : RowSink {
    int64_t rows = 0;
    void emitRow(const RowSlot*, const uint8_t*) override { ++rows; }
  } sink;
  PlanExecutor exec(plan, q);
  exec.setChunkRows(4);
  try {
    exec.run(wholeBatches([&](const PhysScan& s) { return asScan(batch(), s); }),
             [&](const PhysSink&) -> RowSink* { return &sink; });
    FAIL() << "no error";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("Malformed record: \\x02{oops (input row 7 of 10: record #60)"),
              std::string::npos)
        << e.message();
  }
  EXPECT_EQ(sink.rows, 6) << "rows after the bad one are not emitted";
}

}  // namespace
}  // namespace sluice
