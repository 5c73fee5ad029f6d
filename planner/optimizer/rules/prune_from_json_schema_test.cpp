#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

const char* kPrunedNest =
    "devices STRUCT<cameras: MAP<STRING, STRUCT<device_id: STRING, last_event: "
    "STRUCT<has_person: BOOLEAN, start_time: TIMESTAMP>>>>";

// The from_json call of a plan (the first one found).
ExprPtr findFromJson(const PlanPtr& plan) {
  ExprPtr found;
  visitPlan(plan, [&](const PlanPtr& p) {
    for (const auto& e : p->expressions())
      visit(e, [&](const ExprPtr& n) {
        if (!found && isCall(n, "from_json")) found = n;
        return !found;
      });
  });
  return found;
}

// As in the standard batches: unused columns are gone before nested pruning runs.
PlanPtr pruneNested(const PlanPtr& p) {
  auto cleaned = run(makeColumnPruning(), p);
  auto out = run(makePruneFromJsonSchema(), cleaned);
  if (out != cleaned) {
    EXPECT_NO_THROW(checkPlanIntegrity(cleaned, out, "PruneFromJsonSchema"));
  }
  EXPECT_EQ(run(makePruneFromJsonSchema(), out), out) << "not idempotent";
  return out;
}

TEST(PruneFromJsonSchema, NestSightingsParseOnlyThreeFields) {
  NestQuery q;
  auto out = pruneNested(q.plan);
  auto fj = findFromJson(out);
  ASSERT_TRUE(fj);
  EXPECT_EQ(fj->args[1]->value.asString(), kPrunedNest);
  EXPECT_EQ(fj->type->toDdl(), kPrunedNest);
  EXPECT_EQ(
      tree(out),
      "Filter (has_person#1 = true)\n"
      "+- Project [device_id#2, last_event#3.has_person AS has_person#1, "
      "last_event#3.start_time AS start_time#4]\n"
      "   +- Project [value#5.device_id AS device_id#2, value#5.last_event AS last_event#3]\n"
      "      +- Project [value#5]\n"
      "         +- Generate explode(parsed_value#6.devices.cameras), false, [key#7, value#5], "
      "keep []\n"
      "            +- Project [from_json(cast(value#8 as string), '" +
          std::string(kPrunedNest) +
          "', map('timestampFormat', 'yyyy-MM-dd\\'T\\'HH:mm:ss.sss\\'Z\\'')) AS "
          "parsed_value#6]\n"
          "               +- StreamingRelation nest[kafka] [value#8] subscribe=nest-logs");
  // Every derived type follows: the struct `last_event` column and the generator output.
  const auto* sightings = as<Project>(out->child());
  EXPECT_EQ(sightings->list[1]->args[0]->args[0]->type->toString(),
            "struct<has_person:boolean,start_time:timestamp>");
  EXPECT_EQ(sightings->list[1]->args[0]->ordinal, 0);
  EXPECT_EQ(sightings->list[2]->args[0]->ordinal, 1);
  const auto* gen = as<Generate>(out->child()->child()->child()->child());
  ASSERT_TRUE(gen);
  EXPECT_EQ(gen->generatorOutput[1].type->toString(),
            "struct<device_id:string,last_event:struct<has_person:boolean,start_time:timestamp>>");
  // The output columns are untouched.
  EXPECT_EQ(attrList(out->output()), attrList(q.plan->output()));
}

TEST(PruneFromJsonSchema, WholeStructUseKeepsThatPathWhole) {
  // SELECT value (the whole camera struct) next to value.device_id: only the other devices,
  // metadata and structures go.
  NestQuery q;
  const auto* ex = as<Project>(q.exploded);
  auto value = ex->list[1]->attr;
  auto root = project({as(field(col(value), "device_id"), "id"), col(value)}, q.exploded);
  auto fj = findFromJson(pruneNested(root));
  EXPECT_EQ(fj->type->toString(),
            "struct<devices:struct<cameras:map<string," + nestCameraType()->toString() + ">>>");
}

