#include "runtime/column_batch.h"

#include <cstring>
#include <functional>

#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/logical/scan.h"
#include "runtime/exec/slot_values.h"

namespace sluice {

ColumnBatchBuilder::ColumnBatchBuilder(std::vector<TypePtr> types) {
  for (const auto& t : types) sizes_.push_back(storageSize(*t));
  batch_.types_ = std::move(types);
  batch_.nulls_.resize(sizes_.size());
  batch_.values_.resize(sizes_.size());
  batch_.bytes_ = std::make_shared<StringArena>();
  // Every row appends one element per column up front, so set*() writes in place.
}

unsigned char* ColumnBatchBuilder::slot(size_t c) {
  auto& v = batch_.values_[c];
  const size_t at = static_cast<size_t>(batch_.rows_) * sizes_[c];
  if (v.size() < at + sizes_[c]) v.resize(at + sizes_[c]);
  return v.data() + at;
}

void ColumnBatchBuilder::setNull(size_t c) {
  auto& n = batch_.nulls_[c];
  if (n.size() < static_cast<size_t>(batch_.rows_) + 1) n.resize(batch_.rows_ + 1, 0);
  n[batch_.rows_] = 1;
  slot(c);  // keeps the values array in step (NULLs hold zero bytes)
}

void ColumnBatchBuilder::setString(size_t c, std::string_view s) {
  char* p = s.empty() ? nullptr : batch_.bytes_->allocate(s.size());
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  set(c, StringView{p, static_cast<int64_t>(s.size())});
}

void ColumnBatchBuilder::setNested(size_t c, const void* v) {
  set(c, copyNested(v, *batch_.types_[c], *batch_.bytes_));
}

void ColumnBatchBuilder::endRow() {
  ++batch_.rows_;
  for (size_t c = 0; c < sizes_.size(); ++c) {
    auto& v = batch_.values_[c];
    if (v.size() < static_cast<size_t>(batch_.rows_) * sizes_[c])
      v.resize(static_cast<size_t>(batch_.rows_) * sizes_[c], 0);  // a column left unset
  }
}

void ColumnBatchBuilder::reserve(int64_t rows) {
  for (size_t c = 0; c < sizes_.size(); ++c)
    batch_.values_[c].reserve(static_cast<size_t>(rows) * sizes_[c]);
}

ColumnBatch ColumnBatchBuilder::finish() {
  ColumnBatch out = std::move(batch_);
  const size_t n = static_cast<size_t>(out.rows_);
  out.columns_.clear();
  for (size_t c = 0; c < sizes_.size(); ++c) {
    auto& nulls = out.nulls_[c];
    if (!nulls.empty()) nulls.resize(n, 0);
    // Never hand a kernel a null values pointer, even for an empty batch.
    if (out.values_[c].empty()) out.values_[c].resize(sizes_[c], 0);
    out.columns_.push_back(
        ColumnData{nulls.empty() ? nullptr : nulls.data(), out.values_[c].data()});
  }
  batch_ = ColumnBatch();
  batch_.types_ = out.types_;
  batch_.nulls_.resize(sizes_.size());
  batch_.values_.resize(sizes_.size());
  batch_.bytes_ = std::make_shared<StringArena>();
  return out;
}

ColumnBatch ColumnBatch::select(const std::vector<size_t>& indexes) && {
  ColumnBatch out;
  out.rows_ = rows_;
  out.bytes_ = bytes_;
  out.origin_ = origin_;
  out.keepAlive_ = keepAlive_;
  for (size_t i : indexes) {
    out.types_.push_back(types_.at(i));
    // Repeated columns share storage through the copy.
    out.nulls_.push_back(nulls_[i]);
    out.values_.push_back(values_[i]);
  }
  for (size_t c = 0; c < indexes.size(); ++c)
    out.columns_.push_back(
        ColumnData{out.nulls_[c].empty() ? nullptr : out.nulls_[c].data(), out.values_[c].data()});
  *this = ColumnBatch();
  return out;
}

namespace {

void copySlot(const Slot& from, Slot& to, const DataType& t, StringArena& arena) {
  switch (t.id()) {
    case TypeId::String:
    case TypeId::Binary: {
      const auto s = from.as<StringView>();
      char* p = s.len ? arena.allocate(static_cast<size_t>(s.len)) : nullptr;
      if (s.len) std::memcpy(p, s.ptr, static_cast<size_t>(s.len));
      to.set(StringView{p, s.len});
      break;
    }
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map:
      to.set(copyNested(from.as<const void*>(), t, arena));
      break;
    default:
      to = from;
  }
}

Slot* copySlots(const Slot* from, const uint8_t* nulls, int64_t n,
                const std::function<const DataType&(int64_t)>& typeOf, StringArena& arena) {
  if (n == 0) return nullptr;
  auto* out = static_cast<Slot*>(arena.allocateAligned(sizeof(Slot) * static_cast<size_t>(n)));
  for (int64_t i = 0; i < n; ++i) {
    if (nulls && nulls[i]) {
      out[i] = Slot{};
      continue;
    }
    copySlot(from[i], out[i], typeOf(i), arena);
  }
  return out;
}

const uint8_t* copyNulls(const uint8_t* nulls, int64_t n, StringArena& arena) {
  if (!nulls || n == 0) return nullptr;
  auto* out = reinterpret_cast<uint8_t*>(arena.allocate(static_cast<size_t>(n)));
  std::memcpy(out, nulls, static_cast<size_t>(n));
  return out;
}

}  // namespace

const void* copyNested(const void* v, const DataType& t, StringArena& arena) {
  switch (t.id()) {
    case TypeId::Struct: {
      const auto* s = static_cast<const StructData*>(v);
      const int64_t n = static_cast<int64_t>(t.fields().size());
      auto* out = static_cast<StructData*>(arena.allocateAligned(sizeof(StructData)));
      out->nulls = copyNulls(s->nulls, n, arena);
      out->fields = copySlots(
          s->fields, s->nulls, n,
          [&](int64_t i) -> const DataType& { return *t.fields()[static_cast<size_t>(i)].type; },
          arena);
      return out;
    }
    case TypeId::Array: {
      const auto* a = static_cast<const ArrayData*>(v);
      auto* out = static_cast<ArrayData*>(arena.allocateAligned(sizeof(ArrayData)));
      out->length = a->length;
      out->nulls = copyNulls(a->nulls, a->length, arena);
      out->values = copySlots(
          a->values, a->nulls, a->length,
          [&](int64_t) -> const DataType& { return *t.elementType(); }, arena);
      return out;
    }
    case TypeId::Map: {
      const auto* m = static_cast<const MapData*>(v);
      auto* out = static_cast<MapData*>(arena.allocateAligned(sizeof(MapData)));
      out->length = m->length;
      out->keys = copySlots(
          m->keys, nullptr, m->length, [&](int64_t) -> const DataType& { return *t.keyType(); },
          arena);
      out->nulls = copyNulls(m->nulls, m->length, arena);
      out->values = copySlots(
          m->values, m->nulls, m->length,
          [&](int64_t) -> const DataType& { return *t.valueType(); }, arena);
      return out;
    }
    default:
      throw ExecutionError("internal: copyNested of a " + t.toString());
  }
}

ColumnBatch ColumnBatch::fromValues(const Scan& scan) {
  std::vector<TypePtr> types;
  for (const auto& a : scan.attrs) types.push_back(a.type);
  ColumnBatchBuilder b(types);
  for (const auto& row : scan.rows) {
    for (size_t c = 0; c < types.size(); ++c) {
      const DataType& t = *types[c];
      const Value v = evaluateConstant(row.at(c));
      if (v.isNull() || t.id() == TypeId::Null) {
        b.setNull(c);
        continue;
      }
      setValue(b, c, v, t);  // nested values are built in the batch's arena
    }
    b.endRow();
  }
  return b.finish();
}

}  // namespace sluice
