#include "runtime/exec/accumulators.h"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "planner/functions/value_ops.h"
#include "runtime/exec/accumulator_support.h"
#include "runtime/exec/slot_values.h"
#include "stdlib/hash.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace accumulator_detail {

std::string tagName(uint8_t t) {
  static const char* const names[] = {"?",
                                      "count(DISTINCT)",
                                      "DISTINCT",
                                      "sum",
                                      "avg",
                                      "min",
                                      "max",
                                      "first",
                                      "last",
                                      "collect_list",
                                      "collect_set",
                                      "approx_count_distinct",
                                      "var_samp",
                                      "var_pop",
                                      "stddev_samp",
                                      "stddev_pop",
                                      "bool_and",
                                      "bool_or",
                                      "count_if",
                                      "count",
                                      "max_by",
                                      "min_by",
                                      "percentile",
                                      "mode",
                                      "percentile_approx",
                                      "histogram_numeric",
                                      "count_min_sketch"};
  static_assert(sizeof(names) / sizeof(names[0]) == kTagEnd);
  return t > 0 && t < kTagEnd ? names[t] : "unknown kind " + std::to_string(t);
}

}  // namespace accumulator_detail

using namespace accumulator_detail;

namespace {

void putSet(std::string& out, const absl::flat_hash_set<std::string>& set) {
  put<uint64_t>(out, set.size());
  for (const std::string& k : set) {
    put<uint32_t>(out, static_cast<uint32_t>(k.size()));
    out.append(k);
  }
}

void readSet(AccumulatorReader& in, absl::flat_hash_set<std::string>& set) {
  set.clear();
  const size_t n = in.count(4);
  set.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string k = in.bytes(in.read<uint32_t>());
    if (!set.insert(std::move(k)).second) in.fail("a distinct set holds a key twice");
  }
}

}  // namespace

void Accumulator::save(std::string& out) const {
  out.push_back(static_cast<char>(kAccumulatorFormatVersion));
  out.push_back(static_cast<char>(tag()));
  saveState(out);
}

void Accumulator::load(AccumulatorReader& in) {
  const uint8_t version = in.read<uint8_t>();
  if (version != kAccumulatorFormatVersion)
    in.fail("aggregate state format version " + std::to_string(version) +
            " is not supported (this sluice reads version " +
            std::to_string(kAccumulatorFormatVersion) + ")");
  const uint8_t saved = in.read<uint8_t>();
  if (saved != tag())
    in.fail("the state is of " + tagName(saved) + " where the query computes " + tagName(tag()) +
            " (was the query changed since the checkpoint was written?)");
  loadState(in);
}

void Accumulator::load(std::string_view in, const std::string& where) {
  AccumulatorReader r(in);
  try {
    load(r);
    if (r.remaining())
      r.fail(std::to_string(r.remaining()) + " bytes are left after the " + tagName(tag()) +
             " state");
  } catch (const AccumulatorReader::CorruptState& e) {
    throw ExecutionError("state " + where + ": cannot restore the " + tagName(tag()) +
                         " aggregate: " + e.message);
  } catch (const Error& e) {
    throw ExecutionError("state " + where + ": cannot restore the " + tagName(tag()) +
                         " aggregate: " + e.message());
  } catch (const std::exception& e) {
    throw ExecutionError("state " + where + ": cannot restore the " + tagName(tag()) +
                         " aggregate: " + e.what());
  }
}

namespace {

bool anyNull(const uint8_t* nulls, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (nulls[i]) return true;
  return false;
}

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

 protected:
  uint8_t tag() const override { return kCountDistinct; }
  void saveState(std::string& out) const override { putSet(out, seen_); }
  void loadState(AccumulatorReader& in) override { readSet(in, seen_); }

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

