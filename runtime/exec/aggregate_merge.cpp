// Merging partial aggregate tables: how partition-parallel tasks' groups are combined into
// the aggregate's table (part of AggregateTable, declared in aggregate_table.h).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "frontend/error.h"
#include "runtime/exec/aggregate_table.h"

namespace sluice {
namespace {

template <typename T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T>
void store(unsigned char* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

// Spark's ordering of floating-point values: NaN above every number, equal to itself.
template <typename T>
int compareFloat(T a, T b) {
  const bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

// -1 / 0 / 1 comparing two inline min / max values of storage type `t`.
int compareInline(const unsigned char* a, const unsigned char* b, const DataType& t) {
  const auto cmp = [](auto x, auto y) { return x < y ? -1 : (x > y ? 1 : 0); };
  switch (t.id()) {
    case TypeId::Boolean:
      return cmp(load<uint8_t>(a), load<uint8_t>(b));
    case TypeId::Byte:
      return cmp(load<int8_t>(a), load<int8_t>(b));
    case TypeId::Short:
      return cmp(load<int16_t>(a), load<int16_t>(b));
    case TypeId::Int:
    case TypeId::Date:
      return cmp(load<int32_t>(a), load<int32_t>(b));
    case TypeId::Long:
    case TypeId::Timestamp:
      return cmp(load<int64_t>(a), load<int64_t>(b));
    case TypeId::Float:
      return compareFloat(load<float>(a), load<float>(b));
    case TypeId::Double:
      return compareFloat(load<double>(a), load<double>(b));
    default:
      throw ExecutionError("internal: min / max of " + t.toString() + " is not kept inline");
  }
}

}  // namespace

bool AggregateTable::mergeable() const {
  // Late rows routed to a table are written as the one table sees them (in input order).
  if (lateObserver_) return false;
  return std::none_of(layout_.functions.begin(), layout_.functions.end(),
                      [](const AggFunctionLayout& f) { return f.kind == AggKind::Generic; });
}

std::unique_ptr<AggregateTable> AggregateTable::emptyLike() const {
  auto t = std::make_unique<AggregateTable>(layout_, global_);
  t->eventKey_ = eventKey_;
  t->windowKey_ = windowKey_;
  t->watermark_ = watermark_;
  t->lateWatermark_ = lateWatermark_;
  t->dropLate_ = dropLate_;
  return t;
}

// Combines group state `from` into `into` function by function, as if `into` had also seen
// the rows `from` saw (the layout is in codegen/aggregate_layout.h).
void AggregateTable::combine(unsigned char* into, const unsigned char* from) const {
  for (const AggFunctionLayout& f : layout_.functions) {
    unsigned char* a = into + f.offset;
    const unsigned char* b = from + f.offset;
    switch (f.kind) {
      case AggKind::CountStar:
      case AggKind::Count:
        store<int64_t>(a, load<int64_t>(a) + load<int64_t>(b));
        break;
      case AggKind::Sum:
        if (!b[8]) break;
        if (f.inputType->isFractional())
          store<double>(a, load<double>(a) + load<double>(b));
        else  // bigint sums wrap on overflow, as the generated code's adds do
          store<int64_t>(a, static_cast<int64_t>(static_cast<uint64_t>(load<int64_t>(a)) +
                                                 static_cast<uint64_t>(load<int64_t>(b))));
        a[8] = 1;
        break;
      case AggKind::Avg:
        store<double>(a, load<double>(a) + load<double>(b));
        store<int64_t>(a + 8, load<int64_t>(a + 8) + load<int64_t>(b + 8));
        break;
      case AggKind::Min:
      case AggKind::Max: {
        if (!b[8]) break;
        const int c = compareInline(b, a, *f.inputType);
        if (!a[8] || (f.kind == AggKind::Min ? c < 0 : c > 0)) std::memcpy(a, b, 8);
        a[8] = 1;
        break;
      }
      case AggKind::Generic: {  // session windows only (mergeable() excludes them otherwise)
        Accumulator *x, *y;
        std::memcpy(&x, a, sizeof(x));
        std::memcpy(&y, b, sizeof(y));
        x->merge(*y);
        break;
      }
    }
  }
}

void AggregateTable::mergeFrom(const AggregateTable& partial) {
  for (const Group& g : partial.groups_) {
    auto it = index_.find(g.key);
    if (it == index_.end()) {
      unsigned char* s = create(g.key, g.eventTime);
      std::memcpy(s, g.state, layout_.stateSize);
      continue;
    }
    Group& mine = groups_[it->second];
    mine.updated = true;
    combine(mine.state, g.state);
  }
  dropped_ += partial.dropped_;
}

}  // namespace sluice
