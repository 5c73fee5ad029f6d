// StateOperatorSchema: the file form round-trips; incompatibilities name the first changed
// column; names alone do not matter (as Spark compares types).
#include "planner/streaming/state_schema.h"

#include <gtest/gtest.h>

namespace sluice {
namespace {

StateOperatorSchema schema() {
  StateOperatorSchema s;
  s.operatorId = 2;
  s.operatorName = "stateStoreSave";
  s.key = {{"zip", "string"}, {"window(ts, 1 hour)", "struct<start:timestamp,end:timestamp>"}};
  s.value = {{"count(1)", "count(int): bigint"}};
  return s;
}

TEST(StateSchema, RoundTripsThroughItsFileForm) {
  const StateOperatorSchema s = schema();
  const auto back = StateOperatorSchema::parse(s.serialize());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->operatorName, "stateStoreSave");
  ASSERT_EQ(back->key.size(), 2u);
  EXPECT_EQ(back->key[1].type, "struct<start:timestamp,end:timestamp>");
  EXPECT_EQ(back->value[0].name, "count(1)");
  EXPECT_FALSE(StateOperatorSchema::parse("v2\noperator\tx\n"));
  EXPECT_FALSE(StateOperatorSchema::parse("v1\nbogus line\n"));
}

TEST(StateSchema, IncompatibilitiesNameTheColumn) {
  const StateOperatorSchema was = schema();
  StateOperatorSchema now = schema();
  now.key[0].name = "zip_code";  // renamed: still compatible
  EXPECT_EQ(stateSchemaIncompatibility(was, now), "");
  now.value[0] = {"sum(v)", "sum(int): bigint"};
  EXPECT_EQ(stateSchemaIncompatibility(was, now),
            "value column 1 was count(1) count(int): bigint, now sum(v) sum(int): bigint");
  now = schema();
  now.key.pop_back();
  EXPECT_EQ(stateSchemaIncompatibility(was, now),
            "key column window(ts, 1 hour) struct<start:timestamp,end:timestamp> was removed");
  now = schema();
  now.operatorName = "dedupe";
  EXPECT_NE(stateSchemaIncompatibility(was, now).find("the query now has a dedupe"),
            std::string::npos);
}

}  // namespace
}  // namespace sluice