 protected:
  uint8_t tag() const override { return kDistinct; }
  void saveState(std::string& out) const override {
    putSet(out, seen_);
    inner_->save(out);
  }
  void loadState(AccumulatorReader& in) override {
    readSet(in, seen_);
    inner_->load(in);
  }

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
    } else if (in.isAnsiInterval()) {  // months or microseconds; Spark checks every addition
      dec_ += v.asInt();
      if (!inRange(dec_, in.id() == TypeId::YearMonthInterval)) overflow_ = true;
    } else if (in.isIntegral()) {
      long_ = static_cast<int64_t>(static_cast<uint64_t>(long_) + static_cast<uint64_t>(v.asInt()));
      double_ += static_cast<double>(v.asInt());
    } else {
      double_ += v.asDouble();
    }
  }
  Value result() const override {
    const DataType& in = *types_[0];
    if (in.isAnsiInterval() && count_ > 0)
      return intervalResult(in.id() == TypeId::YearMonthInterval);
    if (count_ == 0 || overflow_) return Value::null();
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
  bool mergeable() const override { return true; }
  void merge(const Accumulator& other) override {
    const auto& o = static_cast<const SumAvg&>(other);
    count_ += o.count_;
    overflow_ = overflow_ || o.overflow_ || __builtin_add_overflow(dec_, o.dec_, &dec_);
    if (types_[0]->isAnsiInterval() && !inRange(dec_, types_[0]->id() == TypeId::YearMonthInterval))
      overflow_ = true;
    long_ = static_cast<int64_t>(static_cast<uint64_t>(long_) + static_cast<uint64_t>(o.long_));
    double_ += o.double_;
  }

 protected:
  uint8_t tag() const override { return avg_ ? kAvg : kSum; }
  void saveState(std::string& out) const override {
    put(out, count_);
    put(out, dec_);
    put<uint8_t>(out, overflow_);
    put(out, long_);
    put(out, double_);
  }
  void loadState(AccumulatorReader& in) override {
    count_ = in.read<int64_t>();
    if (count_ < 0) in.fail("a row count is negative");
    dec_ = in.read<__int128>();
    overflow_ = readBool(in);
    long_ = in.read<int64_t>();
    double_ = in.read<double>();
  }

 private:
  // sum / avg of intervals: Spark's interval arithmetic fails on overflow in any mode; avg
  // divides with HALF_UP rounding (DivideYMInterval / DivideDTInterval).
  static bool inRange(__int128 v, bool yearMonth) {
    return yearMonth ? v >= INT32_MIN && v <= INT32_MAX : v >= INT64_MIN && v <= INT64_MAX;
  }
  Value intervalResult(bool yearMonth) const {
    if (overflow_ || !inRange(dec_, yearMonth))
      throw ExecutionError(std::string("[ARITHMETIC_OVERFLOW] ") +
                           (yearMonth ? "integer" : "long") + " overflow in " +
                           (avg_ ? "avg" : "sum") + " of " + types_[0]->toString());
    const int64_t sum = static_cast<int64_t>(dec_);
    if (!avg_) return Value::integer(sum);
    const int64_t q = sum / count_, r = sum % count_;
    return Value::integer(q + ((r < 0 ? -r : r) * 2 >= count_ ? (sum < 0 ? -1 : 1) : 0));
  }
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
  bool mergeable() const override { return true; }
  void merge(const Accumulator& other) override {
    const Value& v = static_cast<const MinMax&>(other).best_;
    if (v.isNull()) return;
    const int c = best_.isNull() ? 0 : valueops::compare(v, best_, *types_[0]);
    if (best_.isNull() || (min_ ? c < 0 : c > 0)) best_ = v;
  }

 protected:
  uint8_t tag() const override { return min_ ? kMin : kMax; }
  void saveState(std::string& out) const override { encodeValue(out, best_, *types_[0]); }
  void loadState(AccumulatorReader& in) override { best_ = in.value(*types_[0]); }

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
  bool mergeable() const override { return true; }
  void merge(const Accumulator& other) override {
    const auto& o = static_cast<const FirstLast&>(other);
    if (o.set_ && (last_ || !set_)) value_ = o.value_, set_ = true;
  }

 protected:
  uint8_t tag() const override { return last_ ? kLast : kFirst; }
  void saveState(std::string& out) const override {
    put<uint8_t>(out, set_);
    encodeValue(out, value_, *types_[0]);
  }
  void loadState(AccumulatorReader& in) override {
    set_ = readBool(in);
    value_ = in.value(*types_[0]);
    if (!set_ && !value_.isNull()) in.fail("first/last holds a value but is not set");
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
  bool mergeable() const override { return true; }
  void merge(const Accumulator& other) override {
    for (const Value& v : static_cast<const Collect&>(other).items_) {
      if (set_) {
        std::string key;
        encodeValueKey(key, v, *types_[0]);
        if (!seen_.insert(std::move(key)).second) continue;
      }
      items_.push_back(v);
    }
  }

 protected:
  uint8_t tag() const override { return set_ ? kCollectSet : kCollectList; }
  void saveState(std::string& out) const override {
    put<uint64_t>(out, items_.size());
    for (const Value& v : items_) encodeValue(out, v, *types_[0]);
  }
  void loadState(AccumulatorReader& in) override {
    const size_t n = in.count(1);
    items_.clear();
    seen_.clear();
    items_.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      Value v = in.value(*types_[0]);
      if (v.isNull()) in.fail("a collected value is NULL");
      if (set_) {
        std::string key;
        encodeValueKey(key, v, *types_[0]);
        if (!seen_.insert(std::move(key)).second) in.fail("collect_set holds a value twice");
      }
      items_.push_back(std::move(v));
    }
  }

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

 protected:
  uint8_t tag() const override { return kApproxCountDistinct; }
  // Most groups see few distinct values: then the non-zero registers alone are smaller.
  void saveState(std::string& out) const override {
    put<uint8_t>(out, static_cast<uint8_t>(p_));
    size_t nonZero = 0;
    for (uint8_t r : registers_) nonZero += r != 0;
    if (nonZero * 5 + 4 < registers_.size()) {
      put<uint8_t>(out, kSparse);
      put<uint32_t>(out, static_cast<uint32_t>(nonZero));
      for (size_t i = 0; i < registers_.size(); ++i)
        if (registers_[i]) {
          put<uint32_t>(out, static_cast<uint32_t>(i));
          put<uint8_t>(out, registers_[i]);
        }
    } else {
      put<uint8_t>(out, kDense);
      out.append(reinterpret_cast<const char*>(registers_.data()), registers_.size());
    }
  }
  void loadState(AccumulatorReader& in) override {
    const int p = in.read<uint8_t>();
    if (p != p_)
      in.fail("approx_count_distinct state has " + std::to_string(p) +
              " index bits where the query's relativeSD gives " + std::to_string(p_) +
              " (was the query changed since the checkpoint was written?)");
    const uint8_t encoding = in.read<uint8_t>();
    const uint8_t maxRank = static_cast<uint8_t>(64 - p_ + 1);
    std::fill(registers_.begin(), registers_.end(), 0);
    if (encoding == kDense) {
      const std::string regs = in.bytes(registers_.size());
      for (size_t i = 0; i < regs.size(); ++i) {
        registers_[i] = static_cast<uint8_t>(regs[i]);
        if (registers_[i] > maxRank) in.fail("an HLL register is out of range");
      }
    } else if (encoding == kSparse) {
      const uint32_t n = in.read<uint32_t>();
      if (n > registers_.size()) in.fail("an HLL register count is out of range");
      for (uint32_t i = 0; i < n; ++i) {
        const uint32_t idx = in.read<uint32_t>();
        const uint8_t rank = in.read<uint8_t>();
        if (idx >= registers_.size() || rank == 0 || rank > maxRank)
          in.fail("an HLL register is out of range");
        registers_[idx] = rank;
      }
    } else {
      in.fail("unknown HLL register encoding " + std::to_string(encoding));
    }
  }

 private:
  static constexpr uint8_t kDense = 0, kSparse = 1;
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

 protected:
  uint8_t tag() const override {
    return sample_ ? (root_ ? kStddevSamp : kVarSamp) : (root_ ? kStddevPop : kVarPop);
  }
  void saveState(std::string& out) const override {
    put(out, n_);
    put(out, mean_);
    put(out, m2_);
  }
  void loadState(AccumulatorReader& in) override {
    n_ = in.read<int64_t>();
    if (n_ < 0) in.fail("a row count is negative");
    mean_ = in.read<double>();
    m2_ = in.read<double>();
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
  bool mergeable() const override { return true; }
  void merge(const Accumulator& other) override {
    const auto& o = static_cast<const BoolAgg&>(other);
    if (o.set_) value_ = set_ ? (all_ ? value_ && o.value_ : value_ || o.value_) : o.value_;
    set_ = set_ || o.set_;
  }

 protected:
  uint8_t tag() const override { return all_ ? kBoolAnd : kBoolOr; }
  void saveState(std::string& out) const override {
    put<uint8_t>(out, set_);
    put<uint8_t>(out, value_);
  }
  void loadState(AccumulatorReader& in) override {
    set_ = readBool(in);
    value_ = readBool(in);
  }

 private:
  bool all_, set_ = false, value_ = false;
};

class CountIf : public Accumulator {
 public:
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (!nulls[0] && args[0].as<uint8_t>()) ++n_;
  }
  Value result() const override { return Value::integer(n_); }
  bool mergeable() const override { return true; }
  void merge(const Accumulator& o) override { n_ += static_cast<const CountIf&>(o).n_; }

 protected:
  uint8_t tag() const override { return kCountIf; }
  void saveState(std::string& out) const override { put(out, n_); }
  void loadState(AccumulatorReader& in) override {
    n_ = in.read<int64_t>();
    if (n_ < 0) in.fail("a row count is negative");
  }

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
  bool mergeable() const override { return true; }
  void merge(const Accumulator& o) override { n_ += static_cast<const Count&>(o).n_; }

 protected:
  uint8_t tag() const override { return kCount; }
  void saveState(std::string& out) const override { put(out, n_); }
  void loadState(AccumulatorReader& in) override {
    n_ = in.read<int64_t>();
    if (n_ < 0) in.fail("a row count is negative");
  }

 private:
  size_t arity_;
  int64_t n_ = 0;
};

