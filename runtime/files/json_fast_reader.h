#pragma once
// The JSON file reader's fast path (see json_reader.h): simdjson On-Demand driven by the
// scan's columns; it only ever succeeds, anything it cannot take whole goes to the reference
// path. Included by json_reader.cpp only.
#include <simdjson.h>

#include <charconv>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "planner/sources/file_source_json.h"
#include "planner/type_storage.h"
#include "runtime/files/file_reader.h"
#include "runtime/files/json_read_buffers.h"
#include "stdlib/decimal.h"
#include "stdlib/strings.h"

namespace sluice::json_files {

namespace od = simdjson::ondemand;

// ---------------------------------------------------------------------------------------
// The fast path: simdjson On-Demand, success only.

// What the fast path needs of a column type, built once per read.
struct Shape {
  TypeId id = TypeId::Null;
  const DataType* type = nullptr;
  std::vector<std::string> names;  // Struct: field names
  std::vector<Shape> children;     // Struct: field types; Array: {element}; Map: {value}
};

inline Shape shapeOf(const DataType& t) {
  Shape s;
  s.id = t.id();
  s.type = &t;
  switch (t.id()) {
    case TypeId::Struct:
      for (const auto& f : t.fields()) {
        s.names.push_back(f.name);
        s.children.push_back(shapeOf(*f.type));
      }
      break;
    case TypeId::Array:
      s.children.push_back(shapeOf(*t.elementType()));
      break;
    case TypeId::Map:
      s.children.push_back(shapeOf(*t.valueType()));
      break;
    default:
      break;
  }
  return s;
}

inline std::string_view trimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

inline bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

class FastJsonReader {
 public:
  /// Reads rows for `plan`; setOutput() says where their values go.
  FastJsonReader(const FileReadPlan& plan, const TextValueParser& parser)
      : plan_(plan), parser_(parser) {
    const auto& fields = plan.schema->fields();
    for (size_t c = 0; c < plan.types.size(); ++c) {
      if (static_cast<int>(c) == plan.corruptColumn || plan.isPartition[c]) continue;
      const std::string& name = fields[static_cast<size_t>(plan.fieldOf[c])].name;
      size_t i = 0;
      while (i < top_.names.size() && top_.names[i] != name) ++i;
      if (i == top_.names.size()) {
        top_.names.push_back(name);
        top_.children.push_back(shapeOf(*plan.types[c]));
        columnsOf_.emplace_back();
      }
      columnsOf_[i].push_back(c);
    }
    top_.id = TypeId::Struct;
    for (size_t i = 0; i < top_.children.size(); ++i)
      if (top_.children[i].id == TypeId::String || top_.children[i].id == TypeId::Binary)
        stringFields_.push_back(i);
    slots_.resize(top_.names.size());
    nulls_.resize(top_.names.size());
  }

  /// Values from now on go to `arena` (`sizeHint`: about how many input bytes it will take).
  void setOutput(StringArena& arena, size_t sizeHint) {
    arena_ = &arena;
    strings_.reset(arena, sizeHint);
  }

  /// Reads the record text[0, size) — followed by at least SIMDJSON_PADDING readable bytes —
  /// into `row` (every column set; strings and nested values in the arena). False when the
  /// record must go to the reference path; `row` and `arena` then hold garbage to overwrite.
  bool read(const char* text, size_t size, StagedRow& row) {
    od::document doc;
    if (parser_json_
            .iterate(simdjson::padded_string_view(text, size, size + simdjson::SIMDJSON_PADDING))
            .get(doc))
      return false;
    od::object obj;
    if (doc.get_object().get(obj)) return false;  // arrays of objects and the rest: reference
    std::memset(static_cast<void*>(slots_.data()), 0, sizeof(Slot) * slots_.size());
    std::memset(nulls_.data(), 1, nulls_.size());
    if (!fields(obj, top_, slots_.data(), nulls_.data(), 0, /*top=*/true)) return false;
    // Trailing content after the object: malformed, the reference path says how.
    const char* at = nullptr;
    if (!doc.current_location().get(at)) return false;
    row.reset(plan_.types.size());
    for (size_t i = 0; i < columnsOf_.size(); ++i)
      for (size_t c : columnsOf_[i]) {
        row.slots[c] = slots_[i];
        row.nulls[c] = nulls_[i];
      }
    return true;
  }

