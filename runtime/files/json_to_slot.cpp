// jsonToSlot (json_reader.h): one DOM value to the storage form of a column type, the JSON
// reader's reference semantics.
#include <cstring>

#include "planner/sources/file_source_values.h"
#include "planner/type_storage.h"
#include "runtime/files/file_reader.h"
#include "runtime/files/json_read_buffers.h"
#include "runtime/files/json_reader.h"
#include "stdlib/decimal.h"
#include "stdlib/strings.h"

namespace sluice {

using json_files::allocParts;
using json_files::arenaString;
using json_files::NestedParts;
using json_files::nonNumeric;
using stdlib::JsonValue;

bool jsonToSlot(const JsonValue& v, const DataType& type, const TextValueParser& parser,
                StringArena& arena, Slot& out, bool& isNull) {
  isNull = false;
  out = Slot{};
  if (v.kind == JsonValue::Kind::Null) return isNull = true, true;
  const bool number = v.kind == JsonValue::Kind::Number;
  const bool string = v.kind == JsonValue::Kind::String;
  switch (type.id()) {
    case TypeId::Null:
      return false;
    case TypeId::Boolean:
      if (v.kind != JsonValue::Kind::Bool) return false;
      return putSlot<uint8_t>(out, v.boolean ? 1 : 0), true;
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
      // Only integral numbers; an out-of-range one is malformed, as Jackson fails on it.
      if (!number || !v.integral) return false;
      return parser.parse(v.text, type, out, arena);
    case TypeId::Float:
    case TypeId::Double: {
      double d = 0;
      if (number) {
        auto p = stdlib::parseDouble(v.text);
        if (!p) return false;
        d = *p;
      } else if (!string || !nonNumeric(v.text, &d)) {
        return false;
      }
      if (type.id() == TypeId::Float) return putSlot(out, static_cast<float>(d)), true;
      return putSlot(out, d), true;
    }
    case TypeId::Decimal: {
      if (!number && !string) return false;
      auto d = stdlib::parseDecimal(v.text, type.precision(), type.scale());
      if (!d) return false;
      if (storageOf(type) == Storage::I64) return putSlot(out, static_cast<int64_t>(*d)), true;
      return putSlot(out, *d), true;
    }
    case TypeId::String:
      // Any JSON value fits a string column: non-strings as their JSON text.
      if (string) return putSlot(out, arenaString(v.text, arena)), true;
      return putSlot(out, arenaString(stdlib::serializeJson(v), arena)), true;
    case TypeId::Binary:
      if (!string) return false;
      return putSlot(out, arenaString(v.text, arena)), true;
    case TypeId::Date:
      if (!string) return false;
      return parser.parse(v.text, type, out, arena);
    case TypeId::Timestamp:
      // Integral numbers are seconds since the epoch (Spark's JacksonParser).
      if (number && v.integral) {
        int64_t secs = 0;
        if (!parseStrictIntegral(v.text, INT64_MIN / 1000000, INT64_MAX / 1000000, &secs))
          return false;
        return putSlot(out, secs * 1000000), true;
      }
      if (!string) return false;
      return parser.parse(v.text, type, out, arena);
    case TypeId::Interval:
      return false;
    case TypeId::Struct: {
      if (v.kind != JsonValue::Kind::Object) return false;
      const auto& fields = type.fields();
      NestedParts p = allocParts(fields.size(), arena);
      for (size_t i = 0; i < fields.size(); ++i) {
        const JsonValue* f = v.field(fields[i].name);
        bool null = true;
        if (f && !jsonToSlot(*f, *fields[i].type, parser, arena, p.slots[i], null)) return false;
        p.nulls[i] = null;
        p.anyNull = p.anyNull || null;
      }
      auto* s = static_cast<StructData*>(arena.allocateAligned(sizeof(StructData)));
      s->nulls = p.anyNull ? p.nulls : nullptr;
      s->fields = p.slots;
      return putSlot<const void*>(out, s), true;
    }
    case TypeId::Array: {
      if (v.kind != JsonValue::Kind::Array) return false;
      NestedParts p = allocParts(v.items.size(), arena);
      for (size_t i = 0; i < v.items.size(); ++i) {
        bool null = false;
        if (!jsonToSlot(v.items[i], *type.elementType(), parser, arena, p.slots[i], null))
          return false;
        p.nulls[i] = null;
        p.anyNull = p.anyNull || null;
      }
      auto* a = static_cast<ArrayData*>(arena.allocateAligned(sizeof(ArrayData)));
      a->length = static_cast<int64_t>(v.items.size());
      a->nulls = p.anyNull ? p.nulls : nullptr;
      a->values = p.slots;
      return putSlot<const void*>(out, a), true;
    }
    case TypeId::Map: {
      if (v.kind != JsonValue::Kind::Object || type.keyType()->id() != TypeId::String) return false;
      NestedParts keys = allocParts(v.fields.size(), arena);
      NestedParts vals = allocParts(v.fields.size(), arena);
      for (size_t i = 0; i < v.fields.size(); ++i) {
        putSlot(keys.slots[i], arenaString(v.fields[i].first, arena));
        bool null = false;
        if (!jsonToSlot(v.fields[i].second, *type.valueType(), parser, arena, vals.slots[i], null))
          return false;
        vals.nulls[i] = null;
        vals.anyNull = vals.anyNull || null;
      }
      auto* m = static_cast<MapData*>(arena.allocateAligned(sizeof(MapData)));
      m->length = static_cast<int64_t>(v.fields.size());
      m->keys = keys.slots;
      m->nulls = vals.anyNull ? vals.nulls : nullptr;
      m->values = vals.slots;
      return putSlot<const void*>(out, m), true;
    }
  }
  return false;
}

}  // namespace sluice
