#include <gtest/gtest.h>

#include "planner/functions/test_util.h"

namespace sluice {
namespace {

using namespace sluice::testing;

ExprPtr options(std::vector<std::pair<std::string, std::string>> kv) {
  std::vector<ExprPtr> args;
  for (auto& [k, v] : kv) {
    args.push_back(litS(k));
    args.push_back(litS(v));
  }
  return call("map", std::move(args));
}

TEST(Json, FromJsonTypes) {
  auto body = col("value", DataType::string());
  EXPECT_EQ(typeOf("from_json", {body, litS("a INT, b STRUCT<c: STRING>")}),
            "struct<a:int,b:struct<c:string>>");
  EXPECT_EQ(typeOf("from_json", {body, litS("array<int>")}), "array<int>");
  EXPECT_EQ(typeOf("from_json", {body, litS("map<string, bigint>")}), "map<string,bigint>");
  EXPECT_EQ(typeOf("from_json", {col("v", DataType::binary()), litS("a INT")}), "struct<a:int>");
  EXPECT_TRUE(call("from_json", {body, litS("a INT")})->nullable);
  EXPECT_EQ(bindError("from_json", {body, col("s", DataType::string())}).substr(0, 56),
            "function from_json expects a foldable schema string for ");
  EXPECT_EQ(bindError("from_json", {body, litS("a INT, b BOGUS")}).substr(0, 31),
            "invalid schema for from_json: u");
  EXPECT_EQ(bindError("from_json", {body, litS("a INT"), options({{"mode", "FAILFAST"}})}), "");
  EXPECT_EQ(bindError("from_json", {body, litS("a INT"), options({{"someUnknownKey", "x"}})}), "");
  EXPECT_EQ(bindError("from_json", {body, litS("a INT"), options({{"mode", "bogus"}})}),
            "Unknown parse mode 'bogus'. Acceptable modes are PERMISSIVE and FAILFAST.");
  EXPECT_EQ(bindError("from_json", {body, litS("a INT"), options({{"allowComments", "maybe"}})}),
            "allowComments should be a boolean (true or false), got 'maybe'");
  EXPECT_NE(
      bindError("from_json", {body, litS("a INT"), options({{"timestampFormat", "yyyy-qq"}})}), "");
}

TEST(Json, FromJsonFold) {
  const char* schema = "a INT, b STRUCT<c: STRING>, t TIMESTAMP, l ARRAY<DOUBLE>";
  EXPECT_EQ(fold("from_json",
                 {litS(R"({"a": 1, "b": {"c": "x"}, "t": "2017-08-01T10:00:00Z", "l": [1, 2.5]})"),
                  litS(schema)}),
            "{1, {x}, 2017-08-01 10:00:00, [1.0, 2.5]}");
  EXPECT_EQ(fold("from_json", {litS(R"({"a": "oops", "b": {"c": 5}})"), litS(schema)}),
            "{null, {5}, null, null}");
  EXPECT_EQ(fold("from_json", {litS("not json"), litS(schema)}), "{null, null, null, null}");
  EXPECT_EQ(fold("from_json", {litNull(DataType::string()), litS(schema)}), "NULL");
  EXPECT_EQ(fold("from_json", {litS("[1,2]"), litS("array<int>")}), "[1, 2]");
  EXPECT_EQ(fold("from_json", {litS(R"({"k": 1})"), litS("map<string,int>")}), "{k -> 1}");
  EXPECT_THROW(fold("from_json", {litS("bad"), litS("a INT"), options({{"mode", "FAILFAST"}})}),
               AnalysisError);
  EXPECT_EQ(fold("from_json",
                 {litS("/*c*/ {\"a\": 1}"), litS("a INT"), options({{"allowComments", "true"}})}),
            "{1}");
}

TEST(Json, ToJson) {
  auto s =
      call("named_struct", {litS("zip"), litS("94110"), litS("n"), lit(3), litS("z"), litNull()});
  EXPECT_EQ(fold("to_json", {s}), R"({"zip":"94110","n":3})");
  auto w = call("named_struct", {litS("start"), litTs("2017-08-01 10:00:00"), litS("end"),
                                 litTs("2017-08-01 11:00:00")});
  EXPECT_EQ(fold("to_json", {call("struct", {w})}),
            R"({"col1":{"start":"2017-08-01T10:00:00.000Z","end":"2017-08-01T11:00:00.000Z"}})");
  EXPECT_EQ(fold("to_json", {call("array", {lit(1), lit(2)})}), "[1,2]");
  EXPECT_EQ(fold("to_json", {call("map", {litS("a"), litD(1.5)})}), R"({"a":1.5})");
  EXPECT_EQ(bindError("to_json", {lit(1)}),
            "function to_json expects struct, map or array, got int for argument 1");
}

TEST(Json, GetJsonObjectAndSchema) {
  const char* doc = R"({"a": {"b": [1, {"c": "x"}]}, "s": "str"})";
  EXPECT_EQ(fold("get_json_object", {litS(doc), litS("$.a.b[1].c")}), "x");
  EXPECT_EQ(fold("get_json_object", {litS(doc), litS("$.a.b")}), R"([1,{"c":"x"}])");
  EXPECT_EQ(fold("get_json_object", {litS(doc), litS("$.s")}), "str");
  EXPECT_EQ(fold("get_json_object", {litS(doc), litS("$.missing")}), "NULL");
  EXPECT_EQ(fold("get_json_object", {litS("{bad"), litS("$.a")}), "NULL");
  EXPECT_EQ(fold("schema_of_json",
                 {litS(R"({"b": "x", "a": 1, "c": [1.5], "d": null, "e": {"f": true}})")}),
            "STRUCT<a: BIGINT, b: STRING, c: ARRAY<DOUBLE>, d: STRING, e: STRUCT<f: BOOLEAN>>");
  EXPECT_EQ(fold("schema_of_json", {litS("[1, 2.5]")}), "ARRAY<DOUBLE>");
  EXPECT_NE(bindError("schema_of_json", {col("s", DataType::string())}), "");
  // The inferred schema feeds from_json directly.
  auto schema = call("schema_of_json", {litS(R"({"a": 1})")});
  EXPECT_EQ(typeOf("from_json", {col("v", DataType::string()), schema}), "struct<a:bigint>");
}

TEST(Json, JsonTuple) {
  auto g = call("json_tuple", {col("v", DataType::string()), litS("a"), litS("b")});
  EXPECT_EQ(g->type->toString(), "struct<c0:string,c1:string>");
  EXPECT_FALSE(g->foldable());
}

}  // namespace
}  // namespace sluice
