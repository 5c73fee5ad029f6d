#include "runtime/exec/accumulators.h"

#include <absl/container/flat_hash_set.h>

#include <cmath>
#include <cstring>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "planner/functions/value_ops.h"
#include "runtime/exec/slot_values.h"
#include "stdlib/hash.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

// The value of the call's constant argument `i` (ignoreNulls, relativeSD), or NULL when it is
// absent. The binder may have wrapped the literal in an implicit cast (0.01 is a decimal
// literal, the parameter a double), so fold rather than expect a Literal node.
Value constantArg(const AggFunctionLayout& f, size_t i) {
  if (f.call->args.size() <= i) return Value::null();
  const ExprPtr& a = f.call->args[i];
  if (a->kind == ExprKind::Literal) return a->value;
  if (!a->foldable())
    throw ExecutionError("argument " + std::to_string(i + 1) + " of " + f.call->fn->name +
                         " must be a constant");
  return evaluateConstant(a);
}

bool anyNull(const uint8_t* nulls, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (nulls[i]) return true;
  return false;
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

// count(DISTINCT a, b, ...): rows with any NULL argument are not counted (Spark).
class CountDistinct : public ValueAccumulator {
 public:
  using ValueAccumulator::ValueAccumulator;
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (anyNull(nulls, types_.size())) return;
    std::string key;
    for (size_t i = 0; i < types_.size(); ++i) encodeKey(key, args[i].bytes, false, *types_[i]);
    seen_.insert(std::move(key));
  }
  Value result() const override { return Value::integer(static_cast<int64_t>(seen_.size())); }

 private:
  absl::flat_hash_set<std::string> seen_;
};

// Distinct input filter in front of another accumulator: sum(DISTINCT x), avg(DISTINCT x), ...
class DistinctFilter : public Accumulator {
 public:
  DistinctFilter(const AggFunctionLayout& f, std::unique_ptr<Accumulator> inner)
      : inner_(std::move(inner)) {
    for (const auto& a : f.call->args) types_.push_back(a->type);
  }
  void update(const RowSlot* args, const uint8_t* nulls) override {
    std::string key;
    for (size_t i = 0; i < types_.size(); ++i)
      encodeKey(key, args[i].bytes, nulls[i] != 0, *types_[i]);
    if (seen_.insert(std::move(key)).second) inner_->update(args, nulls);
  }
  Value result() const override { return inner_->result(); }

 private:
  std::vector<TypePtr> types_;
  absl::flat_hash_set<std::string> seen_;
  std::unique_ptr<Accumulator> inner_;
};

// sum / avg over any numeric input via Values (decimals exactly, others as double / long).
class SumAvg : public ValueAccumulator {
 public:
  SumAvg(const AggFunctionLayout& f, bool avg) : ValueAccumulator(f), avg_(avg) {}
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (nulls[0]) return;
    const Value v = arg(args, nulls, 0);
    const DataType& in = *types_[0];
    ++count_;
    if (in.id() == TypeId::Decimal) {
      const __int128 x = v.asDecimal();
      if (__builtin_add_overflow(dec_, x, &dec_)) overflow_ = true;
    } else if (in.isIntegral()) {
      long_ = static_cast<int64_t>(static_cast<uint64_t>(long_) + static_cast<uint64_t>(v.asInt()));
      double_ += static_cast<double>(v.asInt());
    } else {
      double_ += v.asDouble();
    }
  }
  Value result() const override {
    if (count_ == 0 || overflow_) return Value::null();
    const DataType& in = *types_[0];
    const DataType& out = *f_.resultType;
    if (in.id() == TypeId::Decimal) {
      if (!avg_) return fits(dec_, out.precision()) ? Value::decimal(dec_) : Value::null();
      // avg: scale up to the result scale, divide with HALF_UP rounding.
      __int128 scaled = dec_;
      for (int i = in.scale(); i < out.scale(); ++i)
        if (__builtin_mul_overflow(scaled, static_cast<__int128>(10), &scaled))
          return Value::null();
      __int128 q = scaled / count_, r = scaled % count_;
      if (2 * (r < 0 ? -r : r) >= count_) q += scaled < 0 ? -1 : 1;
      return fits(q, out.precision()) ? Value::decimal(q) : Value::null();
    }
    if (avg_) return Value::real(double_ / static_cast<double>(count_));
    return out.id() == TypeId::Long ? Value::integer(long_) : Value::real(double_);
  }

 private:
  static bool fits(__int128 v, int precision) {
    __int128 limit = 1;
    for (int i = 0; i < precision; ++i) limit *= 10;
    return v < limit && v > -limit;
  }
  bool avg_;
  int64_t count_ = 0;
  __int128 dec_ = 0;
  bool overflow_ = false;
  int64_t long_ = 0;
  double double_ = 0;
};

