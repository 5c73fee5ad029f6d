// from_json's reader: simdjson On-Demand straight into the nested layout (json_schema.h).
#include <simdjson.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "stdlib/decimal.h"
#include "stdlib/json_key_memo.h"
#include "stdlib/json_schema.h"
#include "stdlib/kernel_error.h"
#include "stdlib/nested.h"
#include "stdlib/timestamp_ntz.h"

namespace sluice::stdlib {
namespace {

namespace od = simdjson::ondemand;

// Outcome of converting one value: Mismatch nulls the enclosing top-level field, Malformed
// the whole record.
// Retry: a guarded read must be done again without the guard (Reader::passedAfterSkipping).
enum class Status { Ok, Null, Mismatch, Malformed, Retry };

Status fromError(simdjson::error_code e) {
  switch (e) {
    case simdjson::INCORRECT_TYPE:
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::NUMBER_ERROR:
      return Status::Mismatch;
    default:
      return Status::Malformed;
  }
}

// A growable run of slots (+ null bytes) in the arena: arrays and maps do not know their
// length up front, and a second pass (count_elements) would walk the input twice.
struct SlotRun {
  Slot* slots = nullptr;
  uint8_t* nulls = nullptr;
  int64_t size = 0, cap = 0;
  bool anyNull = false;

  void push(StringArena& a, const Slot& s, bool isNull) {
    reserve(a);
    slots[size] = s;
    commit(isNull);
  }
  // The next element's slot (zeroed), to be read into in place and then commit()ed; reading
  // into a stack Slot and copying it costs a store-forwarding stall per element.
  Slot& next(StringArena& a) {
    reserve(a);
    slots[size] = Slot{};
    return slots[size];
  }
  void commit(bool isNull) {
    nulls[size] = isNull;
    anyNull |= isNull;
    ++size;
  }

