// to_json's writer: nested values (stdlib/nested.h) as JSON text, the way Spark's
// JacksonGenerator writes them.
#include <charconv>
#include <cmath>
#include <string>

#include "stdlib/decimal.h"
#include "stdlib/json_schema.h"
#include "stdlib/nested.h"

namespace sluice::stdlib {
namespace {

void appendBase64(std::string& out, std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = static_cast<uint8_t>(in[i]) << 16 | static_cast<uint8_t>(in[i + 1]) << 8 |
                       static_cast<uint8_t>(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kAlphabet[(v >> k) & 63];
  }
  if (i < in.size()) {
    uint32_t v = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
}

template <typename T>
void appendInt(std::string& out, T v) {
  char buf[48];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

class Writer {
 public:
  Writer(const JsonWriteSpec& spec, std::string& out) : spec_(spec), out_(out) {}

  void value(const Slot& s, const NestedType& t) {
    switch (t.kind) {
      case NestedKind::Null:
        out_ += "null";
        break;
      case NestedKind::Boolean:
        out_ += s.as<uint8_t>() ? "true" : "false";
        break;
      case NestedKind::Byte:
        appendInt(out_, static_cast<int>(s.as<int8_t>()));
        break;
      case NestedKind::Short:
        appendInt(out_, static_cast<int>(s.as<int16_t>()));
        break;
      case NestedKind::Int:
        appendInt(out_, s.as<int32_t>());
        break;
      case NestedKind::Long:
        appendInt(out_, s.as<int64_t>());
        break;
      case NestedKind::Float:
      case NestedKind::Double: {
        const bool isFloat = t.kind == NestedKind::Float;
        const double d = isFloat ? s.as<float>() : s.as<double>();
        // Jackson quotes non-finite numbers (QUOTE_NON_NUMERIC_NUMBERS).
        if (std::isfinite(d))
          out_ += javaDouble(d, isFloat);
        else
          appendJsonString(out_, javaDouble(d, isFloat));
        break;
      }
      case NestedKind::Decimal:
        out_ += decimalToString(t.precision <= 18 ? s.as<int64_t>() : s.as<__int128>(), t.scale);
        break;
      case NestedKind::String:
        appendJsonString(out_, s.as<StringView>().view());
        break;
      case NestedKind::Binary:
        out_ += '"';
        appendBase64(out_, s.as<StringView>().view());
        out_ += '"';
        break;
      case NestedKind::Date: {
        const int32_t days = s.as<int32_t>();
        appendJsonString(out_, spec_.dateFormat ? spec_.dateFormat->format(days * kMicrosPerDay)
                                                : formatDate(days));
        break;
      }
      case NestedKind::Timestamp:
        if (t.precision == 1) {  // TIMESTAMP_NTZ: Spark's timestampNTZFormat, no zone
          static const DateTimePattern kNtz =
              *DateTimePattern::compile("yyyy-MM-dd'T'HH:mm:ss.SSS", nullptr);
          appendJsonString(out_, kNtz.format(s.as<int64_t>(), Zone::utc()));
          break;
        }
        appendJsonString(out_, spec_.timestampFormat.format(s.as<int64_t>(), *spec_.zone));
        break;
      case NestedKind::Struct:
        structValue(static_cast<const StructData*>(s.as<const void*>()), t);
        break;
      case NestedKind::Array:
        array(static_cast<const ArrayData*>(s.as<const void*>()), t);
        break;
      case NestedKind::Map:
        map(static_cast<const MapData*>(s.as<const void*>()), t);
        break;
    }
  }

  void structValue(const StructData* s, const NestedType& t) {
    out_ += '{';
    bool first = true;
    for (size_t i = 0; i < t.children.size(); ++i) {
      const bool isNull = s->nulls && s->nulls[i];
      if (isNull && spec_.ignoreNullFields) continue;
      if (!first) out_ += ',';
      first = false;
      appendJsonString(out_, t.fieldNames[i]);
      out_ += ':';
      if (isNull)
        out_ += "null";
      else
        value(s->fields[i], t.children[i]);
    }
    out_ += '}';
  }

  void array(const ArrayData* a, const NestedType& t) {
    out_ += '[';
    for (int64_t i = 0; i < a->length; ++i) {
      if (i) out_ += ',';
      if (a->nulls && a->nulls[i])
        out_ += "null";
      else
        value(a->values[i], t.element());
    }
    out_ += ']';
  }

  void map(const MapData* m, const NestedType& t) {
    out_ += '{';
    for (int64_t i = 0; i < m->length; ++i) {
      if (i) out_ += ',';
      key(m->keys[i], t.key());
      out_ += ':';
      if (m->nulls && m->nulls[i])
        out_ += "null";  // map values are written even when NULL
      else
        value(m->values[i], t.value());
    }
    out_ += '}';
  }

 private:
  // Map keys are written as the key's string form (Spark's key.toString).
  void key(const Slot& s, const NestedType& t) {
    if (t.kind == NestedKind::String) {
      appendJsonString(out_, s.as<StringView>().view());
      return;
    }
    std::string text;
    Writer w(spec_, text);
    w.value(s, t);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
      out_ += text;  // already a JSON string (dates, timestamps, binaries)
      return;
    }
    appendJsonString(out_, text);
  }

  const JsonWriteSpec& spec_;
  std::string& out_;
};

}  // namespace

void writeJson(const JsonWriteSpec& spec, const void* v, std::string& out) {
  Slot s{};
  s.set<const void*>(v);
  Writer(spec, out).value(s, spec.type);
}

std::string javaDouble(double v, bool isFloat) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto shortest = [&](std::chars_format fmt) {
    auto r = isFloat ? std::to_chars(buf, buf + sizeof buf, static_cast<float>(v), fmt)
                     : std::to_chars(buf, buf + sizeof buf, v, fmt);
    return std::string(buf, r.ptr);
  };
  const double a = std::fabs(v);
  // Java prints plain notation in [1e-3, 1e7) and computerized scientific notation outside.
  if (a >= 1e-3 && a < 1e7) {
    std::string s = shortest(std::chars_format::fixed);
    if (s.find('.') == std::string::npos) s += ".0";
    return s;
  }
  std::string s = shortest(std::chars_format::scientific);
  const size_t e = s.find('e');
  std::string mant = s.substr(0, e), ex = s.substr(e + 1);
  if (mant.find('.') == std::string::npos) mant += ".0";
  const bool negExp = ex[0] == '-';
  if (ex[0] == '+' || ex[0] == '-') ex.erase(0, 1);
  while (ex.size() > 1 && ex[0] == '0') ex.erase(0, 1);
  return mant + "E" + (negExp ? "-" : "") + ex;
}

}  // namespace sluice::stdlib
