#include "runtime/exec/accumulators.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "frontend/error.h"
#include "planner/functions/test_util.h"
#include "stdlib/kernel_error.h"

namespace sluice {
namespace {

using namespace sluice::testing;

template <typename T>
RowSlot slot(T v) {
  RowSlot s{};
  std::memcpy(s.bytes, &v, sizeof(T));
  return s;
}

// A view of `s` (no copy: a string literal or a string that outlives the use).
RowSlot str(std::string_view s) {
  return slot(StringView{s.data(), static_cast<int64_t>(s.size())});
}

// One aggregate call and its accumulator (the accumulator refers to the layout).
class Agg {
 public:
  explicit Agg(ExprPtr call, bool distinct = false) {
    if (distinct) {
      auto copy = std::make_shared<Expr>(*call);
      copy->distinct = true;
      call = copy;
    }
    layout_.call = call;
    layout_.kind = AggKind::Generic;
    layout_.resultType = call->type;
    acc_ = makeAccumulator(layout_);
  }
  // One row of one argument (NULL when `null`).
  Agg& add(RowSlot v, bool null = false) {
    const uint8_t n = null;
    acc_->update(&v, &n);
    return *this;
  }
  // One row of several arguments.
  Agg& addRow(std::vector<RowSlot> args, std::vector<uint8_t> nulls) {
    acc_->update(args.data(), nulls.data());
    return *this;
  }
  Value result() const { return acc_->result(); }
  const DataType& type() const { return *layout_.resultType; }