  /// Makes the row read() filled independent of the input: its top-level strings still point
  /// into the record (or simdjson's buffer) until copied here, so dropped rows cost no copy.
  void keep(StagedRow& row) {
    for (size_t i : stringFields_) {
      if (nulls_[i]) continue;
      const StringView v = strings_.copy(slots_[i].as<StringView>().view());
      for (size_t c : columnsOf_[i]) row.slots[c].set(v);
    }
  }

 private:
  static constexpr int kMaxDepth = 900;  // the reference parser refuses depth > 1000
  static constexpr int kBadKey = -2;
  static constexpr size_t kMaxMemoKey = 62;

  // Per position in the top-level object: the last record's key there (its bytes then the
  // closing quote) and its field index. Producers write keys in the same order record after
  // record, so one comparison usually classifies a key.
  struct MemoEntry {
    uint32_t length = 0;
    int index = -1;
    bool valid = false;
    char bytes[kMaxMemoKey + 2 + 8] = {};  // the key, its closing quote, room for a word load
  };

  // Whether the first n bytes at a and b are equal, n <= kMaxMemoKey + 1, both readable in
  // whole 8-byte words up to n rounded up (the input is padded, the memo's bytes too).
  static bool sameKey(const char* a, const char* b, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
      if (load(a + i) != load(b + i)) return false;
    if (i == n) return true;
    const uint64_t mask = ~uint64_t{0} >> (8 * (8 - (n - i)));
    return ((load(a + i) ^ load(b + i)) & mask) == 0;
  }
  static uint64_t load(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }

  // The index among s.names of the key of `f`, -1 when not there, kBadKey when the key is
  // not a valid string.
  int keyIndex(od::field& f, const Shape& s, size_t position, bool top) {
    const char* raw = f.key().raw();
    MemoEntry* memo = nullptr;
    if (top) {
      if (position >= memo_.size()) memo_.resize(position + 1);
      memo = &memo_[position];
      if (memo->valid && sameKey(raw, memo->bytes, memo->length + 1)) return memo->index;
    }
    const char* p = raw;
    bool escaped = false;
    while (*p != '"') {
      if (*p == '\\') {
        escaped = true;
        ++p;
      }
      ++p;
    }
    std::string_view key(raw, static_cast<size_t>(p - raw));
    if (escaped && f.unescaped_key().get(key)) return kBadKey;
    int index = -1;
    for (size_t i = 0; i < s.names.size(); ++i)
      if (s.names[i] == key) index = static_cast<int>(i);
    if (memo && !escaped && key.size() <= kMaxMemoKey) {
      memo->valid = true;
      memo->length = static_cast<uint32_t>(key.size());
      memo->index = index;
      std::memcpy(memo->bytes, raw, key.size() + 1);  // with the closing quote
    }
    return index;
  }

  // The fields of an object into slots / nulls (zero / all NULL beforehand). Every value is
  // looked at: the ones not read are validated, as the reference parser rejects the record
  // for a bad value anywhere.
  bool fields(od::object& obj, const Shape& s, Slot* slots, uint8_t* nulls, int depth, bool top) {
    size_t position = 0;
    for (auto fr : obj) {
      if (fr.error()) return false;
      od::field& f = fr.value_unsafe();
      const int i = keyIndex(f, s, position++, top);
      if (i == kBadKey) return false;
      od::value& v = f.value();
      if (i < 0) {
        if (!skip(v, depth + 1)) return false;
        continue;
      }
      // A repeated key: the last one wins, as in the reference's field lookup.
      bool null = false;
      if (!value(v, s.children[static_cast<size_t>(i)], slots[i], null, depth + 1)) return false;
      nulls[i] = null;
    }
    return true;
  }

  // Every value is consumed through a typed getter, never only peeked at: an iterator moving
  // past an unconsumed value skips it by counting brackets and would miss malformed input
  // such as `[["k": 1}]` that the reference parser rejects.

