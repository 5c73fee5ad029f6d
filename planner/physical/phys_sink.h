#pragma once
// Sink: the end of the last pipeline: rows go to a table writer (Kafka, console, memory, the
// result of a SELECT).
#include <map>
#include <memory>

#include "planner/physical/physical_plan.h"

namespace sluice {

struct FileSinkSpec;

class PhysSink : public PhysicalOp {
 public:
  static constexpr PhysKind kKind = PhysKind::Sink;
  PhysSink(std::string target, std::string format, std::map<std::string, std::string> options,
           std::vector<Attribute> columns, PhysPtr child)
      : PhysicalOp(kKind, {std::move(child)}),
        target(std::move(target)),
        format(std::move(format)),
        options(std::move(options)),
        columns(std::move(columns)) {}
  std::string target;  ///< table name, or "result" for a SELECT
  std::string format;  ///< the table's connector (kafka, console, memory, ...); "" for a SELECT
  std::map<std::string, std::string> options;  ///< the table's normalized options
  std::vector<Attribute> columns;              ///< what is written
  /// File tables: what the file sink writes (planner/sinks/file_sink_spec.h).
  std::shared_ptr<const FileSinkSpec> fileSink;
  /// The session time zone rows are shown in (console sink, memory-table callbacks).
  std::string timeZone;
  bool isBreaker() const override { return true; }
  std::vector<Attribute> output() const override { return {}; }
  std::string nodeName() const override { return "WriteTo"; }
  std::string argString() const override { return target + " " + attrList(columns); }
};

}  // namespace sluice
