#pragma once
// The schema of each state operator of a streaming query, as the checkpoint records it
// (Spark 3.4+ keeps state/<op>/<partition>/_metadata/schema and checks it on restart): the
// operator's kind and the types of its state keys and values. A restart whose query would
// read the state with other types (an aggregate changed, a grouping key added, another join)
// is refused before any batch runs; changes that leave the state alone (a new filter, an
// output column computed from existing ones) keep the same schema. Types are compared, not
// names (as Spark: renaming a column keeps the state usable).
#include <optional>
#include <string>
#include <vector>

#include "planner/streaming/streaming_plan.h"

namespace sluice {

/// One column of a state key or value: a name for messages and its type.
struct StateColumn {
  std::string name;  ///< e.g. `zip_code`, `sum(bytes)` (expression text without ids)
  std::string type;  ///< Spark's simpleString, plus the aggregate function for values
  bool operator==(const StateColumn& o) const { return type == o.type; }
};

/// The state schema of one operator.
struct StateOperatorSchema {
  int64_t operatorId = 0;
  std::string operatorName;  ///< stateStoreSave (aggregation), symmetricHashJoin, dedupe
  std::string detail;        ///< what else fixes the state's meaning (a join's type)
  std::vector<StateColumn> key, value;

  /// One line saying what the operator is, for messages.
  std::string describe() const;
  /// The file form (versioned text, one column per line).
  std::string serialize() const;
  /// Parses serialize()'s form; nullopt if `text` is not one.
  static std::optional<StateOperatorSchema> parse(const std::string& text);
};

/// The schemas of `plan`'s state operators, in operator id order.
std::vector<StateOperatorSchema> stateSchemas(const StreamingPlan& plan);

/// Why state written with `stored` cannot be read by an operator with `current` ("" when
/// it can): the first difference, naming the column.
std::string stateSchemaIncompatibility(const StateOperatorSchema& stored,
                                       const StateOperatorSchema& current);

}  // namespace sluice
