#include "planner/sources/file_source_json.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "frontend/error.h"
#include "planner/sources/file_source_values.h"

namespace sluice {
namespace {

using stdlib::JsonValue;

// decimal(p, s) of a number literal as java.math.BigDecimal sees it; null when it has an
// exponent or needs more than 38 digits (Spark then uses double).
TypePtr decimalOfLiteral(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.find_first_of("eE") != std::string_view::npos) return nullptr;
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  std::string digits = std::string(whole) + std::string(frac);
  const size_t first = digits.find_first_not_of('0');
  const int precision = first == std::string::npos ? 1 : static_cast<int>(digits.size() - first);
  const int scale = static_cast<int>(frac.size());
  const int p = std::max(precision, scale);
  if (p > 38 || p == 0) return nullptr;
  return DataType::decimal(p, scale);
}

bool isIntegralLiteral(const JsonValue& v) {
  return v.kind == JsonValue::Kind::Number && v.integral;
}

// Spark drops struct fields (and nested empty structs) it could not type: NullType fields
// become strings, empty structs disappear, array<null> becomes array<string>.
TypePtr canonicalize(const TypePtr& t, bool dropAllNull) {
  switch (t->id()) {
    case TypeId::Null:
      return dropAllNull ? nullptr : DataType::string();
    case TypeId::Array: {
      auto e = canonicalize(t->elementType(), false);
      if (!e) e = DataType::string();
      return DataType::arrayOf(e, t->containsNull());
    }
    case TypeId::Struct: {
      std::vector<StructField> fields;
      for (const auto& f : t->fields())
        if (auto ft = canonicalize(f.type, dropAllNull)) fields.push_back({f.name, ft, true});
      if (fields.empty()) return nullptr;
      return DataType::structOf(std::move(fields));
    }
    default:
      return t;
  }
}

// Only whitespace, or with allowComments only `//` and `/* */` comments: no record at all.
bool isBlankRecord(std::string_view s, bool comments) {
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (comments && s.substr(i, 2) == "//") {
      i = s.find('\n', i);
      if (i == std::string_view::npos) return true;
    } else if (comments && s.substr(i, 2) == "/*") {
      i = s.find("*/", i + 2);
      if (i == std::string_view::npos) return false;
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

// Schema inference's fast path: simdjson On-Demand, success only. A record it takes is typed
// exactly as inferJsonType types stdlib/json's DOM of it; anything else (not strict JSON,
// lenient syntax, a top-level array, a number simdjson cannot read, great depth) goes to the
// DOM, which holds the semantics.
class FastInference {
 public:
  explicit FastInference(const FileSourceOptions& o) : o_(o) {}

  /// The type of the record text[0, size) (followed by SIMDJSON_PADDING readable bytes), a
  /// JSON object; nullptr when the DOM must type it.
  TypePtr record(const char* text, size_t size) {
    namespace od = simdjson::ondemand;
    od::document doc;
    if (parser_.iterate(simdjson::padded_string_view(text, size, size + simdjson::SIMDJSON_PADDING))
            .get(doc))
      return nullptr;
    od::object obj;
    if (doc.get_object().get(obj)) return nullptr;
    TypePtr t = object(obj, 0);
    const char* at = nullptr;
    if (!t || !doc.current_location().get(at)) return nullptr;  // trailing content
    return t;
  }

 private:
  static constexpr int kMaxDepth = 900;  // the DOM parser refuses depth > 1000

  static std::string_view trimRight(std::string_view s) {
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
      s.remove_suffix(1);
    return s;
  }

  // Fields sorted by name, the last of repeated keys winning (Jackson's tree model).
  TypePtr object(simdjson::ondemand::object& obj, int depth) {
    std::map<std::string, TypePtr> fields;
    for (auto fr : obj) {
      if (fr.error()) return nullptr;
      simdjson::ondemand::field& f = fr.value_unsafe();
      const char* p = f.key().raw();
      const char* q = p;
      while (*q != '"' && *q != '\\') ++q;
      std::string_view key(p, static_cast<size_t>(q - p));
      if (*q == '\\' && f.unescaped_key().get(key)) return nullptr;
      TypePtr t = value(f.value(), depth + 1);
      if (!t) return nullptr;
      fields[std::string(key)] = std::move(t);
    }
    std::vector<StructField> out;
    for (auto& [k, t] : fields) out.push_back({k, t, true});
    return DataType::structOf(std::move(out));
  }

  // Every value is consumed through a typed getter (an iterator skipping an unconsumed value
  // counts brackets and would miss malformed input).
  TypePtr value(simdjson::ondemand::value v, int depth) {
    if (depth > kMaxDepth) return nullptr;
    const std::string_view tok = v.raw_json_token();
    if (tok.empty()) return nullptr;
    switch (tok[0]) {
      case '"': {
        const std::string_view t = trimRight(tok);
        if (t.size() >= 2 && t.back() == '"' && !std::memchr(t.data() + 1, '\\', t.size() - 2)) {
          simdjson::ondemand::raw_json_string raw;
          if (v.get_raw_json_string().get(raw)) return nullptr;
        } else {
          std::string_view s;
          if (v.get_string().get(s)) return nullptr;
        }
        return DataType::string();
      }
      case 't':
      case 'f': {
        bool b;
        if (v.get_bool().get(b)) return nullptr;
        return o_.primitivesAsString ? DataType::string() : DataType::boolean();
      }
      case 'n': {
        bool null = false;
        if (v.is_null().get(null) || !null) return nullptr;
        return DataType::null();
      }
      case '{': {
        simdjson::ondemand::object o;
        if (v.get_object().get(o)) return nullptr;
        return object(o, depth);
      }
      case '[': {
        simdjson::ondemand::array a;
        if (v.get_array().get(a)) return nullptr;
        TypePtr elem = DataType::null();
        for (auto el : a) {
          if (el.error()) return nullptr;
          TypePtr t = value(el.value_unsafe(), depth + 1);
          if (!t) return nullptr;
          elem = mergeJsonTypes(elem, t);
        }
        return DataType::arrayOf(elem, true);
      }
      default: {
        const std::string_view text = trimRight(tok);
        bool integral = false;
        double d;
        if (!isJsonNumber(text, &integral) || v.get_double().get(d)) return nullptr;
        if (o_.primitivesAsString) return DataType::string();
        if (integral) {
          int64_t i = 0;
          if (parseStrictIntegral(text, INT64_MIN, INT64_MAX, &i)) return DataType::bigint();
          auto dec = decimalOfLiteral(text);
          return dec ? dec : DataType::doubleType();
        }
        if (o_.prefersDecimal)
          if (auto dec = decimalOfLiteral(text)) return dec;
        return DataType::doubleType();
      }
    }
  }

  const FileSourceOptions& o_;
  simdjson::ondemand::parser parser_;
};

}  // namespace

bool isJsonNumber(std::string_view s, bool* integral) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0;
  const size_t n = s.size();
  if (i < n && s[i] == '-') ++i;
  const size_t digits = i;
  while (i < n && digit(s[i])) ++i;
  if (i == digits || (i - digits > 1 && s[digits] == '0')) return false;
  *integral = true;
  if (i < n && s[i] == '.') {
    const size_t f = ++i;
    while (i < n && digit(s[i])) ++i;
    if (i == f) return false;
    *integral = false;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t e = i;
    while (i < n && digit(s[i])) ++i;
    if (i == e) return false;
    *integral = false;
  }
  return i == n;
}

bool isBlankJsonRecord(std::string_view line, bool comments) {
  return isBlankRecord(line, comments);
}

void forEachJsonRecord(std::string_view text, const FileSourceOptions& options,
                       const std::function<void(std::string_view, int64_t)>& fn) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const bool comments = options.json.allowComments;
  if (options.multiLine) {
    if (!isBlankRecord(text, comments)) fn(text, 1);
    return;
  }
  int64_t line = 1;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view rec = text.substr(pos, end - pos);
    if (!rec.empty() && rec.back() == '\r') rec.remove_suffix(1);
    if (!isBlankRecord(rec, comments)) fn(rec, line);
    pos = end + 1;
    ++line;
  }
}

