#include "runtime/exec/accumulators.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "frontend/error.h"
#include "planner/functions/test_util.h"
#include "runtime/exec/slot_values.h"
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
  // One row of Values of the call's argument types (Value::null() for NULL).
  Agg& addValues(const std::vector<Value>& row);
  Value result() const { return acc_->result(); }
  const DataType& type() const { return *layout_.resultType; }
  Accumulator& acc() { return *acc_; }
  // The result as show() prints it (exact for doubles: NaN and -0.0 included).
  std::string shown() const { return result().toString(type()); }

 private:
  AggFunctionLayout layout_;
  std::unique_ptr<Accumulator> acc_;
};

// A RowSlot holding non-NULL `v` of `t` (string bytes and nested values in `arena`).
RowSlot toSlot(const Value& v, const DataType& t, StringArena& arena) {
  switch (t.id()) {
    case TypeId::Boolean:
      return slot<uint8_t>(v.asBool());
    case TypeId::Byte:
      return slot(static_cast<int8_t>(v.asInt()));
    case TypeId::Short:
      return slot(static_cast<int16_t>(v.asInt()));
    case TypeId::Int:
    case TypeId::Date:
    case TypeId::YearMonthInterval:
      return slot(static_cast<int32_t>(v.asInt()));
    case TypeId::Long:
    case TypeId::Timestamp:
    case TypeId::DayTimeInterval:
      return slot<int64_t>(v.asInt());
    case TypeId::Float:
    case TypeId::Double: {
      // Integral rows fed to a call whose argument the binder cast to double.
      const double d =
          std::holds_alternative<int64_t>(v.rep()) ? static_cast<double>(v.asInt()) : v.asDouble();
      return t.id() == TypeId::Float ? slot(static_cast<float>(d)) : slot(d);
    }
    case TypeId::Decimal:
      return t.precision() <= 18 ? slot(static_cast<int64_t>(v.asDecimal())) : slot(v.asDecimal());
    case TypeId::String:
    case TypeId::Binary: {
      const std::string& s = v.asString();
      char* p = arena.allocate(s.size());
      std::memcpy(p, s.data(), s.size());
      return slot(StringView{p, static_cast<int64_t>(s.size())});
    }
    default:
      return slot(valueToNested(v, t, arena));
  }
}

Agg& Agg::addValues(const std::vector<Value>& row) {
  StringArena arena;
  std::vector<RowSlot> args;
  std::vector<uint8_t> nulls;
  for (size_t i = 0; i < row.size(); ++i) {
    const DataType& t = *layout_.call->args[i]->type;
    nulls.push_back(row[i].isNull());
    args.push_back(row[i].isNull() ? RowSlot{} : toSlot(row[i], t, arena));
  }
  acc_->update(args.data(), nulls.data());
  return *this;
}

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

