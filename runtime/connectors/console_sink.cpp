#include <iostream>

#include "frontend/error.h"
#include "frontend/text.h"
#include "runtime/connectors/sinks.h"
#include "runtime/table.h"

namespace sluice {
namespace {

// Spark's console sink: a `Batch: N` header and the rows as show() prints them.
class ConsoleSink : public StreamSink {
 public:
  explicit ConsoleSink(const PhysSink& sink)
      : builder_(columnNames(sink.columns), columnTypes(sink.columns)) {
    const std::string& table = sink.target;
    for (const auto& [k, v] : sink.options) {
      const std::string key = asciiLower(k);
      if (key == "numrows") {
        try {
          numRows_ = std::stoll(v);
        } catch (...) {
          throw ExecutionError("console table " + table + ": numRows must be a number, not '" + v +
                               "'");
        }
      } else if (key == "truncate") {
        const std::string b = asciiLower(v);
        if (b != "true" && b != "false")
          throw ExecutionError("console table " + table + ": truncate must be true or false");
        truncate_ = b == "true";
      }
    }
  }
  void beginBatch(int64_t id) override {
    batch_ = id;
    rows_ = 0;
  }
  void emitRow(const RowSlot* slots, const uint8_t* nulls) override {
    builder_.emitRow(slots, nulls);
    ++rows_;
  }
  void endBatch(const StopSource*) override {
    const Table t = builder_.finish();
    std::cout << "-------------------------------------------\nBatch: " << batch_
              << "\n-------------------------------------------\n"
              << t.show(numRows_, truncate_ ? 20 : 0) << "\n"
              << std::flush;
  }
  std::string description() const override { return "ConsoleSink"; }

 private:
  TableBuilder builder_;
  int64_t numRows_ = 20;
  bool truncate_ = true;
  int64_t batch_ = 0;
};

}  // namespace

std::unique_ptr<StreamSink> openConsoleSink(const PhysSink& sink) {
  return std::make_unique<ConsoleSink>(sink);
}

}  // namespace sluice
