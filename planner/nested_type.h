#pragma once
// A SQL type as the stdlib's nested-value routines (to_json, from_json, the file writers)
// describe it: stdlib::NestedType built from a planner DataType.
#include <optional>

#include "planner/types.h"
#include "stdlib/json_schema.h"

namespace sluice {

/// The stdlib descriptor of `t`; nullopt when `t` holds an interval anywhere (the nested
/// routines cannot carry intervals).
std::optional<stdlib::NestedType> nestedTypeOf(const DataType& t);

}  // namespace sluice