 private:
  void reserve(StringArena& a) {
    if (size == cap) {
      const int64_t n = cap ? cap * 2 : 8;
      auto* ns = static_cast<Slot*>(a.allocateAligned(sizeof(Slot) * n));
      auto* nn = static_cast<uint8_t*>(a.allocateAligned(n, 1));
      if (size) {
        std::memcpy(ns, slots, sizeof(Slot) * size);
        std::memcpy(nn, nulls, size);
      }
      slots = ns;
      nulls = nn;
      cap = n;
    }
  }
};

StringView copyToArena(StringArena& a, std::string_view s) {
  char* p = a.allocate(s.size());
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return StringView{p, static_cast<int64_t>(s.size())};
}

std::string_view trimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Standard base64 (Jackson's getBinaryValue for binary fields); false when invalid.
bool base64Decode(std::string_view in, std::string& out) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  out.clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = val(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return true;
}

// Whether a guard field's value (a string slot) is the spec's guard value.
bool guardHolds(const JsonReadSpec& spec, const Slot& v, uint8_t isNull) {
  if (isNull) return false;
  const StringView sv = v.as<StringView>();
  return static_cast<size_t>(sv.len) == spec.guardValue.size() &&
         std::memcmp(sv.ptr, spec.guardValue.data(), spec.guardValue.size()) == 0;
}

class Reader {
 public:
  /// `stable`: the text being read outlives the result (the caller's own buffer, not a
  /// temporary copy), so escape-free strings may point into it instead of being copied.
  Reader(const JsonReadSpec& spec, StringArena& arena, bool stable)
      : spec_(spec), arena_(arena), stable_(stable) {}

  Status read(od::value& v, const NestedType& t, Slot& out) {
    auto isNull = v.is_null();
    if (isNull.error()) return Status::Malformed;
    if (isNull.value_unsafe()) return Status::Null;
    switch (t.kind) {
      case NestedKind::Null:
        return Status::Null;
      case NestedKind::Boolean: {
        bool b;
        if (auto e = v.get_bool().get(b)) return fromError(e);
        out.set<uint8_t>(b);
        return Status::Ok;
      }
      case NestedKind::Byte:
        return integral<int8_t>(v, out);
      case NestedKind::Short:
        return integral<int16_t>(v, out);
      case NestedKind::Int:
        return integral<int32_t>(v, out);
      case NestedKind::Long:
        return integral<int64_t>(v, out);
      case NestedKind::Float:
      case NestedKind::Double:
        return real(v, t.kind == NestedKind::Float, out);
      case NestedKind::Decimal:
        return decimal(v, t, out);
      case NestedKind::String:
        return string(v, out);
      case NestedKind::Binary:
        return binary(v, out);
      case NestedKind::Date:
      case NestedKind::Timestamp:
        return datetime(v, t.kind == NestedKind::Date, out, t.precision == 1);
      case NestedKind::Struct:
        return structValue(v, t, out);
      case NestedKind::Array:
        return array(v, t, out);
      case NestedKind::Map:
        return map(v, t, out);
    }
    return Status::Mismatch;
  }

  // The fields of a struct from an object: fills `fields` / `nulls` (all NULL beforehand).
  // With `topLevel`, a field that does not convert becomes NULL instead of failing the struct.
  Status structFields(od::object& obj, const NestedType& t, Slot* fields, uint8_t* nulls,
                      bool topLevel) {
    // Names with `"` or `\` are compared unescaped every time (never memoized).
    JsonKeyMemo* memo = t.anySpecialName ? nullptr : &JsonKeyMemo::of(t);
    std::optional<JsonKeyMemo::InUse> holding;
    if (memo) holding.emplace(*memo);
    size_t position = 0;
    for (auto fr : obj) {
      // The field by reference: copying it out of the result (get()) makes the compiler
      // store it in two parts and reload it whole, a store-forwarding stall per key.
      if (fr.error()) return Status::Malformed;
      od::field& f = fr.value_unsafe();
      const char* raw = f.key().raw();
      int idx = memo ? memo->lookup(position, raw) : JsonKeyMemo::kMiss;
      if (idx == JsonKeyMemo::kMiss) {
        size_t length = 0;
        idx = fieldIndex(t, f, &length);
        if (idx == kBadKey) return Status::Malformed;
        if (memo && length != kEscaped) memo->remember(position, raw, length, idx);
      }
      ++position;
      if (idx < 0) continue;  // not in the (pruned) schema: skipped unread
      const bool isGuard = topLevel && guarded_ && idx == spec_.guardField;
      if (guardFailed_ && !isGuard) {  // rejected, unless a later duplicate passes
        skipped_ = true;
        continue;
      }
      od::value& fv = f.value();
      // Read straight into the field's slot: a Slot on the stack copied afterwards costs a
      // store-forwarding stall (8-byte store, 16-byte reload) per field.
      const Status st = read(fv, t.children[idx], fields[idx]);
      switch (st) {
        case Status::Ok:
          nulls[idx] = 0;
          break;
        case Status::Null:
          nulls[idx] = 1;  // a later duplicate key wins, NULL included
          break;
        case Status::Mismatch:
          if (!topLevel || spec_.failFast) return st;
          nulls[idx] = 1;
          break;
        case Status::Malformed:
          return st;
      }
      if (isGuard) guardFailed_ = !guardHolds(spec_, fields[idx], nulls[idx]);
    }
    return Status::Ok;
  }

  /// Applies the spec's guard to top-level reads (see JsonReadSpec).
  void setGuarded(bool on) { guarded_ = on; }
  /// Whether the top-level struct read failed the guard.
  bool guardFailed() const { return guardFailed_; }
  /// Whether it passed only through a later duplicate of the guard field after skipping
  /// fields: those were not read, so the record must be read again without the guard.
  bool passedAfterSkipping() const { return skipped_ && !guardFailed_; }

  // A StructData with every field NULL, in the arena: header, slots and null bytes in one
  // allocation.
  StructData* newStruct(const NestedType& t) {
    const size_t n = t.children.size();
    static_assert(sizeof(StructData) % alignof(Slot) == 0);
    auto* s = static_cast<StructData*>(
        arena_.allocateAligned(sizeof(StructData) + sizeof(Slot) * n + (n ? n : 1)));
    auto* fields = reinterpret_cast<Slot*>(s + 1);
    auto* nulls = reinterpret_cast<uint8_t*>(fields + n);
    std::memset(static_cast<void*>(fields), 0, sizeof(Slot) * n);
    std::memset(nulls, 1, n);
    s->fields = fields;
    s->nulls = nulls;
    return s;
  }

 private:
  static constexpr int kBadKey = -2;
  static constexpr size_t kEscaped = ~size_t{0};

  // The schema field `f`'s key names, -1 if none, kBadKey if the key is invalid; `*length`
  // gets the raw key's length, or kEscaped when it holds an escape sequence. Keys are
  // compared raw, in the input, without unescaping (most keys, named or skipped, never need
  // it); only a key that contains an escape is unescaped before comparing. Schemas are
  // small: a linear scan beats hashing here (and JsonKeyMemo spares most calls).
  static int fieldIndex(const NestedType& t, od::field& f, size_t* length) {
    od::raw_json_string raw = f.key();
    for (size_t i = 0; i < t.fieldNames.size(); ++i) {
      const std::string& name = t.fieldNames[i];
      // A raw match with a name holding `"` or `\` could be an escape sequence: those names
      // are compared unescaped below.
      if (raw.unsafe_is_equal(name) &&
          (!t.anySpecialName || name.find_first_of("\\\"") == std::string::npos)) {
        *length = name.size();
        return static_cast<int>(i);
      }
    }
    // Escaped key: the closing quote is the first quote not preceded by a backslash.
    const char* p = raw.raw();
    bool escaped = false;
    for (; *p != '"'; ++p)
      if (*p == '\\') {
        escaped = true;
        ++p;
      }
    *length = escaped ? kEscaped : static_cast<size_t>(p - raw.raw());
    if (!escaped && !t.anySpecialName) return -1;
    std::string_view key;
    if (f.unescaped_key().get(key)) return kBadKey;
    for (size_t i = 0; i < t.fieldNames.size(); ++i)
      if (t.fieldNames[i] == key) return static_cast<int>(i);
    return -1;
  }

  template <typename T>
  Status integral(od::value& v, Slot& out) {
    int64_t x;
    if (auto e = v.get_int64().get(x)) return fromError(e);
    if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max())
      return Status::Mismatch;  // Jackson's getIntValue overflow
    out.set<T>(static_cast<T>(x));
    return Status::Ok;
  }

  Status real(od::value& v, bool isFloat, Slot& out) {
    od::json_type jt;
    if (v.type().get(jt)) return Status::Malformed;
    double d;
    if (jt == od::json_type::number) {
      if (auto e = v.get_double().get(d)) return fromError(e);
    } else if (jt == od::json_type::string) {
      // Spark accepts these spellings of the non-finite values as strings.
      std::string_view s;
      if (auto e = v.get_string().get(s)) return fromError(e);
      if (s == "NaN")
        d = std::numeric_limits<double>::quiet_NaN();
      else if (s == "Infinity" || s == "+Infinity" || s == "+INF" || s == "INF")
        d = std::numeric_limits<double>::infinity();
      else if (s == "-Infinity" || s == "-INF")
        d = -std::numeric_limits<double>::infinity();
      else
        return Status::Mismatch;
    } else {
      return Status::Mismatch;
    }
    if (isFloat)
      out.set<float>(static_cast<float>(d));
    else
      out.set<double>(d);
    return Status::Ok;
  }

  Status decimal(od::value& v, const NestedType& t, Slot& out) {
    od::json_type jt;
    if (v.type().get(jt)) return Status::Malformed;
    std::string_view text;
    if (jt == od::json_type::number) {
      text = trimRight(v.raw_json_token());
    } else if (jt == od::json_type::string) {
      if (auto e = v.get_string().get(text)) return fromError(e);
    } else {
      return Status::Mismatch;
    }
    auto d = parseDecimal(text, t.precision, t.scale);
    if (!d) return Status::Mismatch;
    if (t.precision <= 18)
      out.set<int64_t>(static_cast<int64_t>(*d));
    else
      out.set<__int128>(*d);
    return Status::Ok;
  }

  Status string(od::value& v, Slot& out) {
    if (stable_) {
      // A string without escapes is its raw bytes: point at them (the value is left
      // unconsumed; the enclosing iterator skips it). The raw token runs from the opening
      // quote to the next structural character.
      std::string_view tok = v.raw_json_token();
      if (!tok.empty() && tok.front() == '"') {
        tok = trimRight(tok);
        if (tok.size() >= 2 && tok.back() == '"' &&
            !std::memchr(tok.data() + 1, '\\', tok.size() - 2)) {
          out.set(StringView{tok.data() + 1, static_cast<int64_t>(tok.size() - 2)});
          return Status::Ok;
        }
      }
    }
    od::json_type jt;
    if (v.type().get(jt)) return Status::Malformed;
    std::string_view s;
    if (jt == od::json_type::string) {
      if (auto e = v.get_string().get(s)) return fromError(e);
      out.set(copyToArena(arena_, s));  // get_string's buffer is reused per record
      return Status::Ok;
    }
    // Any other value is kept as its JSON text, compacted like Jackson's copyCurrentStructure.
    if (jt == od::json_type::object || jt == od::json_type::array) {
      if (jt == od::json_type::object) {
        od::object o;
        if (v.get_object().get(o) || o.raw_json().get(s)) return Status::Malformed;
      } else {
        od::array a;
        if (v.get_array().get(a) || a.raw_json().get(s)) return Status::Malformed;
      }
      char* p = arena_.allocate(s.size());
      size_t n = 0;
      if (simdjson::minify(s.data(), s.size(), p, n)) return Status::Malformed;
      out.set(StringView{p, static_cast<int64_t>(n)});
      return Status::Ok;
    }
    s = v.raw_json_token();
    // Scalars: validate the literal (raw_json_token does not), then keep its text.
    if (jt == od::json_type::boolean) {
      bool b;
      if (v.get_bool().get(b)) return Status::Malformed;
    } else if (jt == od::json_type::number) {
      double d;
      if (auto e = v.get_double().get(d); e && e != simdjson::NUMBER_OUT_OF_RANGE)
        return Status::Malformed;
    }
    out.set(copyToArena(arena_, trimRight(s)));
    return Status::Ok;
  }

  Status binary(od::value& v, Slot& out) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return fromError(e);
    if (!base64Decode(s, scratch_)) return Status::Mismatch;
    out.set(copyToArena(arena_, scratch_));
    return Status::Ok;
  }

