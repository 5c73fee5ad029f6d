#include "stdlib/json_schema.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>

#include "stdlib/json_abi.h"
#include "stdlib/kernel_error.h"
#include "stdlib/nested.h"

namespace sluice::stdlib {
namespace {

NestedType scalar(NestedKind k) {
  NestedType t;
  t.kind = k;
  return t;
}
NestedType structOf(std::vector<std::pair<std::string, NestedType>> fields) {
  NestedType t;
  t.kind = NestedKind::Struct;
  for (auto& [n, ft] : fields) {
    t.fieldNames.push_back(n);
    t.anySpecialName |= std::string(n).find_first_of("\\\"") != std::string::npos;
    t.children.push_back(ft);
  }
  return t;
}
NestedType arrayOf(NestedType e) {
  NestedType t;
  t.kind = NestedKind::Array;
  t.children = {std::move(e)};
  return t;
}
NestedType mapOf(NestedType v) {
  NestedType t;
  t.kind = NestedKind::Map;
  t.children = {scalar(NestedKind::String), std::move(v)};
  return t;
}

const StructData* asStruct(const void* p) {
  return static_cast<const StructData*>(p);
}
bool fieldNull(const void* s, int i) {
  return asStruct(s)->nulls && asStruct(s)->nulls[i];
}
template <typename T>
T field(const void* s, int i) {
  return asStruct(s)->fields[i].as<T>();
}
std::string fieldStr(const void* s, int i) {
  return std::string(field<StringView>(s, i).view());
}

class JsonSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override { takeKernelError(); }
  const void* read(const JsonReadSpec& spec, std::string_view text) {
    return readJson(spec, text, arena_);
  }
  StringArena arena_;
};

TEST_F(JsonSchemaTest, ReadsScalarsOfEveryKind) {
  JsonReadSpec spec;
  spec.type = structOf({{"b", scalar(NestedKind::Boolean)},
                        {"i", scalar(NestedKind::Int)},
                        {"l", scalar(NestedKind::Long)},
                        {"d", scalar(NestedKind::Double)},
                        {"s", scalar(NestedKind::String)},
                        {"t", scalar(NestedKind::Timestamp)},
                        {"dt", scalar(NestedKind::Date)},
                        {"m", scalar(NestedKind::Short)}});
  NestedType dec = scalar(NestedKind::Decimal);
  dec.precision = 10;
  dec.scale = 2;
  spec.type.fieldNames.push_back("x");
  spec.type.children.push_back(dec);
  const void* v = read(spec, R"({"b":true,"i":-7,"l":9007199254740993,"d":1.5e3,"s":"h\u00e9\"",)"
                             R"("t":"2016-12-29 00:00:00","dt":"2020-02-29","m":12,"x":12.345})");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(field<uint8_t>(v, 0), 1);
  EXPECT_EQ(field<int32_t>(v, 1), -7);
  EXPECT_EQ(field<int64_t>(v, 2), 9007199254740993LL);
  EXPECT_EQ(field<double>(v, 3), 1500.0);
  EXPECT_EQ(fieldStr(v, 4), "h\xc3\xa9\"");
  EXPECT_EQ(field<int64_t>(v, 5), 1482969600LL * 1000000);
  EXPECT_EQ(field<int32_t>(v, 6), 18321);
  EXPECT_EQ(field<int16_t>(v, 7), 12);
  EXPECT_EQ(field<int64_t>(v, 8), 1235);  // HALF_UP to scale 2
  for (int i = 0; i < 9; ++i) EXPECT_FALSE(fieldNull(v, i)) << i;
}

TEST_F(JsonSchemaTest, MissingUnknownAndNullFieldsAreNull) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", scalar(NestedKind::Int)}, {"b", scalar(NestedKind::String)}});
  const void* v = read(spec, R"({"zzz":{"deep":[1,2,{"x":null}]},"b":null})");
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(fieldNull(v, 0));
  EXPECT_TRUE(fieldNull(v, 1));
}

