#include <gtest/gtest.h>

#include "planner/optimizer/rules/rules.h"
#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

PlanPtr parquetScan(const std::vector<Attribute>& attrs) {
  return std::make_shared<Scan>(SourceKind::File, "t", "parquet",
                                std::map<std::string, std::string>{{"path", "/d"}}, attrs, false);
}

TEST(PushFiltersIntoFileScans, PushesColumnLiteralComparisonsAndKeepsTheFilter) {
  auto a = attr("a", DataType::integer());
  auto b = attr("b", DataType::string());
  auto cond =
      call("and", {gt(col(a), lit(1)),
                   call("and", {call("<=", {lit(9), col(a)}), call("isnotnull", {col(b)})})});
  auto p = filter(cond, parquetScan({a, b}));
  auto out = run(makePushFiltersIntoFileScans(), p);
  EXPECT_NE(tree(out).find("PushedFilters: [GreaterThan(a,1), GreaterThanOrEqual(a,9), "
                           "IsNotNull(b)]"),
            std::string::npos)
      << tree(out);
  EXPECT_EQ(out->kind(), PlanKind::Filter);                  // rows are still filtered
  EXPECT_EQ(run(makePushFiltersIntoFileScans(), out), out);  // fixed point
}

TEST(PushFiltersIntoFileScans, LeavesOtherShapesAndFormats) {
  auto a = attr("a", DataType::integer());
  auto s = attr("s", DataType::structOf({{"x", DataType::integer(), true}}));
  // An expression of the column, a comparison of two columns, a nested field: not pushed.
  auto p = filter(call("and", {gt(call("+", {col(a), lit(1)}), lit(2)),
                               call("and", {gt(col(a), col(a)), gt(field(col(s), "x"), lit(0))})}),
                  parquetScan({a, s}));
  EXPECT_EQ(run(makePushFiltersIntoFileScans(), p), p);
  // Other formats have no statistics to skip with.
  auto m = filter(gt(col(a), lit(1)), scan({a}));
  EXPECT_EQ(run(makePushFiltersIntoFileScans(), m), m);
}

TEST(PushFiltersIntoFileScans, PushesIntoJsonScans) {
  // As Spark's spark.sql.json.filterPushdown: the reader drops rows that fail.
  auto a = attr("a", DataType::integer());
  auto json = std::make_shared<Scan>(SourceKind::File, "t", "json",
                                     std::map<std::string, std::string>{{"path", "/d"}},
                                     std::vector<Attribute>{a}, false);
  auto out = run(makePushFiltersIntoFileScans(), filter(gt(col(a), lit(1)), json));
  EXPECT_NE(tree(out).find("PushedFilters: [GreaterThan(a,1)]"), std::string::npos) << tree(out);
  EXPECT_EQ(out->kind(), PlanKind::Filter);
}

}  // namespace
}  // namespace sluice
