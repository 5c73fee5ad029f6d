// Spark's string and encoding rows beyond registry_strings.cpp: hex / unhex, base64 /
// unbase64, encode / decode, split_part, substring_index, levenshtein, soundex, translate,
// overlay, btrim, luhn_check, elt, format_string / printf. Kernels live in stdlib/strings_spark
// (shared with generated code through stdlib/strings_spark_abi.h).
#include "frontend/text.h"
#include "planner/functions/registry_rows.h"
#include "stdlib/collections_spark.h"
#include "stdlib/number_format.h"
#include "stdlib/strings.h"
#include "stdlib/strings_spark.h"

namespace sluice {
namespace {

using namespace fnrow;
namespace sl = stdlib;

const std::string& s(const Value& v) {
  return v.asString();
}

// Runs a fold that may throw std::invalid_argument (a constant argument Spark refuses at run
// time, e.g. split_part's index 0): the error names the function and points at the call.
template <typename F>
Value orFail(const Expr& call, F&& f) {
  Value out;
  try {
    out = f();
  } catch (const std::invalid_argument& e) {
    throw AnalysisError("function " + call.fn->name + ": " + e.what(), nullptr, call.span);
  }
  return out;
}

// The result may be NULL for non-NULL arguments (malformed input, an index out of range).
void mayBeNull(const ResolveContext&, Resolution& res) {
  res.nullableOverride = true;
  res.nullable = true;
}

// A constant charset argument must be one encode / decode support.
std::function<void(const Expr&)> charsetArg(size_t i) {
  return [i](const Expr& call) {
    if (const Value* cs = literalArg(call, i))
      checkConstant(call, [&] { sl::checkCharset(cs->asString()); });
  };
}

// hex takes integral numbers (as bigint), strings and binaries.
void hexArgs(const ResolveContext& c, Resolution& res) {
  const TypePtr& t = c.type(0);
  if (t->id() == TypeId::String || t->id() == TypeId::Binary) return;
  if (!t->isIntegral() && t->id() != TypeId::Null) failArg(c, 0, "bigint, string or binary");
  if (t->id() != TypeId::Long) res.argTypes[0] = DataType::bigint();
}

// The decimal to_char reads a number as (Spark's implicit cast to DecimalType).
TypePtr toCharDecimal(const DataType& t) {
  if (t.id() == TypeId::Decimal) return nullptr;
  if (t.id() == TypeId::Float) return DataType::decimal(14, 7);
  if (t.id() == TypeId::Double) return DataType::decimal(30, 15);
  if (t.isIntegral()) return DataType::decimalFor(t);
  return DataType::decimal(10, 0);  // NULL
}

// elt(n, s...): the n-th string, NULL when n is out of range (Spark's non-ANSI mode); only
// n and the chosen argument matter, so NULLs elsewhere do not propagate.
Value eltFold(const Args& v, const Expr&) {
  if (v[0].isNull()) return {};
  const int64_t n = v[0].asInt();
  if (n < 1 || n >= static_cast<int64_t>(v.size())) return {};
  return v[static_cast<size_t>(n)];
}

void registerEncodingFunctions(FunctionRegistry& r) {
  scalar(r, "hex", "any -> string")
      .symbol("sluice_str_hex")
      .then(hexArgs)
      .fold([](const Args& v, const Expr& call) {
        if (call.args[0]->type->id() == TypeId::Long) return str(sl::hexOfLong(v[0].asInt()));
        return str(sl::hexOfBytes(s(v[0])));
      });
  scalar(r, "unhex", "string -> binary")
      .symbol("sluice_str_unhex")
      .then(mayBeNull)
      .fold([](const Args& v, const Expr&) {
        auto b = sl::unhex(s(v[0]));
        return b ? str(std::move(*b)) : Value();
      });
  scalar(r, "base64", "binary -> string")
      .symbol("sluice_str_base64")
      .fold([](const Args& v, const Expr&) { return str(sl::base64Encode(s(v[0]))); });
  scalar(r, "unbase64", "string -> binary")
      .symbol("sluice_str_unbase64")
      .fold([](const Args& v, const Expr&) { return str(sl::base64Decode(s(v[0]))); });
  // to_binary(s[, fmt]): malformed text fails (try_to_binary: NULL); fmt defaults to 'hex'.
  auto binaryFormat = [](const Expr& call) {
    if (const Value* f = literalArg(call, 1))
      checkConstant(call, [&] { sl::toBinary("", f->asString()); });
  };
  scalar(r, "to_binary", "string [, string] -> binary")
      .symbol("sluice_str_to_binary")
      .checkConstants(binaryFormat)
      .then(mayBeNull)
      .fold([](const Args& v, const Expr& call) {
        const std::string fmt = v.size() > 1 ? s(v[1]) : "hex";
        return orFail(call, [&] {
          auto b = sl::toBinary(s(v[0]), fmt);
          if (!b) throw std::invalid_argument(sl::malformedBinaryMessage(s(v[0]), fmt));
          return str(std::move(*b));
        });
      });
  // to_number(s, fmt) / try_to_number: decimal(digits, digits after the point) of the
  // constant format (stdlib/number_format.h).
  auto numberRule = [](const ResolveContext& c) {
    if (c.type(0)->id() != TypeId::String && c.type(0)->id() != TypeId::Null)
      failArg(c, 0, "string");
    if (c.type(1)->id() != TypeId::String) failArg(c, 1, "a string format");
    const Value f = constArg(c, 1, "a constant format string");
    Resolution res;
    res.argTypes.resize(2);
    if (c.type(0)->id() == TypeId::Null) res.argTypes[0] = DataType::string();
    res.result = DataType::decimal(10, 0);  // NULL format: NULL of any decimal
    if (!f.isNull()) {
      try {
        const sl::NumberFormat nf = sl::NumberFormat::parse(f.asString());
        res.result = DataType::decimal(nf.precision(), nf.scale());
      } catch (const std::invalid_argument& e) {
        c.fail(1, e.what());
      }
    }
    mayBeNull(c, res);
    return res;
  };
  auto numberFold = [](bool orNull) {
    return [orNull](const Args& v, const Expr& call) {
      return orFail(call, [&] {
        const auto n = sl::NumberFormat::parse(s(v[1])).read(s(v[0]));
        if (!n && !orNull) throw std::invalid_argument(sl::numberMismatchMessage(s(v[0]), s(v[1])));
        return n ? Value::decimal(*n) : Value();
      });
    };
  };
  scalar(r, "to_number", "string, string -> ?")
      .symbol("sluice_str_to_number")
      .rule(numberRule)
      .fold(numberFold(false));
  scalar(r, "try_to_number", "string, string -> ?")
      .symbol("sluice_str_try_to_number")
      .rule(numberRule)
      .fold(numberFold(true));
  // to_char(number, fmt) / to_varchar: Spark's ToCharacter casts the number to a decimal and
  // writes it with a constant number format (stdlib/number_format.h). Dates, timestamps and
  // binaries never reach this row: the binder calls toCharDelegate's row instead.
  scalar(r, "to_char", "numeric, string -> string")
      .emitter("to_char")
      .rule([](const ResolveContext& c) {
        const TypePtr& t = c.type(0);
        if (!t->isNumeric() && t->id() != TypeId::Null)
          failArg(c, 0, "a number, date, timestamp or binary");
        if (c.type(1)->id() != TypeId::String) failArg(c, 1, "a string format");
        const Value f = constArg(c, 1, "a constant format string");
        if (!f.isNull()) {
          try {
            (void)sl::NumberFormat::parse(f.asString());
          } catch (const std::invalid_argument& e) {
            c.fail(1, e.what());
          }
        }
        Resolution res;
        res.argTypes = {toCharDecimal(*t), nullptr};
        res.result = DataType::string();
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        return orFail(call, [&] {
          return str(sl::formatNumber(s(v[1]), v[0].asDecimal(), call.args[0]->type->scale()));
        });
      })
      .alias("to_varchar");
  scalar(r, "try_to_binary", "string [, string] -> binary")
      .symbol("sluice_str_try_to_binary")
      .checkConstants(binaryFormat)
      .then(mayBeNull)
      .fold([](const Args& v, const Expr& call) {
        return orFail(call, [&] {
          auto b = sl::toBinary(s(v[0]), v.size() > 1 ? s(v[1]) : "hex");
          return b ? str(std::move(*b)) : Value();
        });
      });
  scalar(r, "encode", "string, string -> binary")
      .symbol("sluice_str_encode")
      .checkConstants(charsetArg(1))
      .fold([](const Args& v, const Expr& call) {
        return orFail(call, [&] { return str(sl::encodeCharset(s(v[0]), s(v[1]))); });
      });
  scalar(r, "decode", "binary, string -> string")
      .symbol("sluice_str_decode")
      .checkConstants(charsetArg(1))
      .fold([](const Args& v, const Expr& call) {
        return orFail(call, [&] { return str(sl::decodeCharset(s(v[0]), s(v[1]))); });
      });
}

}  // namespace

void registerSparkStringFunctions(FunctionRegistry& r) {
  registerEncodingFunctions(r);
  // format_string(fmt, args...) / printf: java.util.Formatter over the arguments; dates,
  // timestamps, intervals and binaries are formatted as their text.
  scalar(r, "format_string", "string, any... -> string")
      .alias("printf")
      .arity(1, -1)
      .emitter("format_string")
      .nulls(NullBehavior::Custom)
      .rule([](const ResolveContext& c) {
        Resolution res;
        res.argTypes.resize(c.args.size());
        if (c.type(0)->id() != TypeId::String && c.type(0)->id() != TypeId::Null)
          failArg(c, 0, "a string format");
        if (c.type(0)->id() == TypeId::Null) res.argTypes[0] = DataType::string();
        for (size_t i = 1; i < c.args.size(); ++i) {
          const DataType& t = *c.type(i);
          if (t.isComplex()) failArg(c, i, "an atomic value");
          if (t.isDatetime() || t.isAnsiInterval() || t.id() == TypeId::Binary ||
              t.id() == TypeId::Null)
            res.argTypes[i] = DataType::string();
        }
        res.result = DataType::string();
        res.nullableOverride = true;
        res.nullable = c.args[0]->nullable;
        return res;
      })
      .fold([](const Args& v, const Expr& call) {
        if (v[0].isNull()) return Value();
        std::vector<stdlib::FormatArg> args(v.size() - 1);
        using K = stdlib::FormatArg::Kind;
        for (size_t i = 1; i < v.size(); ++i) {
          stdlib::FormatArg& a = args[i - 1];
          const DataType& t = *call.args[i]->type;
          if (v[i].isNull()) continue;
          if (t.id() == TypeId::Boolean) {
            a.kind = K::Bool, a.b = v[i].asBool();
          } else if (t.isIntegral()) {
            a.kind = K::Int, a.i = v[i].asInt();
          } else if (t.isFractional()) {
            a.kind = K::Double,
            a.d = t.id() == TypeId::Float ? static_cast<float>(v[i].asDouble()) : v[i].asDouble();
          } else if (t.id() == TypeId::Decimal) {
            a.kind = K::Decimal, a.unscaled = v[i].asDecimal(), a.scale = t.scale();
          } else {
            a.kind = K::String, a.s = v[i].asString();
          }
        }
        return str(stdlib::formatString(v[0].asString(), args));
      });
  scalar(r, "split_part", "string, string, int -> string")
      .symbol("sluice_str_split_part")
      .checkConstants([](const Expr& call) {
        const Value* n = literalArg(call, 2);
        if (n && n->asInt() == 0) checkConstant(call, [] { sl::splitPart("", ",", 0); });
      })
      .fold([](const Args& v, const Expr& call) {
        return orFail(call, [&] { return str(sl::splitPart(s(v[0]), s(v[1]), v[2].asInt())); });
      });
  scalar(r, "substring_index", "string, string, int -> string")
      .symbol("sluice_str_substring_index")
      .fold([](const Args& v, const Expr&) {
        return str(sl::substringIndex(s(v[0]), s(v[1]), v[2].asInt()));
      });
  scalar(r, "levenshtein", "string, string [, int] -> int")
      .symbol("sluice_str_levenshtein")
      .fold([](const Args& v, const Expr&) {
        return i64(v.size() > 2 ? sl::levenshteinBounded(s(v[0]), s(v[1]), v[2].asInt())
                                : sl::levenshtein(s(v[0]), s(v[1])));
      });
  scalar(r, "soundex", "string -> string")
      .symbol("sluice_str_soundex")
      .fold([](const Args& v, const Expr&) { return str(sl::soundex(s(v[0]))); });
  scalar(r, "translate", "string, string, string -> string")
      .symbol("sluice_str_translate")
      .fold(
          [](const Args& v, const Expr&) { return str(sl::translate(s(v[0]), s(v[1]), s(v[2]))); });
  scalar(r, "overlay", "string, string, int [, int] -> string")
      .symbol("sluice_str_overlay")
      .fold([](const Args& v, const Expr&) {
        return str(sl::overlay(s(v[0]), s(v[1]), v[2].asInt(), v.size() > 3 ? v[3].asInt() : -1));
      });
  // btrim is trim under Spark's other name (same kernel, same bindings).
  scalar(r, "btrim", "string [, string] -> string")
      .symbol("sluice_str_trim")
      .fold([](const Args& v, const Expr&) {
        return str(sl::trim(s(v[0]), v.size() > 1 ? s(v[1]) : " "));
      });
  scalar(r, "luhn_check", "string -> boolean")
      .symbol("sluice_str_luhn_check")
      .fold([](const Args& v, const Expr&) { return boolv(sl::luhnCheck(s(v[0]))); });
  scalar(r, "elt", "int, string... -> string")
      .emitter("elt")
      .nulls(NullBehavior::Custom)
      .then(mayBeNull)
      .fold(eltFold)
      .arity(2, -1);
}

const FunctionDef* toCharDelegate(std::vector<ExprPtr>& args, std::string* error) {
  if (args.size() != 2) return nullptr;
  const TypeId t = args[0]->type->id();
  const FunctionRegistry& r = FunctionRegistry::builtins();
  if (t == TypeId::Date || t == TypeId::Timestamp) return r.find("date_format");
  if (t != TypeId::Binary) return nullptr;
  const Value* f = args[1]->kind == ExprKind::Literal ? &args[1]->value : nullptr;
  const std::string fmt = f && !f->isNull() ? asciiLower(f->asString()) : "";
  if (fmt == "base64" || fmt == "hex") {
    args.pop_back();
    return r.find(fmt);
  }
  if (fmt == "utf-8" || fmt == "utf8") {
    args[1] = makeLiteral(Value::bytes("UTF-8"), DataType::string(), args[1]->span);
    return r.find("decode");
  }
  *error =
      "[INVALID_PARAMETER_VALUE.BINARY_FORMAT] The value of parameter(s) `format` in "
      "`to_char` is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but "
      "got '" +
      (f && !f->isNull() ? f->asString() : std::string("NULL")) + "'.";
  return nullptr;
}

}  // namespace sluice