TEST_F(JsonSchemaTest, WrongTypeNullsOnlyThatField) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", scalar(NestedKind::Int)},
                        {"b", scalar(NestedKind::Boolean)},
                        {"c", structOf({{"x", scalar(NestedKind::Int)}})},
                        {"d", scalar(NestedKind::String)}});
  const void* v = read(spec, R"({"a":"12","b":1,"c":{"x":1.5},"d":"ok"})");
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(fieldNull(v, 0));
  EXPECT_TRUE(fieldNull(v, 1));
  EXPECT_TRUE(fieldNull(v, 2));  // a nested mismatch nulls the top-level field
  EXPECT_EQ(fieldStr(v, 3), "ok");
  EXPECT_FALSE(hasKernelError());
}

TEST_F(JsonSchemaTest, BigNumbersOverflowToNull) {
  JsonReadSpec spec;
  spec.type = structOf({{"i", scalar(NestedKind::Int)},
                        {"l", scalar(NestedKind::Long)},
                        {"d", scalar(NestedKind::Double)},
                        {"s", scalar(NestedKind::String)}});
  const void* v = read(
      spec,
      R"({"i":2147483648,"l":123456789012345678901234567890,"d":123456789012345678901234567890,)"
      R"("s":123456789012345678901234567890})");
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(fieldNull(v, 0));
  EXPECT_TRUE(fieldNull(v, 1));
  ASSERT_FALSE(fieldNull(v, 2));
  EXPECT_NEAR(field<double>(v, 2), 1.2345678901234568e29, 1e15);
  EXPECT_EQ(fieldStr(v, 3), "123456789012345678901234567890");
}

TEST_F(JsonSchemaTest, NonStringValuesReadAsStringKeepTheirCompactJson) {
  JsonReadSpec spec;
  spec.type = structOf({{"o", scalar(NestedKind::String)},
                        {"a", scalar(NestedKind::String)},
                        {"n", scalar(NestedKind::String)},
                        {"t", scalar(NestedKind::String)}});
  const void* v = read(spec, R"({"o": {"k" : [1, 2]}, "a": [ true ], "n": 1.50 , "t": true })");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(fieldStr(v, 0), R"({"k":[1,2]})");
  EXPECT_EQ(fieldStr(v, 1), "[true]");
  EXPECT_EQ(fieldStr(v, 2), "1.50");
  EXPECT_EQ(fieldStr(v, 3), "true");
}

TEST_F(JsonSchemaTest, MalformedRecordIsAStructOfNulls) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", scalar(NestedKind::Int)}});
  for (std::string_view bad : {R"({"a":1)", R"({"a":1}})", "[1,2]", "42", R"({"a":1} x)"}) {
    const void* v = read(spec, bad);
    ASSERT_NE(v, nullptr) << bad;
    EXPECT_TRUE(fieldNull(v, 0)) << bad;
  }
  EXPECT_EQ(read(spec, ""), nullptr);
  EXPECT_EQ(read(spec, "  "), nullptr);
  EXPECT_EQ(read(spec, "null"), nullptr);
  EXPECT_FALSE(hasKernelError());
  // Array / map schemas give NULL for malformed records.
  JsonReadSpec arr;
  arr.type = arrayOf(scalar(NestedKind::Int));
  EXPECT_EQ(read(arr, "[1,"), nullptr);
  EXPECT_EQ(read(arr, R"({"a":1})"), nullptr);
}

TEST_F(JsonSchemaTest, FailFastRaisesAKernelErrorNamingTheRecord) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", scalar(NestedKind::Int)}});
  spec.failFast = true;
  EXPECT_EQ(read(spec, R"({"a":)"), nullptr);
  auto err = takeKernelError();
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find("FAILFAST"), std::string::npos);
  EXPECT_NE(err->find(R"({"a":)"), std::string::npos);
  // A type mismatch fails the record too.
  EXPECT_EQ(read(spec, R"({"a":"x"})"), nullptr);
  EXPECT_TRUE(takeKernelError().has_value());
  // Good records do not.
  EXPECT_NE(read(spec, R"({"a":1})"), nullptr);
  EXPECT_FALSE(hasKernelError());
}

