#include "runtime/files/json_reader.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/file_source_json.h"
#include "planner/type_storage.h"
#include "runtime/files/file_reader.h"
#include "stdlib/decimal.h"
#include "stdlib/strings.h"

namespace sluice {
namespace {

using stdlib::JsonValue;
namespace od = simdjson::ondemand;

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

// Asks for transparent huge pages for the whole 2 MiB pages inside [p, p + n) (large buffers
// written once); advisory.
void adviseHugePages(void* p, size_t n) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (n < 2 * kHuge) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + n) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// String bytes of the rows the fast path reads, carved from large blocks of the batch's arena
// (so the batch owns them), on transparent huge pages once blocks are large: a fresh 4 KiB
// page costs a fault, and faults dominated the profile of large reads.
class StringBlocks {
 public:
  StringBlocks() = default;
  /// `hint`: about how many input bytes will be read (sizes the first block).
  StringBlocks(StringArena& arena, size_t hint) { reset(arena, hint); }

  /// Carves from `arena` from now on.
  void reset(StringArena& arena, size_t hint) {
    arena_ = &arena;
    size_ = std::clamp<size_t>(hint / 8, 64 << 10, 8 << 20) / 2;
    next_ = end_ = nullptr;
  }

  StringView copy(std::string_view s) {
    if (s.empty()) return StringView{nullptr, 0};
    if (s.size() > static_cast<size_t>(end_ - next_)) grow(s.size());
    char* p = next_;
    std::memcpy(p, s.data(), s.size());
    next_ += s.size();
    return StringView{p, static_cast<int64_t>(s.size())};
  }

 private:
  void grow(size_t n) {
    size_ = std::max(n, std::min<size_t>(size_ * 2, 64 << 20));
    next_ = arena_->allocate(size_);
    end_ = next_ + size_;
    adviseHugePages(next_, size_);
  }
  StringArena* arena_ = nullptr;
  size_t size_ = 0;
  char* next_ = nullptr;
  char* end_ = nullptr;
};

// A read buffer of `size` bytes plus simdjson's padding, on huge pages when large.
class ReadBuffer {
 public:
  explicit ReadBuffer(size_t size) { allocate(size); }
  ~ReadBuffer() { release(); }
  ReadBuffer(const ReadBuffer&) = delete;
  ReadBuffer& operator=(const ReadBuffer&) = delete;

  char* data() const { return data_; }
  size_t size() const { return size_; }
  /// Doubles the size, keeping the first `keep` bytes.
  void grow(size_t keep) {
    char* old = data_;
    void* oldMap = map_;
    const size_t oldMapped = mapped_;
    allocate(size_ * 2);
    std::memcpy(data_, old, keep);
    ::munmap(oldMap, oldMapped);
  }

 private:
  static constexpr size_t kHuge = size_t{2} << 20;
  void allocate(size_t size) {
    // Anonymous memory is zero-filled, so the padding is defined; large buffers start on a
    // 2 MiB boundary to be backed by whole huge pages.
    const bool huge = size >= kHuge;
    mapped_ = size + simdjson::SIMDJSON_PADDING + (huge ? kHuge : 0);
    map_ = ::mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map_ == MAP_FAILED) throw std::bad_alloc();
    auto at = reinterpret_cast<uintptr_t>(map_);
    if (huge) {
      at = (at + kHuge - 1) & ~(kHuge - 1);
      ::madvise(reinterpret_cast<void*>(at), reinterpret_cast<uintptr_t>(map_) + mapped_ - at,
                MADV_HUGEPAGE);
    }
    data_ = reinterpret_cast<char*>(at);
    size_ = size;
  }
  void release() {
    if (map_) ::munmap(map_, mapped_);
  }
  void* map_ = nullptr;
  size_t mapped_ = 0;
  char* data_ = nullptr;
  size_t size_ = 0;
};

// ---------------------------------------------------------------------------------------
// The fast path: simdjson On-Demand, success only.