  // The text of a string value, consumed: escape-free strings straight from the input,
  // others unescaped by simdjson (valid until the next record).
  static bool stringOf(od::value& v, std::string_view tok, std::string_view* out) {
    tok = trimRight(tok);
    if (tok.size() >= 2 && tok.back() == '"' &&
        !std::memchr(tok.data() + 1, '\\', tok.size() - 2)) {
      od::raw_json_string raw;
      if (v.get_raw_json_string().get(raw)) return false;
      *out = tok.substr(1, tok.size() - 2);
      return true;
    }
    return !v.get_string().get(*out);
  }

  // A number's text as written (the reference parser's grammar), consumed.
  static bool numberText(od::value& v, std::string_view tok, std::string_view* text,
                         bool* integral) {
    if (tok.empty() || !(tok[0] == '-' || isDigit(tok[0]))) return false;
    *text = trimRight(tok);
    double d;
    return isJsonNumber(*text, integral) && !v.get_double().get(d);
  }

  // Checks a value the query does not read, as the reference parser would parse it.
  bool skip(od::value& v, int depth) {
    if (depth > kMaxDepth) return false;
    const std::string_view tok = v.raw_json_token();
    if (tok.empty()) return false;
    switch (tok[0]) {
      case '"': {
        std::string_view s;
        return stringOf(v, tok, &s);
      }
      case '{': {
        od::object o;
        if (v.get_object().get(o)) return false;
        for (auto fr : o) {
          if (fr.error()) return false;
          od::field& f = fr.value_unsafe();
          // A key with an escape sequence is unescaped to check it.
          const char* p = f.key().raw();
          while (*p != '"' && *p != '\\') ++p;
          std::string_view k;
          if (*p == '\\' && f.unescaped_key().get(k)) return false;
          if (!skip(f.value(), depth + 1)) return false;
        }
        return true;
      }
      case '[': {
        od::array a;
        if (v.get_array().get(a)) return false;
        for (auto el : a) {
          if (el.error() || !skip(el.value_unsafe(), depth + 1)) return false;
        }
        return true;
      }
      case 't':
      case 'f': {
        bool b;
        return !v.get_bool().get(b);
      }
      case 'n': {
        bool null = false;
        return !v.is_null().get(null) && null;
      }
      default: {
        std::string_view text;
        bool integral;
        return numberText(v, tok, &text, &integral);
      }
    }
  }