bool forEachJsonLineOfFile(const std::string& path, const FileSourceOptions& options,
                           const std::function<void(std::string_view, int64_t)>& fn) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  constexpr size_t kPad = simdjson::SIMDJSON_PADDING;
  std::string buf(size_t{4} << 20, ' ');  // lines, then at least kPad readable bytes
  size_t have = 0, at = 0;
  int64_t line = 1;
  bool eof = false, first = true;
  for (;;) {
    const char* nl = at < have
                         ? static_cast<const char*>(std::memchr(buf.data() + at, '\n', have - at))
                         : nullptr;
    if (!nl && !eof) {
      if (at > 0) {  // keep the partial line, read the next chunk after it
        std::memmove(buf.data(), buf.data() + at, have - at);
        have -= at;
        at = 0;
      }
      if (have + kPad >= buf.size()) buf.resize(buf.size() * 2, ' ');
      const ssize_t n = ::read(fd, buf.data() + have, buf.size() - kPad - have);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw AnalysisError("error while reading file " + path);
      if (n == 0) eof = true;
      have += static_cast<size_t>(n);
      continue;
    }
    const size_t end = nl ? static_cast<size_t>(nl - buf.data()) : have;
    if (!nl && at >= have) break;
    if (first) {
      first = false;
      if (end - at >= 3 && std::memcmp(buf.data() + at, "\xEF\xBB\xBF", 3) == 0) at += 3;
    }
    std::string_view rec(buf.data() + at, end - at);
    if (!rec.empty() && rec.back() == '\r') rec.remove_suffix(1);
    if (!isBlankRecord(rec, options.json.allowComments)) fn(rec, line);
    ++line;
    if (!nl) break;
    at = end + 1;
  }
  return true;
}

