#pragma once
// Sink: writes its child to a table (INSERT INTO, or the target of a streaming query).
#include <map>
#include <memory>

#include "planner/logical/logical_plan.h"

namespace sluice {

struct FileSinkSpec;

class Sink : public PlanNode<Sink> {
 public:
  static constexpr PlanKind kKind = PlanKind::Sink;
  Sink(std::string table, std::string format, std::map<std::string, std::string> options,
       PlanPtr child)
      : PlanNode(kKind, {std::move(child)}),
        table(std::move(table)),
        format(std::move(format)),
        options(std::move(options)) {}

  std::string table;                           ///< target table name
  std::string format;                          ///< kafka, console, memory, parquet, csv, json
  std::map<std::string, std::string> options;  ///< sink options (Spark names)
  /// File tables: what the file sink writes (directory, partitioning, writer options).
  std::shared_ptr<const FileSinkSpec> fileSink;
  /// The session time zone rows are shown in (console sink, memory-table callbacks).
  std::string timeZone;

  std::vector<Attribute> output() const override { return {}; }
  std::string nodeName() const override { return "WriteTo"; }
  std::string argString() const override { return table + "[" + format + "]"; }
};

}  // namespace sluice
