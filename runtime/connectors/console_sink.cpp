#include <iostream>

#include "frontend/error.h"
#include "frontend/text.h"
#include "runtime/connectors/sinks.h"
#include "runtime/table.h"

namespace sluice {
namespace {

// Spark's console sink: a `Batch: N` header and the rows as show() prints them.
class ConsoleSink : public TableSink {
 public:
  explicit ConsoleSink(const PhysSink& sink) : TableSink(sink.columns) {
    setTimeZone(sink.timeZone);
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
  void endBatch(const StopSource*) override {
    const Table t = takeRows();
    std::cout << "-------------------------------------------\nBatch: " << batch_
              << "\n-------------------------------------------\n"
              << t.show(numRows_, truncate_ ? 20 : 0) << "\n"
              << std::flush;
  }
  std::string description() const override { return "ConsoleSink"; }

 private:
  int64_t numRows_ = 20;
  bool truncate_ = true;
};

}  // namespace

std::unique_ptr<StreamSink> openConsoleSink(const PhysSink& sink) {
  return std::make_unique<ConsoleSink>(sink);
}

}  // namespace sluice