  Status datetime(od::value& v, bool isDate, Slot& out, bool ntz) {
    od::json_type jt;
    if (v.type().get(jt)) return Status::Malformed;
    if (jt == od::json_type::number && !isDate) {
      int64_t secs;  // Spark reads an integral number as epoch seconds
      if (auto e = v.get_int64().get(secs)) return fromError(e);
      if (secs > std::numeric_limits<int64_t>::max() / kMicrosPerSecond ||
          secs < std::numeric_limits<int64_t>::min() / kMicrosPerSecond)
        return Status::Mismatch;
      out.set<int64_t>(secs * kMicrosPerSecond);
      return Status::Ok;
    }
    std::string_view s;
    if (auto e = v.get_string().get(s)) return fromError(e);
    int64_t x;
    if (isDate) {
      if (spec_.dateFormat) {
        if (!spec_.dateFormat->parse(s, &x)) return Status::Mismatch;
        x = floorDiv(x, kMicrosPerDay);
      } else if (!parseDate(s, &x)) {
        return Status::Mismatch;
      }
      out.set<int32_t>(static_cast<int32_t>(x));
    } else {
      // TIMESTAMP_NTZ: a wall clock (UTC micros); without a pattern, text with a zone does
      // not match (Spark's NTZ parser).
      const Zone& zone = ntz ? Zone::utc() : *spec_.zone;
      const bool ok = spec_.timestampFormat ? spec_.timestampFormat->parse(s, &x, zone)
                      : ntz                 ? parseTimestampNtz(s, &x, /*allowZone=*/false)
                                            : parseTimestamp(s, &x, zone);
      if (!ok) return Status::Mismatch;
      out.set<int64_t>(x);
    }
    return Status::Ok;
  }

