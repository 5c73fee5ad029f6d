#include "planner/sources/file_source_json.h"

#include <algorithm>
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

}  // namespace

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

TypePtr inferJsonSchema(const FileSourceOptions& o, const std::vector<std::string>& files) {
  TypePtr schema = DataType::structOf({});
  std::string text, error;
  for (const auto& path : files) {
    if (!readSourceFile(path, &text, &error)) throw AnalysisError(error);
    forEachJsonRecord(text, o, [&](std::string_view rec, int64_t line) {
      auto v = stdlib::parseJson(rec, o.json);
      bool ok = v.has_value();
      std::vector<const JsonValue*> rows;
      if (ok) rows = jsonRecordRows(*v, &ok);
      if (!ok) {
        if (o.mode == ParseMode::FailFast)
          throw AnalysisError("malformed JSON record at " + path + ":" + std::to_string(line) +
                              " during schema inference (mode FAILFAST)");
        if (o.mode == ParseMode::Permissive)
          schema = mergeJsonTypes(
              schema, DataType::structOf({{o.corruptColumn, DataType::string(), true}}));
        return;
      }
      for (const JsonValue* row : rows) schema = mergeJsonTypes(schema, inferJsonType(*row, o));
    });
  }
  auto out = canonicalize(schema, o.dropFieldIfAllNull);
  if (!out)
    throw AnalysisError("cannot infer a schema for JSON: no fields in " + o.resolvedPath +
                        "; declare the columns: CREATE TABLE t (col type, ...) USING json");
  return out;
}

}  // namespace sluice