// max_by(x, ord) / min_by(x, ord): x of the row with the largest / smallest ord; rows with a
// NULL ord are skipped and the first row wins a tie (Spark's MaxBy / MinBy update only on a
// strictly better ordering).
class ValueBy : public ValueAccumulator {
 public:
  ValueBy(const AggFunctionLayout& f, bool max) : ValueAccumulator(f), max_(max) {}
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (nulls[1]) return;
    Value ord = arg(args, nulls, 1);
    const int c = set_ ? valueops::compare(ord, ord_, *types_[1]) : 0;
    if (set_ && (max_ ? c <= 0 : c >= 0)) return;
    ord_ = std::move(ord);
    value_ = arg(args, nulls, 0);
    set_ = true;
  }
  Value result() const override { return value_; }

 protected:
  uint8_t tag() const override { return max_ ? kMaxBy : kMinBy; }
  void saveState(std::string& out) const override {
    put<uint8_t>(out, set_ ? 1 : 0);
    encodeValue(out, value_, *types_[0]);
    encodeValue(out, ord_, *types_[1]);
  }
  void loadState(AccumulatorReader& in) override {
    set_ = readBool(in);
    value_ = in.value(*types_[0]);
    ord_ = in.value(*types_[1]);
    if (set_ == ord_.isNull()) in.fail("max_by/min_by's ordering value does not match its flag");
  }

 private:
  bool max_;
  bool set_ = false;
  Value value_, ord_;
};

