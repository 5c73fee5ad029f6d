#include "runtime/exec/slot_values.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

#include "frontend/error.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

template <typename T>
RowSlot slot(T v) {
  RowSlot s{};
  std::memcpy(s.bytes, &v, sizeof(T));
  return s;
}

RowSlot str(std::string_view s) {
  return slot(StringView{s.data(), static_cast<int64_t>(s.size())});
}

std::string key(const RowSlot& s, const DataType& t, bool null = false) {
  std::string out;
  encodeKey(out, s.bytes, null, t);
  return out;
}

TEST(SlotValues, StorageToValueOfScalars) {
  EXPECT_EQ(storageToValue(slot<uint8_t>(1).bytes, *DataType::boolean()).asBool(), true);
  EXPECT_EQ(storageToValue(slot<int8_t>(-3).bytes, *DataType::byte()).asInt(), -3);
  EXPECT_EQ(storageToValue(slot<int16_t>(-300).bytes, *DataType::shortType()).asInt(), -300);
  EXPECT_EQ(storageToValue(slot<int32_t>(-7).bytes, *DataType::date()).asInt(), -7);
  EXPECT_EQ(storageToValue(slot<int64_t>(1LL << 40).bytes, *DataType::timestamp()).asInt(),
            1LL << 40);
  EXPECT_EQ(storageToValue(slot<float>(1.5f).bytes, *DataType::floatType()).asDouble(), 1.5);
  EXPECT_EQ(storageToValue(slot<int64_t>(-12345).bytes, *DataType::decimal(10, 2)).asDecimal(),
            -12345);
  const __int128 big = static_cast<__int128>(1) << 100;
  EXPECT_EQ(storageToValue(slot(big).bytes, *DataType::decimal(38, 0)).asDecimal(), big);
  EXPECT_EQ(storageToValue(str("hé").bytes, *DataType::string()).asString(), "hé");
  EXPECT_TRUE(storageToValue(RowSlot{}.bytes, *DataType::null()).isNull());
}

TEST(SlotValues, NestedValuesRoundTripThroughStorage) {
  const TypePtr t = DataType::structOf(
      {{"a", DataType::integer(), true},
       {"l", DataType::arrayOf(DataType::string(), true), true},
       {"m", DataType::mapOf(DataType::string(), DataType::bigint(), true), true}});
  const Value v = Value::list(
      {Value::integer(5), Value::list({Value::bytes("x"), Value::null()}),
       Value::list({Value::bytes("k"), Value::integer(9), Value::bytes("n"), Value::null()})});
  StringArena arena;
  const void* nested = valueToNested(v, *t, arena);
  EXPECT_EQ(storageToValue(&nested, *t), v);

  // Into a batch column and back.
  ColumnBatchBuilder b({t});
  setValue(b, 0, v, *t);
  b.endRow();
  ColumnBatch batch = b.finish();
  EXPECT_EQ(storageToValue(batch.columns()[0].values, *t), v);
}

TEST(SlotValues, KeysOfEqualValuesAreEqual) {
  const auto& d = *DataType::doubleType();
  EXPECT_EQ(key(slot(0.0), d), key(slot(-0.0), d));
  EXPECT_EQ(key(slot(std::nan("")), d), key(slot(-std::nan("7")), d));
  EXPECT_NE(key(slot(1.0), d), key(slot(2.0), d));
  EXPECT_NE(key(slot(std::nan("")), d), key(slot(std::numeric_limits<double>::infinity()), d));
  const auto& f = *DataType::floatType();
  EXPECT_EQ(key(slot(0.0f), f), key(slot(-0.0f), f));
  EXPECT_EQ(key(slot(std::nanf("")), f), key(slot(-std::nanf("3")), f));
  // Only the value's storage bytes count, not what else is in the slot.
  RowSlot dirty = slot<int64_t>(-1);
  std::memcpy(dirty.bytes, "\x05\0\0\0", 4);
  EXPECT_EQ(key(dirty, *DataType::integer()), key(slot<int32_t>(5), *DataType::integer()));
}

TEST(SlotValues, KeysDistinguishNullsAndStringBoundaries) {
  const auto& i = *DataType::integer();
  EXPECT_NE(key(slot<int32_t>(0), i), key(slot<int32_t>(0), i, true));
  const auto& s = *DataType::string();
  EXPECT_NE(key(str(""), s), key(str(""), s, true));
  EXPECT_EQ(key(str("ab"), s), key(str("ab"), s));
  EXPECT_NE(key(str("ab"), s), key(str("aB"), s));
  // Length-prefixed: ("ab", "c") and ("a", "bc") differ.
  EXPECT_NE(key(str("ab"), s) + key(str("c"), s), key(str("a"), s) + key(str("bc"), s));
}