TEST(PruneFromJsonSchema, NotPrunedWhenTheWholeValueIsUsed) {
  NestQuery q;
  auto pv = q.parsed->output()[0];
  auto root = project({as(callT("to_json", {col(pv)}, DataType::string()), "j")}, q.parsed);
  auto cleaned = run(makeColumnPruning(), root);
  EXPECT_EQ(run(makePruneFromJsonSchema(), cleaned), cleaned);
  // Nor when rows are compared whole.
  auto distinct = std::make_shared<Distinct>(project({col(pv)}, q.parsed));
  EXPECT_EQ(run(makePruneFromJsonSchema(), distinct), distinct);
}

TEST(PruneFromJsonSchema, NotPrunedInFailFastMode) {
  auto str = DataType::string();
  auto opts = callT("map", {slit("mode"), slit("FAILFAST")}, DataType::mapOf(str, str), false);
  NestQuery q(opts);
  auto cleaned = run(makeColumnPruning(), q.plan);
  EXPECT_EQ(run(makePruneFromJsonSchema(), cleaned), cleaned);
}

TEST(PruneFromJsonSchema, FieldAccessInFiltersAndJoinsCounts) {
  // parsed.metadata.client_version > 1 in a filter and devices.cameras in a join condition.
  NestQuery q;
  auto pv = q.parsed->output()[0];
  auto f = filter(gt(field(field(col(pv), "metadata"), "client_version"), lit(1)), q.parsed);
  auto k = attr("k", DataType::string());
  auto j = join(JoinKind::Inner, eq(field(field(col(pv), "metadata"), "access_token"), col(k)), f,
                scan({k}, "r"));
  auto fj = findFromJson(pruneNested(project({col(k)}, j)));
  EXPECT_EQ(fj->type->toString(),
            "struct<metadata:struct<access_token:string,client_version:int>>");
}

TEST(PruneFromJsonSchema, UnreadMapValuesShrinkToOneField) {
  // SELECT key FROM explode(devices.cameras): the map must still be parsed for its keys.
  NestQuery q;
  const auto* ex = as<Project>(q.exploded);
  auto root = project({col(ex->list[0]->attr)}, q.exploded);
  auto fj = findFromJson(pruneNested(root));
  EXPECT_EQ(fj->type->toString(),
            "struct<devices:struct<cameras:map<string,struct<device_id:string>>>>");
}

TEST(PruneFromJsonSchema, ThroughArraysPosexplodeAndInline) {
  // items ARRAY<STRUCT<id, price, tags ARRAY<STRING>>>, other INT
  auto item = DataType::structOf({{"id", DataType::string(), true},
                                  {"price", DataType::doubleType(), true},
                                  {"tags", DataType::arrayOf(DataType::string()), true}});
  auto schema = DataType::structOf(
      {{"items", DataType::arrayOf(item), true}, {"other", DataType::integer(), true}});
  auto v = attr("v", DataType::string());
  auto fj = callT("from_json", {col(v), slit(schema->toDdl())}, schema);
  auto parsed = project({as(fj, "p")}, scan({v}));
  auto items = field(col(parsed->output()[0]), "items");

  auto pe = generate("posexplode", items, {"pos", "it"}, parsed);
  auto root = project(
      {col(pe->generatorOutput[0]), as(field(col(pe->generatorOutput[1]), "price"), "price")}, pe);
  EXPECT_EQ(findFromJson(pruneNested(root))->args[1]->value.asString(),
            "items ARRAY<STRUCT<price: DOUBLE>>");

  // inline: every field is an output column, so all stay; unread ones at their smallest.
  auto in = generate("inline", items, {"id", "price", "tags"}, parsed);
  auto root2 = project({col(in->generatorOutput[0])}, in);
  auto out = pruneNested(root2);
  EXPECT_EQ(findFromJson(out)->args[1]->value.asString(),
            "items ARRAY<STRUCT<id: STRING, price: DOUBLE, tags: ARRAY<STRING>>>");
  EXPECT_EQ(as<Generate>(out->child())->generatorOutput.size(), 3u);
}

}  // namespace
}  // namespace sluice