// What the fast path needs of a column type, built once per read.
struct Shape {
  TypeId id = TypeId::Null;
  const DataType* type = nullptr;
  std::vector<std::string> names;  // Struct: field names
  std::vector<Shape> children;     // Struct: field types; Array: {element}; Map: {value}
};

Shape shapeOf(const DataType& t) {
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

std::string_view trimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

bool isDigit(char c) {
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

// ---------------------------------------------------------------------------------------
// Pushed filters (Spark's JSON filter pushdown): rows that fail one are not appended. Each is
// a conjunct of the Filter above the scan, which still runs: dropping a row for which one is
// false or NULL changes nothing but the work. Forms the reader does not evaluate (floating
// point and decimal comparisons, nested or partition columns) keep their rows.

struct RowFilter {
  enum class Op { Eq, Lt, Le, Gt, Ge, IsNull, IsNotNull };
  size_t column;
  Op op;
  TypeId type;
  int64_t integer = 0;  // integral, date, timestamp, boolean literals
  std::string bytes;    // string / binary literals
};

std::vector<RowFilter> rowFiltersOf(const FileReadPlan& plan) {
  std::vector<RowFilter> out;
  const auto& fields = plan.schema->fields();
  for (const auto& f : plan.pushedFilters) {
    static const std::map<std::string, RowFilter::Op> ops = {
        {"=", RowFilter::Op::Eq},
        {"<", RowFilter::Op::Lt},
        {"<=", RowFilter::Op::Le},
        {">", RowFilter::Op::Gt},
        {">=", RowFilter::Op::Ge},
        {"isnull", RowFilter::Op::IsNull},
        {"isnotnull", RowFilter::Op::IsNotNull}};
    const auto op = ops.find(f.op);
    if (op == ops.end()) continue;
    for (size_t c = 0; c < plan.types.size(); ++c) {
      if (plan.isPartition[c] ||
          !equalsIgnoreCase(fields[static_cast<size_t>(plan.fieldOf[c])].name, f.column))
        continue;
      RowFilter r;
      r.column = c;
      r.op = op->second;
      r.type = plan.types[c]->id();
      const bool nullTest = r.op == RowFilter::Op::IsNull || r.op == RowFilter::Op::IsNotNull;
      if (!nullTest) {
        if (f.literal.isNull()) break;
        switch (r.type) {
          case TypeId::Byte:
          case TypeId::Short:
          case TypeId::Int:
          case TypeId::Long:
          case TypeId::Date:
          case TypeId::Timestamp:
            r.integer = f.literal.asInt();
            break;
          case TypeId::Boolean:
            if (r.op != RowFilter::Op::Eq) continue;
            r.integer = f.literal.asBool();
            break;
          case TypeId::String:
          case TypeId::Binary:
            r.bytes = f.literal.asString();
            break;
          default:
            continue;  // not evaluated here
        }
      }
      out.push_back(std::move(r));
      break;
    }
  }
  return out;
}

int64_t integralOf(const Slot& s, TypeId t) {
  switch (t) {
    case TypeId::Byte:
      return s.as<int8_t>();
    case TypeId::Short:
      return s.as<int16_t>();
    case TypeId::Int:
    case TypeId::Date:
      return s.as<int32_t>();
    case TypeId::Boolean:
      return s.as<uint8_t>();
    default:
      return s.as<int64_t>();
  }
}

bool passes(const StagedRow& row, const std::vector<RowFilter>& filters) {
  for (const RowFilter& f : filters) {
    const bool null = row.nulls[f.column];
    if (f.op == RowFilter::Op::IsNull) {
      if (!null) return false;
      continue;
    }
    if (null) return false;
    if (f.op == RowFilter::Op::IsNotNull) continue;
    int cmp;
    if (f.type == TypeId::String || f.type == TypeId::Binary) {
      const std::string_view v = row.slots[f.column].as<StringView>().view();
      const int c = std::memcmp(v.data(), f.bytes.data(), std::min(v.size(), f.bytes.size()));
      cmp = c != 0 ? c : (v.size() < f.bytes.size() ? -1 : v.size() > f.bytes.size() ? 1 : 0);
    } else {
      const int64_t v = integralOf(row.slots[f.column], f.type);
      cmp = v < f.integer ? -1 : v > f.integer ? 1 : 0;
    }
    switch (f.op) {
      case RowFilter::Op::Eq:
        if (cmp != 0) return false;
        break;
      case RowFilter::Op::Lt:
        if (cmp >= 0) return false;
        break;
      case RowFilter::Op::Le:
        if (cmp > 0) return false;
        break;
      case RowFilter::Op::Gt:
        if (cmp <= 0) return false;
        break;
      case RowFilter::Op::Ge:
        if (cmp < 0) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Records -> rows: the fast path, then the reference path.

class RecordReader {
 public:
  /// Reads records of `path` for `plan`; setOutput() says where the rows go.
  RecordReader(const FileReadPlan& plan, const std::string& path, JsonReadPath how)
      : plan_(plan),
        path_(path),
        parser_(plan.options),
        fast_(plan, parser_),
        how_(how),
        filters_(rowFiltersOf(plan)) {}
  /// Like the above, appending to `out` (`sizeHint`: about how many bytes of input).
  RecordReader(const FileReadPlan& plan, const std::string& path, ColumnBatchBuilder& out,
               JsonReadPath how, size_t sizeHint)
      : RecordReader(plan, path, how) {
    setOutput(out, sizeHint);
  }

  /// Rows from now on go to `out` (`sizeHint`: about how many bytes of input it will take).
  void setOutput(ColumnBatchBuilder& out, size_t sizeHint) {
    out_ = &out;
    fast_.setOutput(out.arena(), sizeHint);
  }

  /// One record: text[0, size), followed by SIMDJSON_PADDING readable bytes; `line` 1-based.
  void record(const char* text, size_t size, int64_t line) {
    if (how_ != JsonReadPath::Reference && fast_.read(text, size, row_)) {
      if (filters_.empty() || passes(row_, filters_)) {
        fast_.keep(row_);
        appendStagedRow(row_, plan_, *out_);
      }
      return;
    }
    if (how_ != JsonReadPath::FastOnly) reference(std::string_view(text, size), line);
  }

  /// One record through stdlib/json's DOM parser and jsonToSlot (the semantics).
  void reference(std::string_view rec, int64_t line) {
    const size_t columns = plan_.types.size();
    const auto& fields = plan_.schema->fields();
    auto where = [&] { return path_ + ":" + std::to_string(line); };
    auto doc = stdlib::parseJson(rec, plan_.options.json);
    bool ok = doc.has_value();
    std::vector<const JsonValue*> rows;
    if (ok) rows = jsonRecordRows(*doc, &ok);
    auto markCorrupt = [&] {
      if (plan_.corruptColumn < 0) return;
      const auto c = static_cast<size_t>(plan_.corruptColumn);
      putSlot(row_.slots[c], arenaString(rec, out_->arena()));
      row_.nulls[c] = 0;
    };
    if (!ok) {
      if (!keepMalformed(plan_, where(), doc ? "not a JSON object" : "not valid JSON")) return;
      row_.reset(columns);
      markCorrupt();
      emit();
      return;
    }
    for (const JsonValue* obj : rows) {
      row_.reset(columns);
      std::string why;
      for (size_t c = 0; c < columns; ++c) {
        if (static_cast<int>(c) == plan_.corruptColumn || plan_.isPartition[c]) continue;
        const StructField& f = fields[static_cast<size_t>(plan_.fieldOf[c])];
        const JsonValue* v = obj->field(f.name);
        if (!v) continue;
        bool null = true;
        if (jsonToSlot(*v, *plan_.types[c], parser_, out_->arena(), row_.slots[c], null)) {
          row_.nulls[c] = null;
        } else if (why.empty()) {
          why = "column '" + f.name + "' (" + f.type->toString() + "): cannot convert " +
                stdlib::serializeJson(*v).substr(0, 80);
        }
      }
      if (!why.empty()) {
        if (!keepMalformed(plan_, where(), why)) continue;
        markCorrupt();
      }
      emit();
    }
  }

  /// One line of a JSON-lines text (without its '\n'), as forEachJsonRecord takes it: a
  /// trailing '\r' dropped, blank lines (and comment-only ones with allowComments) skipped.
  void line(const char* text, size_t size, int64_t line) {
    if (size && text[size - 1] == '\r') --size;
    if (size && text[0] == '{') return record(text, size, line);  // the usual case
    if (isBlankJsonRecord(std::string_view(text, size), plan_.options.json.allowComments)) return;
    record(text, size, line);
  }

 private:
  void emit() {
    if (filters_.empty() || passes(row_, filters_)) appendStagedRow(row_, plan_, *out_);
  }

  const FileReadPlan& plan_;
  const std::string& path_;
  ColumnBatchBuilder* out_ = nullptr;
  const TextValueParser parser_;
  FastJsonReader fast_;
  const JsonReadPath how_;
  const std::vector<RowFilter> filters_;
  StagedRow row_;
};

constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;

// A read buffer for a split of `span` bytes: 4 MiB (less for a small split); it grows for
// a longer line.
size_t bufferSizeFor(int64_t span) {
  return static_cast<size_t>(std::clamp<int64_t>(span, 64 << 10, 4 << 20));
}

// A file open for reading, closed on destruction.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// The records of the lines of `fd` that start in [start, stop): the first split starts at 0
// (after a byte-order mark); the others skip the line the split's start falls into (it
// belongs to the split before). Read in chunks into a reused padded buffer. Returns the
// number of lines read, blank ones included.
int64_t readSplit(int fd, const FileReadPlan& plan, const std::string& path, int64_t start,
                  int64_t stop, int64_t firstLine, RecordReader& reader, ReadBuffer& buf) {
  int64_t base = start > 0 ? start - 1 : 0;  // file offset of buf[0]
  size_t have = 0, at = 0;
  bool eof = false, skipping = start > 0, first = start == 0;
  int64_t line = firstLine;
  size_t tail = 0;  // bytes read past `stop` at a time, for the last line
  for (;;) {
    char* data = buf.data();
    const char* nl =
        at < have ? static_cast<const char*>(std::memchr(data + at, '\n', have - at)) : nullptr;
    if (!nl && !eof) {
      // Refill: keep the partial line, read the next chunk after it.
      if (at > 0) {
        std::memmove(data, data + at, have - at);
        base += static_cast<int64_t>(at);
        have -= at;
        at = 0;
      }
      if (have == buf.size()) buf.grow(have);  // a line longer than the buffer
      data = buf.data();
      // Up to the split's end, then only as far as its last line may reach (in growing
      // steps): reading on into the next split's bytes would copy them for nothing.
      const int64_t upTo = base + static_cast<int64_t>(have);
      size_t want = buf.size() - have;
      if (stop != INT64_MAX) {
        tail = upTo < stop ? size_t{16} << 10 : std::min<size_t>(tail * 2, size_t{1} << 20);
        want =
            std::min<size_t>(want, static_cast<size_t>(std::max<int64_t>(stop - upTo, 0)) + tail);
      }
      const ssize_t n = ::pread(fd, data + have, want, upTo);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0)
        throw ExecutionError("table '" + plan.table + "': error while reading file " + path + ": " +
                             std::strerror(errno));
      if (n == 0) eof = true;
      have += static_cast<size_t>(n);
      // Bytes after `have` up to the padding are whatever an earlier chunk left there:
      // readable, and never part of a record.
      continue;
    }
    // A whole line from `at` (the last one of the file may have no '\n'), or nothing left.
    const size_t end = nl ? static_cast<size_t>(nl - data) : have;
    if (skipping) {
      skipping = false;  // the line holding byte start - 1 belongs to the split before
      if (!nl) break;
      at = end + 1;
      continue;
    }
    if (!nl && at >= have) break;
    if (base + static_cast<int64_t>(at) >= stop) break;
    if (first) {
      first = false;
      if (end - at >= 3 && std::memcmp(data + at, "\xEF\xBB\xBF", 3) == 0) at += 3;
    }
    reader.line(data + at, end - at, line++);
    if (!nl) break;
    at = end + 1;
  }
  return line - firstLine;
}

// Appends every row of `b` to `out` (strings and nested values copied into out's arena).
void appendBatch(const ColumnBatch& b, ColumnBatchBuilder& out, StringBlocks& strings) {
  const auto& types = b.types();
  const auto& cols = b.columns();
  for (int64_t r = 0; r < b.rows(); ++r) {
    for (size_t c = 0; c < types.size(); ++c) {
      if (cols[c].nulls && cols[c].nulls[r]) {
        out.setNull(c);
        continue;
      }
      const void* v = cols[c].values;
      switch (types[c]->id()) {
        case TypeId::Null:
          out.setNull(c);
          break;
        case TypeId::String:
        case TypeId::Binary:
          out.setStringRef(c, strings.copy(static_cast<const StringView*>(v)[r].view()));
          break;
        case TypeId::Struct:
        case TypeId::Array:
        case TypeId::Map:
          out.setNested(c, static_cast<const void* const*>(v)[r]);
          break;
        case TypeId::Boolean:
        case TypeId::Byte:
          out.set(c, static_cast<const uint8_t*>(v)[r]);
          break;
        case TypeId::Short:
          out.set(c, static_cast<const int16_t*>(v)[r]);
          break;
        case TypeId::Int:
        case TypeId::Date:
        case TypeId::Float:
          out.set(c, static_cast<const int32_t*>(v)[r]);
          break;
        case TypeId::Long:
        case TypeId::Timestamp:
        case TypeId::Double:
          out.set(c, static_cast<const int64_t*>(v)[r]);
          break;
        case TypeId::Decimal:
          if (storageOf(*types[c]) == Storage::I64)
            out.set(c, static_cast<const int64_t*>(v)[r]);
          else
            out.set(c, static_cast<const __int128*>(v)[r]);
          break;
        case TypeId::Interval:
          out.set(c, static_cast<const void* const*>(v)[r]);
          break;
      }
    }
    out.endRow();
  }
}

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

void readJsonText(std::string_view text, const std::string& path, const FileReadPlan& plan,
                  ColumnBatchBuilder& out, JsonReadPath how) {
  RecordReader reader(plan, path, out, how, text.size());
  if (plan.options.multiLine) {
    // One document (often an array of objects): the reference path.
    forEachJsonRecord(text, plan.options,
                      [&](std::string_view rec, int64_t line) { reader.reference(rec, line); });
    return;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::string padded;
  padded.reserve(text.size() + kPadding);
  padded.append(text);
  padded.append(kPadding, ' ');
  const char* data = padded.data();
  int64_t line = 1;
  size_t at = 0;
  while (at < text.size()) {
    const char* nl = static_cast<const char*>(std::memchr(data + at, '\n', text.size() - at));
    const size_t end = nl ? static_cast<size_t>(nl - data) : text.size();
    reader.line(data + at, end - at, line++);
    at = end + 1;
  }
}

namespace {

// A plain JSON-lines file open for reading in byte ranges.
struct OpenFile {
  Fd f;
  int64_t size = 0;
  double rowsPerByte = 0;  // estimated from the first MiB's lines

  bool open(const std::string& path, std::string* error) {
    f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (f.fd < 0 || ::fstat(f.fd, &st) != 0 || S_ISDIR(st.st_mode)) {
      *error = "cannot read file " + path;
      return false;
    }
    size = st.st_size;
    std::string sample(static_cast<size_t>(std::min<int64_t>(size, 1 << 20)), '\0');
    const ssize_t n = ::pread(f.fd, sample.data(), sample.size(), 0);
    if (n > 0)
      rowsPerByte = double(std::count(sample.data(), sample.data() + n, '\n') + 1) / double(n);
    return true;
  }
  // Rows to reserve for `bytes` of the file (a little more than estimated).
  int64_t rowsFor(int64_t bytes) const {
    return static_cast<int64_t>(double(bytes) * rowsPerByte * 1.05) + 16;
  }
};

// Reads the pieces of `file` (n byte ranges at line boundaries) on `workers` threads, ahead
// of the caller by at most `window` pieces, and hands each piece's batch to `consume` in file
// order on the calling thread. The first piece that fails (in file order) fails the read.
void readPieces(const OpenFile& file, const std::string& path, const FileReadPlan& plan, size_t n,
                size_t workers, const BatchConsumer& consume) {
  auto startOf = [&](size_t k) {
    return static_cast<int64_t>(static_cast<__int128>(file.size) * k / n);
  };
  auto stopOf = [&](size_t k) { return k + 1 == n ? INT64_MAX : startOf(k + 1); };
  auto readPiece = [&](size_t k, RecordReader& reader, ReadBuffer& buf, int64_t firstLine,
                       int64_t* lines) {
    ColumnBatchBuilder b(plan.types);
    b.reserve(file.rowsFor(file.size / static_cast<int64_t>(n) + 1));
    reader.setOutput(b, static_cast<size_t>(file.size / static_cast<int64_t>(n)));
    *lines = readSplit(file.f.fd, plan, path, startOf(k), stopOf(k), firstLine, reader, buf);
    return b.finish();
  };
  const size_t bufSize = bufferSizeFor(file.size / static_cast<int64_t>(n) + 1);
  if (workers <= 1) {
    RecordReader reader(plan, path, JsonReadPath::Fast);
    ReadBuffer buf(bufSize);
    int64_t firstLine = 1;
    for (size_t k = 0; k < n; ++k) {
      int64_t lines = 0;
      consume(readPiece(k, reader, buf, firstLine, &lines));
      firstLine += lines;
    }
    return;
  }
  struct Piece {
    ColumnBatch batch;
    int64_t lines = 0;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Piece> pieces(n);
  std::mutex mu;
  std::condition_variable cv;
  size_t consumed = 0;  // pieces handed to consume
  bool cancel = false;
  std::atomic<size_t> next{0};
  const size_t window = 2 * workers;
  auto work = [&] {
    RecordReader reader(plan, path, JsonReadPath::Fast);
    ReadBuffer buf(bufSize);
    for (;;) {
      const size_t k = next.fetch_add(1);
      if (k >= n) return;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return cancel || k < consumed + window; });
        if (cancel) return;
      }
      Piece p;
      try {
        p.batch = readPiece(k, reader, buf, 1, &p.lines);
      } catch (...) {
        p.error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mu);
      pieces[k] = std::move(p);
      pieces[k].ready = true;
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  auto stop = [&] {
    {
      std::lock_guard<std::mutex> lock(mu);
      cancel = true;
    }
    cv.notify_all();
    for (auto& t : threads) t.join();
    threads.clear();
  };
  try {
    for (size_t w = 0; w < workers; ++w) threads.emplace_back(work);
    int64_t firstLine = 1;
    for (size_t k = 0; k < n; ++k) {
      Piece p;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return pieces[k].ready; });
        p = std::move(pieces[k]);
      }
      if (p.error) {
        // A worker numbers a piece's lines from 1: read it again knowing where it starts, for
        // the message (FAILFAST names file:line).
        stop();
        RecordReader reader(plan, path, JsonReadPath::Fast);
        ReadBuffer buf(bufSize);
        int64_t lines = 0;
        readPiece(k, reader, buf, firstLine, &lines);
        std::rethrow_exception(p.error);
      }
      consume(std::move(p.batch));
      firstLine += p.lines;
      {
        std::lock_guard<std::mutex> lock(mu);
        ++consumed;
      }
      cv.notify_all();
    }
  } catch (...) {
    stop();
    throw;
  }
  stop();
}

}  // namespace

bool readJsonFile(const std::string& path, const FileReadPlan& plan, ColumnBatchBuilder& out,
                  std::string* error) {
  if (plan.options.multiLine || endsWith(path, ".gz")) {
    std::string text;
    if (!readSourceFile(path, &text, error)) return false;
    readJsonText(text, path, plan, out);
    return true;
  }
  OpenFile file;
  if (!file.open(path, error)) return false;
  const int64_t size = file.size;
  // Room for the rows up front: the batch's columns are then written once, not copied at
  // every doubling.
  out.reserve(out.rows() + file.rowsFor(size));
  const FileReadParallelism par = fileReadParallelism();
  int64_t splits = std::max<int64_t>(1, size / std::max<int64_t>(1, par.minSplitBytes));
  splits = std::min<int64_t>(splits, std::max(1, par.threads));
  if (splits <= 1) {
    RecordReader reader(plan, path, out, JsonReadPath::Fast, static_cast<size_t>(size));
    ReadBuffer buf(bufferSizeFor(size + 1));
    readSplit(file.f.fd, plan, path, 0, INT64_MAX, 1, reader, buf);
    return true;
  }
  // Byte-range splits at line boundaries, one per thread (this one reads the first, straight
  // into `out`); the others' rows are appended in split order, so the result is the file's
  // order whatever the timing.
  const auto n = static_cast<size_t>(splits);
  auto startOf = [&](size_t k) { return static_cast<int64_t>(k) * (size / splits); };
  auto stopOf = [&](size_t k) { return k + 1 == n ? INT64_MAX : startOf(k + 1); };
  struct Part {
    std::unique_ptr<ColumnBatchBuilder> out;
    int64_t lines = 0;
    std::exception_ptr error;
  };
  std::vector<Part> parts(n);
  auto run = [&](size_t k) {
    try {
      RecordReader reader(plan, path, k == 0 ? out : *parts[k].out, JsonReadPath::Fast,
                          static_cast<size_t>(size / splits));
      ReadBuffer buf(bufferSizeFor(size / splits + 1));
      parts[k].lines = readSplit(file.f.fd, plan, path, startOf(k), stopOf(k), 1, reader, buf);
    } catch (...) {
      parts[k].error = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (size_t k = 1; k < n; ++k) {
    parts[k].out = std::make_unique<ColumnBatchBuilder>(plan.types);
    parts[k].out->reserve(file.rowsFor(size / splits));
    threads.emplace_back(run, k);
  }
  run(0);
  for (auto& t : threads) t.join();
  int64_t firstLine = 1;
  StringBlocks strings(out.arena(), static_cast<size_t>(size));
  for (size_t k = 0; k < n; ++k) {
    if (parts[k].error) {
      // The first failing split in file order fails the read. Its worker numbered lines from
      // 1; read it again knowing where it starts, for the message (FAILFAST names file:line).
      if (k > 0) {
        ColumnBatchBuilder scratch(plan.types);
        RecordReader reader(plan, path, scratch, JsonReadPath::Fast, 0);
        ReadBuffer buf(bufferSizeFor(size / splits + 1));
        readSplit(file.f.fd, plan, path, startOf(k), stopOf(k), firstLine, reader, buf);
      }
      std::rethrow_exception(parts[k].error);
    }
    if (k > 0) appendBatch(parts[k].out->finish(), out, strings);
    firstLine += parts[k].lines;
  }
  return true;
}

bool readJsonFileChunks(const std::string& path, const FileReadPlan& plan,
                        const BatchConsumer& consume, std::string* error) {
  if (plan.options.multiLine || endsWith(path, ".gz")) {
    ColumnBatchBuilder out(plan.types);
    if (!readJsonFile(path, plan, out, error)) return false;
    consume(out.finish());
    return true;
  }
  OpenFile file;
  if (!file.open(path, error)) return false;
  const FileReadParallelism par = fileReadParallelism();
  const int64_t piece = std::max<int64_t>(1, par.chunkBytes);
  const auto n = static_cast<size_t>(std::max<int64_t>(1, (file.size + piece - 1) / piece));
  const auto workers = static_cast<size_t>(std::max(1, par.threads));
  readPieces(file, path, plan, n, std::min(workers, n), consume);
  return true;
}

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