  Status structValue(od::value& v, const NestedType& t, Slot& out) {
    od::object obj;
    if (auto e = v.get_object().get(obj)) return fromError(e);
    StructData* s = newStruct(t);
    const Status st =
        structFields(obj, t, const_cast<Slot*>(s->fields), const_cast<uint8_t*>(s->nulls), false);
    if (st != Status::Ok) return st;
    out.set<const void*>(s);
    return Status::Ok;
  }

  Status array(od::value& v, const NestedType& t, Slot& out) {
    od::json_type jt;
    if (v.type().get(jt)) return Status::Malformed;
    // Spark reads a lone object as a one-element array<struct>.
    if (jt == od::json_type::object && t.element().kind == NestedKind::Struct) {
      Slot one{};
      const Status st = structValue(v, t.element(), one);
      if (st != Status::Ok) return st;
      SlotRun run;
      run.push(arena_, one, false);
      return finishArray(run, out);
    }
    od::array arr;
    if (auto e = v.get_array().get(arr)) return fromError(e);
    SlotRun run;
    for (auto el : arr) {
      if (el.error()) return Status::Malformed;
      const Status st = read(el.value_unsafe(), t.element(), run.next(arena_));
      if (st == Status::Mismatch || st == Status::Malformed) return st;
      run.commit(st == Status::Null);
    }
    return finishArray(run, out);
  }