// Binary garbage is escaped and cut, and the error points at the text (its input row).
TEST_F(JsonSchemaTest, FailFastQuotesBinaryTextSafely) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", scalar(NestedKind::Int)}});
  spec.failFast = true;
  std::string text = std::string("\x01\xff{\"a\":\n", 8) + std::string(1000, 'z');
  EXPECT_EQ(read(spec, text), nullptr);
  EXPECT_EQ(kernelErrorSubject(), static_cast<const void*>(text.data()));
  const auto err = takeKernelError();
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->find(R"(Malformed record: \x01\xff{"a":\x0azzz)"), std::string::npos) << *err;
  EXPECT_NE(err->find("zzz... (1008 bytes)"), std::string::npos) << *err;
  EXPECT_LT(err->size(), 400u);
  EXPECT_EQ(kernelErrorSubject(), nullptr);
}

TEST_F(JsonSchemaTest, DuplicateKeysLastWins) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", scalar(NestedKind::Int)}, {"m", mapOf(scalar(NestedKind::Int))}});
  const void* v = read(spec, R"({"a":1,"m":{"x":1,"y":2,"x":3},"a":2})");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(field<int32_t>(v, 0), 2);
  auto* m = static_cast<const MapData*>(field<const void*>(v, 1));
  ASSERT_EQ(m->length, 2);
  EXPECT_EQ(m->keys[0].as<StringView>().view(), "x");
  EXPECT_EQ(m->values[0].as<int32_t>(), 3);
  EXPECT_EQ(m->keys[1].as<StringView>().view(), "y");
  v = read(spec, R"({"a":1,"a":null})");
  EXPECT_TRUE(fieldNull(v, 0));
}

TEST_F(JsonSchemaTest, NestShapeWithTimestampFormat) {
  NestedType lastEvent = structOf(
      {{"has_person", scalar(NestedKind::Boolean)}, {"start_time", scalar(NestedKind::Timestamp)}});
  NestedType camera =
      structOf({{"device_id", scalar(NestedKind::String)}, {"last_event", lastEvent}});
  JsonReadSpec spec;
  spec.type = structOf({{"devices", structOf({{"cameras", mapOf(camera)}})}});
  spec.timestampFormat = DateTimePattern::compile("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", nullptr);
  const std::string good =
      R"({"devices":{"thermostats":{"t1":{"x":1}},"cameras":{"c1":{"device_id":"c1",)"
      R"("last_event":{"has_person":true,"start_time":"2016-12-29T00:00:00.250Z"}},)"
      R"("c2":{"device_id":"c2","last_event":{"has_person":false}}}}})";
  const void* v = read(spec, good);
  ASSERT_NE(v, nullptr);
  ASSERT_FALSE(fieldNull(v, 0));
  const void* devices = field<const void*>(v, 0);
  auto* cams = static_cast<const MapData*>(field<const void*>(devices, 0));
  ASSERT_EQ(cams->length, 2);
  EXPECT_EQ(cams->keys[1].as<StringView>().view(), "c2");
  const void* c1 = cams->values[0].as<const void*>();
  EXPECT_EQ(fieldStr(c1, 0), "c1");
  const void* ev = field<const void*>(c1, 1);
  EXPECT_EQ(field<uint8_t>(ev, 0), 1);
  EXPECT_EQ(field<int64_t>(ev, 1), 1482969600LL * 1000000 + 250000);
  EXPECT_TRUE(fieldNull(field<const void*>(cams->values[1].as<const void*>(), 1), 1));
  // An unparseable timestamp deep inside nulls the top-level field (devices), as the
  // constant folder does.
  v = read(spec, R"({"devices":{"cameras":{"c1":{"last_event":{"start_time":"noon"}}}}})");
  ASSERT_NE(v, nullptr);
  EXPECT_TRUE(fieldNull(v, 0));
}

