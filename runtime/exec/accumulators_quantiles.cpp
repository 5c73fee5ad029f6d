// Quantile-style aggregates: percentile / median (exact), percentile_approx /
// approx_percentile, histogram_numeric. See accumulators.h for their saved forms.
#include <algorithm>
#include <cmath>

#include "planner/functions/function.h"
#include "planner/functions/value_ops.h"
#include "runtime/exec/accumulator_support.h"

namespace sluice {
namespace accumulator_detail {
namespace {

double toDoubleValue(const Value& v, const DataType& t) {
  if (t.id() == TypeId::Float || t.id() == TypeId::Double) return v.asDouble();
  if (t.id() == TypeId::Decimal) {
    double d = static_cast<double>(v.asDecimal());
    for (int i = 0; i < t.scale(); ++i) d /= 10;
    return d;
  }
  return static_cast<double>(v.asInt());
}

// percentile(x, p) / median(x): exact, over every non-NULL value, interpolated between the
// two closest ranks as Spark's Percentile does (position p * (n - 1)); NULL without values.
class Percentile : public ValueAccumulator {
 public:
  Percentile(const AggFunctionLayout& f, bool median) : ValueAccumulator(f) {
    error_.guard([&] {
      if (median) return;
      const Value p = constantArg(f, 1);
      if (p.isNull() || p.asDouble() < 0 || p.asDouble() > 1)
        throw ExecutionError("the percentage of percentile must be a constant between 0.0 and 1.0");
      p_ = p.asDouble();
    });
  }
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (error_.failed() || nulls[0]) return;
    values_.push_back(toDoubleValue(arg(args, nulls, 0), *types_[0]));
  }
  Value result() const override {
    error_.rethrow();
    if (values_.empty()) return Value::null();
    std::vector<double> v = values_;
    std::sort(v.begin(), v.end());
    const double pos = p_ * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(pos)), hi = static_cast<size_t>(std::ceil(pos));
    if (lo == hi) return Value::real(v[lo]);
    return Value::real((static_cast<double>(hi) - pos) * v[lo] +
                       (pos - static_cast<double>(lo)) * v[hi]);
  }

 protected:
  uint8_t tag() const override { return kPercentile; }
  void saveState(std::string& out) const override {
    put<uint64_t>(out, values_.size());
    for (double d : values_) put<double>(out, d);
  }
  void loadState(AccumulatorReader& in) override {
    const size_t n = in.count(sizeof(double));
    values_.clear();
    for (size_t i = 0; i < n; ++i) values_.push_back(in.read<double>());
  }

 private:
  DeferredError error_;
  double p_ = 0.5;
  std::vector<double> values_;
};
// percentile_approx(x, p [, accuracy]) / approx_percentile: Spark answers from a Greenwald-
// Khanna summary whose rank error is at most n / accuracy. This keeps every value and answers
// what such a summary answers with no error: the value of rank ceil(p * n), the minimum when
// p <= 1 / accuracy and the maximum when p >= 1 - 1 / accuracy (Spark's QuantileSummaries
// query). A value of the input's type, or an array of them for an array of percentages.
class PercentileApprox : public ValueAccumulator {
 public:
  explicit PercentileApprox(const AggFunctionLayout& f) : ValueAccumulator(f) {
    error_.guard([&] {
      const Value p = constantArg(f, 1);
      array_ = types_[1]->id() == TypeId::Array;
      if (array_) {
        for (const Value& v : p.asList()) pcts_.push_back(v.asDouble());
      } else {
        pcts_.push_back(p.asDouble());
      }
      const Value acc = constantArg(f, 2);
      if (!acc.isNull()) accuracy_ = static_cast<double>(acc.asInt());
    });
  }
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (error_.failed() || nulls[0]) return;
    values_.push_back(arg(args, nulls, 0));
  }
  Value result() const override {
    error_.rethrow();
    if (values_.empty()) return Value::null();
    std::vector<Value> v = values_;
    const DataType& t = *types_[0];
    std::sort(v.begin(), v.end(),
              [&](const Value& a, const Value& b) { return valueops::compare(a, b, t) < 0; });
    Value::List out;
    const double relErr = 1.0 / accuracy_, n = static_cast<double>(v.size());
    for (double p : pcts_) {
      if (p <= relErr) {
        out.push_back(v.front());
      } else if (p >= 1 - relErr) {
        out.push_back(v.back());
      } else {
        const auto rank = static_cast<size_t>(std::ceil(p * n));
        out.push_back(v[std::clamp<size_t>(rank, 1, v.size()) - 1]);
      }
    }
    return array_ ? Value::list(std::move(out)) : out.front();
  }

 protected:
  uint8_t tag() const override { return kPercentileApprox; }
  void saveState(std::string& out) const override {
    put<uint64_t>(out, values_.size());
    for (const Value& v : values_) encodeValue(out, v, *types_[0]);
  }
  void loadState(AccumulatorReader& in) override {
    const size_t n = in.count(1);
    values_.clear();
    for (size_t i = 0; i < n; ++i) {
      values_.push_back(in.value(*types_[0]));
      if (values_.back().isNull()) in.fail("percentile_approx holds a NULL value");
    }
  }

