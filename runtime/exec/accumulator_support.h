#pragma once
// Internal to runtime/exec: what the accumulator files (accumulators.cpp,
// accumulators_quantiles.cpp) share: the saved-state reader, the kind tags, constant
// arguments, deferred construction errors and the Value-based accumulator base.
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "runtime/exec/accumulators.h"
#include "runtime/exec/slot_values.h"
#include "stdlib/kernel_error.h"

namespace sluice {

// Reads saved accumulator state; every read is bounds-checked and a violation throws a
// CorruptState (turned into an ExecutionError naming the state file by Accumulator::load).
class AccumulatorReader {
 public:
  struct CorruptState {
    std::string message;
  };
  explicit AccumulatorReader(std::string_view in) : in_(in) {}

  template <typename T>
  T read() {
    need(sizeof(T), "a number");
    T v;
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  std::string bytes(size_t n) {
    need(n, "bytes");
    std::string s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  /// A value saved by encodeValue.
  Value value(const DataType& type) {
    try {
      return decodeKeyValue(in_, &pos_, type);
    } catch (const Error&) {
      fail("a " + type.toString() + " value is truncated or corrupt");
    } catch (const std::exception& e) {
      fail("a " + type.toString() + " value is corrupt (" + e.what() + ")");
    }
  }
  /// A count of items that take at least `minBytes` each (checked against what is left, so a
  /// corrupt count cannot make a huge allocation).
  size_t count(size_t minBytes) {
    const uint64_t n = read<uint64_t>();
    if (minBytes && n > remaining() / minBytes) fail("an item count is larger than the data");
    return static_cast<size_t>(n);
  }
  size_t remaining() const { return in_.size() - pos_; }
  [[noreturn]] void fail(const std::string& what) const {
    throw CorruptState{what + " at byte " + std::to_string(pos_)};
  }

 private:
  void need(size_t n, const char* what) const {
    if (n > remaining()) fail(std::string("truncated: ") + what + " is missing");
  }
  std::string in_;
  size_t pos_ = 0;
};

namespace accumulator_detail {

// Which function a saved state belongs to.
enum Tag : uint8_t {
  kCountDistinct = 1,
  kDistinct,
  kSum,
  kAvg,
  kMin,
  kMax,
  kFirst,
  kLast,
  kCollectList,
  kCollectSet,
  kApproxCountDistinct,
  kVarSamp,
  kVarPop,
  kStddevSamp,
  kStddevPop,
  kBoolAnd,
  kBoolOr,
  kCountIf,
  kCount,
  kMaxBy,
  kMinBy,
  kPercentile,
  kMode,
  kPercentileApprox,
  kHistogramNumeric,
  kCountMinSketch,
  kTagEnd
};

/// The name of a kind tag (for errors).
std::string tagName(uint8_t t);

template <typename T>
inline void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

inline bool readBool(AccumulatorReader& in) {
  const uint8_t b = in.read<uint8_t>();
  if (b > 1) in.fail("a flag is " + std::to_string(b));
  return b != 0;
}

// The value of the call's constant argument `i` (ignoreNulls, relativeSD), or NULL when it is
// absent. The binder may have wrapped the literal in an implicit cast (0.01 is a decimal
// literal, the parameter a double), so fold rather than expect a Literal node.
inline Value constantArg(const AggFunctionLayout& f, size_t i) {
  if (f.call->args.size() <= i) return Value::null();
  const ExprPtr& a = f.call->args[i];
  if (a->kind == ExprKind::Literal) return a->value;
  if (!a->foldable())
    throw ExecutionError("argument " + std::to_string(i + 1) + " of " + f.call->fn->name +
                         " must be a constant");
  return evaluateConstant(a);
}

// An error found while creating an accumulator (a bad constant argument). Accumulators are
// created and updated from generated code, which C++ exceptions must not cross (kernels have
// no unwind tables: the process would abort). So the error is raised as a kernel error (the
// executor fails the query when the kernel returns), the accumulator ignores its input, and
// result() -- called by the runtime, outside kernels -- throws it.
class DeferredError {
 public:
  template <typename F>
  void guard(F&& f) {
    try {
      f();
    } catch (const Error& e) {
      fail(e.message());
    } catch (const std::exception& e) {
      fail(e.what());
    }
  }
  bool failed() const { return !message_.empty(); }
  void rethrow() const {
    if (failed()) throw ExecutionError(message_);
  }

 private:
  void fail(std::string m) {
    message_ = m.empty() ? "invalid aggregate argument" : std::move(m);
    raiseKernelError(message_);
  }
  std::string message_;
};

// Base for accumulators over the call's arguments as Values.
class ValueAccumulator : public Accumulator {
 public:
  explicit ValueAccumulator(const AggFunctionLayout& f) : f_(f) {
    for (const auto& a : f.call->args) types_.push_back(a->type);
  }

 protected:
  Value arg(const RowSlot* args, const uint8_t* nulls, size_t i) const {
    return nulls[i] ? Value::null() : storageToValue(args[i].bytes, *types_[i]);
  }
  const AggFunctionLayout& f_;
  std::vector<TypePtr> types_;
};

/// The quantile accumulators (accumulators_quantiles.cpp), or null for another function.
std::unique_ptr<Accumulator> makeQuantileAccumulator(const AggFunctionLayout& f);
/// count_min_sketch (accumulators_sketch.cpp), or null for another function.
std::unique_ptr<Accumulator> makeSketchAccumulator(const AggFunctionLayout& f);

}  // namespace accumulator_detail
}  // namespace sluice
