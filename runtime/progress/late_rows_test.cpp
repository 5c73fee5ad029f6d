#include "runtime/progress/late_rows.h"

#include <gtest/gtest.h>

#include "runtime/connectors/stream_sink.h"
#include "runtime/table.h"

namespace sluice {
namespace {

// A sink that keeps its rows in a table, batch by batch.
class TableSink : public StreamSink {
 public:
  TableSink() : rows_(names(), types()) {}
  void beginBatch(int64_t batchId) override { batches.push_back(batchId); }
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    rows_.emitRow(slots, nulls);
    ++rows_emitted;
  }
  void endBatch(const StopSource*) override { table = rows_.finish(); }
  std::string description() const override { return "TableSink"; }
  static std::vector<std::string> names() {
    std::vector<std::string> n;
    for (const auto& c : LateRowsWriter::columns()) n.push_back(c.first);
    return n;
  }
  static std::vector<TypePtr> types() {
    std::vector<TypePtr> t;
    for (const auto& c : LateRowsWriter::columns()) t.push_back(c.second);
    return t;
  }
  std::vector<int64_t> batches;
  int64_t rows_emitted = 0;
  std::optional<Table> table;

 private:
  TableBuilder rows_;
};

TEST(LateRowsTest, RowsReasonAndWatermarkGoToTheSinkWhenTheBatchCommits) {
  auto sink = std::make_unique<TableSink>();
  TableSink* s = sink.get();
  LateRowsWriter w(std::move(sink));
  LateRowObserver* o = w.observer(3, {"zip", "n"}, {DataType::string(), DataType::bigint()});
  w.flush(0);  // nothing late: no batch written
  EXPECT_TRUE(s->batches.empty());

  RowSlot keys[2];
  const std::string zip = "94105";
  const StringView v{zip.data(), static_cast<int64_t>(zip.size())};
  std::memcpy(keys[0].bytes, &v, sizeof v);
  const int64_t n = 7;
  std::memcpy(keys[1].bytes, &n, sizeof n);
  const uint8_t nulls[2] = {0, 1};
  o->lateRow(keys, nulls, 60'000'000, 120'000'000);  // 00:01:00 vs 00:02:00
  w.flush(5);
  ASSERT_EQ(s->batches, std::vector<int64_t>{5});
  ASSERT_TRUE(s->table);
  const Table& t = *s->table;
  ASSERT_EQ(t.rows(), 1);
  EXPECT_EQ(t.getString(0, 0), R"({"zip":"94105"})");  // NULL fields left out, as to_json
  EXPECT_NE(t.getString(0, 1).find("1970-01-01T00:01:00.000Z"), std::string::npos);
  EXPECT_NE(t.getString(0, 1).find("watermark 1970-01-01T00:02:00.000Z"), std::string::npos);
  EXPECT_EQ(t.getString(0, 4), "5");
  EXPECT_EQ(t.getString(0, 5), "3");
  EXPECT_EQ(w.rowsWritten(), 1);

  // A failed batch's late rows are forgotten (its replay drops them again).
  o->lateRow(keys, nulls, 1, 2);
  w.discard();
  w.flush(6);
  EXPECT_EQ(s->batches.size(), 1u);
}

}  // namespace
}  // namespace sluice