 private:
  DeferredError error_;
  bool array_ = false;
  std::vector<double> pcts_;
  double accuracy_ = 10000;
  std::vector<Value> values_;
};

// java.util.Random (its documented 48-bit linear congruential generator): histogram_numeric
// breaks ties between equally close bins with it, seeded as Spark's NumericHistogram is.
class JavaRandom {
 public:
  explicit JavaRandom(int64_t seed) : seed_((seed ^ kMultiplier) & kMask) {}
  double nextDouble() {
    const int64_t hi = next(26), lo = next(27);
    return static_cast<double>((hi << 27) + lo) * 0x1.0p-53;
  }

 private:
  static constexpr int64_t kMultiplier = 0x5DEECE66DLL;
  static constexpr int64_t kMask = (int64_t{1} << 48) - 1;
  int64_t next(int bits) {
    seed_ = (seed_ * kMultiplier + 0xB) & kMask;
    return seed_ >> (48 - bits);
  }
  int64_t seed_;
};

// histogram_numeric(x, nb): Ben-Haim and Tom-Tov's streaming histogram as Spark's
// NumericHistogram builds it: each value is a bin (equal values share one); past nb bins the
// two closest adjacent bins merge into their weighted mean (ties between equally close pairs
// broken by java.util.Random(31183), as Spark). An array of struct<x: input type, y: double>
// in x order, NULL without values.
class HistogramNumeric : public ValueAccumulator {
 public:
  explicit HistogramNumeric(const AggFunctionLayout& f) : ValueAccumulator(f), random_(31183) {
    error_.guard([&] { bins_ = static_cast<size_t>(constantArg(f, 1).asInt()); });
  }
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (error_.failed() || nulls[0]) return;
    add(toDoubleValue(arg(args, nulls, 0), *types_[0]), 1);
  }
  Value result() const override {
    error_.rethrow();
    if (hist_.empty()) return Value::null();
    Value::List out;
    for (const auto& [x, y] : hist_) out.push_back(Value::list({xValue(x), Value::real(y)}));
    return Value::list(std::move(out));
  }

 protected:
  uint8_t tag() const override { return kHistogramNumeric; }
  void saveState(std::string& out) const override {
    put<uint64_t>(out, hist_.size());
    for (const auto& [x, y] : hist_) {
      put<double>(out, x);
      put<double>(out, y);
    }
  }
  void loadState(AccumulatorReader& in) override {
    const size_t n = in.count(2 * sizeof(double));
    hist_.clear();
    for (size_t i = 0; i < n; ++i) {
      const double x = in.read<double>();
      hist_.push_back({x, in.read<double>()});
    }
  }

 private:
  void add(double v, double count) {
    auto at =
        std::lower_bound(hist_.begin(), hist_.end(), v,
                         [](const std::pair<double, double>& b, double x) { return b.first < x; });
    if (at != hist_.end() && at->first == v) {
      at->second += count;
      return;
    }
    hist_.insert(at, {v, count});
    if (hist_.size() > bins_) trim();
  }
  // Merges the closest adjacent pair until nb bins remain.
  void trim() {
    while (hist_.size() > bins_) {
      double smallest = hist_[1].first - hist_[0].first;
      size_t loc = 0, ties = 1;
      for (size_t i = 1; i + 1 < hist_.size(); ++i) {
        const double d = hist_[i + 1].first - hist_[i].first;
        if (d < smallest) {
          smallest = d;
          loc = i;
          ties = 1;
        } else if (d == smallest && random_.nextDouble() <= 1.0 / static_cast<double>(++ties)) {
          loc = i;
        }
      }
      auto& [x1, y1] = hist_[loc];
      const auto& [x2, y2] = hist_[loc + 1];
      x1 = (x1 * y1 + x2 * y2) / (y1 + y2);
      y1 += y2;
      hist_.erase(hist_.begin() + static_cast<std::ptrdiff_t>(loc) + 1);
    }
  }
  // A bin center in the input's type (Spark casts it back: integral types truncate).
  Value xValue(double x) const {
    const DataType& t = *types_[0];
    if (t.id() == TypeId::Float || t.id() == TypeId::Double) return Value::real(x);
    if (t.id() == TypeId::Decimal) {
      double scaled = x;
      for (int i = 0; i < t.scale(); ++i) scaled *= 10;
      return Value::decimal(static_cast<__int128>(std::llround(scaled)));
    }
    return Value::integer(static_cast<int64_t>(x));
  }

  DeferredError error_;
  size_t bins_ = 2;
  JavaRandom random_;
  std::vector<std::pair<double, double>> hist_;  // (center, count) ordered by center
};

}  // namespace

std::unique_ptr<Accumulator> makeQuantileAccumulator(const AggFunctionLayout& f) {
  const std::string& n = f.call->fn->name;
  if (n == "percentile" || n == "median") return std::make_unique<Percentile>(f, n == "median");
  if (n == "percentile_approx" || n == "approx_percentile")
    return std::make_unique<PercentileApprox>(f);
  if (n == "histogram_numeric") return std::make_unique<HistogramNumeric>(f);
  return nullptr;
}

}  // namespace accumulator_detail
}  // namespace sluice