class MinMax : public ValueAccumulator {
 public:
  MinMax(const AggFunctionLayout& f, bool min) : ValueAccumulator(f), min_(min) {}
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (nulls[0]) return;
    Value v = arg(args, nulls, 0);
    // Inputs are never NULL here, so a NULL best_ means "nothing seen yet".
    const int c = best_.isNull() ? 0 : valueops::compare(v, best_, *types_[0]);
    if (best_.isNull() || (min_ ? c < 0 : c > 0)) best_ = std::move(v);
  }
  Value result() const override { return best_; }

 private:
  bool min_;
  Value best_;
};

// first / last / any_value [, ignoreNulls].
class FirstLast : public ValueAccumulator {
 public:
  FirstLast(const AggFunctionLayout& f, bool last) : ValueAccumulator(f), last_(last) {
    error_.guard([&] {
      const Value ignore = constantArg(f, 1);
      ignoreNulls_ = !ignore.isNull() && ignore.asBool();
    });
  }
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (error_.failed()) return;
    if (ignoreNulls_ && nulls[0]) return;
    if (set_ && !last_) return;
    value_ = arg(args, nulls, 0);
    set_ = true;
  }
  Value result() const override {
    error_.rethrow();
    return value_;
  }

 private:
  DeferredError error_;
  bool last_;
  bool ignoreNulls_ = false;
  bool set_ = false;
  Value value_;
};

class Collect : public ValueAccumulator {
 public:
  Collect(const AggFunctionLayout& f, bool set) : ValueAccumulator(f), set_(set) {}
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (nulls[0]) return;  // collect_list / collect_set skip NULLs
    if (set_) {
      std::string key;
      encodeKey(key, args[0].bytes, false, *types_[0]);
      if (!seen_.insert(std::move(key)).second) return;
    }
    items_.push_back(arg(args, nulls, 0));
  }
  Value result() const override { return Value::list(items_); }

 private:
  bool set_;
  absl::flat_hash_set<std::string> seen_;
  Value::List items_;
};

// HyperLogLog with Spark's precision rule: p = ceil(2 * log2(1.106 / relativeSD)),
// relativeSD default 0.05; registers hashed with xxhash64 (seed 42) of the key encoding.
class ApproxCountDistinct : public ValueAccumulator {
 public:
  explicit ApproxCountDistinct(const AggFunctionLayout& f) : ValueAccumulator(f) {
    error_.guard([&] { p_ = precision(f); });
    if (!error_.failed()) registers_.assign(size_t{1} << p_, 0);
  }
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (nulls[0] || error_.failed()) return;
    std::string key;
    encodeKey(key, args[0].bytes, false, *types_[0]);
    const uint64_t h = static_cast<uint64_t>(stdlib::xxhash64Bytes(key, 42));
    const size_t idx = h >> (64 - p_);
    const uint64_t rest = (h << p_) | (uint64_t{1} << (p_ - 1));
    const uint8_t rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    registers_[idx] = std::max(registers_[idx], rank);
  }
  Value result() const override {
    error_.rethrow();
    const double m = static_cast<double>(registers_.size());
    double sum = 0;
    int zeros = 0;
    for (uint8_t r : registers_) {
      sum += std::ldexp(1.0, -r);
      zeros += r == 0;
    }
    const double alpha = 0.7213 / (1 + 1.079 / m);
    double e = alpha * m * m / sum;
    if (e <= 2.5 * m && zeros) e = m * std::log(m / zeros);  // linear counting
    return Value::integer(static_cast<int64_t>(std::llround(e)));
  }

 private:
  // Index bits for the call's relativeSD (argument 2, default 0.05); throws when out of range.
  static int precision(const AggFunctionLayout& f) {
    const Value rsdArg = constantArg(f, 1);
    const double rsd = rsdArg.isNull() ? 0.05 : rsdArg.asDouble();
    const double bits = std::ceil(2.0 * std::log2(1.106 / rsd));
    if (!(bits >= 4))  // Spark's refusal, in its words (NaN and rsd <= 0 land here too)
      throw ExecutionError(
          "HLL++ requires at least 4 bits for addressing. Use a lower error, at most 39% "
          "(approx_count_distinct relativeSD " +
          std::to_string(rsd) + ")");
    // One byte per register: 2^26 registers (relativeSD >= 0.000135) is already 64 MiB per
    // group; beyond that the shift below would overflow.
    if (bits > 26)
      throw ExecutionError("approx_count_distinct relativeSD " + std::to_string(rsd) +
                           " is too small: at least 0.000135 is supported");
    return static_cast<int>(bits);
  }

  DeferredError error_;
  int p_ = 0;
  std::vector<uint8_t> registers_;
};

