#include "runtime/files/json_reader.h"

#include <cmath>
#include <cstring>

#include "planner/sources/file_source_json.h"
#include "planner/type_storage.h"
#include "stdlib/decimal.h"
#include "stdlib/strings.h"

namespace sluice {
namespace {

using stdlib::JsonValue;

StringView arenaString(std::string_view s, StringArena& arena) {
  if (s.empty()) return StringView{nullptr, 0};
  char* p = arena.allocate(s.size());
  std::memcpy(p, s.data(), s.size());
  return StringView{p, static_cast<int64_t>(s.size())};
}

// Slots and NULL bytes for `n` nested elements; the NULL array is dropped when unused.
struct NestedParts {
  Slot* slots = nullptr;
  uint8_t* nulls = nullptr;
  bool anyNull = false;
};

NestedParts allocParts(size_t n, StringArena& arena) {
  NestedParts p;
  if (n == 0) return p;
  p.slots = static_cast<Slot*>(arena.allocateAligned(sizeof(Slot) * n));
  std::memset(static_cast<void*>(p.slots), 0, sizeof(Slot) * n);
  p.nulls = reinterpret_cast<uint8_t*>(arena.allocate(n));
  std::memset(p.nulls, 0, n);
  return p;
}

// Jackson's non-numeric numbers as Spark accepts them in strings for float / double columns.
bool nonNumeric(std::string_view s, double* out) {
  if (s == "NaN") return *out = NAN, true;
  if (s == "Infinity" || s == "+Infinity" || s == "INF" || s == "+INF")
    return *out = HUGE_VAL, true;
  if (s == "-Infinity" || s == "-INF") return *out = -HUGE_VAL, true;
  return false;
}

}  // namespace

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

void readJsonText(std::string_view text, const std::string& path, const FileReadPlan& plan,
                  ColumnBatchBuilder& out) {
  const FileSourceOptions& o = plan.options;
  const TextValueParser parser(o);
  const auto& fields = plan.schema->fields();
  const size_t columns = plan.types.size();
  StagedRow row;
  forEachJsonRecord(text, o, [&](std::string_view rec, int64_t line) {
    const std::string where = path + ":" + std::to_string(line);
    auto doc = stdlib::parseJson(rec, o.json);
    bool ok = doc.has_value();
    std::vector<const JsonValue*> rows;
    if (ok) rows = jsonRecordRows(*doc, &ok);
    auto markCorrupt = [&] {
      if (plan.corruptColumn < 0) return;
      const auto c = static_cast<size_t>(plan.corruptColumn);
      putSlot(row.slots[c], arenaString(rec, out.arena()));
      row.nulls[c] = 0;
    };
    if (!ok) {
      if (!keepMalformed(plan, where, doc ? "not a JSON object" : "not valid JSON")) return;
      row.reset(columns);
      markCorrupt();
      appendStagedRow(row, plan, out);
      return;
    }
    for (const JsonValue* obj : rows) {
      row.reset(columns);
      std::string why;
      for (size_t c = 0; c < columns; ++c) {
        if (static_cast<int>(c) == plan.corruptColumn || plan.isPartition[c]) continue;
        const StructField& f = fields[static_cast<size_t>(plan.fieldOf[c])];
        const JsonValue* v = obj->field(f.name);
        if (!v) continue;
        bool null = true;
        if (jsonToSlot(*v, *plan.types[c], parser, out.arena(), row.slots[c], null)) {
          row.nulls[c] = null;
        } else if (why.empty()) {
          why = "column '" + f.name + "' (" + f.type->toString() + "): cannot convert " +
                stdlib::serializeJson(*v).substr(0, 80);
        }
      }
      if (!why.empty()) {
        if (!keepMalformed(plan, where, why)) continue;
        markCorrupt();
      }
      appendStagedRow(row, plan, out);
    }
  });
}

}  // namespace sluice
