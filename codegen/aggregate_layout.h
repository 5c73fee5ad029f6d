#pragma once
// The per-group state of a hash aggregate, shared by the generated update code (which updates
// the simple functions in place) and the runtime (which creates groups, implements the other
// functions as accumulators, and finalizes results). Free of LLVM headers.
//
// A group's state is `stateSize` bytes, zeroed when the group is created:
//   CountStar / Count   i64 count
//   Sum                 8-byte value (i64 for integral input, double for float / double)
//                       at +0, a "seen a non-NULL" byte at +8
//   Avg                 double sum at +0, i64 count at +8
//   Min / Max           the value (storage type of the input, <= 8 bytes) at +0, a "set"
//                       byte at +8
//   Generic             a pointer to a runtime accumulator (runtime/exec/accumulators.h)
#include <cstddef>
#include <vector>

#include "planner/expr.h"

namespace sluice {

class PhysHashAggregate;

/// How one aggregate call is computed.
enum class AggKind { CountStar, Count, Sum, Avg, Min, Max, Generic };

/// One aggregate call of a HashAggregate and where its state lives.
struct AggFunctionLayout {
  ExprPtr call;        ///< the aggregate Call (PhysHashAggregate::functions[i])
  AggKind kind;        ///< how it is computed
  size_t offset = 0;   ///< of its state in the group state
  TypePtr inputType;   ///< inline kinds: the type the input is accumulated as
  TypePtr resultType;  ///< the call's type
};

/// The state layout of a HashAggregate (immutable; computed from the plan).
struct AggregateLayout {
  std::vector<TypePtr> keyTypes;             ///< grouping expression types
  std::vector<AggFunctionLayout> functions;  ///< in PhysHashAggregate::functions order
  size_t stateSize = 0;                      ///< bytes per group (a multiple of 16)

  /// The layout for `op`.
  static AggregateLayout of(const PhysHashAggregate& op);
};

}  // namespace sluice
