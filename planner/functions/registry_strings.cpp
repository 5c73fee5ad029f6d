// String rows. Kernels live in stdlib/strings (shared with generated code).
#include <algorithm>

#include "planner/functions/registry_rows.h"
#include "stdlib/strings.h"

namespace sluice {
namespace {

using namespace fnrow;
namespace sl = stdlib;

const std::string& s(const Value& v) {
  return v.asString();
}

// string -> string kernels.
FoldFn strFn(std::string (*f)(std::string_view)) {
  return [f](const Args& v, const Expr&) { return str(f(s(v[0]))); };
}

// Optional trailing argument or a default.
std::string optStr(const Args& v, size_t i, const char* def) {
  return v.size() > i ? s(v[i]) : def;
}

Resolution concatWsRule(const ResolveContext& c) {
  Resolution r;
  r.argTypes.resize(c.args.size());
  for (size_t i = 0; i < c.args.size(); ++i) {
    const TypePtr& t = c.type(i);
    if (i > 0 && t->id() == TypeId::Array) {
      if (!canImplicitCast(t->elementType(), DataType::string()))
        failArg(c, i, "string or array<string>");
      if (t->elementType()->id() != TypeId::String)
        r.argTypes[i] = DataType::arrayOf(DataType::string());
      continue;
    }
    if (!canImplicitCast(t, DataType::string()))
      failArg(c, i, i ? "string or array<string>" : "string");
    if (t->id() != TypeId::String) r.argTypes[i] = DataType::string();
  }
  r.result = DataType::string();
  r.nullableOverride = true;
  r.nullable = c.args[0]->nullable;
  return r;
}

Value concatWsFold(const Args& v, const Expr& call) {
  if (v[0].isNull()) return {};
  std::string out;
  bool first = true;
  auto add = [&](const Value& x) {
    if (x.isNull()) return;  // concat_ws skips NULLs
    if (!first) out += s(v[0]);
    out += s(x);
    first = false;
  };
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i].isNull()) continue;
    if (call.args[i]->type->id() == TypeId::Array) {
      for (const auto& e : v[i].asList()) add(e);
    } else {
      add(v[i]);
    }
  }
  return str(std::move(out));
}

}  // namespace