  // One value converted as jsonToSlot converts it; false wherever jsonToSlot would fail (or
  // the input is not strict JSON).
  bool value(od::value& v, const Shape& s, Slot& out, bool& isNull, int depth) {
    if (depth > kMaxDepth) return false;
    out = Slot{};
    isNull = false;
    const std::string_view tok = v.raw_json_token();
    if (tok.empty()) return false;
    const char c = tok[0];
    if (c == 'n') {
      bool null = false;
      if (v.is_null().get(null) || !null) return false;
      isNull = true;
      return true;
    }
    std::string_view text;
    bool integral = false;
    switch (s.id) {
      case TypeId::Null:
      case TypeId::Interval:
        return false;
      case TypeId::Boolean: {
        bool b;
        if (v.get_bool().get(b)) return false;
        return out.set<uint8_t>(b ? 1 : 0), true;
      }
      case TypeId::Byte:
      case TypeId::Short:
      case TypeId::Int:
      case TypeId::Long: {
        // simdjson takes exactly the integral literals (no fraction, no exponent, no leading
        // zero) that fit in 64 bits: those the reference reads, with the same value.
        int64_t x = 0;
        if (c == '"' || v.get_int64().get(x)) return false;
        switch (s.id) {
          case TypeId::Byte:
            if (x < INT8_MIN || x > INT8_MAX) return false;
            return out.set(static_cast<int8_t>(x)), true;
          case TypeId::Short:
            if (x < INT16_MIN || x > INT16_MAX) return false;
            return out.set(static_cast<int16_t>(x)), true;
          case TypeId::Int:
            if (x < INT32_MIN || x > INT32_MAX) return false;
            return out.set(static_cast<int32_t>(x)), true;
          default:
            return out.set(x), true;
        }
      }
      case TypeId::Float:
      case TypeId::Double: {
        double d = 0;
        if (c == '"') {
          if (!stringOf(v, tok, &text) || !nonNumeric(text, &d)) return false;
        } else {
          if (!numberText(v, tok, &text, &integral)) return false;
          // The reference's value (from_chars); out of range it gives an infinity or zero as
          // Java does, simdjson an error: left to the reference.
          const auto r = std::from_chars(text.data(), text.data() + text.size(), d);
          if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return false;
        }
        if (s.id == TypeId::Float) return out.set(static_cast<float>(d)), true;
        return out.set(d), true;
      }
      case TypeId::Decimal: {
        if (c == '"') {
          if (!stringOf(v, tok, &text)) return false;
        } else if (!numberText(v, tok, &text, &integral)) {
          return false;
        }
        auto d = stdlib::parseDecimal(text, s.type->precision(), s.type->scale());
        if (!d) return false;
        if (storageOf(*s.type) == Storage::I64) return out.set(static_cast<int64_t>(*d)), true;
        return out.set(*d), true;
      }
      case TypeId::String:
        // Any JSON value fits a string column: non-strings as their (compact) JSON text.
        switch (c) {
          case '"':
            if (!stringOf(v, tok, &text)) return false;
            return out.set(stringValue(text, depth)), true;
          case 't':
          case 'f': {
            bool b;
            if (v.get_bool().get(b)) return false;
            return out.set(stringValue(b ? "true" : "false", depth)), true;
          }
          case '{':
          case '[': {
            // Rare: re-serialized as the reference does (strings re-escaped, numbers as
            // written), through its DOM.
            od::object o;
            od::array a;
            if (c == '{' ? (v.get_object().get(o) || o.raw_json().get(text))
                         : (v.get_array().get(a) || a.raw_json().get(text)))
              return false;
            auto dom = stdlib::parseJson(text, plan_.options.json);
            if (!dom) return false;
            return out.set(strings_.copy(stdlib::serializeJson(*dom))), true;
          }
          default:
            if (!numberText(v, tok, &text, &integral)) return false;
            return out.set(stringValue(text, depth)), true;
        }
      case TypeId::Binary:
        if (c != '"' || !stringOf(v, tok, &text)) return false;
        return out.set(stringValue(text, depth)), true;
      case TypeId::Date:
        if (c != '"' || !stringOf(v, tok, &text)) return false;
        return parser_.parse(text, *s.type, out, *arena_);
      case TypeId::Timestamp:
        if (c == '"') {
          if (!stringOf(v, tok, &text)) return false;
          return parser_.parse(text, *s.type, out, *arena_);
        } else {
          // Integral numbers are seconds since the epoch (Spark's JacksonParser).
          int64_t secs = 0;
          if (v.get_int64().get(secs) || secs < INT64_MIN / 1000000 || secs > INT64_MAX / 1000000)
            return false;
          return out.set(secs * 1000000), true;
        }
      case TypeId::Struct: {
        if (c != '{') return false;
        od::object o;
        if (v.get_object().get(o)) return false;
        const size_t n = s.names.size();
        NestedParts p = allocParts(n, *arena_);
        if (n) std::memset(p.nulls, 1, n);
        if (!fields(o, s, p.slots, p.nulls, depth, false)) return false;
        for (size_t i = 0; i < n; ++i) p.anyNull = p.anyNull || p.nulls[i];
        auto* st = static_cast<StructData*>(arena_->allocateAligned(sizeof(StructData)));
        st->nulls = p.anyNull ? p.nulls : nullptr;
        st->fields = p.slots;
        return out.set<const void*>(st), true;
      }
      case TypeId::Array: {
        if (c != '[') return false;
        od::array a;
        if (v.get_array().get(a)) return false;
        Scratch& sc = scratch(depth);
        const size_t base = sc.slots.size();  // this array's elements start here
        for (auto el : a) {
          if (el.error()) return false;
          Slot e;
          bool null = false;
          if (!value(el.value_unsafe(), s.children[0], e, null, depth + 1)) return false;
          sc.slots.push_back(e);
          sc.nulls.push_back(null);
        }
        const size_t n = sc.slots.size() - base;
        NestedParts p = allocParts(n, *arena_);
        for (size_t i = 0; i < n; ++i) {
          p.slots[i] = sc.slots[base + i];
          p.nulls[i] = sc.nulls[base + i];
          p.anyNull = p.anyNull || p.nulls[i];
        }
        sc.slots.resize(base);
        sc.nulls.resize(base);
        auto* arr = static_cast<ArrayData*>(arena_->allocateAligned(sizeof(ArrayData)));
        arr->length = static_cast<int64_t>(n);
        arr->nulls = p.anyNull ? p.nulls : nullptr;
        arr->values = p.slots;
        return out.set<const void*>(arr), true;
      }
      case TypeId::Map: {
        if (c != '{' || s.type->keyType()->id() != TypeId::String) return false;
        od::object o;
        if (v.get_object().get(o)) return false;
        Scratch& sc = scratch(depth);
        const size_t base = sc.slots.size();  // keys and values interleaved from here
        const size_t nullBase = sc.nulls.size();
        for (auto fr : o) {
          if (fr.error()) return false;
          od::field& f = fr.value_unsafe();
          std::string_view key;
          if (f.unescaped_key().get(key)) return false;
          Slot k;
          k.set(arenaString(key, *arena_));
          Slot e;
          bool null = false;
          if (!value(f.value(), s.children[0], e, null, depth + 1)) return false;
          sc.slots.push_back(k);
          sc.slots.push_back(e);
          sc.nulls.push_back(null);
        }
        const size_t n = (sc.slots.size() - base) / 2;
        NestedParts keys = allocParts(n, *arena_);
        NestedParts vals = allocParts(n, *arena_);
        for (size_t i = 0; i < n; ++i) {
          keys.slots[i] = sc.slots[base + 2 * i];
          vals.slots[i] = sc.slots[base + 2 * i + 1];
          vals.nulls[i] = sc.nulls[nullBase + i];
          vals.anyNull = vals.anyNull || vals.nulls[i];
        }
        sc.slots.resize(base);
        sc.nulls.resize(nullBase);
        auto* m = static_cast<MapData*>(arena_->allocateAligned(sizeof(MapData)));
        m->length = static_cast<int64_t>(n);
        m->keys = keys.slots;
        m->nulls = vals.anyNull ? vals.nulls : nullptr;
        m->values = vals.slots;
        return out.set<const void*>(m), true;
      }
    }
    return false;
  }

