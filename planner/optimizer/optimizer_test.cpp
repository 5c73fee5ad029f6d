#include "planner/optimizer/optimizer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

// The article's whole pipeline: sightings WATERMARK start_time, joined with a static
// device_locations table USING (device_id), counted per zip code and hour, written to Kafka.
struct NestPipeline {
  NestQuery q;
  Attribute locId = attr("device_id", DataType::string());
  Attribute zip = attr("zip_code", DataType::string());
  Attribute owner = attr("owner", DataType::string());
  PlanPtr plan;

  NestPipeline() {
    const auto s = q.plan->output();  // device_id, has_person, start_time
    auto w = watermark(s[2], q.plan);
    auto j = join(JoinKind::Inner, eq(col(s[0]), col(locId)), w,
                  scan({locId, zip, owner}, "device_locations"));
    auto using_ = project({col(s[0]), col(s[1]), col(s[2]), col(zip), col(owner)}, j);
    auto windowType = DataType::structOf(
        {{"start", DataType::timestamp(), true}, {"end", DataType::timestamp(), true}});
    auto win = [&] { return callT("window", {col(s[2]), slit("1 hour")}, windowType); };
    auto agg = aggregate({col(zip), win()},
                         {col(zip), as(win(), "window"),
                          as(callT("count", {lit(1)}, DataType::bigint(), false), "count")},
                         using_);
    const auto a = agg->output();
    auto keyStruct = callT(
        "struct", {col(a[0]), col(a[1])},
        DataType::structOf({{"zip_code", DataType::string(), true}, {"window", windowType, true}}),
        false);
    auto out = project({as(callT("to_json", {keyStruct}, DataType::string()), "key"),
                        as(cast(col(a[2]), DataType::string()), "value")},
                       agg);
    plan = sink(out);
  }
};

TEST(Optimizer, NestPipeline) {
  NestPipeline n;
  auto result = optimize(n.plan);
  // The filter sinks to the generator (its column comes from there) but stays below the
  // watermark; the value.* / sightings projections collapse into one; has_person, the other
  // locations column and every unused Kafka column are pruned; the final projection folds
  // into the aggregate; from_json parses only the three camera fields read.
  EXPECT_EQ(tree(result.plan),
            "WriteTo out[memory]\n"
            "+- Aggregate [zip_code#1, window(start_time#2, '1 hour')], "
            "[to_json(struct(zip_code#1, window(start_time#2, '1 hour'))) AS key#3, "
            "cast(count(1) as string) AS value#4]\n"
            "   +- Project [start_time#2, zip_code#1]\n"
            "      +- Join Inner, (device_id#5 = device_id#6)\n"
            "         :- EventTimeWatermark start_time#2, interval 10 minutes\n"
            "         :  +- Project [value#7.device_id AS device_id#5, "
            "value#7.last_event.start_time AS start_time#2]\n"
            "         :     +- Filter (value#7.last_event.has_person = true)\n"
            "         :        +- Generate explode(parsed_value#8.devices.cameras), false, "
            "[key#9, value#7], keep []\n"
            "         :           +- Project [from_json(cast(value#10 as string), 'devices "
            "STRUCT<cameras: MAP<STRING, STRUCT<device_id: STRING, last_event: "
            "STRUCT<has_person: BOOLEAN, start_time: TIMESTAMP>>>>', "
            "map('timestampFormat', 'yyyy-MM-dd\\'T\\'HH:mm:ss.sss\\'Z\\'')) AS parsed_value#8]\n"
            "         :              +- StreamingRelation nest[kafka] [value#10] "
            "subscribe=nest-logs\n"
            "         +- Relation device_locations[memory] [device_id#6, zip_code#1]");
  // ConstantFolding turns the options map(...) call into a map literal.
  EXPECT_EQ(result.firedRuleNames(),
            (std::vector<std::string>{"PushDownPredicates", "CollapseProject", "ConstantFolding",
                                      "ColumnPruning", "PruneFromJsonSchema"}));
  for (const auto& f : result.fired) {
    if (f.rule == "PruneFromJsonSchema") {
      EXPECT_EQ(f.batch, "Nested Schema Pruning");
    }
  }
}

TEST(Optimizer, ExcludedRulesDoNotRun) {
  NestPipeline n;
  auto result = optimize(n.plan, {"PruneFromJsonSchema", "ColumnPruning"});
  auto names = result.firedRuleNames();
  EXPECT_EQ(std::count(names.begin(), names.end(), "PruneFromJsonSchema"), 0);
  EXPECT_EQ(std::count(names.begin(), names.end(), "ColumnPruning"), 0);
}

TEST(Optimizer, ReachesAFixedPoint) {
  NestPipeline n;
  auto once = optimize(n.plan).plan;
  auto again = optimize(once);
  EXPECT_EQ(again.plan, once) << tree(again.plan);
  EXPECT_TRUE(again.fired.empty());
}

TEST(Optimizer, RuleNamesAreStable) {
  auto names = standardOptimizer().ruleNames();
  for (const char* r :
       {"ConstantFolding", "BooleanSimplification", "SimplifyConditionals", "NullPropagation",
        "SimplifyCasts", "CombineFilters", "CollapseProject", "RemoveNoopOperators",
        "PushDownPredicates", "PruneFilters", "ReplaceNullWithFalseInPredicate", "EliminateLimits",
        "ColumnPruning", "PruneFromJsonSchema"})
    EXPECT_NE(std::find(names.begin(), names.end(), r), names.end()) << r;
}

}  // namespace
}  // namespace sluice