// mode(x): the most frequent non-NULL value; among equally frequent values the one seen
// first (Spark leaves ties unspecified).
class Mode : public ValueAccumulator {
 public:
  using ValueAccumulator::ValueAccumulator;
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (nulls[0]) return;
    std::string key;
    encodeKey(key, args[0].bytes, false, *types_[0]);
    auto [it, fresh] = index_.try_emplace(std::move(key), values_.size());
    if (fresh) values_.push_back({arg(args, nulls, 0), 0});
    ++values_[it->second].second;
  }
  Value result() const override {
    const std::pair<Value, int64_t>* best = nullptr;
    for (const auto& v : values_)
      if (!best || v.second > best->second) best = &v;
    return best ? best->first : Value::null();
  }

 protected:
  uint8_t tag() const override { return kMode; }
  void saveState(std::string& out) const override {
    put<uint64_t>(out, values_.size());
    for (const auto& [v, n] : values_) {
      encodeValue(out, v, *types_[0]);
      put<int64_t>(out, n);
    }
  }
  void loadState(AccumulatorReader& in) override {
    const size_t n = in.count(1 + sizeof(int64_t));
    values_.clear();
    index_.clear();
    for (size_t i = 0; i < n; ++i) {
      Value v = in.value(*types_[0]);
      if (v.isNull()) in.fail("mode holds a NULL value");
      std::string key;
      encodeValueKey(key, v, *types_[0]);
      if (!index_.try_emplace(std::move(key), values_.size()).second)
        in.fail("mode holds a value twice");
      values_.push_back({std::move(v), in.read<int64_t>()});
    }
  }

 private:
  absl::flat_hash_map<std::string, size_t> index_;
  std::vector<std::pair<Value, int64_t>> values_;  // in first-seen order
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
  if (n == "max_by" || n == "min_by") return std::make_unique<ValueBy>(f, n == "max_by");
  if (auto q = makeQuantileAccumulator(f)) return q;
  if (auto s = makeSketchAccumulator(f)) return s;
  if (n == "mode") return std::make_unique<Mode>(f);
  throw ExecutionError("aggregate function " + n + " is not supported by the runtime yet");
}

}  // namespace

void Accumulator::merge(const Accumulator&) {
  throw ExecutionError("internal: merging an aggregate state that cannot be merged");
}

std::unique_ptr<Accumulator> makeAccumulator(const AggFunctionLayout& f) {
  if (f.call->distinct) {
    if (f.call->fn->name == "count") return std::make_unique<CountDistinct>(f);
    return std::make_unique<DistinctFilter>(f, makePlain(f));
  }
  return makePlain(f);
}

}  // namespace sluice
