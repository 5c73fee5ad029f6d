#include "stdlib/json.h"

#include <gtest/gtest.h>

namespace sluice::stdlib {
namespace {

TEST(Json, ParseAndSerialize) {
  auto v = parseJson(R"( {"a": [1, 2.5, "x\n\u00e9"], "b": null, "c": true} )");
  ASSERT_TRUE(v);
  EXPECT_EQ(serializeJson(*v), R"({"a":[1,2.5,"x\né"],"b":null,"c":true})");
  EXPECT_FALSE(parseJson("{\"a\": 1,}"));
  EXPECT_FALSE(parseJson("[1 2]"));
  EXPECT_FALSE(parseJson("01"));
  EXPECT_FALSE(parseJson("{'a': 1}", JsonParseOptions{.allowSingleQuotes = false}));
  EXPECT_TRUE(parseJson("{'a': 1}"));
  EXPECT_FALSE(parseJson("{a: 1}"));
  EXPECT_TRUE(parseJson("{a: 1}", JsonParseOptions{.allowUnquotedFieldNames = true}));
  EXPECT_FALSE(parseJson("// c\n1"));
  EXPECT_TRUE(parseJson("// c\n1", JsonParseOptions{.allowComments = true}));
  EXPECT_TRUE(parseJson("NaN"));
  EXPECT_EQ(parseJson(R"("\ud83d\ude00")")->text, "\xF0\x9F\x98\x80");
}

TEST(Json, Paths) {
  const char* doc = R"({"store": {"book": [{"t": "a", "p": 8}, {"t": "b", "p": 9}], "k": "v"}})";
  EXPECT_EQ(*getJsonObject(doc, "$.store.k"), "v");
  EXPECT_EQ(*getJsonObject(doc, "$.store.book[0].p"), "8");
  EXPECT_EQ(*getJsonObject(doc, "$['store']['k']"), "v");
  EXPECT_EQ(*getJsonObject(doc, "$.store.book[*].t"), R"(["a","b"])");
  EXPECT_EQ(*getJsonObject(doc, "$"), serializeJson(*parseJson(doc)));
  EXPECT_FALSE(getJsonObject(doc, "$.store.book[5]"));
  EXPECT_FALSE(getJsonObject(doc, "store"));
  auto t = jsonTuple(R"({"a": 1, "b": {"c": 2}, "d": null})", {"a", "b", "d", "e"});
  EXPECT_EQ(*t[0], "1");
  EXPECT_EQ(*t[1], R"({"c":2})");
  EXPECT_FALSE(t[2]);
  EXPECT_FALSE(t[3]);
}

}  // namespace
}  // namespace sluice::stdlib
