// JSON rows: from_json, to_json, get_json_object, schema_of_json, json_array_length,
// json_object_keys (json_tuple is a generator,
// see registry_generators.cpp). from_json's schema must be a constant DDL string; its result
// type is the parsed schema.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/registry_rows.h"
#include "planner/functions/value_ops.h"
#include "planner/timestamp_ntz.h"
#include "planner/type_conversion.h"
#include "stdlib/collections_spark.h"
#include "stdlib/datetime.h"
#include "stdlib/decimal.h"
#include "stdlib/json.h"
#include "stdlib/strings.h"
#include "stdlib/timestamp_ntz.h"

namespace sluice {
namespace {

using namespace fnrow;
namespace sl = stdlib;
using JK = sl::JsonValue::Kind;

// ---------------------------------------------------------------- options

struct JsonOptions {
  sl::JsonParseOptions parse;
  bool failFast = false;
  std::string timestampFormat, dateFormat;  // empty: Spark's lenient defaults
  bool ignoreNullFields = true;
  std::string timeZone;  // the timeZone option, else the call's session zone
};

// Options of from_json / to_json: a constant map<string,string>. Unknown keys are accepted like
// Spark does; known keys are validated.
JsonOptions readOptions(const ResolveContext* ctx, const std::vector<ExprPtr>& args, size_t i,
                        bool forWrite) {
  JsonOptions o;
  if (args.size() <= i) return o;
  auto fail = [&](const std::string& m) {
    if (ctx) ctx->fail(static_cast<int>(i), m);
    throw AnalysisError(m);
  };
  const TypePtr& t = args[i]->type;
  if (t->id() != TypeId::Map || t->keyType()->id() != TypeId::String ||
      t->valueType()->id() != TypeId::String || !args[i]->foldable())
    fail("function " + std::string(forWrite ? "to_json" : "from_json") +
         " expects a foldable map<string,string> of options for argument " + std::to_string(i + 1) +
         ", got " + args[i]->toString());
  Value m = evaluateConstant(args[i]);
  if (m.isNull()) return o;
  const auto& l = m.asList();
  for (size_t k = 0; k + 1 < l.size(); k += 2) {
    if (l[k].isNull() || l[k + 1].isNull()) continue;
    const std::string key = l[k].asString(), value = l[k + 1].asString();
    const std::string lk = asciiLower(key), lv = asciiLower(value);
    auto boolean = [&](bool* out) {
      if (lv != "true" && lv != "false")
        fail(key + " should be a boolean (true or false), got '" + value + "'");
      *out = lv == "true";
    };
    bool ignored;
    if (lk == "mode") {
      if (lv == "failfast")
        o.failFast = true;
      else if (lv == "dropmalformed" && !forWrite)
        fail(
            "from_json() doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE "
            "and FAILFAST.");
      else if (lv != "permissive")
        fail("Unknown parse mode '" + value + "'. Acceptable modes are PERMISSIVE and FAILFAST.");
    } else if (lk == "timestampformat" || lk == "dateformat") {
      std::string err;
      if (!sl::DateTimePattern::compile(value, &err)) fail(err);
      (lk == "dateformat" ? o.dateFormat : o.timestampFormat) = value;
    } else if (lk == "timezone") {
      if (!sl::Zone::find(value))
        fail("Invalid time zone id in the timeZone option: '" + value + "'");
      o.timeZone = value;
    } else if (lk == "allowcomments")
      boolean(&o.parse.allowComments);
    else if (lk == "allowunquotedfieldnames")
      boolean(&o.parse.allowUnquotedFieldNames);
    else if (lk == "allowsinglequotes")
      boolean(&o.parse.allowSingleQuotes);
    else if (lk == "allownumericleadingzeros")
      boolean(&o.parse.allowNumericLeadingZeros);
    else if (lk == "allownonnumericnumbers")
      boolean(&o.parse.allowNonNumericNumbers);
    else if (lk == "allowbackslashescapinganycharacter")
      boolean(&o.parse.allowBackslashEscapingAnyCharacter);
    else if (lk == "allowunquotedcontrolchars")
      boolean(&o.parse.allowUnquotedControlChars);
    else if (lk == "ignorenullfields")
      boolean(&o.ignoreNullFields);
    else if (lk == "primitivesasstring" || lk == "prefersdecimal" || lk == "dropfieldifallnull" ||
             lk == "multiline" || lk == "infertimestamp")
      boolean(&ignored);
    // Other keys (columnNameOfCorruptRecord, locale, encoding, ...) are accepted as in Spark.
  }
  return o;
}

// ---------------------------------------------------------------- JSON -> Value

struct Malformed {};

Value convert(const sl::JsonValue& j, const DataType& t, const JsonOptions& o);

Value convertStruct(const sl::JsonValue& j, const DataType& t, const JsonOptions& o) {
  if (j.kind != JK::Object) throw Malformed{};
  Value::List out(t.fields().size());
  for (size_t i = 0; i < t.fields().size(); ++i)
    if (const sl::JsonValue* f = j.field(t.fields()[i].name))
      out[i] = convert(*f, *t.fields()[i].type, o);
  return Value::list(std::move(out));
}

Value convert(const sl::JsonValue& j, const DataType& t, const JsonOptions& o) {
  if (j.kind == JK::Null) return {};
  switch (t.id()) {
    case TypeId::String:
      return str(j.kind == JK::String ? j.text : sl::serializeJson(j));
    case TypeId::Boolean:
      if (j.kind != JK::Bool) throw Malformed{};
      return boolv(j.boolean);
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long: {
      if (j.kind != JK::Number || !j.integral) throw Malformed{};
      Value v = castValue(str(j.text), *DataType::string(), t);
      if (v.isNull()) throw Malformed{};  // overflow
      return v;
    }
    case TypeId::Float:
    case TypeId::Double: {
      if (j.kind != JK::Number && !(j.kind == JK::String && o.parse.allowNonNumericNumbers))
        throw Malformed{};
      auto d = sl::parseDouble(j.text);
      if (!d) throw Malformed{};
      return f64(t.id() == TypeId::Float ? static_cast<float>(*d) : *d);
    }
    case TypeId::Decimal: {
      if (j.kind != JK::Number && j.kind != JK::String) throw Malformed{};
      auto d = sl::parseDecimal(j.text, t.precision(), t.scale());
      if (!d) throw Malformed{};
      return Value::decimal(*d);
    }
    case TypeId::Timestamp: {
      if (j.kind == JK::Number && j.integral) {  // epoch seconds
        Value secs = castValue(str(j.text), *DataType::string(), *DataType::bigint());
        if (secs.isNull()) throw Malformed{};
        return castValue(secs, *DataType::bigint(), t);
      }
      if (j.kind != JK::String) throw Malformed{};
      int64_t us;
      // TIMESTAMP_NTZ: a wall clock; text with a zone is malformed (Spark's NTZ parser).
      if (isNtz(t) && o.timestampFormat.empty()) {
        if (!sl::parseTimestampNtz(j.text, &us, /*allowZone=*/false)) throw Malformed{};
        return i64(us);
      }
      const sl::Zone& zone = isNtz(t) ? sl::Zone::utc() : sl::Zone::of(o.timeZone);
      const bool ok = o.timestampFormat.empty()
                          ? sl::parseTimestamp(j.text, &us, zone)
                          : sl::parseWithPattern(j.text, o.timestampFormat, &us, zone);
      if (!ok) throw Malformed{};
      return i64(us);
    }
    case TypeId::Date: {
      if (j.kind != JK::String) throw Malformed{};
      int64_t d, us;
      if (o.dateFormat.empty()) {
        if (!sl::parseDate(j.text, &d)) throw Malformed{};
        return i64(d);
      }
      if (!sl::parseWithPattern(j.text, o.dateFormat, &us)) throw Malformed{};
      return i64(sl::floorDiv(us, sl::kMicrosPerDay));
    }
    case TypeId::Binary:
      if (j.kind != JK::String) throw Malformed{};
      return str(j.text);
    case TypeId::Struct:
      return convertStruct(j, t, o);
    case TypeId::Array: {
      if (j.kind != JK::Array) throw Malformed{};
      Value::List out;
      for (const auto& item : j.items) out.push_back(convert(item, *t.elementType(), o));
      return Value::list(std::move(out));
    }
    case TypeId::Map: {
      if (j.kind != JK::Object) throw Malformed{};
      Value::List out;
      for (const auto& [k, v] : j.fields) {
        out.push_back(castValue(str(k), *DataType::string(), *t.keyType()));
        out.push_back(convert(v, *t.valueType(), o));
      }
      return Value::list(std::move(out));
    }
    default:
      throw Malformed{};
  }
}

// Spark 3 PERMISSIVE: unparseable text gives a struct of NULLs (NULL for array/map schemas);
// a field that does not convert becomes NULL while the others are kept.
Value fromJson(const std::string& text, const DataType& t, const JsonOptions& o) {
  auto doc = sl::parseJson(text, o.parse);
  auto malformed = [&]() -> Value {
    if (o.failFast)
      throw std::invalid_argument(
          "Malformed records are detected in record parsing. Parse Mode: FAILFAST.");
    if (t.id() == TypeId::Struct) return Value::list(Value::List(t.fields().size()));
    return {};
  };
  if (!doc) return malformed();
  if (t.id() == TypeId::Struct) {
    if (doc->kind != JK::Object) return malformed();
    Value::List out(t.fields().size());
    for (size_t i = 0; i < t.fields().size(); ++i) {
      const sl::JsonValue* f = doc->field(t.fields()[i].name);
      if (!f) continue;
      try {
        out[i] = convert(*f, *t.fields()[i].type, o);
      } catch (const Malformed&) {
        if (o.failFast) return malformed();
      }
    }
    return Value::list(std::move(out));
  }
  try {
    return convert(*doc, t, o);
  } catch (const Malformed&) {
    return malformed();
  }
}

// ---------------------------------------------------------------- Value -> JSON

void writeJson(const Value& v, const DataType& t, const JsonOptions& o, std::string& out) {
  if (v.isNull()) {
    out += "null";
    return;
  }
  switch (t.id()) {
    case TypeId::Boolean:
      out += v.asBool() ? "true" : "false";
      break;
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Long:
    case TypeId::Decimal:
      out += v.toString(t);
      break;
    case TypeId::Float:
    case TypeId::Double: {
      const double d = v.asDouble();
      // Jackson quotes non-finite numbers.
      if (std::isfinite(d))
        out += v.toString(t);
      else
        sl::appendJsonString(out, v.toString(t));
      break;
    }
    case TypeId::Timestamp:
      if (isNtz(t)) {  // Spark's timestampNTZFormat default, no zone
        sl::appendJsonString(out, sl::DateTimePattern::compile("yyyy-MM-dd'T'HH:mm:ss.SSS", nullptr)
                                      ->format(v.asInt(), sl::Zone::utc()));
        break;
      }
      sl::appendJsonString(
          out, sl::DateTimePattern::compile(
                   o.timestampFormat.empty() ? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" : o.timestampFormat,
                   nullptr)
                   ->format(v.asInt(), sl::Zone::of(o.timeZone)));
      break;
    case TypeId::Date:
      if (o.dateFormat.empty())
        sl::appendJsonString(out, sl::formatDate(v.asInt()));
      else
        sl::appendJsonString(out, sl::DateTimePattern::compile(o.dateFormat, nullptr)
                                      ->format(v.asInt() * sl::kMicrosPerDay));
      break;
    case TypeId::Struct: {
      out += '{';
      bool first = true;
      const auto& l = v.asList();
      for (size_t i = 0; i < l.size(); ++i) {
        if (l[i].isNull() && o.ignoreNullFields) continue;
        if (!first) out += ',';
        first = false;
        sl::appendJsonString(out, t.fields()[i].name);
        out += ':';
        writeJson(l[i], *t.fields()[i].type, o, out);
      }
      out += '}';
      break;
    }
    case TypeId::Array: {
      out += '[';
      const auto& l = v.asList();
      for (size_t i = 0; i < l.size(); ++i) {
        if (i) out += ',';
        writeJson(l[i], *t.elementType(), o, out);
      }
      out += ']';
      break;
    }
    case TypeId::Map: {
      out += '{';
      const auto& l = v.asList();
      for (size_t i = 0; i + 1 < l.size(); i += 2) {
        if (i) out += ',';
        sl::appendJsonString(out, valueops::castToString(l[i], *t.keyType()));
        out += ':';
        writeJson(l[i + 1], *t.valueType(), o, out);
      }
      out += '}';
      break;
    }
    default:
      sl::appendJsonString(out, valueops::castToString(v, t));
  }
}

// ---------------------------------------------------------------- schema inference

TypePtr inferType(const sl::JsonValue& j);

// Spark's JsonInferSchema.compatibleType.
TypePtr mergeInferred(const TypePtr& a, const TypePtr& b) {
  if (a->id() == TypeId::Null) return b;
  if (b->id() == TypeId::Null) return a;
  if (a->equals(*b)) return a;
  if (a->isNumeric() && b->isNumeric()) {
    if (a->id() == TypeId::Decimal || b->id() == TypeId::Decimal) {
      TypePtr c = commonType(a, b);
      return c ? c : DataType::doubleType();
    }
    return DataType::doubleType();
  }
  if (a->id() == TypeId::Struct && b->id() == TypeId::Struct) {
    std::map<std::string, TypePtr> fields;
    for (const auto& f : a->fields()) fields[f.name] = f.type;
    for (const auto& f : b->fields()) {
      auto it = fields.find(f.name);
      fields[f.name] = it == fields.end() ? f.type : mergeInferred(it->second, f.type);
    }
    std::vector<StructField> out;
    for (auto& [n, t] : fields) out.push_back({n, t, true});
    return DataType::structOf(std::move(out));
  }
  if (a->id() == TypeId::Array && b->id() == TypeId::Array)
    return DataType::arrayOf(mergeInferred(a->elementType(), b->elementType()));
  return DataType::string();
}

TypePtr inferType(const sl::JsonValue& j) {
  switch (j.kind) {
    case JK::Null:
      return DataType::null();
    case JK::Bool:
      return DataType::boolean();
    case JK::String:
      return DataType::string();
    case JK::Number:
      if (j.integral) {
        return stdlib::parseDecimal(j.text, 18, 0) ? DataType::bigint() : DataType::decimal(38, 0);
      }
      return DataType::doubleType();
    case JK::Array: {
      TypePtr t = DataType::null();
      for (const auto& item : j.items) t = mergeInferred(t, inferType(item));
      return DataType::arrayOf(t);
    }
    case JK::Object: {
      std::map<std::string, TypePtr> fields;
      for (const auto& [n, v] : j.fields) {
        auto it = fields.find(n);
        fields[n] = it == fields.end() ? inferType(v) : mergeInferred(it->second, inferType(v));
      }
      std::vector<StructField> out;
      for (auto& [n, t] : fields) out.push_back({n, t, true});
      return DataType::structOf(std::move(out));
    }
  }
  return DataType::string();
}

// Unresolved NullType (all-null fields, empty arrays) becomes string, as in Spark.
TypePtr canonicalize(const TypePtr& t) {
  switch (t->id()) {
    case TypeId::Null:
      return DataType::string();
    case TypeId::Array:
      return DataType::arrayOf(canonicalize(t->elementType()));
    case TypeId::Struct: {
      std::vector<StructField> out;
      for (const auto& f : t->fields()) out.push_back({f.name, canonicalize(f.type), true});
      return DataType::structOf(std::move(out));
    }
    default:
      return t;
  }
}

// Spark 3.3+ prints schema_of_json as `STRUCT<a: BIGINT, b: ARRAY<STRING>>`.
std::string schemaText(const TypePtr& t) {
  const std::string wrapped = DataType::arrayOf(t)->toDdl();  // ARRAY<...>
  return wrapped.substr(6, wrapped.size() - 7);
}

Resolution fromJsonRule(const ResolveContext& c) {
  Resolution r;
  r.argTypes.resize(c.args.size());
  const TypeId in = c.type(0)->id();
  if (in != TypeId::String && in != TypeId::Binary && in != TypeId::Null) failArg(c, 0, "string");
  if (in != TypeId::String) r.argTypes[0] = DataType::string();
  if (c.type(1)->id() != TypeId::String || !c.args[1]->foldable())
    c.fail(1, "function from_json expects a foldable schema string for argument 2, got " +
                  c.args[1]->toString());
  Value schema = evaluateConstant(c.args[1]);
  if (schema.isNull()) c.fail(1, "the schema of from_json must not be NULL");
  try {
    r.result = parseDdlType(schema.asString(), "<from_json schema>");
  } catch (const Error& e) {
    c.fail(1, "invalid schema for from_json: " + e.message());
  }
  readOptions(&c, c.args, 2, false);
  r.nullableOverride = true;
  r.nullable = true;
  return r;
}

}  // namespace

void registerJsonFunctions(FunctionRegistry& r) {
  // json_array_length / json_object_keys: NULL for text that is not a JSON array / object.
  scalar(r, "json_array_length", "string -> int")
      .emitter("json_array_length")
      .then([](const ResolveContext&, Resolution& res) { markNullable(res); })
      .fold([](const Args& v, const Expr&) {
        const auto n = stdlib::jsonArrayLength(v[0].asString());
        return n ? i64(*n) : Value();
      });
  scalar(r, "json_object_keys", "string -> array<string>")
      .emitter("json_object_keys")
      .then([](const ResolveContext&, Resolution& res) {
        res.result = DataType::arrayOf(DataType::string(), false);
        markNullable(res);
      })
      .fold([](const Args& v, const Expr&) {
        const auto keys = stdlib::jsonObjectKeys(v[0].asString());
        if (!keys) return Value();
        Value::List out;
        for (const auto& k : *keys) out.push_back(str(k));
        return Value::list(std::move(out));
      });
  scalar(r, "from_json", "string, string [, map<string,string>] -> ?")
      .emitter("from_json")
      .timeZoneAware()
      .nulls(NullBehavior::Custom)
      .rule(fromJsonRule)
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        JsonOptions o = readOptions(nullptr, call.args, 2, false);
        if (o.timeZone.empty()) o.timeZone = call.timeZone;
        return fromJson(v[0].asString(), *call.type, o);
      });

  scalar(r, "to_json", "any [, map<string,string>] -> string")
      .emitter("to_json")
      .timeZoneAware()
      .fold([](const Args& v, const Expr& call) {
        std::string out;
        JsonOptions o = readOptions(nullptr, call.args, 1, true);
        if (o.timeZone.empty()) o.timeZone = call.timeZone;
        writeJson(v[0], *call.args[0]->type, o, out);
        return str(std::move(out));
      })
      .then([](const ResolveContext& c, Resolution&) {
        if (!c.type(0)->isComplex()) failArg(c, 0, "struct, map or array");
        readOptions(&c, c.args, 1, true);
      });

  scalar(r, "get_json_object", "string, string -> string")
      .emitter("get_json_object")
      .nulls(NullBehavior::Custom)
      .fold([](const Args& v, const Expr&) {
        if (v[0].isNull() || v[1].isNull()) return Value();
        auto out = sl::getJsonObject(v[0].asString(), v[1].asString());
        return out ? str(*out) : Value();
      })
      .then([](const ResolveContext&, Resolution& res) {
        res.nullableOverride = true;
        res.nullable = true;
      });

  scalar(r, "schema_of_json", "string [, map<string,string>] -> string")
      .nulls(NullBehavior::NeverNull)
      .fold([](const Args& v, const Expr&) {
        auto doc = sl::parseJson(v[0].isNull() ? "" : v[0].asString());
        if (!doc)
          throw std::invalid_argument("Cannot infer the schema of malformed JSON '" +
                                      (v[0].isNull() ? std::string("null") : v[0].asString()) +
                                      "'");
        return str(schemaText(canonicalize(inferType(*doc))));
      })
      .then([](const ResolveContext& c, Resolution&) {
        if (!c.args[0]->foldable())
          c.fail(0, "function schema_of_json expects a foldable JSON string for argument 1, got " +
                        c.args[0]->toString());
      });
}

}  // namespace sluice