  // A string value: copied into the batch, except for top-level fields (depth 1), whose
  // bytes (in the input, or in simdjson's buffer until the next record) are copied by keep()
  // only if the row is kept.
  StringView stringValue(std::string_view text, int depth) {
    if (depth == 1) return StringView{text.data(), static_cast<int64_t>(text.size())};
    return strings_.copy(text);
  }

  // Element buffers per nesting depth, reused record after record.
  struct Scratch {
    std::vector<Slot> slots;
    std::vector<uint8_t> nulls;
  };
  Scratch& scratch(int depth) {
    while (scratch_.size() <= static_cast<size_t>(depth)) scratch_.emplace_back();
    return scratch_[static_cast<size_t>(depth)];
  }

  const FileReadPlan& plan_;
  const TextValueParser& parser_;
  od::parser parser_json_;
  Shape top_;                                   // the fields read, as a struct
  std::vector<std::vector<size_t>> columnsOf_;  // per field of top_: its output columns
  std::vector<size_t> stringFields_;            // fields of top_ of type string or binary
  std::vector<Slot> slots_;                     // per field of top_, for the current record
  std::vector<uint8_t> nulls_;
  std::vector<MemoEntry> memo_;
  std::deque<Scratch> scratch_;
  StringArena* arena_ = nullptr;
  StringBlocks strings_;
};

}  // namespace sluice::json_files
