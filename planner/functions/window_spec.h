#pragma once
// The durations of a bound `window(ts, windowDuration [, slideDuration [, startTime]])` call,
// for the binder (streaming checks) and physical planning / codegen (window assignment).
#include <cstdint>

#include "planner/expr.h"

namespace sluice {

struct WindowSpec {
  int64_t windowMicros = 0;  ///< window length
  int64_t slideMicros = 0;   ///< slide (== windowMicros for tumbling windows)
  int64_t startMicros = 0;   ///< offset of window starts from the epoch
};

/// Reads the constant durations of a window() call whose arguments the type rule validated
/// (foldable strings like '10 minutes' or interval literals). Throws AnalysisError otherwise.
WindowSpec windowSpecOf(const Expr& call);

}  // namespace sluice