 private:
  AggFunctionLayout layout_;
  std::unique_ptr<Accumulator> acc_;
};

const __int128 kTen38 = [] {
  __int128 v = 1;
  for (int i = 0; i < 38; ++i) v *= 10;
  return v;
}();

TEST(Accumulators, SumOfBigintWrapsLikeNonAnsiSpark) {
  Agg sum(call("sum", {col("b", DataType::bigint())}), /*distinct=*/true);
  sum.add(slot<int64_t>(std::numeric_limits<int64_t>::max())).add(slot<int64_t>(1));
  EXPECT_EQ(sum.result().asInt(), std::numeric_limits<int64_t>::min());
}

TEST(Accumulators, SumOfDecimalHasTheSumTypeAndIsNullOnOverflow) {
  Agg sum(call("sum", {col("d", DataType::decimal(3, 2))}));
  EXPECT_EQ(sum.type().toString(), "decimal(13,2)");
  EXPECT_TRUE(sum.result().isNull());  // no input
  sum.add(slot<int64_t>(999)).add(slot<int64_t>(0), true).add(slot<int64_t>(999));
  EXPECT_EQ(sum.result().asDecimal(), 1998);

  // decimal(38,0): 10^38 - 1 + 1 has 39 digits; Spark (non-ANSI) gives NULL.
  Agg big(call("sum", {col("d", DataType::decimal(38, 0))}));
  big.add(slot<__int128>(kTen38 - 1)).add(slot<__int128>(1));
  EXPECT_TRUE(big.result().isNull());
  // Only the final sum is checked (Spark keeps the running sum unbounded).
  big.add(slot<__int128>(-5));
  EXPECT_EQ(big.result().asDecimal(), kTen38 - 5);
}

TEST(Accumulators, AvgOfDecimalRoundsHalfUpAtScalePlusFour) {
  // 1 / 32 = 0.03125 -> decimal(5,4) 0.0313 (HALF_UP, away from zero for negatives).
  Agg pos(call("avg", {col("d", DataType::decimal(1, 0))}));
  Agg neg(call("avg", {col("d", DataType::decimal(1, 0))}));
  EXPECT_EQ(pos.type().toString(), "decimal(5,4)");
  pos.add(slot<int64_t>(1));
  neg.add(slot<int64_t>(-1));
  for (int i = 0; i < 31; ++i) {
    pos.add(slot<int64_t>(0));
    neg.add(slot<int64_t>(0));
  }
  EXPECT_EQ(pos.result().asDecimal(), 313);
  EXPECT_EQ(neg.result().asDecimal(), -313);

  // 1, 2, 2 -> 1.6667 at decimal(14,4).
  Agg third(call("avg", {col("d", DataType::decimal(10, 0))}));
  third.add(slot<int64_t>(1)).add(slot<int64_t>(2)).add(slot<int64_t>(2));
  EXPECT_EQ(third.result().asDecimal(), 16667);

  Agg empty(call("avg", {col("d", DataType::decimal(10, 0))}));
  empty.add(slot<int64_t>(0), true);
  EXPECT_TRUE(empty.result().isNull());
}

TEST(Accumulators, AvgOfDecimalOverflowIsNull) {
  // avg(decimal(38,0)) is decimal(38,4): 5 * 10^37 does not fit.
  Agg avg(call("avg", {col("d", DataType::decimal(38, 0))}));
  avg.add(slot<__int128>(kTen38 - 1)).add(slot<__int128>(1));
  EXPECT_TRUE(avg.result().isNull());
}

TEST(Accumulators, DistinctSumAndAvgOfIntegers) {
  Agg sum(call("sum", {col("x", DataType::integer())}), true);
  Agg avg(call("avg", {col("x", DataType::integer())}), true);
  for (int v : {1, 1, 2, 2, 2}) {
    sum.add(slot<int32_t>(v));
    avg.add(slot<int32_t>(v));
  }
  sum.add(slot<int32_t>(0), true);
  EXPECT_EQ(sum.result().asInt(), 3);
  EXPECT_DOUBLE_EQ(avg.result().asDouble(), 1.5);
}

TEST(Accumulators, MinMaxOfStringsDecimalsAndDoubles) {
  Agg mn(call("min", {col("s", DataType::string())}));
  Agg mx(call("max", {col("s", DataType::string())}));
  const std::string a = "apple", b = "Apple", c = "banana";
  for (const auto* s : {&a, &b, &c}) {
    mn.add(str(*s));
    mx.add(str(*s));
  }
  mn.add(str(""), true);  // NULLs are skipped
  EXPECT_EQ(mn.result().asString(), "Apple");
  EXPECT_EQ(mx.result().asString(), "banana");

  Agg dmin(call("min", {col("d", DataType::decimal(4, 2))}));
  dmin.add(slot<int64_t>(150)).add(slot<int64_t>(-300));
  EXPECT_EQ(dmin.result().asDecimal(), -300);

  // NaN is the largest double (through the DISTINCT path, which compares Values).
  Agg dmax(call("max", {col("d", DataType::doubleType())}), true);
  dmax.add(slot(1.0)).add(slot(std::nan(""))).add(slot(-5.0));
  EXPECT_TRUE(std::isnan(dmax.result().asDouble()));

  Agg none(call("min", {col("s", DataType::string())}));
  none.add(str(""), true);
  EXPECT_TRUE(none.result().isNull());
}

TEST(Accumulators, FirstAndLastWithAndWithoutIgnoreNulls) {
  const auto v = col("v", DataType::integer());
  Agg first(call("first", {v})), last(call("last", {v}));
  Agg firstIgnore(call("first", {v, litB(true)})), lastIgnore(call("last", {v, litB(true)}));
  Agg firstKeep(call("first", {v, litB(false)}));
  for (Agg* a : {&first, &last, &firstIgnore, &lastIgnore, &firstKeep}) {
    a->add(slot<int32_t>(0), true).add(slot<int32_t>(1)).add(slot<int32_t>(2));
    a->add(slot<int32_t>(0), true);
  }
  EXPECT_TRUE(first.result().isNull());
  EXPECT_TRUE(last.result().isNull());
  EXPECT_TRUE(firstKeep.result().isNull());
  EXPECT_EQ(firstIgnore.result().asInt(), 1);
  EXPECT_EQ(lastIgnore.result().asInt(), 2);
}

TEST(Accumulators, IgnoreNullsMayBeAFoldableExpression) {
  // first(v, NOT false): not a Literal node, but constant.
  Agg first(call("first", {col("v", DataType::integer()), call("not", {litB(false)})}));
  first.add(slot<int32_t>(0), true).add(slot<int32_t>(7));
  EXPECT_EQ(first.result().asInt(), 7);
}

TEST(Accumulators, CollectListKeepsOrderAndSkipsNullsCollectSetDeduplicates) {
  Agg list(call("collect_list", {col("s", DataType::string())}));
  Agg set(call("collect_set", {col("s", DataType::string())}));
  for (const char* s : {"x", "y", "x"}) {
    list.add(str(s));
    set.add(str(s));
  }
  list.add(str(""), true);
  set.add(str(""), true);
  const Value collected = list.result();
  const Value::List& l = collected.asList();
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0].asString(), "x");
  EXPECT_EQ(l[1].asString(), "y");
  EXPECT_EQ(l[2].asString(), "x");
  EXPECT_EQ(set.result().asList().size(), 2u);

