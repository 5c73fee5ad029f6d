#include "runtime/exec/window_evaluator.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "frontend/error.h"
#include "planner/functions/function.h"
#include "planner/functions/value_ops.h"
#include "runtime/exec/accumulators.h"
#include "runtime/exec/slot_values.h"

namespace sluice {

// One partition of the sorted rows, with what the functions need about it. Row indexes are
// absolute (into the sorted batch).
struct WindowPartition {
  int64_t begin = 0, end = 0;      // rows [begin, end)
  std::vector<int64_t> peerBegin;  // per row (index - begin): first row of its peer group
  std::vector<int64_t> peerEnd;    // per row: one past the last row of its peer group
  // RANGE frames with offsets: the single ORDER BY key as a number that grows in sort order
  // (negated for DESC), per row; rows with a NULL key are outside [nonNullBegin, nonNullEnd).
  std::vector<long double> position;
  int64_t nonNullBegin = 0, nonNullEnd = 0;
  bool overDate = false;  // the ORDER BY key is a date (interval offsets count days)
};

namespace {

Value cell(const ColumnBatch& b, size_t c, int64_t r) {
  const ColumnData& col = b.columns()[c];
  const DataType& t = *b.types()[c];
  if ((col.nulls && col.nulls[r]) || t.id() == TypeId::Null) return Value::null();
  return storageToValue(static_cast<const unsigned char*>(col.values) + storageSize(t) * r, t);
}

bool sameKeys(const ColumnBatch& b, size_t first, size_t count, int64_t x, int64_t y) {
  for (size_t k = first; k < first + count; ++k) {
    const Value a = cell(b, k, x), c = cell(b, k, y);
    if (a.isNull() != c.isNull()) return false;
    if (!a.isNull() && valueops::compare(a, c, *b.types()[k]) != 0) return false;
  }
  return true;
}

// A number to measure RANGE distances with: integral, date (days), timestamp (micros),
// floating point and decimal values; intervals as days (over dates) or microseconds.
long double amount(const Value& v, const DataType& t, bool overDate) {
  switch (t.id()) {
    case TypeId::Float:
    case TypeId::Double:
      return v.asDouble();
    case TypeId::Decimal:
      return static_cast<long double>(v.asDecimal()) / std::pow(10.0L, t.scale());
    case TypeId::Interval: {
      const Interval& i = v.asInterval();
      return overDate ? i.days : static_cast<long double>(i.days) * 86400e6L + i.micros;
    }
    default:
      return static_cast<long double>(v.asInt());
  }
}

// The signed distance of an edge from the current row: rows (ROWS) or key units (RANGE).
long double signedOffset(const FrameEdge& e, bool overDate) {
  if (e.kind == FrameBoundary::CurrentRow) return 0;
  const long double v = amount(e.offset, *e.offsetType, overDate);
  return e.kind == FrameBoundary::Preceding ? -v : v;
}

// Rows [lo, hi] of row i's frame (hi < lo: empty).
std::pair<int64_t, int64_t> frameOf(const WindowFrame& f, const WindowPartition& p, int64_t i) {
  const int64_t rel = i - p.begin;
  auto edge = [&](const FrameEdge& e, bool lower) -> int64_t {
    switch (e.kind) {
      case FrameBoundary::UnboundedPreceding:
        return p.begin;
      case FrameBoundary::UnboundedFollowing:
        return p.end - 1;
      default:
        break;
    }
    if (f.type == FrameType::Rows) {
      const long double at = static_cast<long double>(i) + signedOffset(e, false);
      if (at < static_cast<long double>(p.begin)) return lower ? p.begin : p.begin - 1;
      if (at >= static_cast<long double>(p.end)) return lower ? p.end : p.end - 1;
      return static_cast<int64_t>(at);
    }
    // RANGE: CURRENT ROW is the peer group; a NULL key's offset frame is its peers too.
    if (e.kind == FrameBoundary::CurrentRow || i < p.nonNullBegin || i >= p.nonNullEnd)
      return lower ? p.peerBegin[rel] : p.peerEnd[rel] - 1;
    const long double target = p.position[rel] + signedOffset(e, p.overDate);
    const auto first = p.position.begin() + (p.nonNullBegin - p.begin);
    const auto last = p.position.begin() + (p.nonNullEnd - p.begin);
    if (lower) return p.begin + (std::lower_bound(first, last, target) - p.position.begin());
    return p.begin + (std::upper_bound(first, last, target) - p.position.begin()) - 1;
  };
  return {edge(f.lower, true), edge(f.upper, false)};
}

// The arguments of row r from `count` buffer columns starting at `first`, as RowSlots.
void loadArgs(const ColumnBatch& b, size_t first, size_t count, int64_t r,
              std::vector<RowSlot>& slots, std::vector<uint8_t>& nulls) {
  slots.resize(std::max<size_t>(count, 1));
  nulls.resize(std::max<size_t>(count, 1));
  for (size_t a = 0; a < count; ++a) {
    const ColumnData& col = b.columns()[first + a];
    const DataType& t = *b.types()[first + a];
    nulls[a] = t.id() == TypeId::Null || (col.nulls && col.nulls[r]);
    std::memset(slots[a].bytes, 0, sizeof(slots[a].bytes));
    if (!nulls[a] && t.id() != TypeId::Null)
      std::memcpy(
          slots[a].bytes,
          static_cast<const unsigned char*>(b.columns()[first + a].values) + storageSize(t) * r,
          storageSize(t));
  }
}

}  // namespace

WindowOperator::WindowOperator(const PhysWindow& op) : op_(op), buffer_(op.bufferTypes()) {
  size_t next =
      op.child()->output().size() + op.window.partitionBy.size() + op.window.orderBy.size();
  for (const auto& named : op.window.functions) {
    const ExprPtr& call = stripAlias(named);
    AggFunctionLayout l;
    l.call = call;
    l.kind = AggKind::Generic;
    l.resultType = call->type;
    layouts_.push_back(std::move(l));
    firstArg_.push_back(next);
    next += call->args.size();
  }
}

void WindowOperator::rankLike(size_t f, const WindowPartition& p, const ColumnBatch& rows,
                              std::vector<Value>& out) const {
  const std::string& name = layouts_[f].call->fn->name;
  const int64_t n = p.end - p.begin;
  int64_t dense = 0;
  for (int64_t i = p.begin; i < p.end; ++i) {
    const int64_t rel = i - p.begin;
    const int64_t rank = p.peerBegin[rel] - p.begin + 1;
    if (p.peerBegin[rel] == i) ++dense;
    if (name == "row_number") {
      out[i] = Value::integer(rel + 1);
    } else if (name == "rank") {
      out[i] = Value::integer(rank);
    } else if (name == "dense_rank") {
      out[i] = Value::integer(dense);
    } else if (name == "percent_rank") {
      out[i] =
          Value::real(n == 1 ? 0.0 : static_cast<double>(rank - 1) / static_cast<double>(n - 1));
    } else if (name == "cume_dist") {
      out[i] = Value::real(static_cast<double>(p.peerEnd[rel] - p.begin) / static_cast<double>(n));
    } else {  // ntile(k): the first n % k buckets hold one row more (Spark's NTile)
      const Value kv = cell(rows, firstArg_[f], i);
      const int64_t k = kv.isNull() ? 1 : kv.asInt();
      const int64_t size = n / k, extra = n % k;
      const int64_t big = extra * (size + 1);
      out[i] = Value::integer(rel < big ? rel / (size + 1) + 1 : extra + (rel - big) / size + 1);
    }
  }
}

void WindowOperator::offset(size_t f, const WindowPartition& p, const ColumnBatch& rows,
                            std::vector<Value>& out) const {
  const ExprPtr& call = layouts_[f].call;
  const size_t input = firstArg_[f];
  const bool ignoreNulls = op_.window.specs[f].ignoreNulls;
  for (int64_t i = p.begin; i < p.end; ++i) {
    int64_t n = 1;
    if (call->args.size() > 1) {
      const Value v = cell(rows, input + 1, i);
      if (v.isNull()) {
        out[i] = Value::null();
        continue;
      }
      n = v.asInt();
    }
    if (call->fn->name == "lag") n = -n;
    const Value fallback = call->args.size() > 2 ? cell(rows, input + 2, i) : Value::null();
    if (!ignoreNulls || n == 0) {
      const int64_t t = i + n;
      out[i] = t >= p.begin && t < p.end ? cell(rows, input, t) : fallback;
      continue;
    }
    // IGNORE NULLS: the |n|-th non-NULL value in that direction.
    const int64_t step = n < 0 ? -1 : 1;
    int64_t left = n < 0 ? -n : n;
    out[i] = fallback;
    for (int64_t t = i + step; t >= p.begin && t < p.end; t += step) {
      Value v = cell(rows, input, t);
      if (!v.isNull() && --left == 0) {
        out[i] = std::move(v);
        break;
      }
    }
  }
}

void WindowOperator::overFrames(size_t f, const WindowPartition& p, const ColumnBatch& rows,
                                std::vector<Value>& out) const {
  const AggFunctionLayout& layout = layouts_[f];
  const WindowFunctionSpec& spec = op_.window.specs[f];
  const size_t first = firstArg_[f], count = layout.call->args.size();
  if (layout.call->fn->name == "nth_value") {
    for (int64_t i = p.begin; i < p.end; ++i) {
      const auto [lo, hi] = frameOf(spec.frame, p, i);
      const Value nv = cell(rows, first + 1, i);
      int64_t left = nv.isNull() ? 0 : nv.asInt();
      out[i] = Value::null();
      for (int64_t r = lo; r <= hi && left > 0; ++r) {
        Value v = cell(rows, first, r);
        if (spec.ignoreNulls && v.isNull()) continue;
        if (--left == 0) out[i] = std::move(v);
      }
    }
    return;
  }
  std::vector<RowSlot> slots;
  std::vector<uint8_t> nulls;
  std::unique_ptr<Accumulator> acc;
  // A frame that starts at the partition grows with the row: one accumulator fed as its end
  // advances. Otherwise each distinct frame is aggregated afresh.
  const bool growing = spec.frame.lower.kind == FrameBoundary::UnboundedPreceding;
  int64_t fed = p.begin, prevLo = -1, prevHi = -2;
  for (int64_t i = p.begin; i < p.end; ++i) {
    const auto [lo, hi] = frameOf(spec.frame, p, i);
    if (growing) {
      if (!acc) acc = makeAccumulator(layout);
      for (; fed <= hi; ++fed) {
        loadArgs(rows, first, count, fed, slots, nulls);
        acc->update(slots.data(), nulls.data());
      }
    } else if (lo != prevLo || hi != prevHi || !acc) {
      acc = makeAccumulator(layout);
      for (int64_t r = lo; r <= hi; ++r) {
        loadArgs(rows, first, count, r, slots, nulls);
        acc->update(slots.data(), nulls.data());
      }
      prevLo = lo;
      prevHi = hi;
    }
    out[i] = acc->result();
  }
}

void WindowOperator::evaluate(size_t f, const WindowPartition& p, const ColumnBatch& rows,
                              std::vector<Value>& out) const {
  const std::string& name = layouts_[f].call->fn->name;
  if (layouts_[f].call->fn->kind == FunctionKind::Window && name != "nth_value") {
    if (name == "lag" || name == "lead")
      offset(f, p, rows, out);
    else
      rankLike(f, p, rows, out);
    return;
  }
  overFrames(f, p, rows, out);
}

ColumnBatch WindowOperator::finish() {
  const Window& w = op_.window;
  const size_t width = op_.child()->output().size();
  const size_t np = w.partitionBy.size(), no = w.orderBy.size();
  std::vector<SortKey> order(np, SortKey{true, true});
  order.insert(order.end(), w.order.begin(), w.order.end());
  ColumnBatch rows = buffer_.finish(-1, width, order);
  const int64_t n = rows.rows();
  // RANGE frames with offsets need the ORDER BY key as a number.
  bool positions = false;
  for (const auto& s : w.specs)
    for (const FrameEdge* e : {&s.frame.lower, &s.frame.upper})
      positions |= s.frame.type == FrameType::Range &&
                   (e->kind == FrameBoundary::Preceding || e->kind == FrameBoundary::Following);

  std::vector<std::vector<Value>> results(w.functions.size(), std::vector<Value>(n));
  WindowPartition p;
  for (p.begin = 0; p.begin < n; p.begin = p.end) {
    p.end = p.begin + 1;
    while (p.end < n && sameKeys(rows, width, np, p.begin, p.end)) ++p.end;
    const int64_t size = p.end - p.begin;
    p.peerBegin.assign(size, 0);
    p.peerEnd.assign(size, 0);
    for (int64_t g = p.begin, e; g < p.end; g = e) {
      for (e = g + 1; e < p.end && sameKeys(rows, width + np, no, g, e);) ++e;
      for (int64_t r = g; r < e; ++r) {
        p.peerBegin[r - p.begin] = g;
        p.peerEnd[r - p.begin] = e;
      }
    }
    if (positions) {
      const DataType& t = *rows.types()[width + np];
      p.overDate = t.id() == TypeId::Date;
      p.position.assign(size, 0);
      p.nonNullBegin = p.end;
      p.nonNullEnd = p.begin;
      for (int64_t r = p.begin; r < p.end; ++r) {
        const Value v = cell(rows, width + np, r);
        if (v.isNull()) continue;
        p.nonNullBegin = std::min(p.nonNullBegin, r);
        p.nonNullEnd = r + 1;
        const long double x = amount(v, t, false);
        p.position[r - p.begin] = w.order[0].ascending ? x : -x;
      }
    }
    for (size_t f = 0; f < w.functions.size(); ++f) evaluate(f, p, rows, results[f]);
  }

  std::vector<TypePtr> types(rows.types().begin(), rows.types().begin() + static_cast<long>(width));
  for (const auto& f : w.functions) types.push_back(f->type);
  ColumnBatchBuilder out(types);
  out.reserve(n);
  for (int64_t r = 0; r < n; ++r) {
    for (size_t c = 0; c < width; ++c) {
      const ColumnData& col = rows.columns()[c];
      if ((col.nulls && col.nulls[r]) || types[c]->id() == TypeId::Null)
        out.setNull(c);
      else
        setStorage(out, c,
                   static_cast<const unsigned char*>(col.values) + storageSize(*types[c]) * r,
                   *types[c]);
    }
    for (size_t f = 0; f < w.functions.size(); ++f) {
      const Value& v = results[f][r];
      if (v.isNull() || types[width + f]->id() == TypeId::Null)
        out.setNull(width + f);
      else
        setValue(out, width + f, v, *types[width + f]);
    }
    out.endRow();
  }
  return out.finish();
}

}  // namespace sluice