  Status finishArray(const SlotRun& run, Slot& out) {
    auto* a = static_cast<ArrayData*>(arena_.allocateAligned(sizeof(ArrayData)));
    a->length = run.size;
    a->values = run.slots;
    a->nulls = run.anyNull ? run.nulls : nullptr;
    out.set<const void*>(a);
    return Status::Ok;
  }

  Status map(od::value& v, const NestedType& t, Slot& out) {
    od::object obj;
    if (auto e = v.get_object().get(obj)) return fromError(e);
    SlotRun keys, values;
    for (auto fr : obj) {
      if (fr.error()) return Status::Malformed;
      od::field& f = fr.value_unsafe();
      // An escape-free key is its raw bytes (pointed at when the text is stable).
      std::string_view key;
      bool raw = false;
      if (stable_) {
        const char* k = f.key().raw();
        const char* p = k;
        while (*p != '"' && *p != '\\') ++p;
        if (*p == '"') {
          key = std::string_view(k, static_cast<size_t>(p - k));
          raw = true;
        }
      }
      if (!raw && f.unescaped_key().get(key)) return Status::Malformed;
      od::value& fv = f.value();
      Slot& s = values.next(arena_);  // committed below unless the key repeats
      const Status st = read(fv, t.value(), s);
      if (st == Status::Mismatch || st == Status::Malformed) return st;
      // LAST_WIN: a repeated key keeps its first position and takes the new value.
      int64_t at = -1;
      for (int64_t i = 0; i < keys.size && at < 0; ++i)
        if (keys.slots[i].as<StringView>().view() == key) at = i;
      if (at >= 0) {
        values.slots[at] = s;
        values.nulls[at] = st == Status::Null;
        values.anyNull |= st == Status::Null;
        continue;
      }
      Slot k{};
      // unescaped_key's buffer is reused per record: copy; raw keys live as long as the text.
      k.set(raw ? StringView{key.data(), static_cast<int64_t>(key.size())}
                : copyToArena(arena_, key));
      keys.push(arena_, k, false);
      values.commit(st == Status::Null);
    }
    auto* m = static_cast<MapData*>(arena_.allocateAligned(sizeof(MapData)));
    m->length = keys.size;
    m->keys = keys.slots;
    m->values = values.slots;
    m->nulls = values.anyNull ? values.nulls : nullptr;
    out.set<const void*>(m);
    return Status::Ok;
  }