  Agg empty(call("collect_list", {col("s", DataType::string())}));
  EXPECT_TRUE(empty.result().asList().empty());  // an empty array, not NULL
}

// As Spark since SPARK-57298 (4.2): set semantics of SQL equality, not of bit patterns.
TEST(Accumulators, CollectSetTreatsNegativeZeroAndNaNAsOneValue) {
  Agg set(call("collect_set", {col("d", DataType::doubleType())}));
  set.add(slot(0.0)).add(slot(-0.0)).add(slot(std::nan(""))).add(slot(-std::nan("")));
  EXPECT_EQ(set.result().asList().size(), 2u);
}

TEST(Accumulators, CountDistinctSkipsRowsWithANullArgument) {
  Agg count(call("count", {col("v", DataType::integer()), col("w", DataType::string())}), true);
  const std::string a = "a", b = "b";
  count.addRow({slot<int32_t>(1), str(a)}, {0, 0});
  count.addRow({slot<int32_t>(1), str(b)}, {0, 0});
  count.addRow({slot<int32_t>(1), str(a)}, {0, 0});
  count.addRow({slot<int32_t>(0), str(a)}, {1, 0});
  count.addRow({slot<int32_t>(2), str(a)}, {0, 1});
  EXPECT_EQ(count.result().asInt(), 2);
}

TEST(Accumulators, ApproxCountDistinctIsWithinItsError) {
  Agg def(call("approx_count_distinct", {col("v", DataType::bigint())}));
  // relativeSD 0.01 written as a decimal literal: the binder casts it to double.
  Agg fine(call("approx_count_distinct", {col("v", DataType::bigint()), litDec("0.01", 3, 2)}));
  const int64_t n = 20000;
  for (int pass = 0; pass < 2; ++pass)  // duplicates do not count
    for (int64_t i = 0; i < n; ++i) {
      def.add(slot<int64_t>(i * 7919));
      fine.add(slot<int64_t>(i * 7919));
    }
  def.add(slot<int64_t>(0), true);
  const auto err = [&](const Agg& a) {
    return std::abs(static_cast<double>(a.result().asInt() - n)) / static_cast<double>(n);
  };
  EXPECT_LT(err(def), 3 * 0.05);
  EXPECT_LT(err(fine), 3 * 0.01);

  Agg small(call("approx_count_distinct", {col("s", DataType::string())}));
  small.add(str("a")).add(str("b")).add(str("a"));
  EXPECT_EQ(small.result().asInt(), 2);
  Agg none(call("approx_count_distinct", {col("s", DataType::string())}));
  EXPECT_EQ(none.result().asInt(), 0);
}

