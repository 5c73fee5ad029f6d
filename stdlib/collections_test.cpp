#include "stdlib/collections.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "stdlib/collections_abi.h"
#include "stdlib/json_schema.h"

namespace sluice::stdlib {
namespace {

// An array<T> of `values` (std::nullopt = NULL) in the nested layout.
template <typename T>
struct TestArray {
  explicit TestArray(const std::vector<std::optional<T>>& values) {
    slots.resize(values.size());
    nulls.resize(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i]) slots[i].set(*values[i]);
      nulls[i] = values[i] ? 0 : 1;
    }
    data = ArrayData{static_cast<int64_t>(values.size()), nulls.data(),
                     slots.empty() ? nullptr : slots.data()};
  }
  std::vector<Slot> slots;
  std::vector<uint8_t> nulls;
  ArrayData data{};
};

NestedType kind(NestedKind k) {
  NestedType t;
  t.kind = k;
  return t;
}

std::string ints(const ArrayData& a) {
  std::string out;
  for (int64_t i = 0; i < a.length; ++i) {
    out += i ? "," : "";
    out += elementIsNull(a, static_cast<size_t>(i)) ? "null"
                                                    : std::to_string(a.values[i].as<int32_t>());
  }
  return out;
}

TEST(Collections, SortArrayPutsNullsFirstAscendingAndLastDescending) {
  TestArray<int32_t> a({3, std::nullopt, 1, -2, 3});
  StringArena arena;
  const NestedType t = kind(NestedKind::Int);
  EXPECT_EQ(ints(*sortArray(a.data, t, true, arena)), "null,-2,1,3,3");
  EXPECT_EQ(ints(*sortArray(a.data, t, false, arena)), "3,3,1,-2,null");
  TestArray<int32_t> empty({});
  EXPECT_EQ(sortArray(empty.data, t, true, arena)->length, 0);
}

TEST(Collections, DoublesOrderNaNLastAndZeroesEqual) {
  const double nan = std::nan("");
  TestArray<double> a({nan, 1.5, -0.0, 0.0, -1e300});
  StringArena arena;
  const ArrayData* s = sortArray(a.data, kind(NestedKind::Double), true, arena);
  EXPECT_EQ(s->values[0].as<double>(), -1e300);
  EXPECT_TRUE(std::signbit(s->values[1].as<double>()));  // stable: -0.0 stays before 0.0
  EXPECT_TRUE(std::isnan(s->values[4].as<double>()));
  const ArrayData* d = distinctArray(a.data, kind(NestedKind::Double), arena);
  EXPECT_EQ(d->length, 4);  // -0.0 == 0.0: the first is kept
}

TEST(Collections, DistinctKeepsFirstOccurrencesAndOneNull) {
  TestArray<int32_t> a({2, std::nullopt, 1, 2, std::nullopt, 1, 3});
  StringArena arena;
  const NestedType t = kind(NestedKind::Int);
  EXPECT_EQ(ints(*distinctArray(a.data, t, arena)), "2,null,1,3");
  // The sort-based path for long arrays gives the same answer.
  std::vector<std::optional<int32_t>> many;
  for (int i = 0; i < 100; ++i) many.push_back(i % 7 == 3 ? std::nullopt : std::optional(i % 5));
  TestArray<int32_t> b(many);
  EXPECT_EQ(ints(*distinctArray(b.data, t, arena)), "0,1,2,null,4,3");
}

TEST(Collections, ContainsIsNullWhenNotFoundAmongNulls) {
  TestArray<int32_t> a({1, std::nullopt, 3});
  TestArray<int32_t> b({1, 3});
  const NestedType t = kind(NestedKind::Int);
  Slot v;
  v.set<int32_t>(3);
  EXPECT_EQ(arrayContainsSlot(a.data, t, v), std::optional<bool>(true));
  v.set<int32_t>(2);
  EXPECT_EQ(arrayContainsSlot(a.data, t, v), std::nullopt);
  EXPECT_EQ(arrayContainsSlot(b.data, t, v), std::optional<bool>(false));
  uint8_t out = 9;
  EXPECT_EQ(sluice_array_contains(&a.data, &t, &v, &out), 0);
  EXPECT_EQ(sluice_array_contains(&b.data, &t, &v, &out), 1);
  EXPECT_EQ(out, 0);
}