  const JsonReadSpec& spec_;
  StringArena& arena_;
  const bool stable_;
  std::string scratch_;
  bool guarded_ = false, guardFailed_ = false, skipped_ = false;
};

// simdjson reads up to SIMDJSON_PADDING bytes past the end. Records whose padding stays in
// the same memory page as their last byte are read in place (a mapped page is readable to
// its end, and the bytes read there do not change the result); the others are copied.
simdjson::padded_string_view padded(std::string_view text, std::string& copy, bool* inPlace) {
  const auto end = reinterpret_cast<uintptr_t>(text.data() + text.size());
  constexpr uintptr_t kPage = 4096;
  *inPlace = !text.empty() && (end - 1) / kPage == (end + simdjson::SIMDJSON_PADDING) / kPage;
  if (*inPlace)
    return simdjson::padded_string_view(text.data(), text.size(),
                                        text.size() + simdjson::SIMDJSON_PADDING);
  copy.assign(text);
  copy.append(simdjson::SIMDJSON_PADDING, ' ');
  return simdjson::padded_string_view(copy.data(), text.size(), copy.size());
}

struct ThreadState {
  od::parser parser;
  std::string copy;
  // A guarded read's fields, copied into the arena only when the record passes the guard.
  std::vector<Slot> fields;
  std::vector<uint8_t> nulls;
};

ThreadState& threadState() {
  thread_local ThreadState s;
  return s;
}

// A struct read under a guard: the fields go to the thread's scratch first, and into the arena
// only when the record passes (most records a selective filter drops never allocate).
Status readGuarded(Reader& r, od::object& obj, const JsonReadSpec& spec, ThreadState& ts,
                   const void** out, bool* rejected, bool guarded = true) {
  const size_t n = spec.type.children.size();
  ts.fields.assign(n, Slot{});
  ts.nulls.assign(n, 1);
  r.setGuarded(true);
  const Status st = r.structFields(obj, spec.type, ts.fields.data(), ts.nulls.data(), true);
  if (st == Status::Ok && r.passedAfterSkipping()) return Status::Retry;
  *rejected = r.guardFailed() || ts.nulls[static_cast<size_t>(spec.guardField)];
  if (st != Status::Ok || *rejected) {
    *out = nullptr;
    return st;
  }
  StructData* s = r.newStruct(spec.type);
  std::memcpy(const_cast<Slot*>(s->fields), ts.fields.data(), sizeof(Slot) * n);
  std::memcpy(const_cast<uint8_t*>(s->nulls), ts.nulls.data(), n);
  *out = s;
  return st;
}

// One attempt with simdjson. Malformed means simdjson (strict JSON) rejected the record.
// `stable`: `text` outlives the result (see Reader).
Status readStrict(const JsonReadSpec& spec, std::string_view text, bool stable, StringArena& arena,
                  const void** out, bool* rejected, bool guarded = true) {
  ThreadState& ts = threadState();
  od::document doc;
  bool inPlace = false;
  if (ts.parser.iterate(padded(text, ts.copy, &inPlace)).get(doc)) return Status::Malformed;
  bool rootNull = false;
  if (!doc.is_null().get(rootNull) && rootNull) {
    *out = nullptr;  // a `null` record reads as NULL, as in Spark
    return Status::Null;
  }
  od::value root;
  if (doc.get_value().get(root)) return Status::Malformed;  // scalar roots never match
  Reader r(spec, arena, stable && inPlace);
  Status st;
  if (spec.type.kind == NestedKind::Struct) {
    od::object obj;
    if (auto e = root.get_object().get(obj))
      return fromError(e) == Status::Malformed ? Status::Malformed : Status::Mismatch;
    if (spec.guardField >= 0 && guarded) {
      st = readGuarded(r, obj, spec, ts, out, rejected);
      if (st == Status::Retry) return readStrict(spec, text, stable, arena, out, rejected, false);
    } else {
      StructData* s = r.newStruct(spec.type);
      st = r.structFields(obj, spec.type, const_cast<Slot*>(s->fields),
                          const_cast<uint8_t*>(s->nulls), true);
      *out = s;
      if (spec.guardField >= 0) {
        const auto g = static_cast<size_t>(spec.guardField);
        *rejected = !guardHolds(spec, s->fields[g], s->nulls[g]);
      }
    }
  } else {
    Slot slot{};
    st = r.read(root, spec.type, slot);
    *out = st == Status::Ok ? slot.as<const void*>() : nullptr;
  }
  if (st != Status::Ok && st != Status::Null) return st;
  // Trailing content after the root value makes the record malformed (Jackson reads on).
  const char* loc = nullptr;
  if (!doc.current_location().get(loc)) return Status::Malformed;
  return st;
}

bool blank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

}  // namespace

const void* readJson(const JsonReadSpec& spec, std::string_view text, StringArena& arena,
                     bool* rejected) {
  // A guarded read rejects whatever does not give a struct whose guard field holds (NULL,
  // malformed records, ...): the filter above would drop those rows anyway.
  bool guardFailed = spec.guardField >= 0;
  if (rejected) *rejected = guardFailed;
  if (blank(text)) return nullptr;  // Jackson sees no token: from_json gives NULL
  const void* out = nullptr;
  Status st = readStrict(spec, text, /*stable=*/true, arena, &out, &guardFailed);
  if (st == Status::Malformed) {
    // Slow path for the lenient syntax Jackson accepts (single quotes, comments, ...):
    // normalize through the DOM parser, then read strictly again.
    if (auto dom = parseJson(text, spec.parse)) {
      const std::string strict = serializeJson(*dom);
      guardFailed = spec.guardField >= 0;
      st = readStrict(spec, strict, /*stable=*/false, arena, &out, &guardFailed);
    }
  }
  if (spec.guardField >= 0 && !spec.failFast) {
    if (st != Status::Ok) guardFailed = true;
    if (rejected) *rejected = guardFailed;
    if (guardFailed) return nullptr;
  }
  if (st == Status::Ok || st == Status::Null) return out;
  if (spec.failFast) {
    // The text may be binary garbage: escaped and cut, and tied to its input row (the
    // runtime names the row and its source record from the subject pointer).
    raiseKernelErrorAbout(
        "Malformed records are detected in record parsing. Parse Mode: FAILFAST. "
        "Malformed record: " +
            quoteBytesForError(text),
        text.data());
    return nullptr;
  }
  if (spec.type.kind != NestedKind::Struct) return nullptr;
  return Reader(spec, arena, false).newStruct(spec.type);  // Spark 3: a struct of NULLs
}

}  // namespace sluice::stdlib