// Accumulators are created inside generated code, where exceptions must not propagate: a bad
// argument is raised as a kernel error at creation, and result() throws it.
TEST(Accumulators, ApproxCountDistinctRefusesRelativeSdOutOfRange) {
  const auto v = col("v", DataType::bigint());
  takeKernelError();
  {
    // 0.5 needs fewer than 4 index bits: Spark refuses it. Written as a (cast) decimal literal.
    Agg a(call("approx_count_distinct", {v, litDec("0.5", 2, 1)}));
    const auto raised = takeKernelError();
    ASSERT_TRUE(raised.has_value());
    EXPECT_NE(raised->find("at least 4 bits"), std::string::npos) << *raised;
    a.add(slot<int64_t>(1));  // ignored, no crash
    try {
      a.result();
      FAIL() << "expected an ExecutionError";
    } catch (const ExecutionError& e) {
      EXPECT_NE(e.message().find("at least 4 bits"), std::string::npos) << e.message();
    }
  }
  for (double bad : {0.0, -1.0, 1e-9}) {
    Agg a(call("approx_count_distinct", {v, litD(bad)}));
    EXPECT_TRUE(takeKernelError().has_value()) << bad;
    EXPECT_THROW(a.result(), ExecutionError) << bad;
  }
  // Not a constant.
  Agg column(call("approx_count_distinct", {v, col("rsd", DataType::doubleType())}));
  EXPECT_TRUE(takeKernelError().has_value());
  EXPECT_THROW(column.result(), ExecutionError);

  Agg ok(call("approx_count_distinct", {v, litD(0.39)}));
  EXPECT_FALSE(takeKernelError().has_value());
  EXPECT_EQ(ok.add(slot<int64_t>(1)).result().asInt(), 1);
}

TEST(Accumulators, VarianceAndStddev) {
  const auto v = col("v", DataType::doubleType());
  Agg samp(call("var_samp", {v})), pop(call("var_pop", {v}));
  Agg sd(call("stddev", {v})), sdPop(call("stddev_pop", {v}));
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0})
    for (Agg* a : {&samp, &pop, &sd, &sdPop}) a->add(slot(x));
  EXPECT_DOUBLE_EQ(samp.result().asDouble(), 32.0 / 7.0);
  EXPECT_DOUBLE_EQ(pop.result().asDouble(), 4.0);
  EXPECT_DOUBLE_EQ(sd.result().asDouble(), std::sqrt(32.0 / 7.0));
  EXPECT_DOUBLE_EQ(sdPop.result().asDouble(), 2.0);
}

TEST(Accumulators, SampleVarianceOfOneRowIsNullPopulationIsZero) {
  // Spark 3.1+ (spark.sql.legacy.statisticalAggregate=false): NULL, not NaN.
  const auto v = col("v", DataType::doubleType());
  for (const char* f : {"stddev", "stddev_samp", "variance", "var_samp"}) {
    Agg a(call(f, {v}));
    EXPECT_TRUE(a.result().isNull()) << f;
    a.add(slot(3.0));
    EXPECT_TRUE(a.result().isNull()) << f;
    a.add(slot(5.0));
    EXPECT_FALSE(a.result().isNull()) << f;
  }
  for (const char* f : {"stddev_pop", "var_pop"}) {
    Agg a(call(f, {v}));
    EXPECT_TRUE(a.result().isNull()) << f;
    a.add(slot(3.0));
    EXPECT_EQ(a.result().asDouble(), 0.0) << f;
  }
}

TEST(Accumulators, BoolAndBoolOrCountIf) {
  const auto b = col("b", DataType::boolean());
  Agg all(call("bool_and", {b})), any(call("bool_or", {b})), cnt(call("count_if", {b}));
  EXPECT_TRUE(all.result().isNull());  // no input: NULL, but count_if is 0
  EXPECT_TRUE(any.result().isNull());
  EXPECT_EQ(cnt.result().asInt(), 0);
  for (Agg* a : {&all, &any, &cnt}) a->add(slot<uint8_t>(1)).add(slot<uint8_t>(0), true);
  EXPECT_TRUE(all.result().asBool());
  EXPECT_TRUE(any.result().asBool());
  EXPECT_EQ(cnt.result().asInt(), 1);
  for (Agg* a : {&all, &any, &cnt}) a->add(slot<uint8_t>(0));
  EXPECT_FALSE(all.result().asBool());
  EXPECT_TRUE(any.result().asBool());
  EXPECT_EQ(cnt.result().asInt(), 1);
}

TEST(Accumulators, UnknownFunctionIsAnExecutionError) {
  auto c = std::make_shared<Expr>(*call("upper", {col("s", DataType::string())}));
  AggFunctionLayout f;
  f.call = c;
  f.kind = AggKind::Generic;
  f.resultType = c->type;
  try {
    makeAccumulator(f);
    FAIL() << "expected an ExecutionError";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("upper"), std::string::npos) << e.message();
  }
}

}  // namespace
}  // namespace sluice
