// Rows without a theme of their own: typeof, uuid, Spark's cast-style functions (int(x),
// string(x), ...), the try_ arithmetic (NULL instead of overflow), bit_count, bit_get and
// width_bucket. Kernels live in stdlib/bits and stdlib/uuid.
#include "planner/functions/registry_rows.h"
#include "stdlib/bits.h"

namespace sluice {
namespace {

using namespace fnrow;
namespace sl = stdlib;

// int(x), string(x), ...: Spark registers these as CAST(x AS type). The row's rule asks the
// binder to cast its argument (an explicit, non-ANSI CAST), so the call itself is the
// identity (emitter "cast_function").
void castFunction(FunctionRegistry& r, const std::string& name, TypePtr to) {
  scalar(r, name, "any -> ?")
      .emitter("cast_function")
      .nulls(NullBehavior::Custom)
      .rule([to](const ResolveContext& c) {
        if (!canCast(c.type(0), to))
          c.fail(0, "function " + c.name + " cannot cast " + c.type(0)->toString() + " to " +
                        to->toString());
        Resolution res;
        res.result = to;
        res.argTypes = {c.type(0)->equals(*to) ? nullptr : to};
        res.nullableOverride = true;
        res.nullable = true;  // a non-ANSI cast of malformed input is NULL
        return res;
      })
      .fold([](const Args& v, const Expr&) { return v[0]; });
}

// Bits of an integral type (bit_get's valid positions).
int integralBits(TypeId t) {
  return t == TypeId::Byte ? 8 : t == TypeId::Short ? 16 : t == TypeId::Int ? 32 : 64;
}

// The integral range of `t` (tinyint .. bigint).
bool fitsIntegral(TypeId t, __int128 v) {
  switch (t) {
    case TypeId::Byte:
      return v >= INT8_MIN && v <= INT8_MAX;
    case TypeId::Short:
      return v >= INT16_MIN && v <= INT16_MAX;
    case TypeId::Int:
      return v >= INT32_MIN && v <= INT32_MAX;
    default:
      return v >= INT64_MIN && v <= INT64_MAX;
  }
}

// try_add / try_subtract / try_multiply / try_divide: the operator's types and result, but
// NULL where the operator would overflow an integral type (Spark's try_ family; in non-ANSI
// mode the operator itself wraps). Division already gives NULL for a zero divisor.
void tryArith(FunctionRegistry& r, const std::string& name, char op, const std::string& emitter) {
  scalar(r, name, "numeric, numeric -> ?")
      .emitter(emitter)
      .rule([op](const ResolveContext& c) {
        Resolution res = arithRule(c, op);
        res.nullableOverride = true;
        res.nullable = true;
        return res;
      })
      .fold([op](const Args& v, const Expr& call) {
        const TypeId t = call.type->id();
        if (call.type->isIntegral() && op != '/') {
          const __int128 x = v[0].asInt(), y = v[1].asInt();
          const __int128 exact = op == '+' ? x + y : op == '-' ? x - y : x * y;
          if (!fitsIntegral(t, exact)) return Value();
        }
        return arithFold(op, v, call);
      });
}

}  // namespace

void registerMiscFunctions(FunctionRegistry& r) {
  scalar(r, "typeof", "any -> string")
      .emitter("typeof")
      .nulls(NullBehavior::NeverNull)
      .fold([](const Args&, const Expr& call) { return str(call.args[0]->type->toString()); });
  scalar(r, "uuid", "-> string")
      .symbol("sluice_uuid")
      .nondeterministic()
      .then([](const ResolveContext&, Resolution& res) {
        res.nullableOverride = true;
        res.nullable = false;
      });
  castFunction(r, "boolean", DataType::boolean());
  castFunction(r, "tinyint", DataType::byte());
  castFunction(r, "smallint", DataType::shortType());
  castFunction(r, "int", DataType::integer());
  castFunction(r, "bigint", DataType::bigint());
  castFunction(r, "float", DataType::floatType());
  castFunction(r, "double", DataType::doubleType());
  castFunction(r, "decimal", DataType::decimal(10, 0));
  castFunction(r, "string", DataType::string());
  castFunction(r, "binary", DataType::binary());
  castFunction(r, "date", DataType::date());
  castFunction(r, "timestamp", DataType::timestamp());
  tryArith(r, "try_add", '+', "try_add");
  tryArith(r, "try_subtract", '-', "try_subtract");
  tryArith(r, "try_multiply", '*', "try_multiply");
  tryArith(r, "try_divide", '/', "divide");

  scalar(r, "bit_count", "any -> int")
      .symbol("sluice_bit_count")
      .then([](const ResolveContext& c, Resolution& res) {
        const TypePtr& t = c.type(0);
        if (!t->isIntegral() && t->id() != TypeId::Boolean && t->id() != TypeId::Null)
          failArg(c, 0, "an integral or boolean value");
        if (t->id() != TypeId::Long) res.argTypes[0] = DataType::bigint();
      })
      .fold([](const Args& v, const Expr&) { return i64(sl::bitCount(v[0].asInt())); });
  scalar(r, "bit_get", "integral, int -> tinyint")
      .alias("getbit")
      .emitter("bit_get")
      .then([](const ResolveContext&, Resolution& res) {
        res.nullableOverride = true;  // an invalid position fails the query; NULL in the kernel
        res.nullable = true;
      })
      .fold([](const Args& v, const Expr& call) {
        const int width = integralBits(call.args[0]->type->id());
        try {
          return i64(sl::bitGet(v[0].asInt(), static_cast<int32_t>(v[1].asInt()), width));
        } catch (const std::invalid_argument& e) {
          throw AnalysisError("function bit_get: " + std::string(e.what()), nullptr, call.span);
        }
      });
  scalar(r, "width_bucket", "double, double, double, bigint -> bigint")
      .symbol("sluice_width_bucket")
      .then([](const ResolveContext&, Resolution& res) {
        res.nullableOverride = true;
        res.nullable = true;
      })
      .fold([](const Args& v, const Expr&) {
        auto b = sl::widthBucket(v[0].asDouble(), v[1].asDouble(), v[2].asDouble(), v[3].asInt());
        return b ? i64(*b) : Value();
      });
}

}  // namespace sluice
