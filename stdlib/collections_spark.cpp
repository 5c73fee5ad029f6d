#include "stdlib/collections_spark.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "stdlib/decimal.h"
#include "stdlib/json.h"
#include "stdlib/strings.h"

namespace sluice::stdlib {

std::string arrayJoin(const std::vector<std::optional<std::string_view>>& elements,
                      std::string_view delim, const std::optional<std::string_view>& replacement) {
  std::string out;
  bool first = true;
  for (const auto& e : elements) {
    if (!e && !replacement) continue;
    if (!first) out += delim;
    out += e ? *e : *replacement;
    first = false;
  }
  return out;
}

std::optional<int32_t> jsonArrayLength(std::string_view json) {
  auto doc = parseJson(json);
  if (!doc || doc->kind != JsonValue::Kind::Array) return std::nullopt;
  return static_cast<int32_t>(doc->items.size());
}

std::optional<std::vector<std::string>> jsonObjectKeys(std::string_view json) {
  auto doc = parseJson(json);
  if (!doc || doc->kind != JsonValue::Kind::Object) return std::nullopt;
  std::vector<std::string> keys;
  for (const auto& [k, v] : doc->fields) keys.push_back(k);
  return keys;
}

std::vector<std::pair<std::string, std::optional<std::string>>> strToMap(
    std::string_view text, std::string_view pairDelim, std::string_view keyValueDelim) {
  std::vector<std::pair<std::string, std::optional<std::string>>> out;
  for (const std::string& entry : split(text, pairDelim, -1)) {
    std::vector<std::string> kv = split(entry, keyValueDelim, 2);
    std::pair<std::string, std::optional<std::string>> e{kv[0], std::nullopt};
    if (kv.size() > 1) e.second = kv[1];
    for (const auto& seen : out)
      if (seen.first == e.first)
        throw std::invalid_argument("[DUPLICATED_MAP_KEY] Duplicate map key " + e.first +
                                    " was found, please check the input data.");
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

std::string asciiUpper(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

[[noreturn]] void formatError(const std::string& what) {
  throw std::invalid_argument(what);
}

std::string decimalText(const FormatArg& a) {
  return decimalToString(a.unscaled, a.scale);
}

// Inserts grouping commas into the integer digits of `digits` (sign and fraction kept).
std::string group(const std::string& digits) {
  size_t start = digits[0] == '-' ? 1 : 0;
  size_t end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  std::string out = digits.substr(0, start);
  for (size_t i = start; i < end; ++i) {
    out += digits[i];
    const size_t left = end - i - 1;
    if (left && left % 3 == 0) out += ',';
  }
  return out + digits.substr(end);
}

}  // namespace

std::string formatString(std::string_view f, const std::vector<FormatArg>& args) {
  std::string out;
  size_t next = 0;  // the next ordinary argument
  for (size_t i = 0; i < f.size();) {
    if (f[i] != '%') {
      out += f[i++];
      continue;
    }
    const size_t start = i++;
    // [argument_index$]
    size_t j = i;
    int64_t index = -1;
    while (j < f.size() && std::isdigit(static_cast<unsigned char>(f[j]))) ++j;
    if (j < f.size() && f[j] == '$' && j > i) {
      index = std::stoll(std::string(f.substr(i, j - i)));
      i = j + 1;
    }
    std::string flags;
    while (i < f.size() && std::string_view("-#+ 0,(").find(f[i]) != std::string_view::npos)
      flags += f[i++];
    int width = -1, precision = -1;
    if (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) {
      width = 0;
      while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i])))
        width = width * 10 + (f[i++] - '0');
    }
    if (i < f.size() && f[i] == '.') {
      ++i;
      precision = 0;
      if (i >= f.size() || !std::isdigit(static_cast<unsigned char>(f[i])))
        formatError("IllegalFormatPrecisionException");
      while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i])))
        precision = precision * 10 + (f[i++] - '0');
    }
    if (i >= f.size()) formatError("UnknownFormatConversionException: Conversion = '%'");
    const char conv = f[i++];
    if (conv == '%') {
      std::string s = "%";
      if (width > 1)
        s = flags.find('-') != std::string::npos ? s + std::string(width - 1, ' ')
                                                 : std::string(width - 1, ' ') + s;
      out += s;
      continue;
    }
    if (conv == 'n') {
      out += '\n';
      continue;
    }
    const FormatArg* a = nullptr;
    const size_t at = index > 0 ? static_cast<size_t>(index - 1) : next++;
    if (at >= args.size())
      formatError("MissingFormatArgumentException: Format specifier '" +
                  std::string(f.substr(start, i - start)) + "'");
    a = &args[at];
    const bool isNull = a->kind == FormatArg::Kind::Null;
    std::string body;
    switch (conv) {
      case 'b':
      case 'B':
        body = isNull                             ? "false"
               : a->kind == FormatArg::Kind::Bool ? (a->b ? "true" : "false")
                                                  : "true";
        if (precision >= 0 && static_cast<int>(body.size()) > precision) body.resize(precision);
        if (conv == 'B') body = asciiUpper(body);
        break;
      case 's':
      case 'S': {
        switch (a->kind) {
          case FormatArg::Kind::Null:
            body = "null";
            break;
          case FormatArg::Kind::Bool:
            body = a->b ? "true" : "false";
            break;
          case FormatArg::Kind::Int:
            body = std::to_string(a->i);
            break;
          case FormatArg::Kind::Double:
            body = formatDouble(a->d, false);
            break;
          case FormatArg::Kind::Decimal:
            body = decimalText(*a);
            break;
          case FormatArg::Kind::String:
            body = std::string(a->s);
            break;
        }
        if (precision >= 0 && static_cast<int>(body.size()) > precision) body.resize(precision);
        if (conv == 'S') body = asciiUpper(body);
        break;
      }
      case 'c':
        if (isNull) {
          body = "null";
        } else if (a->kind == FormatArg::Kind::Int) {
          appendUtf8(static_cast<uint32_t>(a->i), body);
        } else {
          formatError(std::string("IllegalFormatConversionException: c != ") +
                      (a->kind == FormatArg::Kind::String
                           ? "org.apache.spark.unsafe.types.UTF8String"
                           : "java.lang.Double"));
        }
        break;
      case 'd':
      case 'o':
      case 'x':
      case 'X': {
        if (isNull) {
          body = "null";
          break;
        }
        if (a->kind != FormatArg::Kind::Int &&
            !(conv == 'd' && a->kind == FormatArg::Kind::Decimal && a->scale == 0))
          formatError(std::string("IllegalFormatConversionException: ") + conv + " != " +
                      (a->kind == FormatArg::Kind::String
                           ? "org.apache.spark.unsafe.types.UTF8String"
                       : a->kind == FormatArg::Kind::Double ? "java.lang.Double"
                       : a->kind == FormatArg::Kind::Bool   ? "java.lang.Boolean"
                                                            : "java.math.BigDecimal"));
        if (precision >= 0)
          formatError("IllegalFormatPrecisionException: " + std::to_string(precision));
        if (conv == 'd') {
          std::string digits =
              a->kind == FormatArg::Kind::Int ? std::to_string(a->i) : decimalText(*a);
          const bool neg = digits[0] == '-';
          if (flags.find(',') != std::string::npos) digits = group(digits);
          if (neg && flags.find('(') != std::string::npos)
            digits = "(" + digits.substr(1) + ")";
          else if (!neg && flags.find('+') != std::string::npos)
            digits = "+" + digits;
          else if (!neg && flags.find(' ') != std::string::npos)
            digits = " " + digits;
          body = digits;
        } else {
          char buf[40];
          // Java prints negative longs in hex / octal as their two's complement.
          const unsigned long long u = static_cast<unsigned long long>(a->i);
          std::snprintf(buf, sizeof buf, conv == 'o' ? "%llo" : conv == 'x' ? "%llx" : "%llX", u);
          body = buf;
          if (flags.find('#') != std::string::npos)
            body = (conv == 'o' ? "0" : conv == 'x' ? "0x" : "0X") + body;
        }
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'g':
      case 'G': {
        if (isNull) {
          body = "null";
          break;
        }
        double d;
        if (a->kind == FormatArg::Kind::Double)
          d = a->d;
        else if (a->kind == FormatArg::Kind::Decimal)
          d = decimalToDouble(a->unscaled, a->scale);
        else
          formatError(std::string("IllegalFormatConversionException: ") + conv + " != " +
                      (a->kind == FormatArg::Kind::Int ? "java.lang.Long"
                       : a->kind == FormatArg::Kind::String
                           ? "org.apache.spark.unsafe.types.UTF8String"
                           : "java.lang.Boolean"));
        if (std::isnan(d) || std::isinf(d)) {
          body = std::isnan(d)
                     ? "NaN"
                     : (d > 0 ? (flags.find('+') != std::string::npos ? "+Infinity" : "Infinity")
                              : "-Infinity");
          break;
        }
        std::string spec = "%";
        if (flags.find('+') != std::string::npos) spec += '+';
        if (flags.find(' ') != std::string::npos) spec += ' ';
        if (flags.find('#') != std::string::npos) spec += '#';
        spec += "." + std::to_string(precision >= 0 ? precision : 6);
        spec += conv;
        char buf[512];
        std::snprintf(buf, sizeof buf, spec.c_str(), d);
        body = buf;
        if (flags.find(',') != std::string::npos && (conv == 'f')) body = group(body);
        if (flags.find('(') != std::string::npos && !body.empty() && body[0] == '-')
          body = "(" + body.substr(1) + ")";
        break;
      }
      default:
        formatError(std::string("UnknownFormatConversionException: Conversion = '") + conv + "'");
    }
    if (width > static_cast<int>(body.size())) {
      const size_t pad = static_cast<size_t>(width) - body.size();
      if (flags.find('-') != std::string::npos) {
        body += std::string(pad, ' ');
      } else if (flags.find('0') != std::string::npos && !isNull &&
                 std::string_view("doxXefgEG").find(conv) != std::string_view::npos) {
        const size_t signLen =
            !body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ') ? 1 : 0;
        const size_t prefixLen =
            body.compare(signLen, 2, "0x") == 0 || body.compare(signLen, 2, "0X") == 0 ? signLen + 2
                                                                                       : signLen;
        body.insert(prefixLen, pad, '0');
      } else {
        body = std::string(pad, ' ') + body;
      }
    }
    out += body;
  }
  return out;
}

}  // namespace sluice::stdlib