TEST_F(JsonSchemaTest, EscapedKeysAndSurrogatePairs) {
  JsonReadSpec spec;
  spec.type = structOf({{"ab", scalar(NestedKind::Int)}, {"s", scalar(NestedKind::String)}});
  const void* v = read(spec, R"({"\u0061b":5,"a\"b":6,"s":"\ud83d\ude00"})");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(field<int32_t>(v, 0), 5);
  EXPECT_EQ(fieldStr(v, 1), "\xF0\x9F\x98\x80");
}

TEST_F(JsonSchemaTest, KeyOrderMemoFollowsChangingKeys) {
  JsonReadSpec spec;
  spec.type = structOf({{"ad_id", scalar(NestedKind::String)}, {"t", scalar(NestedKind::Long)}});
  struct Case {
    const char* json;
    const char* adId;  // nullptr: NULL
    int64_t t;
  };
  // The memo learns the first order, then must notice every kind of change at a position:
  // another order, a longer or shorter key sharing a prefix, an escaped spelling of a field,
  // an unknown key, a key longer than a machine word.
  const Case cases[] = {
      {R"({"ad_id":"a","x":1,"t":1})", "a", 1},
      {R"({"ad_id":"b","x":1,"t":2})", "b", 2},
      {R"({"ad_idx":"no","t":3})", nullptr, 3},  // a longer key with the memo's as prefix
      {R"({"ad_id":"c","x":1,"t":4})", "c", 4},
      {R"({"ad_i":"no","t":5})", nullptr, 5},  // a shorter one
      {R"({"t":6,"ad_id":"d","x":1})", "d", 6},
      {R"({"ad\u005fid":"e","t":7})", "e", 7},  // escaped: never memoized
      {R"({"ad\u005fid":"f","t":8})", "f", 8},
      {R"({"a_very_long_key_that_spans_words":1,"ad_id":"g","t":9})", "g", 9},
      {R"({"a_very_long_key_that_spans_wordz":1,"ad_id":"h","t":10})", "h", 10},
      {R"({"ad_id":"i","x":1,"t":11})", "i", 11},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.json);
    const void* v = read(spec, c.json);
    ASSERT_NE(v, nullptr);
    if (c.adId)
      EXPECT_EQ(fieldStr(v, 0), c.adId);
    else
      EXPECT_TRUE(fieldNull(v, 0));
    EXPECT_EQ(field<int64_t>(v, 1), c.t);
  }
}

TEST_F(JsonSchemaTest, ANewSchemaAtAReusedAddressDoesNotInheritTheMemo) {
  std::optional<JsonReadSpec> spec;
  spec.emplace();
  spec->type = structOf({{"a", scalar(NestedKind::Int)}, {"b", scalar(NestedKind::Int)}});
  const void* v = read(*spec, R"({"a":1,"b":2})");
  EXPECT_EQ(field<int32_t>(v, 0), 1);
  spec.reset();
  spec.emplace();  // same storage, fields in the other order
  spec->type = structOf({{"b", scalar(NestedKind::Int)}, {"a", scalar(NestedKind::Int)}});
  v = read(*spec, R"({"a":1,"b":2})");
  EXPECT_EQ(field<int32_t>(v, 0), 2);
  EXPECT_EQ(field<int32_t>(v, 1), 1);
  const NestedType copy = spec->type;
  EXPECT_NE(copy.serial.value, spec->type.serial.value);
}