// variance / stddev (samp / pop) with Welford's update.
class Moments : public ValueAccumulator {
 public:
  Moments(const AggFunctionLayout& f, bool sample, bool root)
      : ValueAccumulator(f), sample_(sample), root_(root) {}
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (nulls[0]) return;
    const double x = arg(args, nulls, 0).asDouble();
    ++n_;
    const double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
  }
  Value result() const override {
    if (n_ == 0) return Value::null();
    // Spark 3.1+: NULL for one row (NaN only with spark.sql.legacy.statisticalAggregate).
    if (sample_ && n_ == 1) return Value::null();
    const double var = m2_ / static_cast<double>(sample_ ? n_ - 1 : n_);
    return Value::real(root_ ? std::sqrt(var) : var);
  }

 private:
  bool sample_, root_;
  int64_t n_ = 0;
  double mean_ = 0, m2_ = 0;
};

class BoolAgg : public ValueAccumulator {
 public:
  BoolAgg(const AggFunctionLayout& f, bool all) : ValueAccumulator(f), all_(all) {}
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (nulls[0]) return;
    const bool v = args[0].as<uint8_t>() != 0;
    value_ = set_ ? (all_ ? value_ && v : value_ || v) : v;
    set_ = true;
  }
  Value result() const override { return set_ ? Value::boolean(value_) : Value::null(); }

 private:
  bool all_, set_ = false, value_ = false;
};

class CountIf : public Accumulator {
 public:
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (!nulls[0] && args[0].as<uint8_t>()) ++n_;
  }
  Value result() const override { return Value::integer(n_); }

 private:
  int64_t n_ = 0;
};

// count(a, b) without DISTINCT in the generic path (never used by the layout today, kept for
// DISTINCT's inner accumulator).
class Count : public Accumulator {
 public:
  explicit Count(size_t arity) : arity_(arity) {}
  void update(const RowSlot*, const uint8_t* nulls) override {
    if (!anyNull(nulls, arity_)) ++n_;
  }
  Value result() const override { return Value::integer(n_); }

 private:
  size_t arity_;
  int64_t n_ = 0;
};

std::unique_ptr<Accumulator> makePlain(const AggFunctionLayout& f) {
  const std::string& n = f.call->fn->name;
  if (n == "count") return std::make_unique<Count>(f.call->args.size());
  if (n == "sum") return std::make_unique<SumAvg>(f, false);
  if (n == "avg" || n == "mean") return std::make_unique<SumAvg>(f, true);
  if (n == "min") return std::make_unique<MinMax>(f, true);
  if (n == "max") return std::make_unique<MinMax>(f, false);
  if (n == "first" || n == "first_value" || n == "any_value")
    return std::make_unique<FirstLast>(f, false);
  if (n == "last" || n == "last_value") return std::make_unique<FirstLast>(f, true);
  if (n == "collect_list" || n == "array_agg") return std::make_unique<Collect>(f, false);
  if (n == "collect_set") return std::make_unique<Collect>(f, true);
  if (n == "approx_count_distinct") return std::make_unique<ApproxCountDistinct>(f);
  if (n == "variance" || n == "var_samp") return std::make_unique<Moments>(f, true, false);
  if (n == "var_pop") return std::make_unique<Moments>(f, false, false);
  if (n == "stddev" || n == "stddev_samp") return std::make_unique<Moments>(f, true, true);
  if (n == "stddev_pop") return std::make_unique<Moments>(f, false, true);
  if (n == "bool_and" || n == "every") return std::make_unique<BoolAgg>(f, true);
  if (n == "bool_or" || n == "some" || n == "any") return std::make_unique<BoolAgg>(f, false);
  if (n == "count_if") return std::make_unique<CountIf>();
  throw ExecutionError("aggregate function " + n + " is not supported by the runtime yet");
}

}  // namespace

std::unique_ptr<Accumulator> makeAccumulator(const AggFunctionLayout& f) {
  if (f.call->distinct) {
    if (f.call->fn->name == "count") return std::make_unique<CountDistinct>(f);
    return std::make_unique<DistinctFilter>(f, makePlain(f));
  }
  return makePlain(f);
}

}  // namespace sluice
