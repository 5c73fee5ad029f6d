#pragma once
// Scan: a leaf that reads a source — a Kafka topic set, a file table, inline VALUES, or a
// named in-memory table. Streaming scans are Spark's StreamingRelation.
#include <map>

#include "planner/logical/logical_plan.h"

namespace sluice {

enum class SourceKind {
  Kafka,   ///< Kafka topics (options hold Spark's Kafka source options)
  File,    ///< csv / json / parquet files (options hold path and reader options)
  Values,  ///< inline rows (VALUES, SELECT without FROM)
  Memory,  ///< a named table held by the engine
};

/// A predicate on one top-level column that a file reader may use to skip data (Parquet row
/// groups by their statistics). Only a hint: the Filter above still checks every row.
struct PushedFilter {
  std::string column;  ///< top-level column name
  std::string op;      ///< "=", "<", "<=", ">", ">=", "isnull", "isnotnull"
  Value literal;       ///< the constant (of the column's type); unused for (not) null tests
  TypePtr type;        ///< the column's type
  /// Spark's rendering in plans: `GreaterThan(a,1)`, `IsNotNull(a)`.
  std::string toString() const;
};

class Scan : public PlanNode<Scan> {
 public:
  static constexpr PlanKind kKind = PlanKind::Scan;

  Scan(SourceKind source, std::string name, std::string format,
       std::map<std::string, std::string> options, std::vector<Attribute> attrs, bool streaming)
      : PlanNode(kKind, {}),
        source(source),
        name(std::move(name)),
        format(std::move(format)),
        options(std::move(options)),
        attrs(std::move(attrs)),
        streaming(streaming) {}

  SourceKind source;
  std::string name;                            ///< table name or "values"
  std::string format;                          ///< kafka, csv, json, parquet, values, memory
  std::map<std::string, std::string> options;  ///< source options (Spark names)
  std::vector<Attribute> attrs;                ///< produced columns (after pruning: a subset)
  bool streaming;                              ///< read as a stream
  std::vector<std::vector<ExprPtr>> rows;      ///< Values: constant rows
  /// Kafka: the typed source spec (options above are its normalized options).
  std::shared_ptr<const struct KafkaSourceSpec> kafka;
  /// Parquet files: predicates the reader may skip row groups with (PushFiltersIntoFileScans).
  std::vector<PushedFilter> pushedFilters;

  std::vector<Attribute> output() const override { return attrs; }
  std::vector<ExprPtr> expressions() const override;
  std::string nodeName() const override;
  std::string argString() const override;
  bool isStreaming() const override { return streaming; }

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override;
};

}  // namespace sluice