void registerStringFunctions(FunctionRegistry& r) {
  scalar(r, "concat_ws", "string [, any...] -> string")
      .emitter("concat_ws")
      .nulls(NullBehavior::Custom)
      .rule(concatWsRule)
      .fold(concatWsFold)
      .arity(1, -1);
  scalar(r, "length", "any -> int")
      .emitter("length")
      .symbol("sluice_str_length")
      .alias("char_length")
      .alias("character_length")
      .alias("len")
      .fold([](const Args& v, const Expr& call) {
        if (call.args[0]->type->id() == TypeId::Binary)
          return i64(static_cast<int64_t>(s(v[0]).size()));
        return i64(sl::charLength(s(v[0])));
      })
      .then([](const ResolveContext& c, Resolution& res) {
        const TypeId t = c.type(0)->id();
        if (t == TypeId::Binary) return;
        if (!canImplicitCast(c.type(0), DataType::string())) failArg(c, 0, "string or binary");
        res.argTypes[0] = t == TypeId::String ? nullptr : DataType::string();
      });
  scalar(r, "octet_length", "string -> int")
      .symbol("sluice_str_octet_length")
      .fold([](const Args& v, const Expr&) { return i64(static_cast<int64_t>(s(v[0]).size())); });
  scalar(r, "lower", "string -> string")
      .fold(strFn(sl::lower))
      .symbol("sluice_str_lower")
      .alias("lcase");
  scalar(r, "upper", "string -> string")
      .fold(strFn(sl::upper))
      .symbol("sluice_str_upper")
      .alias("ucase");
  scalar(r, "initcap", "string -> string").fold(strFn(sl::initcap)).symbol("sluice_str_initcap");
  scalar(r, "reverse", "any -> ?")
      .emitter("reverse")
      .symbol("sluice_str_reverse")  // strings; the emitter reverses arrays
      .fold([](const Args& v, const Expr& call) {
        if (call.type->id() == TypeId::Array) {
          Value::List l = v[0].asList();
          std::reverse(l.begin(), l.end());
          return Value::list(std::move(l));
        }
        return str(sl::reverse(s(v[0])));
      })
      .then([](const ResolveContext& c, Resolution& res) {
        if (c.type(0)->id() == TypeId::Array) {
          res.result = c.type(0);
          return;
        }
        if (!canImplicitCast(c.type(0), DataType::string())) failArg(c, 0, "string or array");
        if (c.type(0)->id() != TypeId::String) res.argTypes[0] = DataType::string();
        res.result = DataType::string();
      });
  scalar(r, "substring", "string, int [, int] -> string")
      .alias("substr")
      .symbol("sluice_str_substring")
      .fold([](const Args& v, const Expr&) {
        return str(sl::substring(s(v[0]), v[1].asInt(), v.size() > 2 ? v[2].asInt() : INT32_MAX));
      });
  scalar(r, "left", "string, int -> string")
      .symbol("sluice_str_left")
      .fold(
          [](const Args& v, const Expr&) { return str(sl::substring(s(v[0]), 1, v[1].asInt())); });
  scalar(r, "right", "string, int -> string")
      .symbol("sluice_str_right")
      .fold([](const Args& v, const Expr&) {
        const int64_t n = v[1].asInt();
        return str(n <= 0 ? "" : sl::substring(s(v[0]), -n, INT32_MAX));
      });
  scalar(r, "trim", "string [, string] -> string")
      .symbol("sluice_str_trim")
      .fold([](const Args& v, const Expr&) { return str(sl::trim(s(v[0]), optStr(v, 1, " "))); });
  scalar(r, "ltrim", "string [, string] -> string")
      .symbol("sluice_str_ltrim")
      .fold([](const Args& v, const Expr&) { return str(sl::ltrim(s(v[0]), optStr(v, 1, " "))); });
  scalar(r, "rtrim", "string [, string] -> string")
      .symbol("sluice_str_rtrim")
      .fold([](const Args& v, const Expr&) { return str(sl::rtrim(s(v[0]), optStr(v, 1, " "))); });
  scalar(r, "lpad", "string, int [, string] -> string")
      .symbol("sluice_str_lpad")
      .fold([](const Args& v, const Expr&) {
        return str(sl::lpad(s(v[0]), v[1].asInt(), optStr(v, 2, " ")));
      });
  scalar(r, "rpad", "string, int [, string] -> string")
      .symbol("sluice_str_rpad")
      .fold([](const Args& v, const Expr&) {
        return str(sl::rpad(s(v[0]), v[1].asInt(), optStr(v, 2, " ")));
      });
  scalar(r, "repeat", "string, int -> string")
      .symbol("sluice_str_repeat")
      .fold([](const Args& v, const Expr&) { return str(sl::repeat(s(v[0]), v[1].asInt())); });
  scalar(r, "instr", "string, string -> int")
      .symbol("sluice_str_instr")
      .fold([](const Args& v, const Expr&) { return i64(sl::instr(s(v[0]), s(v[1]))); });
  scalar(r, "locate", "string, string [, int] -> int")
      .symbol("sluice_str_locate")
      .alias("position")
      .fold([](const Args& v, const Expr&) {
        // locate(substr, str[, pos]): 1-based search start; 0 when not found or pos < 1.
        const int64_t pos = v.size() > 2 ? v[2].asInt() : 1;
        if (pos < 1) return i64(0);
        const std::string tail = sl::substring(s(v[1]), pos, INT32_MAX);
        const int64_t at = sl::instr(tail, s(v[0]));
        return i64(at == 0 ? 0 : at + pos - 1);
      });
  scalar(r, "replace", "string, string [, string] -> string")
      .symbol("sluice_str_replace")
      .fold([](const Args& v, const Expr&) {
        return str(sl::replace(s(v[0]), s(v[1]), optStr(v, 2, "")));
      });
  scalar(r, "startswith", "string, string -> boolean")
      .symbol("sluice_str_startswith")
      .fold([](const Args& v, const Expr&) { return boolv(sl::startsWith(s(v[0]), s(v[1]))); });
  scalar(r, "endswith", "string, string -> boolean")
      .symbol("sluice_str_endswith")
      .fold([](const Args& v, const Expr&) { return boolv(sl::endsWith(s(v[0]), s(v[1]))); });
  scalar(r, "contains", "string, string -> boolean")
      .symbol("sluice_str_contains")
      .fold([](const Args& v, const Expr&) { return boolv(sl::contains(s(v[0]), s(v[1]))); });

  scalar(r, "split", "string, string [, int] -> array<string>")
      .symbol("sluice_str_split")
      .checkConstants(regexArg(1))
      .fold([](const Args& v, const Expr&) {
        Value::List out;
        for (auto& part : sl::split(s(v[0]), s(v[1]), v.size() > 2 ? v[2].asInt() : -1))
          out.push_back(str(std::move(part)));
        return Value::list(std::move(out));
      })
      .then([](const ResolveContext&, Resolution& res) {
        res.result = DataType::arrayOf(DataType::string(), false);
      });
  scalar(r, "regexp_extract", "string, string [, int] -> string")
      .symbol("sluice_str_regexp_extract")
      .checkConstants([](const Expr& call) {
        regexArg(1)(call);
        // A constant group index beyond the constant regex's groups is an error too.
        const Value* re = literalArg(call, 1);
        const Value* group = literalArg(call, 2);
        if (re && group)
          checkConstant(call, [&] { sl::regexpExtract("", re->asString(), group->asInt()); });
      })
      .fold([](const Args& v, const Expr&) {
        return str(sl::regexpExtract(s(v[0]), s(v[1]), v.size() > 2 ? v[2].asInt() : 1));
      });
  scalar(r, "regexp_replace", "string, string, string [, int] -> string")
      .symbol("sluice_str_regexp_replace")
      .checkConstants(regexArg(1))
      .fold([](const Args& v, const Expr&) {
        return str(sl::regexpReplace(s(v[0]), s(v[1]), s(v[2]), v.size() > 3 ? v[3].asInt() : 1));
      });
  scalar(r, "ascii", "string -> int")
      .symbol("sluice_str_ascii")
      .fold([](const Args& v, const Expr&) {
        const std::string& x = s(v[0]);
        if (x.empty()) return i64(0);
        // Spark returns the first code point.
        const std::string first = sl::substring(x, 1, 1);
        uint32_t cp = static_cast<unsigned char>(first[0]);
        if (first.size() > 1) {
          cp &= 0xFFu >> (first.size() + 1);
          for (size_t i = 1; i < first.size(); ++i)
            cp = (cp << 6) | (static_cast<unsigned char>(first[i]) & 0x3F);
        }
        return i64(cp);
      });
}

}  // namespace sluice