TEST_F(JsonSchemaTest, MoreNestedSchemasThanTheMemoTableHoldsReadCorrectly) {
  // 40 nested struct schemas in one record: the key memos of the outer structs stay in use
  // while the inner ones are looked up, so none may be recycled under the reader.
  constexpr int kDepth = 40;
  JsonReadSpec spec;
  NestedType t = structOf({{"v", scalar(NestedKind::Int)}});
  std::string json = R"({"v":7})";
  for (int i = 0; i < kDepth; ++i) {
    t = structOf({{"x", scalar(NestedKind::Int)}, {"a", t}});
    json = R"({"x":)" + std::to_string(i) + R"(,"a":)" + json + "}";
  }
  spec.type = t;
  for (int round = 0; round < 3; ++round) {
    const void* v = read(spec, json);
    for (int i = kDepth - 1; i >= 0; --i) {
      ASSERT_NE(v, nullptr);
      EXPECT_EQ(field<int32_t>(v, 0), i);
      v = field<const void*>(v, 1);
    }
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(field<int32_t>(v, 0), 7);
  }
}

TEST_F(JsonSchemaTest, EscapeFreeStringsPointIntoTheTextOthersAreCopied) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", scalar(NestedKind::String)}, {"b", scalar(NestedKind::String)}});
  const std::string text = R"({"a" : "plain" , "b":"tab\there"})";
  const void* v = read(spec, text);
  ASSERT_NE(v, nullptr);
  const StringView a = field<StringView>(v, 0), b = field<StringView>(v, 1);
  EXPECT_EQ(a.view(), "plain");
  EXPECT_GE(a.ptr, text.data());  // zero-copy
  EXPECT_LT(a.ptr, text.data() + text.size());
  EXPECT_EQ(b.view(), "tab\there");
  EXPECT_FALSE(b.ptr >= text.data() && b.ptr < text.data() + text.size());  // unescaped copy
  // Map keys likewise: raw when escape-free, unescaped copies otherwise; a repeated key keeps
  // its first position and the last value.
  JsonReadSpec mapSpec;
  mapSpec.type = mapOf(scalar(NestedKind::Int));
  const std::string mapText = R"({"plain":1,"t\u0061b":2,"plain":3})";
  const auto* m = static_cast<const MapData*>(read(mapSpec, mapText));
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(m->length, 2);
  const StringView k0 = m->keys[0].as<StringView>(), k1 = m->keys[1].as<StringView>();
  EXPECT_EQ(k0.view(), "plain");
  EXPECT_TRUE(k0.ptr >= mapText.data() && k0.ptr < mapText.data() + mapText.size());
  EXPECT_EQ(k1.view(), "tab");
  EXPECT_FALSE(k1.ptr >= mapText.data() && k1.ptr < mapText.data() + mapText.size());
  EXPECT_EQ(m->values[0].as<int32_t>(), 3);
  EXPECT_EQ(m->values[1].as<int32_t>(), 2);
  // The lenient path reads a temporary normalized copy: its strings are copied too.
  const std::string lenient = R"({'a':'x', "b":"y"})";
  v = read(spec, lenient);
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(fieldStr(v, 0), "x");
  const char* p = field<StringView>(v, 1).ptr;
  EXPECT_FALSE(p >= lenient.data() && p < lenient.data() + lenient.size());
}

TEST_F(JsonSchemaTest, ArraysAndLenientSyntax) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", arrayOf(scalar(NestedKind::Long))}});
  const void* v = read(spec, R"({'a': [1, null, 3]})");  // single quotes: the slow path
  ASSERT_NE(v, nullptr);
  ASSERT_FALSE(fieldNull(v, 0));
  auto* a = static_cast<const ArrayData*>(field<const void*>(v, 0));
  ASSERT_EQ(a->length, 3);
  ASSERT_NE(a->nulls, nullptr);
  EXPECT_TRUE(a->nulls[1]);
  EXPECT_EQ(a->values[2].as<int64_t>(), 3);
  // A lone object reads as a one-element array<struct>.
  JsonReadSpec arr;
  arr.type = arrayOf(structOf({{"x", scalar(NestedKind::Int)}}));
  const void* one = read(arr, R"({"x":5})");
  ASSERT_NE(one, nullptr);
  EXPECT_EQ(static_cast<const ArrayData*>(one)->length, 1);
}