TEST(Collections, StringsCompareBytewiseUnsigned) {
  const std::string hi = "\xc3\xa9", lo = "z";
  TestArray<StringView> a({StringView{hi.data(), 2}, StringView{lo.data(), 1}, std::nullopt});
  StringArena arena;
  const NestedType t = kind(NestedKind::String);
  const auto* s = static_cast<const ArrayData*>(sluice_array_sort(&a.data, &t, 1, &arena));
  EXPECT_TRUE(elementIsNull(*s, 0));
  EXPECT_EQ(s->values[1].as<StringView>().view(), "z");
  EXPECT_EQ(s->values[2].as<StringView>().view(), hi);
}

TEST(Collections, NestedElementsCompareFieldByField) {
  // struct<a: int, b: int> values {1, NULL}, {1, 2}, {0, 9}: NULL fields sort first.
  NestedType st = kind(NestedKind::Struct);
  st.fieldNames = {"a", "b"};
  st.children = {kind(NestedKind::Int), kind(NestedKind::Int)};
  Slot f1[2], f2[2], f3[2];
  f1[0].set<int32_t>(1);
  f2[0].set<int32_t>(1);
  f2[1].set<int32_t>(2);
  f3[0].set<int32_t>(0);
  f3[1].set<int32_t>(9);
  const uint8_t n1[2] = {0, 1};
  const StructData s1{n1, f1}, s2{nullptr, f2}, s3{nullptr, f3};
  TestArray<const StructData*> a({&s1, &s2, &s3});
  StringArena arena;
  const ArrayData* sorted = sortArray(a.data, st, true, arena);
  EXPECT_EQ(sorted->values[0].as<const StructData*>(), &s3);
  EXPECT_EQ(sorted->values[1].as<const StructData*>(), &s1);
  EXPECT_EQ(sorted->values[2].as<const StructData*>(), &s2);
  // Arrays: element by element, then the shorter first.
  NestedType at = kind(NestedKind::Array);
  at.children = {kind(NestedKind::Int)};
  TestArray<int32_t> x({1, 2}), y({1, 2, 0}), z({1, std::nullopt});
  Slot sx, sy, sz;
  sx.set<const ArrayData*>(&x.data);
  sy.set<const ArrayData*>(&y.data);
  sz.set<const ArrayData*>(&z.data);
  EXPECT_LT(compareSlots(sx, sy, at), 0);
  EXPECT_LT(compareSlots(sz, sx, at), 0);
  EXPECT_EQ(compareSlots(sx, sx, at), 0);
}

TEST(Collections, TemplatesWorkOnAnyRepresentation) {
  // The fold side uses the same templates over planner Values; plain vectors stand in here.
  const std::vector<std::optional<int>> v = {5, std::nullopt, 5, 1};
  auto isNull = [&](size_t i) { return !v[i]; };
  auto cmp = [&](size_t i, size_t j) { return *v[i] < *v[j] ? -1 : (*v[j] < *v[i] ? 1 : 0); };
  EXPECT_EQ(sortArrayOrder(v.size(), true, isNull, cmp), (std::vector<size_t>{1, 3, 0, 2}));
  EXPECT_EQ(sortArrayOrder(v.size(), false, isNull, cmp), (std::vector<size_t>{0, 2, 3, 1}));
  EXPECT_EQ(distinctPositions(v.size(), isNull, cmp), (std::vector<size_t>{0, 1, 3}));
  EXPECT_EQ(arrayContains(v.size(), isNull, [&](size_t i) { return *v[i] == 1; }),
            std::optional<bool>(true));
}

}  // namespace
}  // namespace sluice::stdlib