// Spark's Sum / Average of ANSI intervals: sum keeps the type, avg is the kind's widest type
// rounded HALF_UP; an overflow of the interval's range fails in every mode.
TEST(Accumulators, SumAndAvgOfIntervals) {
  Agg sum(call("sum", {col("m", DataType::yearMonthInterval(1, 1))}));
  Agg avg(call("avg", {col("m", DataType::yearMonthInterval(1, 1))}));
  EXPECT_EQ(sum.type().toString(), "interval month");
  EXPECT_EQ(avg.type().toString(), "interval year to month");
  EXPECT_TRUE(sum.result().isNull());
  for (int32_t m : {1, 2}) {
    sum.add(slot(m));
    avg.add(slot(m));
  }
  sum.add(slot<int32_t>(0), true);
  avg.add(slot<int32_t>(0), true);
  EXPECT_EQ(sum.result().asInt(), 3);
  EXPECT_EQ(avg.result().asInt(), 2);  // 1.5 months rounds half up

  Agg neg(call("avg", {col("s", DataType::dayTimeInterval(3, 3))}));
  neg.add(slot<int64_t>(-1)).add(slot<int64_t>(-2));
  EXPECT_EQ(neg.type().toString(), "interval day to second");
  EXPECT_EQ(neg.result().asInt(), -2);  // -1.5 us: half away from zero

  Agg big(call("sum", {col("m", DataType::yearMonthInterval(0, 1))}));
  big.add(slot(std::numeric_limits<int32_t>::max())).add(slot<int32_t>(1));
  EXPECT_THROW(big.result(), ExecutionError);
  big.add(slot<int32_t>(-1));  // Spark fails at the addition that overflowed
  EXPECT_THROW(big.result(), ExecutionError);
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

// ---- saved state

Value S(const std::string& s) {
  return Value::bytes(s);
}
Value I(int64_t v) {
  return Value::integer(v);
}
Value D(double v) {
  return Value::real(v);
}
Value Dec(__int128 v) {
  return Value::decimal(v);
}
Value B(bool v) {
  return Value::boolean(v);
}
Value L(Value::List items) {
  return Value::list(std::move(items));
}
const Value N = Value::null();

// One aggregate call and rows of its arguments.
struct SaveCase {
  std::string name;
  ExprPtr call;
  bool distinct;
  std::vector<std::vector<Value>> rows;
};

TypePtr structType() {
  return DataType::structOf({{"a", DataType::integer(), true}, {"b", DataType::string(), true}});
}

std::vector<SaveCase> saveCases() {
  const auto i = col("i", DataType::integer());
  const auto s = col("s", DataType::string());
  const auto d = col("d", DataType::doubleType());
  const auto b = col("b", DataType::boolean());
  const auto dec = col("dec", DataType::decimal(10, 2));
  const auto wide = col("wide", DataType::decimal(38, 0));
  const auto wide2 = col("wide2", DataType::decimal(30, 2));
  const auto st = col("st", structType());
  const auto arr = col("arr", DataType::arrayOf(DataType::string()));
  const auto map = col("map", DataType::mapOf(DataType::string(), DataType::integer()));
  const auto l = col("l", DataType::bigint());
  std::vector<std::vector<Value>> strings = {{S("pear")},  {S("apple")}, {N},          {S("")},
                                             {S("zebra")}, {S("pear")},  {S("Äpfel")}, {S("fig")}};
  std::vector<std::vector<Value>> doubles = {{D(1.5)}, {D(-0.0)},  {N},       {D(2.25)},
                                             {D(0.0)}, {D(1e300)}, {D(-7.0)}, {D(1.5)}};
  std::vector<std::vector<Value>> bools = {{B(true)}, {N}, {B(true)}, {B(false)}, {B(true)}};
  std::vector<std::vector<Value>> decimals = {{Dec(12345)}, {Dec(-99)}, {N},          {Dec(1)},
                                              {Dec(99999)}, {Dec(0)},   {Dec(-50000)}};
  const __int128 big = kTen38 - 1;
  std::vector<std::vector<Value>> wides = {{Dec(big)}, {Dec(-big)},    {Dec(big)},
                                           {N},        {Dec(big / 3)}, {Dec(1)}};
  std::vector<std::vector<Value>> structs = {
      {L({I(1), S("x")})}, {N}, {L({N, S("y")})}, {L({I(3), N})}, {L({I(1), S("x")})}};
  std::vector<std::vector<Value>> arrays = {{L({S("a"), N})}, {L({})}, {N}, {L({S("b")})}};
  std::vector<std::vector<Value>> maps = {{L({S("k"), I(1), S("m"), N})}, {N}, {L({})}};
  std::vector<std::vector<Value>> pairs = {{I(1), S("a")}, {I(1), S("b")}, {I(1), S("a")},
                                           {N, S("a")},    {I(2), N},      {I(2), S("")}};
  std::vector<std::vector<Value>> longs;
  for (int64_t k = 0; k < 3000; ++k) longs.push_back({I(k * 7919 % 2000)});
  std::vector<std::vector<Value>> fewLongs = {{I(5)}, {I(6)}, {N}, {I(5)}};
  std::vector<std::vector<Value>> ints = {{I(3)}, {I(1)}, {N}, {I(3)}, {I(-4)}, {I(1)}};
  const auto ym = col("ym", DataType::yearMonthInterval(1, 1));
  const auto dt = col("dt", DataType::dayTimeInterval(0, 3));
  return {
      {"sum_year_month", call("sum", {ym}), false, ints},
      {"count_min_sketch", call("count_min_sketch", {s, litD(0.5), litD(0.9), lit(42)}), false,
       strings},
      {"count_min_sketch_long", call("count_min_sketch", {l, litD(0.01), litD(0.5), lit(1)}), false,
       longs},
      {"avg_year_month", call("avg", {ym}), false, ints},
      {"sum_day_time", call("sum", {dt}), false, longs},
      {"avg_day_time", call("avg", {dt}), false, ints},
      {"count_distinct", call("count", {i, s}), true, pairs},
      {"sum_distinct", call("sum", {i}), true, ints},
      {"avg_distinct", call("avg", {i}), true, ints},
      {"max_distinct_double", call("max", {d}), true, doubles},
      {"collect_list_distinct", call("collect_list", {s}), true, strings},
      {"count", call("count", {i}), false, ints},
      {"max_by", call("max_by", {i, s}), false, pairs},
      {"min_by", call("min_by", {i, s}), false, pairs},
      {"percentile", call("percentile", {d, litD(0.25)}), false, doubles},
      {"median", call("median", {i}), false, ints},
      {"mode", call("mode", {s}), false, strings},
      {"percentile_approx", call("percentile_approx", {d, litD(0.5)}), false, doubles},
      {"percentile_approx_accuracy", call("percentile_approx", {i, litD(0.25), lit(100)}), false,
       ints},
      {"histogram_numeric", call("histogram_numeric", {d, lit(3)}), false, doubles},
      {"sum_decimal", call("sum", {dec}), false, decimals},
      {"avg_decimal", call("avg", {dec}), false, decimals},
      {"sum_decimal128", call("sum", {wide}), false, wides},
      {"avg_decimal128", call("avg", {wide2}), false, wides},
      {"min_string", call("min", {s}), false, strings},
      {"max_string", call("max", {s}), false, strings},
      {"min_decimal128", call("min", {wide}), false, wides},
      {"max_decimal128", call("max", {wide2}), false, wides},
      {"max_struct", call("max", {st}), false, structs},
      {"first_string", call("first", {s}), false, strings},
      {"last_string", call("last", {s}), false, strings},
      {"first_ignore_nulls", call("first", {s, litB(true)}), false, strings},
      {"last_ignore_nulls_struct", call("last", {st, litB(true)}), false, structs},
      {"first_array", call("first", {arr}), false, arrays},
      {"last_map", call("last", {map}), false, maps},
      {"collect_list_string", call("collect_list", {s}), false, strings},
      {"collect_set_string", call("collect_set", {s}), false, strings},
      {"collect_set_double", call("collect_set", {d}), false, doubles},
      {"collect_list_struct", call("collect_list", {st}), false, structs},
      {"collect_set_array", call("collect_set", {arr}), false, arrays},
      {"collect_list_decimal128", call("collect_list", {wide}), false, wides},
      {"approx_dense", call("approx_count_distinct", {l}), false, longs},
      {"approx_sparse", call("approx_count_distinct", {l}), false, fewLongs},
      {"approx_fine", call("approx_count_distinct", {l, litD(0.01)}), false, longs},
      {"approx_string", call("approx_count_distinct", {s}), false, strings},
      {"var_samp", call("var_samp", {d}), false, doubles},
      {"var_pop", call("var_pop", {i}), false, ints},
      {"stddev", call("stddev", {d}), false, doubles},
      {"stddev_pop", call("stddev_pop", {i}), false, ints},
      {"bool_and", call("bool_and", {b}), false, bools},
      {"bool_or", call("bool_or", {b}), false, bools},
      {"count_if", call("count_if", {b}), false, bools},
  };
}

std::string saved(Agg& a) {
  std::string out;
  a.acc().save(out);
  return out;
}

// Every kind: saved after any prefix of the rows and restored into a fresh accumulator, it has
// the same result, and going on with the other rows gives what an uninterrupted run gives.
TEST(AccumulatorState, RoundTripThenContinueEqualsUninterrupted) {
  for (const SaveCase& c : saveCases()) {
    Agg whole(c.call, c.distinct);
    for (const auto& row : c.rows) whole.addValues(row);
    std::vector<size_t> splits = {0, 1, c.rows.size() / 2, c.rows.size()};
    for (size_t split : splits) {
      SCOPED_TRACE(c.name + " split at " + std::to_string(split));
      Agg before(c.call, c.distinct);
      for (size_t r = 0; r < split; ++r) before.addValues(c.rows[r]);
      const std::string state = saved(before);
      EXPECT_EQ(static_cast<uint8_t>(state.at(0)), kAccumulatorFormatVersion);

      Agg restored(c.call, c.distinct);
      restored.acc().load(state, "test.state");
      EXPECT_EQ(restored.shown(), before.shown());
      // Saving what was restored and restoring that again changes nothing.
      Agg again(c.call, c.distinct);
      again.acc().load(saved(restored), "test.state");
      EXPECT_EQ(again.shown(), before.shown());

      for (size_t r = split; r < c.rows.size(); ++r) {
        restored.addValues(c.rows[r]);
        again.addValues(c.rows[r]);
      }
      EXPECT_EQ(restored.shown(), whole.shown());
      EXPECT_EQ(again.shown(), whole.shown());
    }
  }
}

TEST(AccumulatorState, ExactValuesSurvive) {
  // -0.0 stays -0.0 (saved values are not canonicalized like keys).
  Agg mx(call("max", {col("d", DataType::doubleType())}));
  mx.addValues({D(-0.0)});
  Agg r(call("max", {col("d", DataType::doubleType())}));
  r.acc().load(saved(mx), "x");
  EXPECT_TRUE(std::signbit(r.result().asDouble()));

  // 128-bit decimals at the edge of decimal(38).
  Agg wide(call("min", {col("d", DataType::decimal(38, 0))}));
  wide.addValues({Dec(-(kTen38 - 1))});
  Agg w2(call("min", {col("d", DataType::decimal(38, 0))}));
  w2.acc().load(saved(wide), "x");
  EXPECT_TRUE(w2.result().asDecimal() == -(kTen38 - 1));

  // collect_set still deduplicates after a restore, with SQL equality (-0.0 = 0.0).
  Agg set(call("collect_set", {col("d", DataType::doubleType())}));
  set.addValues({D(-0.0)}).addValues({D(std::nan(""))});
  Agg s2(call("collect_set", {col("d", DataType::doubleType())}));
  s2.acc().load(saved(set), "x");
  s2.addValues({D(0.0)}).addValues({D(-std::nan(""))}).addValues({D(1.0)});
  EXPECT_EQ(s2.result().asList().size(), 3u);
}

TEST(AccumulatorState, SparseHllStateIsSmall) {
  Agg few(call("approx_count_distinct", {col("l", DataType::bigint()), litD(0.01)}));
  few.addValues({I(1)}).addValues({I(2)});
  EXPECT_LT(saved(few).size(), 40u);  // 2^14 registers, two set
}

void expectLoadError(const ExprPtr& c, bool distinct, const std::string& state,
                     const std::string& needle) {
  Agg a(c, distinct);
  try {
    a.acc().load(state, "cp/state/0/0/7.delta");
    ADD_FAILURE() << "expected an ExecutionError (" << needle << ")";
  } catch (const ExecutionError& e) {
    EXPECT_NE(e.message().find("cp/state/0/0/7.delta"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find(needle), std::string::npos) << e.message();
  }
}

TEST(AccumulatorState, TruncatedOrExtendedStateIsAnErrorNamingTheFile) {
  for (const SaveCase& c : saveCases()) {
    SCOPED_TRACE(c.name);
    Agg a(c.call, c.distinct);
    for (const auto& row : c.rows) a.addValues(row);
    const std::string state = saved(a);
    for (size_t n = 0; n < state.size(); n += (state.size() > 600 ? 97 : 1))
      expectLoadError(c.call, c.distinct, state.substr(0, n), "");
    expectLoadError(c.call, c.distinct, state + std::string(1, '\0'), "left after");
  }
}

TEST(AccumulatorState, OtherVersionOrFunctionIsRefused) {
  const auto s = col("s", DataType::string());
  Agg mn(call("min", {s}));
  mn.addValues({S("a")});
  std::string state = saved(mn);
  std::string v2 = state;
  v2[0] = 2;
  expectLoadError(call("min", {s}), false, v2, "format version 2");
  expectLoadError(call("max", {s}), false, state, "state is of min where the query computes max");
  expectLoadError(call("collect_set", {s}), false, state, "was the query changed");

  // approx_count_distinct with another relativeSD.
  const auto l = col("l", DataType::bigint());
  Agg fine(call("approx_count_distinct", {l, litD(0.01)}));
  fine.addValues({I(1)});
  expectLoadError(call("approx_count_distinct", {l}), false, saved(fine), "index bits");
}

// Damaged bytes anywhere: an ExecutionError or a loaded state, never a crash or another
// exception type.
TEST(AccumulatorState, DamagedStateNeverCrashes) {
  for (const SaveCase& c : saveCases()) {
    SCOPED_TRACE(c.name);
    Agg a(c.call, c.distinct);
    for (const auto& row : c.rows) a.addValues(row);
    const std::string state = saved(a);
    const size_t step = state.size() > 600 ? 53 : 1;
    for (size_t at = 0; at < state.size(); at += step)
      for (unsigned char x : {0x01, 0x80, 0xff}) {
        std::string bad = state;
        bad[at] = static_cast<char>(bad[at] ^ x);
        Agg r(c.call, c.distinct);
        try {
          r.acc().load(bad, "f");
          (void)r.shown();
        } catch (const ExecutionError&) {
        }
      }
  }
}

// percentile_approx answers the value of rank ceil(p * n) (the extremes within 1 / accuracy of
// 0 and 1), of the input's type; an array of percentages gives an array.
TEST(Accumulators, PercentileApproxIsTheValueOfRankCeilPN) {
  const auto v = col("v", DataType::integer());
  Agg half(call("percentile_approx", {v, litD(0.5), lit(100)}));
  Agg low(call("percentile_approx", {v, litD(0.005), lit(100)}));
  Agg none(call("percentile_approx", {v, litD(0.5)}));
  for (int64_t x : {10, 0, 7, 9, 6}) {
    half.addValues({I(x)});
    low.addValues({I(x)});
  }
  none.addValues({N});
  EXPECT_EQ(half.shown(), "7");
  EXPECT_EQ(low.shown(), "0");
  EXPECT_EQ(none.shown(), "NULL");
}

// histogram_numeric merges the closest adjacent bins into their weighted mean.
TEST(Accumulators, HistogramNumericMergesTheClosestBins) {
  Agg h(call("histogram_numeric", {col("v", DataType::doubleType()), lit(2)}));
  for (double x : {2.0, 10.0, 4.0}) h.addValues({D(x)});
  EXPECT_EQ(h.shown(), "[{3.0, 2.0}, {10.0, 1.0}]");
}

}  // namespace
}  // namespace sluice