std::vector<const JsonValue*> jsonRecordRows(const JsonValue& v, bool* ok) {
  *ok = true;
  if (v.kind == JsonValue::Kind::Object) return {&v};
  if (v.kind == JsonValue::Kind::Array) {
    std::vector<const JsonValue*> rows;
    for (const auto& item : v.items) {
      if (item.kind != JsonValue::Kind::Object) {
        *ok = false;
        return {};
      }
      rows.push_back(&item);
    }
    return rows;
  }
  *ok = false;
  return {};
}

TypePtr inferJsonType(const JsonValue& v, const FileSourceOptions& o) {
  switch (v.kind) {
    case JsonValue::Kind::Null:
      return DataType::null();
    case JsonValue::Kind::Bool:
      return o.primitivesAsString ? DataType::string() : DataType::boolean();
    case JsonValue::Kind::String:
      return DataType::string();
    case JsonValue::Kind::Number: {
      if (o.primitivesAsString) return DataType::string();
      if (isIntegralLiteral(v)) {
        int64_t i = 0;
        if (parseStrictIntegral(v.text, INT64_MIN, INT64_MAX, &i)) return DataType::bigint();
        auto d = decimalOfLiteral(v.text);
        return d ? d : DataType::doubleType();
      }
      if (o.prefersDecimal)
        if (auto d = decimalOfLiteral(v.text)) return d;
      return DataType::doubleType();
    }
    case JsonValue::Kind::Array: {
      TypePtr elem = DataType::null();
      for (const auto& item : v.items) elem = mergeJsonTypes(elem, inferJsonType(item, o));
      return DataType::arrayOf(elem, true);
    }
    case JsonValue::Kind::Object: {
      // The last duplicate key wins, as in Jackson's tree model; fields sorted by name.
      std::map<std::string, TypePtr> fields;
      for (const auto& [k, fv] : v.fields) fields[k] = inferJsonType(fv, o);
      std::vector<StructField> out;
      for (auto& [k, t] : fields) out.push_back({k, t, true});
      return DataType::structOf(std::move(out));
    }
  }
  return DataType::string();
}

