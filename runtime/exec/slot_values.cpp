#include "runtime/exec/slot_values.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include "frontend/error.h"
#include "planner/type_storage.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

template <typename T>
T load(const void* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T>
void append(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <typename T>
T take(std::string_view in, size_t* pos) {
  if (*pos + sizeof(T) > in.size()) throw ExecutionError("internal: truncated key encoding");
  T v;
  std::memcpy(&v, in.data() + *pos, sizeof(T));
  *pos += sizeof(T);
  return v;
}

bool elementNull(const uint8_t* nulls, int64_t i) {
  return nulls && nulls[i];
}

// The fixed-width value (storage Bool .. F64, planner/type_storage.h) of type `t` at `p`.
Value fixedFromStorage(const void* p, const DataType& t, Storage st) {
  switch (st) {
    case Storage::Bool:
      return Value::boolean(load<uint8_t>(p) != 0);
    case Storage::I8:
      return Value::integer(load<int8_t>(p));
    case Storage::I16:
      return Value::integer(load<int16_t>(p));
    case Storage::I32:
      return Value::integer(load<int32_t>(p));
    case Storage::I64:
      if (t.id() == TypeId::Decimal) return Value::decimal(load<int64_t>(p));
      return Value::integer(load<int64_t>(p));
    case Storage::I128:
      return Value::decimal(load<__int128>(p));
    case Storage::F32:
      return Value::real(load<float>(p));
    case Storage::F64:
      return Value::real(load<double>(p));
    default:
      throw ExecutionError("internal: " + t.toString() + " is not a fixed-width type");
  }
}

// Stores non-NULL fixed-width `v` (storage Bool .. F64) of type `t` in `slot`.
void fixedToSlot(const Value& v, const DataType& t, Storage st, Slot& slot) {
  switch (st) {
    case Storage::Bool:
      slot.set<uint8_t>(v.asBool());
      break;
    case Storage::I8:
      slot.set<int8_t>(static_cast<int8_t>(v.asInt()));
      break;
    case Storage::I16:
      slot.set<int16_t>(static_cast<int16_t>(v.asInt()));
      break;
    case Storage::I32:
      slot.set<int32_t>(static_cast<int32_t>(v.asInt()));
      break;
    case Storage::I64:
      slot.set<int64_t>(t.id() == TypeId::Decimal ? static_cast<int64_t>(v.asDecimal())
                                                  : v.asInt());
      break;
    case Storage::I128:
      slot.set<__int128>(v.asDecimal());
      break;
    case Storage::F32:
      slot.set<float>(static_cast<float>(v.asDouble()));
      break;
    case Storage::F64:
      slot.set<double>(v.asDouble());
      break;
    default:
      throw ExecutionError("internal: " + t.toString() + " is not a fixed-width type");
  }
}

// Whether `st` is a fixed-width value stored inline in its slot.
bool isFixed(Storage st) {
  return st != Storage::View && st != Storage::Pointer;
}

}  // namespace

Value storageToValue(const void* p, const DataType& t) {
  if (t.id() == TypeId::Null) return Value::null();
  if (t.id() != TypeId::Interval && isFixed(storageOf(t)))
    return fixedFromStorage(p, t, storageOf(t));
  switch (t.id()) {
    case TypeId::String:
    case TypeId::Binary: {
      const auto s = load<StringView>(p);
      return Value::bytes(std::string(s.view()));
    }
    case TypeId::Struct: {
      const auto* s = load<const StructData*>(p);
      Value::List items;
      for (size_t i = 0; i < t.fields().size(); ++i)
        items.push_back(elementNull(s->nulls, static_cast<int64_t>(i))
                            ? Value::null()
                            : storageToValue(&s->fields[i], *t.fields()[i].type));
      return Value::list(std::move(items));
    }
    case TypeId::Array: {
      const auto* a = load<const ArrayData*>(p);
      Value::List items;
      for (int64_t i = 0; i < a->length; ++i)
        items.push_back(elementNull(a->nulls, i) ? Value::null()
                                                 : storageToValue(&a->values[i], *t.elementType()));
      return Value::list(std::move(items));
    }
    case TypeId::Map: {
      const auto* m = load<const MapData*>(p);
      Value::List items;
      for (int64_t i = 0; i < m->length; ++i) {
        items.push_back(storageToValue(&m->keys[i], *t.keyType()));
        items.push_back(elementNull(m->nulls, i) ? Value::null()
                                                 : storageToValue(&m->values[i], *t.valueType()));
      }
      return Value::list(std::move(items));
    }
    default:  // intervals (fixed-width types returned above)
      break;
  }
  throw ExecutionError("values of type " + t.toString() + " are not supported by the runtime");
}

namespace {

// Stores non-NULL `v` as the storage value of `type` at `slot`.
void valueToSlot(const Value& v, const DataType& t, Slot& slot, StringArena& arena) {
  if (t.id() != TypeId::Null && t.id() != TypeId::Interval && isFixed(storageOf(t)))
    return fixedToSlot(v, t, storageOf(t), slot);
  switch (t.id()) {
    case TypeId::String:
    case TypeId::Binary: {
      const std::string& s = v.asString();
      char* p = s.empty() ? nullptr : arena.allocate(s.size());
      if (!s.empty()) std::memcpy(p, s.data(), s.size());
      slot.set(StringView{p, static_cast<int64_t>(s.size())});
      break;
    }
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map:
      slot.set(valueToNested(v, t, arena));
      break;
    default:
      throw ExecutionError("values of type " + t.toString() + " are not supported by the runtime");
  }
}

// `n` slots and null bytes filled from `items[first + stride * i]`.
std::pair<const Slot*, const uint8_t*> fillSlots(
    const Value::List& items, size_t first, size_t stride, size_t n,
    const std::function<const DataType&(size_t)>& typeOf, StringArena& arena) {
  if (n == 0) return {nullptr, nullptr};
  auto* slots = static_cast<Slot*>(arena.allocateAligned(sizeof(Slot) * n));
  auto* nulls = reinterpret_cast<uint8_t*>(arena.allocate(n));
  bool any = false;
  for (size_t i = 0; i < n; ++i) {
    const Value& v = items.at(first + stride * i);
    slots[i] = Slot{};
    nulls[i] = v.isNull();
    any = any || v.isNull();
    if (!v.isNull()) valueToSlot(v, typeOf(i), slots[i], arena);
  }
  return {slots, any ? nulls : nullptr};
}

}  // namespace

const void* valueToNested(const Value& v, const DataType& t, StringArena& arena) {
  const Value::List& items = v.asList();
  switch (t.id()) {
    case TypeId::Struct: {
      auto* s = static_cast<StructData*>(arena.allocateAligned(sizeof(StructData)));
      auto [slots, nulls] = fillSlots(
          items, 0, 1, t.fields().size(),
          [&](size_t i) -> const DataType& { return *t.fields()[i].type; }, arena);
      s->fields = slots;
      s->nulls = nulls;
      return s;
    }
    case TypeId::Array: {
      auto* a = static_cast<ArrayData*>(arena.allocateAligned(sizeof(ArrayData)));
      auto [slots, nulls] = fillSlots(
          items, 0, 1, items.size(), [&](size_t) -> const DataType& { return *t.elementType(); },
          arena);
      a->length = static_cast<int64_t>(items.size());
      a->values = slots;
      a->nulls = nulls;
      return a;
    }
    case TypeId::Map: {
      auto* m = static_cast<MapData*>(arena.allocateAligned(sizeof(MapData)));
      const size_t n = items.size() / 2;
      auto keys = fillSlots(
          items, 0, 2, n, [&](size_t) -> const DataType& { return *t.keyType(); }, arena);
      auto values = fillSlots(
          items, 1, 2, n, [&](size_t) -> const DataType& { return *t.valueType(); }, arena);
      m->length = static_cast<int64_t>(n);
      m->keys = keys.first;
      m->values = values.first;
      m->nulls = values.second;
      return m;
    }
    default:
      throw ExecutionError("internal: valueToNested of a " + t.toString());
  }
}

void setValue(ColumnBatchBuilder& out, size_t c, const Value& v, const DataType& t) {
  Slot slot{};
  valueToSlot(v, t, slot, out.arena());
  setStorage(out, c, slot.bytes, t);
}

void setStorage(ColumnBatchBuilder& out, size_t c, const void* from, const DataType& t) {
  switch (storageOf(t)) {
    case Storage::Bool:
    case Storage::I8:
      out.set(c, load<uint8_t>(from));
      break;
    case Storage::I16:
      out.set(c, load<int16_t>(from));
      break;
    case Storage::I32:
    case Storage::F32:
      out.set(c, load<int32_t>(from));
      break;
    case Storage::I64:
    case Storage::F64:
      out.set(c, load<int64_t>(from));
      break;
    case Storage::I128:
      out.set(c, load<__int128>(from));
      break;
    case Storage::View:
      out.setString(c, load<StringView>(from).view());
      break;
    case Storage::Pointer:
      out.setNested(c, load<const void*>(from));
      break;
  }
}

namespace {

// encodeKey (canonical: floats as GROUP BY compares them) and encodeStorage (exact).
template <bool kCanonical>
void encodeSlot(std::string& out, const void* p, bool isNull, const DataType& t) {
  out.push_back(isNull ? 1 : 0);
  if (isNull) return;
  switch (t.id()) {
    case TypeId::Float: {
      float f = load<float>(p);
      if (kCanonical && f == 0.0f) f = 0.0f;  // -0.0 groups with 0.0
      if (kCanonical && std::isnan(f)) f = std::numeric_limits<float>::quiet_NaN();
      append(out, f);
      return;
    }
    case TypeId::Double: {
      double d = load<double>(p);
      if (kCanonical && d == 0.0) d = 0.0;
      if (kCanonical && std::isnan(d)) d = std::numeric_limits<double>::quiet_NaN();
      append(out, d);
      return;
    }
    case TypeId::String:
    case TypeId::Binary: {
      const auto s = load<StringView>(p);
      append<int64_t>(out, s.len);
      out.append(s.view());
      return;
    }
    case TypeId::Struct: {
      const auto* s = load<const StructData*>(p);
      for (size_t i = 0; i < t.fields().size(); ++i)
        encodeSlot<kCanonical>(out, &s->fields[i], elementNull(s->nulls, static_cast<int64_t>(i)),
                               *t.fields()[i].type);
      return;
    }
    case TypeId::Array: {
      const auto* a = load<const ArrayData*>(p);
      append<int64_t>(out, a->length);
      for (int64_t i = 0; i < a->length; ++i)
        encodeSlot<kCanonical>(out, &a->values[i], elementNull(a->nulls, i), *t.elementType());
      return;
    }
    case TypeId::Map: {
      const auto* m = load<const MapData*>(p);
      append<int64_t>(out, m->length);
      for (int64_t i = 0; i < m->length; ++i) {
        encodeSlot<kCanonical>(out, &m->keys[i], false, *t.keyType());
        encodeSlot<kCanonical>(out, &m->values[i], elementNull(m->nulls, i), *t.valueType());
      }
      return;
    }
    default:
      out.append(static_cast<const char*>(p), storageSize(t));
  }
}

}  // namespace

void encodeKey(std::string& out, const void* p, bool isNull, const DataType& t) {
  encodeSlot<true>(out, p, isNull, t);
}

void encodeStorage(std::string& out, const void* p, bool isNull, const DataType& t) {
  encodeSlot<false>(out, p, isNull, t);
}

namespace {

// Decodes into a Value (nested keys are rebuilt through Values: keys are small).
Value decodeValue(std::string_view in, size_t* pos, const DataType& t) {
  if (take<uint8_t>(in, pos)) return Value::null();
  switch (t.id()) {
    case TypeId::String:
    case TypeId::Binary: {
      const auto n = static_cast<size_t>(take<int64_t>(in, pos));
      if (n > in.size() - *pos) throw ExecutionError("internal: truncated key encoding");
      std::string s(in.substr(*pos, n));
      *pos += n;
      return Value::bytes(std::move(s));
    }
    case TypeId::Struct: {
      Value::List items;
      for (const auto& f : t.fields()) items.push_back(decodeValue(in, pos, *f.type));
      return Value::list(std::move(items));
    }
    case TypeId::Array: {
      const auto n = take<int64_t>(in, pos);
      Value::List items;
      for (int64_t i = 0; i < n; ++i) items.push_back(decodeValue(in, pos, *t.elementType()));
      return Value::list(std::move(items));
    }
    case TypeId::Map: {
      const auto n = take<int64_t>(in, pos);
      Value::List items;
      for (int64_t i = 0; i < n; ++i) {
        items.push_back(decodeValue(in, pos, *t.keyType()));
        items.push_back(decodeValue(in, pos, *t.valueType()));
      }
      return Value::list(std::move(items));
    }
    default: {
      const size_t n = storageSize(t);
      if (*pos + n > in.size()) throw ExecutionError("internal: truncated key encoding");
      Value v = storageToValue(in.data() + *pos, t);
      *pos += n;
      return v;
    }
  }
}

}  // namespace

void decodeKey(std::string_view in, size_t* pos, ColumnBatchBuilder& out, size_t c,
               const DataType& t) {
  const size_t start = *pos;
  if (static_cast<uint8_t>(in.at(start)) != 0) {
    ++*pos;
    out.setNull(c);
    return;
  }
  switch (t.id()) {
    case TypeId::String:
    case TypeId::Binary: {
      // The bytes go straight into the builder (no Value in between).
      ++*pos;
      const auto n = static_cast<size_t>(take<int64_t>(in, pos));
      if (n > in.size() - *pos) throw ExecutionError("internal: truncated key encoding");
      out.setString(c, in.substr(*pos, n));
      *pos += n;
      return;
    }
    case TypeId::Struct:
    case TypeId::Array:
    case TypeId::Map: {
      const Value v = decodeValue(in, pos, t);
      setValue(out, c, v, t);
      return;
    }
    default:
      ++*pos;
      if (*pos + storageSize(t) > in.size())
        throw ExecutionError("internal: truncated key encoding");
      setStorage(out, c, in.data() + *pos, t);
      *pos += storageSize(t);
  }
}

Value decodeKeyValue(std::string_view in, size_t* pos, const DataType& type) {
  return decodeValue(in, pos, type);
}

void encodeValue(std::string& out, const Value& v, const DataType& t) {
  out.push_back(v.isNull() ? 1 : 0);
  if (v.isNull()) return;
  if (t.id() != TypeId::Null && t.id() != TypeId::Interval && isFixed(storageOf(t))) {
    // The slot's bytes, as encodeKey writes a stored value.
    Slot slot{};
    fixedToSlot(v, t, storageOf(t), slot);
    out.append(reinterpret_cast<const char*>(slot.bytes), storageSize(t));
    return;
  }
  switch (t.id()) {
    case TypeId::String:
    case TypeId::Binary: {
      const std::string& s = v.asString();
      append(out, static_cast<int64_t>(s.size()));
      out.append(s);
      return;
    }
    case TypeId::Struct: {
      const Value::List& items = v.asList();
      for (size_t i = 0; i < t.fields().size(); ++i)
        encodeValue(out, items.at(i), *t.fields()[i].type);
      return;
    }
    case TypeId::Array: {
      const Value::List& items = v.asList();
      append(out, static_cast<int64_t>(items.size()));
      for (const Value& e : items) encodeValue(out, e, *t.elementType());
      return;
    }
    case TypeId::Map: {
      const Value::List& items = v.asList();
      append(out, static_cast<int64_t>(items.size() / 2));
      for (size_t i = 0; i + 1 < items.size(); i += 2) {
        encodeValue(out, items[i], *t.keyType());
        encodeValue(out, items[i + 1], *t.valueType());
      }
      return;
    }
    default:
      throw ExecutionError("values of type " + t.toString() + " are not supported by the runtime");
  }
}

void encodeValueKey(std::string& out, const Value& v, const DataType& t) {
  if (v.isNull()) {
    encodeKey(out, nullptr, true, t);
    return;
  }
  StringArena arena;
  Slot slot{};
  valueToSlot(v, t, slot, arena);
  encodeKey(out, slot.bytes, false, t);
}

}  // namespace sluice
