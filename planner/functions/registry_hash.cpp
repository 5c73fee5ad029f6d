// Hash rows: hash (Murmur3, seed 42) and xxhash64 (seed 42) chained over all arguments like
// Spark's HashExpression (NULLs leave the running hash unchanged), and digest functions.
#include <cmath>
#include <cstring>
#include <optional>
#include <string>

#include "planner/functions/registry_rows.h"
#include "stdlib/hash.h"

namespace sluice {
namespace {

using namespace fnrow;
namespace sl = stdlib;

// Java's BigInteger.toByteArray: minimal two's complement, big-endian.
std::string bigIntegerBytes(__int128 v) {
  std::string out;
  for (int i = 15; i >= 0; --i)
    out += static_cast<char>(static_cast<unsigned __int128>(v) >> (8 * i));
  size_t skip = 0;
  while (skip + 1 < out.size()) {
    const unsigned char b = static_cast<unsigned char>(out[skip]);
    const unsigned char next = static_cast<unsigned char>(out[skip + 1]);
    if ((b == 0x00 && !(next & 0x80)) || (b == 0xFF && (next & 0x80)))
      ++skip;
    else
      break;
  }
  return out.substr(skip);
}

int64_t doubleBits(double d) {
  if (d == 0) d = 0.0;                             // -0.0 hashes like 0.0
  if (std::isnan(d)) return 0x7ff8000000000000LL;  // doubleToLongBits canonical NaN
  int64_t bits;
  std::memcpy(&bits, &d, 8);
  return bits;
}

int32_t floatBits(double d) {
  float f = static_cast<float>(d);
  if (f == 0) f = 0.0f;
  if (std::isnan(f)) return 0x7fc00000;
  int32_t bits;
  std::memcpy(&bits, &f, 4);
  return bits;
}

// One hashing scheme (Murmur3 or XXH64) over Values, accumulating in int64.
template <class H>
int64_t hashValue(const Value& v, const DataType& t, int64_t seed) {
  if (v.isNull()) return seed;
  switch (t.id()) {
    case TypeId::Null:
      return seed;
    case TypeId::Boolean:
      return H::hashInt(v.asBool() ? 1 : 0, seed);
    case TypeId::Byte:
    case TypeId::Short:
    case TypeId::Int:
    case TypeId::Date:
    case TypeId::YearMonthInterval:
      return H::hashInt(static_cast<int32_t>(v.asInt()), seed);
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::DayTimeInterval:
      return H::hashLong(v.asInt(), seed);
    case TypeId::Float:
      return H::hashInt(floatBits(v.asDouble()), seed);
    case TypeId::Double:
      return H::hashLong(doubleBits(v.asDouble()), seed);
    case TypeId::Decimal:
      if (t.precision() <= 18) return H::hashLong(static_cast<int64_t>(v.asDecimal()), seed);
      return H::hashBytes(bigIntegerBytes(v.asDecimal()), seed);
    case TypeId::String:
    case TypeId::Binary:
      return H::hashBytes(v.asString(), seed);
    case TypeId::Interval: {
      const auto& i = v.asInterval();
      return H::hashInt(i.months, H::hashInt(i.days, H::hashLong(i.micros, seed)));
    }
    case TypeId::Array: {
      for (const auto& e : v.asList()) seed = hashValue<H>(e, *t.elementType(), seed);
      return seed;
    }
    case TypeId::Map: {
      const auto& l = v.asList();
      for (size_t i = 0; i + 1 < l.size(); i += 2) {
        seed = hashValue<H>(l[i], *t.keyType(), seed);
        seed = hashValue<H>(l[i + 1], *t.valueType(), seed);
      }
      return seed;
    }
    case TypeId::Struct: {
      const auto& l = v.asList();
      for (size_t i = 0; i < l.size(); ++i) seed = hashValue<H>(l[i], *t.fields()[i].type, seed);
      return seed;
    }
  }
  return seed;
}

struct Murmur3 {
  static int64_t hashInt(int32_t v, int64_t seed) {
    return sl::murmur3HashInt(v, static_cast<int32_t>(seed));
  }
  static int64_t hashLong(int64_t v, int64_t seed) {
    return sl::murmur3HashLong(v, static_cast<int32_t>(seed));
  }
  static int64_t hashBytes(std::string_view b, int64_t seed) {
    return sl::murmur3HashBytes(b, static_cast<int32_t>(seed));
  }
};

struct XxHash64 {
  static int64_t hashInt(int32_t v, int64_t seed) { return sl::xxhash64Int(v, seed); }
  static int64_t hashLong(int64_t v, int64_t seed) { return sl::xxhash64Long(v, seed); }
  static int64_t hashBytes(std::string_view b, int64_t seed) { return sl::xxhash64Bytes(b, seed); }
};

template <class H>
Value hashFold(const Args& v, const Expr& call) {
  int64_t h = 42;
  for (size_t i = 0; i < v.size(); ++i) h = hashValue<H>(v[i], *call.args[i]->type, h);
  return i64(h);
}

bool containsMap(const DataType& t) {
  switch (t.id()) {
    case TypeId::Map:
      return true;
    case TypeId::Array:
      return containsMap(*t.elementType());
    case TypeId::Struct:
      for (const auto& f : t.fields())
        if (containsMap(*f.type)) return true;
      return false;
    default:
      return false;
  }
}

// Spark refuses to hash maps (their entry order is not canonical).
void noMaps(const ResolveContext& c, Resolution&) {
  for (size_t i = 0; i < c.args.size(); ++i)
    if (containsMap(*c.type(i))) failArg(c, i, "a type without maps");
}

}  // namespace

void registerHashFunctions(FunctionRegistry& r) {
  scalar(r, "hash", "any... -> int")
      .emitter("hash")
      .nulls(NullBehavior::NeverNull)
      .fold(hashFold<Murmur3>)
      .then(noMaps)
      .arity(1, -1);
  scalar(r, "xxhash64", "any... -> bigint")
      .emitter("xxhash64")
      .nulls(NullBehavior::NeverNull)
      .fold(hashFold<XxHash64>)
      .then(noMaps)
      .arity(1, -1);
  // Digests: one stdlib implementation (stdlib/hash.h) for folding and generated code
  // (hash_abi.h). Strings are cast to binary (their UTF-8 bytes), as in Spark.
  scalar(r, "md5", "binary -> string")
      .symbol("sluice_hash_md5")
      .fold([](const Args& v, const Expr&) { return str(sl::md5Hex(v[0].asString())); });
  scalar(r, "sha1", "binary -> string")
      .symbol("sluice_hash_sha1")
      .alias("sha")
      .fold([](const Args& v, const Expr&) { return str(sl::sha1Hex(v[0].asString())); });
  // sha2(bin, bitLength): SHA-224/256/384/512 (0 means 256); any other length gives NULL.
  // NULL arguments give NULL (Spark's Sha2 is NullIntolerant), so the row propagates NULLs
  // and is nullable whatever its arguments.
  scalar(r, "sha2", "binary, int -> string")
      .symbol("sluice_hash_sha2")
      .fold([](const Args& v, const Expr&) -> Value {
        const std::optional<std::string> hex = sl::sha2Hex(v[0].asString(), v[1].asInt());
        return hex ? str(*hex) : Value();
      })
      .then([](const ResolveContext&, Resolution& res) {
        res.nullableOverride = true;
        res.nullable = true;
      });
  scalar(r, "crc32", "binary -> bigint")
      .symbol("sluice_hash_crc32")
      .fold([](const Args& v, const Expr&) { return i64(sl::crc32(v[0].asString())); });
}

}  // namespace sluice
