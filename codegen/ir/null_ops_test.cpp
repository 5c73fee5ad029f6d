#include "codegen/ir/null_ops.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "codegen/ir/ir_test_util.h"
#include "frontend/error.h"

namespace sluice {
namespace {

using irtest::Kernel;
using irtest::StrView;
using irtest::sv;
using std::nullopt;
using std::optional;

template <typename T>
Kernel<T, T> arith(ArithOp op, TypePtr type) {
  return Kernel<T, T>(type, 2, [op](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) {
    return emitArith(b, op, a[0], a[1]);
  });
}

template <typename A>
Kernel<bool, A> compare(CmpOp op, TypePtr type) {
  return Kernel<bool, A>(type, 2, [op](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) {
    return emitCompare(b, op, a[0], a[1]);
  });
}

template <typename R, typename A>
Kernel<R, A> cast(TypePtr from, TypePtr to) {
  return Kernel<R, A>(from, 1, [to](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) {
    return emitCast(b, a[0], to);
  });
}

constexpr int32_t kIntMax = std::numeric_limits<int32_t>::max();
constexpr int32_t kIntMin = std::numeric_limits<int32_t>::min();
constexpr int64_t kLongMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kLongMin = std::numeric_limits<int64_t>::min();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

TEST(NullOps, ArithmeticPropagatesNull) {
  auto add = arith<int32_t>(ArithOp::Add, DataType::integer());
  EXPECT_EQ(add(2, 40), 42);
  EXPECT_EQ(add(nullopt, 1), nullopt);
  EXPECT_EQ(add(1, nullopt), nullopt);
  EXPECT_EQ(add(nullopt, nullopt), nullopt);
  auto mul = arith<double>(ArithOp::Multiply, DataType::doubleType());
  EXPECT_EQ(mul(1.5, 4.0), 6.0);
  EXPECT_EQ(mul(nullopt, 4.0), nullopt);
  auto sub = arith<int64_t>(ArithOp::Subtract, DataType::bigint());
  EXPECT_EQ(sub(1, 43), -42);
}

TEST(NullOps, IntegerOverflowWraps) {
  EXPECT_EQ(arith<int32_t>(ArithOp::Add, DataType::integer())(kIntMax, 1), kIntMin);
  EXPECT_EQ(arith<int32_t>(ArithOp::Multiply, DataType::integer())(kIntMax, 2), -2);
  EXPECT_EQ(arith<int64_t>(ArithOp::Subtract, DataType::bigint())(kLongMin, 1), kLongMax);
  EXPECT_EQ(arith<int8_t>(ArithOp::Add, DataType::byte())(127, 1), -128);
  EXPECT_EQ(arith<int16_t>(ArithOp::Multiply, DataType::shortType())(300, 300),
            static_cast<int16_t>(90000));
  Kernel<int32_t, int32_t> neg(
      DataType::integer(), 1,
      [](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) { return emitNegate(b, a[0]); });
  EXPECT_EQ(neg({{kIntMin}}), kIntMin);
  EXPECT_EQ(neg({{5}}), -5);
  EXPECT_EQ(neg({{nullopt}}), nullopt);
}

TEST(NullOps, DivisionByZeroIsNull) {
  auto div = arith<double>(ArithOp::Divide, DataType::doubleType());
  EXPECT_EQ(div(1.0, 4.0), 0.25);
  EXPECT_EQ(div(1.0, 0.0), nullopt);
  EXPECT_EQ(div(1.0, -0.0), nullopt);
  EXPECT_EQ(div(nullopt, 2.0), nullopt);
  EXPECT_TRUE(std::isnan(*div(1.0, kNaN)));

  auto idiv = arith<int64_t>(ArithOp::IntegralDivide, DataType::bigint());
  EXPECT_EQ(idiv(7, 2), 3);
  EXPECT_EQ(idiv(-7, 2), -3);
  EXPECT_EQ(idiv(7, 0), nullopt);
  EXPECT_EQ(idiv(kLongMin, -1), kLongMin);  // Java wraps; LLVM's sdiv would be UB

  auto rem = arith<int32_t>(ArithOp::Remainder, DataType::integer());
  EXPECT_EQ(rem(7, 3), 1);
  EXPECT_EQ(rem(-7, 3), -1);
  EXPECT_EQ(rem(7, -3), 1);
  EXPECT_EQ(rem(7, 0), nullopt);
  EXPECT_EQ(rem(kIntMin, -1), 0);

  auto frem = arith<double>(ArithOp::Remainder, DataType::doubleType());
  EXPECT_EQ(frem(7.5, 2.0), 1.5);
  EXPECT_EQ(frem(-7.5, 2.0), -1.5);
  EXPECT_EQ(frem(7.5, 0.0), nullopt);

  auto pmod = arith<int32_t>(ArithOp::Pmod, DataType::integer());
  EXPECT_EQ(pmod(-7, 3), 2);
  EXPECT_EQ(pmod(7, 3), 1);
  EXPECT_EQ(pmod(-7, -3), -1);
  EXPECT_EQ(pmod(7, 0), nullopt);
  // Spark computes byte pmod in int: (-1 + -128) % -128 = -1, not the 8-bit wrap's 127.
  EXPECT_EQ(arith<int8_t>(ArithOp::Pmod, DataType::byte())(-1, -128), -1);
  auto fpmod = arith<double>(ArithOp::Pmod, DataType::doubleType());
  EXPECT_EQ(fpmod(-7.5, 2.0), 0.5);
  EXPECT_EQ(fpmod(-7.5, 0.0), nullopt);
}

TEST(NullOps, ArithmeticRejectsMismatchedAndUnsupportedTypes) {
  IrModule mod("m");
  FunctionBuilder fn(mod, "f", mod.types().voidTy, {});
  auto& b = fn.builder();
  SqlValue i = SqlValue::notNull(b.getInt32(1), DataType::integer());
  SqlValue l = SqlValue::notNull(b.getInt64(1), DataType::bigint());
  SqlValue s = SqlValue::null(mod.context(), DataType::string());
  EXPECT_THROW(emitArith(b, ArithOp::Add, i, l), CodegenError);
  EXPECT_THROW(emitArith(b, ArithOp::Add, s, s), CodegenError);
  EXPECT_THROW(emitArith(b, ArithOp::Divide, i, i), CodegenError);
  EXPECT_THROW(emitCast(b, s, DataType::integer()), CodegenError);
  EXPECT_THROW(emitAnd(b, i, i), CodegenError);
  fn.retVoid();
  fn.finish();
}

// Every entry of the three-valued truth tables (nullopt = NULL = unknown).
TEST(NullOps, KleeneTruthTables) {
  auto body = [](int which) {
    return [which](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) {
      return which == 0   ? emitAnd(b, a[0], a[1])
             : which == 1 ? emitOr(b, a[0], a[1])
                          : emitNot(b, a[0]);
    };
  };
  Kernel<bool, bool> andK(DataType::boolean(), 2, body(0));
  Kernel<bool, bool> orK(DataType::boolean(), 2, body(1));
  Kernel<bool, bool> notK(DataType::boolean(), 1, body(2));
  const optional<bool> T = true, F = false, N = nullopt;
  struct Row {
    optional<bool> a, b, andR, orR;
  };
  const Row rows[] = {
      {T, T, T, T}, {T, F, F, T}, {T, N, N, T},  //
      {F, T, F, T}, {F, F, F, F}, {F, N, F, N},  //
      {N, T, N, T}, {N, F, F, N}, {N, N, N, N},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(andK(r.a, r.b), r.andR) << "AND " << r.a.has_value() << "/" << r.b.has_value();
    EXPECT_EQ(orK(r.a, r.b), r.orR) << "OR " << r.a.has_value() << "/" << r.b.has_value();
  }
  EXPECT_EQ(notK({{T}}), F);
  EXPECT_EQ(notK({{F}}), T);
  EXPECT_EQ(notK({{N}}), N);
}

TEST(NullOps, NonNullableOperandsKeepConstantNullFlags) {
  IrModule mod("m");
  FunctionBuilder fn(mod, "f", mod.types().voidTy, {mod.types().i1, mod.types().i32});
  auto& b = fn.builder();
  SqlValue p = SqlValue::notNull(fn.arg(0), DataType::boolean());
  SqlValue x = SqlValue::notNull(fn.arg(1), DataType::integer());
  EXPECT_FALSE(emitAnd(b, p, p).mayBeNull());
  EXPECT_FALSE(emitOr(b, p, emitNot(b, p)).mayBeNull());
  EXPECT_FALSE(emitArith(b, ArithOp::Add, x, x).mayBeNull());
  EXPECT_TRUE(emitArith(b, ArithOp::Remainder, x, x).mayBeNull());  // divisor may be 0
  EXPECT_FALSE(emitCompare(b, CmpOp::Lt, x, x).mayBeNull());
  SqlValue n = SqlValue::null(mod.context(), DataType::integer());
  EXPECT_TRUE(n.alwaysNull());
  EXPECT_TRUE(emitArith(b, ArithOp::Add, x, n).alwaysNull());
  EXPECT_FALSE(emitIsNull(b, n).mayBeNull());
  fn.retVoid();
  fn.finish();
}

TEST(NullOps, IntegerComparisons) {
  auto lt = compare<int32_t>(CmpOp::Lt, DataType::integer());
  auto le = compare<int32_t>(CmpOp::Le, DataType::integer());
  auto gt = compare<int32_t>(CmpOp::Gt, DataType::integer());
  auto ge = compare<int32_t>(CmpOp::Ge, DataType::integer());
  auto eq = compare<int32_t>(CmpOp::Eq, DataType::integer());
  auto nseq = compare<int32_t>(CmpOp::NullSafeEq, DataType::integer());
  EXPECT_EQ(lt(-1, 1), true);
  EXPECT_EQ(lt(1, 1), false);
  EXPECT_EQ(le(1, 1), true);
  EXPECT_EQ(gt(2, 1), true);
  EXPECT_EQ(gt(1, 2), false);
  EXPECT_EQ(ge(1, 1), true);
  EXPECT_EQ(eq(kIntMin, kIntMin), true);
  EXPECT_EQ(eq(1, 2), false);
  for (auto* k : {&lt, &le, &gt, &ge, &eq}) {
    EXPECT_EQ((*k)(nullopt, 1), nullopt);
    EXPECT_EQ((*k)(1, nullopt), nullopt);
    EXPECT_EQ((*k)(nullopt, nullopt), nullopt);
  }
  EXPECT_EQ(nseq(1, 1), true);
  EXPECT_EQ(nseq(1, 2), false);
  EXPECT_EQ(nseq(nullopt, 1), false);
  EXPECT_EQ(nseq(1, nullopt), false);
  EXPECT_EQ(nseq(nullopt, nullopt), true);
  auto blt = compare<bool>(CmpOp::Lt, DataType::boolean());
  EXPECT_EQ(blt(false, true), true);
  EXPECT_EQ(blt(true, false), false);
  auto tslt = compare<int64_t>(CmpOp::Lt, DataType::timestamp());
  EXPECT_EQ(tslt(-5, 3), true);
}

TEST(NullOps, DoubleComparisonsFollowSparkOrdering) {
  auto eq = compare<double>(CmpOp::Eq, DataType::doubleType());
  auto lt = compare<double>(CmpOp::Lt, DataType::doubleType());
  auto le = compare<double>(CmpOp::Le, DataType::doubleType());
  auto gt = compare<double>(CmpOp::Gt, DataType::doubleType());
  EXPECT_EQ(eq(kNaN, kNaN), true);
  EXPECT_EQ(eq(0.0, -0.0), true);
  EXPECT_EQ(eq(kNaN, 1.0), false);
  EXPECT_EQ(lt(1.0, kNaN), true);
  EXPECT_EQ(lt(kInf, kNaN), true);
  EXPECT_EQ(lt(kNaN, kNaN), false);
  EXPECT_EQ(lt(kNaN, 1.0), false);
  EXPECT_EQ(le(kNaN, kNaN), true);
  EXPECT_EQ(gt(kNaN, kInf), true);
  EXPECT_EQ(lt(-0.0, 0.0), false);
  EXPECT_EQ(lt(nullopt, 1.0), nullopt);
}

TEST(NullOps, StringEqualityAndOrdering) {
  auto eq = compare<StrView>(CmpOp::Eq, DataType::string());
  auto lt = compare<StrView>(CmpOp::Lt, DataType::string());
  auto ge = compare<StrView>(CmpOp::Ge, DataType::string());
  auto nseq = compare<StrView>(CmpOp::NullSafeEq, DataType::string());
  const std::string abc = "abc", abd = "abd", ab = "ab", empty, hi = "\xc3\xa9";  // é
  EXPECT_EQ(eq(sv(abc), sv(abc)), true);
  EXPECT_EQ(eq(sv(abc), sv(abd)), false);
  EXPECT_EQ(eq(sv(abc), sv(ab)), false);
  EXPECT_EQ(eq(sv(empty), StrView{nullptr, 0}), true);
  EXPECT_EQ(lt(sv(ab), sv(abc)), true);
  EXPECT_EQ(lt(sv(abc), sv(abd)), true);
  EXPECT_EQ(lt(sv(abd), sv(abc)), false);
  EXPECT_EQ(lt(sv(abc), sv(hi)), true);  // unsigned bytes: 0xc3 > 'a'
  EXPECT_EQ(ge(sv(abc), sv(abc)), true);
  EXPECT_EQ(ge(sv(ab), sv(abc)), false);
  // NULL operands carry garbage views (see Kernel): they must not be dereferenced.
  EXPECT_EQ(eq(nullopt, sv(abc)), nullopt);
  EXPECT_EQ(lt(sv(abc), nullopt), nullopt);
  EXPECT_EQ(nseq(nullopt, nullopt), true);
  EXPECT_EQ(nseq(nullopt, sv(abc)), false);
  EXPECT_EQ(nseq(sv(abc), sv(abc)), true);
  auto bin = compare<StrView>(CmpOp::Le, DataType::binary());
  const std::string x = std::string("a\0b", 3), y = std::string("a\0c", 3);
  EXPECT_EQ(bin(sv(x), sv(y)), true);
  EXPECT_EQ(bin(sv(y), sv(x)), false);
}

TEST(NullOps, IsNullAndCoalesce) {
  Kernel<bool, int64_t> isNull(
      DataType::bigint(), 1,
      [](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) { return emitIsNull(b, a[0]); });
  Kernel<bool, int64_t> isNotNull(
      DataType::bigint(), 1,
      [](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) { return emitIsNotNull(b, a[0]); });
  EXPECT_EQ(isNull({{nullopt}}), true);
  EXPECT_EQ(isNull({{7}}), false);
  EXPECT_EQ(isNotNull({{nullopt}}), false);
  EXPECT_EQ(isNotNull({{7}}), true);
  Kernel<int64_t, int64_t> coalesce(
      DataType::bigint(), 3,
      [](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) { return emitCoalesce(b, a); });
  EXPECT_EQ(coalesce({1, 2, 3}), 1);
  EXPECT_EQ(coalesce({nullopt, 2, 3}), 2);
  EXPECT_EQ(coalesce({nullopt, nullopt, 3}), 3);
  EXPECT_EQ(coalesce({nullopt, 0, nullopt}), 0);
  EXPECT_EQ(coalesce({nullopt, nullopt, nullopt}), nullopt);
}

TEST(NullOps, IntegralCasts) {
  EXPECT_EQ((cast<int64_t, int32_t>(DataType::integer(), DataType::bigint())({{-5}})), -5);
  EXPECT_EQ((cast<int32_t, int64_t>(DataType::bigint(), DataType::integer())({{(1LL << 32) + 7}})),
            7);  // narrowing keeps the low bits
  EXPECT_EQ((cast<int8_t, int32_t>(DataType::integer(), DataType::byte())({{200}})), -56);
  EXPECT_EQ((cast<int32_t, int32_t>(DataType::integer(), DataType::integer())({{nullopt}})),
            nullopt);
  EXPECT_EQ((cast<double, int64_t>(DataType::bigint(), DataType::doubleType())({{kLongMax}})),
            9223372036854775807.0);
  EXPECT_EQ((cast<float, int32_t>(DataType::integer(), DataType::floatType())({{16777217}})),
            16777216.0f);
  EXPECT_EQ((cast<int64_t, int32_t>(DataType::integer(), DataType::bigint())({{nullopt}})),
            nullopt);
}

TEST(NullOps, FloatingToIntegralCastsFollowJava) {
  auto toInt = cast<int32_t, double>(DataType::doubleType(), DataType::integer());
  EXPECT_EQ(toInt({{3.99}}), 3);
  EXPECT_EQ(toInt({{-3.99}}), -3);
  EXPECT_EQ(toInt({{1e10}}), kIntMax);
  EXPECT_EQ(toInt({{-1e10}}), kIntMin);
  EXPECT_EQ(toInt({{kNaN}}), 0);
  EXPECT_EQ(toInt({{kInf}}), kIntMax);
  EXPECT_EQ(toInt({{nullopt}}), nullopt);
  auto toLong = cast<int64_t, double>(DataType::doubleType(), DataType::bigint());
  EXPECT_EQ(toLong({{1e300}}), kLongMax);
  EXPECT_EQ(toLong({{-kInf}}), kLongMin);
  EXPECT_EQ(toLong({{kNaN}}), 0);
  // Scala's Double.toByte is (byte)(int)d: saturate to int, then keep the low 8 bits.
  auto toByte = cast<int8_t, double>(DataType::doubleType(), DataType::byte());
  EXPECT_EQ(toByte({{300.7}}), 44);
  EXPECT_EQ(toByte({{1e10}}), -1);  // (byte)Integer.MAX_VALUE
  auto fToInt = cast<int32_t, float>(DataType::floatType(), DataType::integer());
  EXPECT_EQ(fToInt({{-2.5f}}), -2);
  EXPECT_EQ(fToInt({{3e9f}}), kIntMax);
  auto toFloat = cast<float, double>(DataType::doubleType(), DataType::floatType());
  EXPECT_EQ(toFloat({{0.5}}), 0.5f);
  EXPECT_TRUE(std::isinf(*toFloat({{1e300}})));
}

TEST(NullOps, BooleanCasts) {
  auto toBool = cast<bool, double>(DataType::doubleType(), DataType::boolean());
  EXPECT_EQ(toBool({{0.0}}), false);
  EXPECT_EQ(toBool({{-0.0}}), false);
  EXPECT_EQ(toBool({{0.1}}), true);
  EXPECT_EQ(toBool({{kNaN}}), true);
  auto intToBool = cast<bool, int32_t>(DataType::integer(), DataType::boolean());
  EXPECT_EQ(intToBool({{-3}}), true);
  EXPECT_EQ(intToBool({{0}}), false);
  auto boolToLong = cast<int64_t, bool>(DataType::boolean(), DataType::bigint());
  EXPECT_EQ(boolToLong({{true}}), 1);
  EXPECT_EQ(boolToLong({{false}}), 0);
  EXPECT_EQ(boolToLong({{nullopt}}), nullopt);
  auto boolToDouble = cast<double, bool>(DataType::boolean(), DataType::doubleType());
  EXPECT_EQ(boolToDouble({{true}}), 1.0);
}

TEST(NullOps, CastOfUntypedNull) {
  auto k = cast<int32_t, bool>(DataType::null(), DataType::integer());
  EXPECT_EQ(k({{false}}), nullopt);
  EXPECT_TRUE(castSupported(*DataType::null(), *DataType::string()));
  EXPECT_TRUE(castSupported(*DataType::byte(), *DataType::doubleType()));
  EXPECT_FALSE(castSupported(*DataType::string(), *DataType::integer()));
  EXPECT_FALSE(castSupported(*DataType::integer(), *DataType::decimal(10, 2)));
}

TEST(NullOps, SelectMergesNullFlags) {
  Kernel<int32_t, int32_t> sel(DataType::integer(), 3,
                               [](llvm::IRBuilder<>& b, std::vector<SqlValue>& a) {
                                 llvm::Value* c = b.CreateICmpSGT(a[0].value, b.getInt32(0));
                                 return emitSelect(b, c, a[1], a[2]);
                               });
  EXPECT_EQ(sel({1, 10, 20}), 10);
  EXPECT_EQ(sel({0, 10, 20}), 20);
  EXPECT_EQ(sel({1, nullopt, 20}), nullopt);
  EXPECT_EQ(sel({0, nullopt, 20}), 20);
}

}  // namespace
}  // namespace sluice