TypePtr mergeJsonTypes(const TypePtr& a, const TypePtr& b) {
  if (a->id() == TypeId::Null) return b;
  if (b->id() == TypeId::Null) return a;
  if (a->equals(*b)) return a;
  const TypeId x = a->id(), y = b->id();
  auto numeric = [](TypeId t) {
    return t == TypeId::Long || t == TypeId::Double || t == TypeId::Decimal;
  };
  if (numeric(x) && numeric(y)) {
    if (x == TypeId::Double || y == TypeId::Double) return DataType::doubleType();
    auto da = x == TypeId::Decimal ? a : DataType::decimalFor(*a);
    auto db = y == TypeId::Decimal ? b : DataType::decimalFor(*b);
    const int scale = std::max(da->scale(), db->scale());
    const int range = std::max(da->precision() - da->scale(), db->precision() - db->scale());
    if (range + scale > 38) return DataType::doubleType();
    return DataType::decimal(range + scale, scale);
  }
  if (x == TypeId::Struct && y == TypeId::Struct) {
    std::map<std::string, TypePtr> fields;
    for (const auto& f : a->fields()) fields[f.name] = f.type;
    for (const auto& f : b->fields()) {
      auto it = fields.find(f.name);
      fields[f.name] = it == fields.end() ? f.type : mergeJsonTypes(it->second, f.type);
    }
    std::vector<StructField> out;
    for (auto& [k, t] : fields) out.push_back({k, t, true});
    return DataType::structOf(std::move(out));
  }
  if (x == TypeId::Array && y == TypeId::Array)
    return DataType::arrayOf(mergeJsonTypes(a->elementType(), b->elementType()), true);
  return DataType::string();
}

TypePtr inferJsonRecordType(std::string_view record, const FileSourceOptions& o, bool fast) {
  if (fast) {
    std::string padded(record);
    padded.append(simdjson::SIMDJSON_PADDING, ' ');
    if (TypePtr t = FastInference(o).record(padded.data(), record.size())) return t;
  }
  auto v = stdlib::parseJson(record, o.json);
  bool ok = v.has_value();
  std::vector<const JsonValue*> rows;
  if (ok) rows = jsonRecordRows(*v, &ok);
  if (!ok) return nullptr;
  TypePtr t = DataType::structOf({});
  for (const JsonValue* row : rows) t = mergeJsonTypes(t, inferJsonType(*row, o));
  return t;
}

TypePtr inferJsonSchema(const FileSourceOptions& o, const std::vector<std::string>& files,
                        bool useFast) {
  TypePtr schema = DataType::structOf({});
  std::string text, error;
  FastInference fast(o);
  auto record = [&](const std::string& path, std::string_view rec, int64_t line) {
    // Most records: simdjson, in place (followed by SIMDJSON_PADDING readable bytes).
    if (useFast && !o.multiLine)
      if (TypePtr t = fast.record(rec.data(), rec.size())) {
        schema = mergeJsonTypes(schema, t);
        return;
      }
    auto v = stdlib::parseJson(rec, o.json);
    bool ok = v.has_value();
    std::vector<const JsonValue*> rows;
    if (ok) rows = jsonRecordRows(*v, &ok);
    if (!ok) {
      if (o.mode == ParseMode::FailFast)
        throw AnalysisError("malformed JSON record at " + path + ":" + std::to_string(line) +
                            " during schema inference (mode FAILFAST)");
      if (o.mode == ParseMode::Permissive)
        schema = mergeJsonTypes(schema,
                                DataType::structOf({{o.corruptColumn, DataType::string(), true}}));
      return;
    }
    for (const JsonValue* row : rows) schema = mergeJsonTypes(schema, inferJsonType(*row, o));
  };
  for (const auto& path : files) {
    const bool gz = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
    if (o.multiLine || gz) {
      if (!readSourceFile(path, &text, &error)) throw AnalysisError(error);
      const size_t size = text.size();
      text.append(simdjson::SIMDJSON_PADDING, ' ');
      forEachJsonRecord(std::string_view(text.data(), size), o,
                        [&](std::string_view rec, int64_t line) { record(path, rec, line); });
    } else if (!forEachJsonLineOfFile(
                   path, o, [&](std::string_view rec, int64_t line) { record(path, rec, line); })) {
      throw AnalysisError("cannot read file " + path);
    }
  }
  auto out = canonicalize(schema, o.dropFieldIfAllNull);
  if (!out)
    throw AnalysisError("cannot infer a schema for JSON: no fields in " + o.resolvedPath +
                        "; declare the columns: CREATE TABLE t (col type, ...) USING json");
  return out;
}

}  // namespace sluice
