// count_min_sketch(x, eps, confidence, seed): Spark's CountMinSketchImpl, built so that the
// serialized result is byte-identical to Spark's for the same input: the same table size
// (width ceil(2 / eps), depth ceil(-log2(1 - confidence))), the same per-row hash seeds
// (java.util.Random(seed).nextInt(Integer.MAX_VALUE)), the same bucket functions (a linear
// hash mod 2^31 - 1 for integers, two Murmur3 hashes of the bytes for strings and binaries)
// and Spark's big-endian layout: version 1, total count, depth, width, the hash seeds, the
// table row by row.
#include <cmath>
#include <limits>

#include "planner/functions/function.h"
#include "runtime/exec/accumulator_support.h"
#include "stdlib/hash.h"

namespace sluice {
namespace accumulator_detail {
namespace {

// java.util.Random's 48-bit linear congruential generator, nextInt(bound) as documented.
class JavaIntRandom {
 public:
  explicit JavaIntRandom(int64_t seed) : seed_((seed ^ kMultiplier) & kMask) {}
  int32_t nextInt(int32_t bound) {
    const int32_t m = bound - 1;
    int32_t r = next(31);
    if ((bound & m) == 0) return static_cast<int32_t>((static_cast<int64_t>(bound) * r) >> 31);
    // Rejects the top values that would bias the remainder (Java's int overflow test).
    for (int32_t u = r; static_cast<int32_t>(static_cast<uint32_t>(u) - (r = u % bound) + m) < 0;
         u = next(31)) {
    }
    return r;
  }

 private:
  static constexpr int64_t kMultiplier = 0x5DEECE66DLL;
  static constexpr int64_t kMask = (int64_t{1} << 48) - 1;
  int32_t next(int bits) {
    seed_ = (seed_ * kMultiplier + 0xB) & kMask;
    return static_cast<int32_t>(seed_ >> (48 - bits));
  }
  int64_t seed_;
};

template <typename T>
void putBigEndian(std::string& out, T v) {
  for (int i = static_cast<int>(sizeof(T)) - 1; i >= 0; --i)
    out += static_cast<char>(static_cast<uint64_t>(v) >> (8 * i));
}

class CountMinSketch : public ValueAccumulator {
 public:
  explicit CountMinSketch(const AggFunctionLayout& f) : ValueAccumulator(f) {
    error_.guard([&] {
      const Value eps = constantArg(f, 1), confidence = constantArg(f, 2), seed = constantArg(f, 3);
      if (eps.isNull() || confidence.isNull() || seed.isNull())
        throw ExecutionError("count_min_sketch: eps, confidence and seed must not be NULL");
      width_ = static_cast<int32_t>(std::ceil(2 / eps.asDouble()));
      depth_ =
          static_cast<int32_t>(std::ceil(-std::log(1 - confidence.asDouble()) / std::log(2.0)));
      JavaIntRandom r(static_cast<int32_t>(seed.asInt()));
      for (int32_t i = 0; i < depth_; ++i)
        hashA_.push_back(r.nextInt(std::numeric_limits<int32_t>::max()));
      table_.assign(static_cast<size_t>(depth_) * static_cast<size_t>(width_), 0);
    });
  }
  void update(const RowSlot* args, const uint8_t* nulls) override {
    if (error_.failed() || nulls[0]) return;
    const Value v = arg(args, nulls, 0);
    const DataType& t = *types_[0];
    if (t.id() == TypeId::String || t.id() == TypeId::Binary)
      addBytes(v.asString());
    else
      addLong(v.asInt());
    ++total_;
  }
  Value result() const override {
    error_.rethrow();
    std::string out;
    putBigEndian<int32_t>(out, 1);  // CountMinSketch.Version.V1
    putBigEndian<int64_t>(out, total_);
    putBigEndian<int32_t>(out, depth_);
    putBigEndian<int32_t>(out, width_);
    for (int64_t a : hashA_) putBigEndian<int64_t>(out, a);
    for (int64_t c : table_) putBigEndian<int64_t>(out, c);
    return Value::bytes(std::move(out));
  }
  bool mergeable() const override { return true; }
  void merge(const Accumulator& other) override {
    const auto& o = static_cast<const CountMinSketch&>(other);
    for (size_t i = 0; i < table_.size() && i < o.table_.size(); ++i) table_[i] += o.table_[i];
    total_ += o.total_;
  }

 protected:
  uint8_t tag() const override { return kCountMinSketch; }
  // The hash seeds and sizes follow from the constant arguments: only the counts are saved.
  void saveState(std::string& out) const override {
    put<int64_t>(out, total_);
    put<uint64_t>(out, table_.size());
    for (int64_t c : table_) put<int64_t>(out, c);
  }
  void loadState(AccumulatorReader& in) override {
    total_ = in.read<int64_t>();
    const size_t n = in.count(sizeof(int64_t));
    if (n != table_.size())
      in.fail("the sketch has " + std::to_string(n) +
              " counters where the query's eps and "
              "confidence make " +
              std::to_string(table_.size()));
    for (int64_t& c : table_) c = in.read<int64_t>();
  }

 private:
  int64_t& cell(int32_t row, int32_t column) {
    return table_[static_cast<size_t>(row) * static_cast<size_t>(width_) +
                  static_cast<size_t>(column)];
  }
  // (a * x) mod 2^31 - 1 by Spark's shift-and-mask, then mod width.
  void addLong(int64_t x) {
    for (int32_t i = 0; i < depth_; ++i) {
      int64_t h = static_cast<int64_t>(static_cast<uint64_t>(hashA_[i]) * static_cast<uint64_t>(x));
      h += h >> 32;
      h &= (int64_t{1} << 31) - 1;
      ++cell(i, static_cast<int32_t>(h) % width_);
    }
  }
  void addBytes(std::string_view b) {
    const int32_t h1 = stdlib::murmur3HashBytes(b, 0);
    const int32_t h2 = stdlib::murmur3HashBytes(b, h1);
    for (int32_t i = 0; i < depth_; ++i) {
      const int32_t h = static_cast<int32_t>(static_cast<uint32_t>(h1) +
                                             static_cast<uint32_t>(i) * static_cast<uint32_t>(h2));
      const int32_t bucket = h % width_;
      ++cell(i, bucket < 0 ? -bucket : bucket);
    }
  }
  DeferredError error_;
  int32_t width_ = 0, depth_ = 0;
  int64_t total_ = 0;
  std::vector<int64_t> hashA_;
  std::vector<int64_t> table_;  ///< depth rows of width counters
};

}  // namespace

std::unique_ptr<Accumulator> makeSketchAccumulator(const AggFunctionLayout& f) {
  if (f.call->fn->name == "count_min_sketch") return std::make_unique<CountMinSketch>(f);
  return nullptr;
}

}  // namespace accumulator_detail
}  // namespace sluice