TEST(SlotValues, NestedKeysCompareElementwise) {
  const TypePtr t = DataType::arrayOf(DataType::doubleType(), true);
  StringArena arena;
  const void* a = valueToNested(Value::list({Value::real(-0.0), Value::null()}), *t, arena);
  const void* b = valueToNested(Value::list({Value::real(0.0), Value::null()}), *t, arena);
  const void* c = valueToNested(Value::list({Value::real(0.0)}), *t, arena);
  EXPECT_EQ(key(slot(a), *t), key(slot(b), *t));
  EXPECT_NE(key(slot(a), *t), key(slot(c), *t));
}

TEST(SlotValues, DecodeKeyRestoresEveryColumn) {
  const TypePtr st = DataType::structOf({{"x", DataType::string(), true}});
  StringArena arena;
  const void* nested = valueToNested(Value::list({Value::bytes("in")}), *st, arena);
  const std::vector<TypePtr> types = {DataType::integer(),    DataType::string(),
                                      DataType::doubleType(), DataType::decimal(38, 2),
                                      DataType::boolean(),    st,
                                      DataType::bigint()};
  const __int128 big = -(static_cast<__int128>(1) << 90);
  const RowSlot slots[] = {slot<int32_t>(-4), str("key"),   slot(-0.0), slot(big),
                           slot<uint8_t>(1),  slot(nested), RowSlot{}};
  std::string k;
  for (size_t c = 0; c < types.size(); ++c)
    encodeKey(k, slots[c].bytes, c == types.size() - 1, *types[c]);

  ColumnBatchBuilder b(types);
  size_t pos = 0;
  for (size_t c = 0; c < types.size(); ++c) decodeKey(k, &pos, b, c, *types[c]);
  b.endRow();
  EXPECT_EQ(pos, k.size());
  ColumnBatch batch = b.finish();
  const auto value = [&](size_t c) { return storageToValue(batch.columns()[c].values, *types[c]); };
  EXPECT_EQ(value(0).asInt(), -4);
  EXPECT_EQ(value(1).asString(), "key");
  EXPECT_EQ(value(2).asDouble(), 0.0);
  EXPECT_FALSE(std::signbit(value(2).asDouble()));  // the group shows 0.0, as Spark
  EXPECT_EQ(value(3).asDecimal(), big);
  EXPECT_TRUE(value(4).asBool());
  EXPECT_EQ(value(5), Value::list({Value::bytes("in")}));
  ASSERT_NE(batch.columns()[6].nulls, nullptr);
  EXPECT_TRUE(batch.columns()[6].nulls[0]);
}

TEST(SlotValues, DecodeKeyRejectsTruncatedInput) {
  std::string k;
  encodeKey(k, str("abcdef").bytes, false, *DataType::string());
  k.resize(k.size() - 2);
  ColumnBatchBuilder b({DataType::string()});
  size_t pos = 0;
  EXPECT_THROW(decodeKey(k, &pos, b, 0, *DataType::string()), ExecutionError);
}

TEST(SlotValues, SetStorageCopiesStrings) {
  ColumnBatchBuilder b({DataType::string(), DataType::decimal(20, 0)});
  std::string s = "volatile";
  setStorage(b, 0, str(s).bytes, *DataType::string());
  setStorage(b, 1, slot<__int128>(-42).bytes, *DataType::decimal(20, 0));
  b.endRow();
  s.assign(s.size(), '#');
  ColumnBatch batch = b.finish();
  EXPECT_EQ(storageToValue(batch.columns()[0].values, *DataType::string()).asString(), "volatile");
  EXPECT_EQ(storageToValue(batch.columns()[1].values, *DataType::decimal(20, 0)).asDecimal(), -42);
}

}  // namespace
TEST(SlotValues, EncodeStorageKeepsValuesExactlyAsEncodeValueDoes) {
  // Saved rows (a stream-stream join's) keep -0.0 and NaN payloads as they came, and equal the
  // encoding of the same Value.
  const TypePtr arr = DataType::arrayOf(DataType::doubleType(), true);
  StringArena arena;
  const Value nested = Value::list({Value::real(-0.0), Value::null()});
  const RowSlot nestedSlot = slot(valueToNested(nested, *arr, arena));
  std::string fromSlots, fromValues;
  encodeStorage(fromSlots, slot(-0.0).bytes, false, *DataType::doubleType());
  encodeStorage(fromSlots, str("ab").bytes, false, *DataType::string());
  encodeStorage(fromSlots, nestedSlot.bytes, false, *arr);
  encodeStorage(fromSlots, nullptr, true, *DataType::integer());
  encodeValue(fromValues, Value::real(-0.0), *DataType::doubleType());
  encodeValue(fromValues, Value::bytes("ab"), *DataType::string());
  encodeValue(fromValues, nested, *arr);
  encodeValue(fromValues, Value::null(), *DataType::integer());
  EXPECT_EQ(fromSlots, fromValues);
  size_t pos = 0;
  EXPECT_TRUE(std::signbit(decodeKeyValue(fromSlots, &pos, *DataType::doubleType()).asDouble()));
  EXPECT_NE(fromSlots.substr(0, 9), key(slot(-0.0), *DataType::doubleType()));  // not canonical
}

}  // namespace sluice