TEST_F(JsonSchemaTest, RecordsAtAPageEndAreReadSafely) {
  JsonReadSpec spec;
  spec.type = structOf({{"a", scalar(NestedKind::Int)}});
  // Place the record so it ends exactly at a page boundary of an aligned buffer.
  std::vector<char> buf(3 * 4096);
  char* page =
      reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(buf.data()) + 4095) & ~uintptr_t{4095});
  const std::string rec = R"({"a":42})";
  char* at = page + 4096 - rec.size();
  std::memcpy(at, rec.data(), rec.size());
  const void* v = read(spec, std::string_view(at, rec.size()));
  EXPECT_EQ(field<int32_t>(v, 0), 42);
}

TEST_F(JsonSchemaTest, WritesSparkJson) {
  // Round trip: what readJson builds, writeJson prints the way Spark's to_json does.
  JsonReadSpec rs;
  rs.type = structOf({{"a", scalar(NestedKind::Int)},
                      {"n", scalar(NestedKind::String)},
                      {"d", scalar(NestedKind::Double)},
                      {"t", scalar(NestedKind::Timestamp)},
                      {"arr", arrayOf(scalar(NestedKind::String))},
                      {"m", mapOf(scalar(NestedKind::Int))}});
  const void* v =
      read(rs, R"({"a":1,"d":1e10,"t":"2020-01-01 00:00:00","arr":["x\n",null],"m":{"k":null}})");
  JsonWriteSpec ws;
  ws.type = rs.type;
  std::string out;
  writeJson(ws, v, out);
  EXPECT_EQ(out, R"({"a":1,"d":1.0E10,"t":"2020-01-01T00:00:00.000Z","arr":["x\n",null],)"
                 R"("m":{"k":null}})");
  ws.ignoreNullFields = false;
  out.clear();
  writeJson(ws, v, out);
  EXPECT_NE(out.find(R"("n":null)"), std::string::npos);
}

TEST_F(JsonSchemaTest, JavaDoubleFormatting) {
  EXPECT_EQ(javaDouble(1.0, false), "1.0");
  EXPECT_EQ(javaDouble(0.5, false), "0.5");
  EXPECT_EQ(javaDouble(1e7, false), "1.0E7");
  EXPECT_EQ(javaDouble(1.5e-4, false), "1.5E-4");
  EXPECT_EQ(javaDouble(123.25, false), "123.25");
  EXPECT_EQ(javaDouble(0.1f, true), "0.1");
}

TEST_F(JsonSchemaTest, AbiEntryPoints) {
  StringView out;
  const std::string doc = R"({"a":{"b":[1,"x"]},"c":null})";
  ASSERT_EQ(sluice_json_get_json_object(&arena_, doc.data(), doc.size(), "$.a.b[1]", 8, &out), 0);
  EXPECT_EQ(out.view(), "x");
  EXPECT_EQ(sluice_json_get_json_object(&arena_, doc.data(), doc.size(), "$.zz", 4, &out), 1);
  std::vector<std::string> names = {"a", "c", "q"};
  StringView outs[3];
  uint8_t nulls[3];
  sluice_json_tuple(&names, &arena_, doc.data(), doc.size(), outs, nulls);
  EXPECT_EQ(outs[0].view(), R"({"b":[1,"x"]})");
  EXPECT_EQ(nulls[0], 0);
  EXPECT_EQ(nulls[1], 1);
  EXPECT_EQ(nulls[2], 1);
}

TEST(KernelErrorTest, KeepsTheFirstErrorUntilTaken) {
  takeKernelError();
  EXPECT_FALSE(hasKernelError());
  sluice_kernel_error("first", 5);
  raiseKernelError("second");
  EXPECT_TRUE(hasKernelError());
  EXPECT_EQ(takeKernelError().value_or(""), "first");
  EXPECT_FALSE(takeKernelError().has_value());
}

}  // namespace
}  // namespace sluice::stdlib
