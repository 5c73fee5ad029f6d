#include "runtime/exec/row_buffer.h"

#include <algorithm>
#include <numeric>

#include "planner/functions/value_ops.h"
#include "runtime/exec/slot_values.h"

namespace sluice {

RowBuffer::RowBuffer(std::vector<TypePtr> types) : types_(types), builder_(std::move(types)) {}

void RowBuffer::emitRow(const RowSlot* slots, const uint8_t* nulls) {
  for (size_t c = 0; c < types_.size(); ++c) {
    if (nulls[c] || types_[c]->id() == TypeId::Null)
      builder_.setNull(c);
    else
      setStorage(builder_, c, slots[c].bytes, *types_[c]);
  }
  builder_.endRow();
}

namespace {

// The value of row `r` of column `c` (nullopt for NULL).
Value cell(const ColumnBatch& b, size_t c, int64_t r) {
  const ColumnData& col = b.columns()[c];
  if (col.nulls && col.nulls[r]) return Value::null();
  const DataType& t = *b.types()[c];
  if (t.id() == TypeId::Null) return Value::null();
  return storageToValue(static_cast<const unsigned char*>(col.values) + storageSize(t) * r, t);
}

}  // namespace

ColumnBatch RowBuffer::finish(int64_t columns, size_t firstKey, const std::vector<SortKey>& order) {
  ColumnBatch all = builder_.finish();
  const size_t width = columns < 0 ? types_.size() : static_cast<size_t>(columns);
  if (order.empty() && width == types_.size()) return all;

  std::vector<int64_t> perm(static_cast<size_t>(all.rows()));
  std::iota(perm.begin(), perm.end(), 0);
  if (!order.empty()) {
    // Sort keys as Values once, then a stable sort of row indexes.
    std::vector<std::vector<Value>> keys(order.size());
    for (size_t k = 0; k < order.size(); ++k)
      for (int64_t r = 0; r < all.rows(); ++r) keys[k].push_back(cell(all, firstKey + k, r));
    std::stable_sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
      for (size_t k = 0; k < order.size(); ++k) {
        const Value &x = keys[k][a], &y = keys[k][b];
        if (x.isNull() || y.isNull()) {
          if (x.isNull() && y.isNull()) continue;
          return x.isNull() == order[k].nullsFirst;
        }
        const int c = valueops::compare(x, y, *types_[firstKey + k]);
        if (c != 0) return order[k].ascending ? c < 0 : c > 0;
      }
      return false;
    });
  }
  std::vector<TypePtr> outTypes(types_.begin(), types_.begin() + static_cast<int64_t>(width));
  ColumnBatchBuilder out(outTypes);
  for (int64_t r : perm) {
    for (size_t c = 0; c < width; ++c) {
      const ColumnData& col = all.columns()[c];
      if ((col.nulls && col.nulls[r]) || types_[c]->id() == TypeId::Null)
        out.setNull(c);
      else
        setStorage(out, c,
                   static_cast<const unsigned char*>(col.values) + storageSize(*types_[c]) * r,
                   *types_[c]);
    }
    out.endRow();
  }
  return out.finish();
}

}  // namespace sluice
