#include "planner/optimizer/retype.h"

#include <gtest/gtest.h>

#include "planner/optimizer/rules/test_util.h"

namespace sluice {
namespace {

using namespace sluice::test;

TypePtr structAB() {
  return DataType::structOf({{"a", DataType::integer(), true}, {"b", DataType::string(), true}});
}
TypePtr structB() {
  return DataType::structOf({{"b", DataType::string(), true}});
}

TEST(Retype, FollowsAliasesFieldsAndGenerators) {
  auto s = attr("s", structAB());
  auto arr = attr("arr", DataType::arrayOf(structAB()));
  auto p1 = project({as(col(s), "t"), col(arr)}, scan({s, arr}));
  auto t = p1->output()[0];
  auto gen = generate("explode", col(arr), {"e"}, p1);
  auto e = gen->generatorOutput[0];
  auto p2 = project({as(field(col(t), "b"), "tb"), as(field(col(e), "b"), "eb")}, gen);

  auto out = retypePlan(p2, {{s.id, structB()}, {arr.id, DataType::arrayOf(structB())}});
  EXPECT_EQ(tree(out),
            "Project [t#1.b AS tb#2, e#3.b AS eb#4]\n"
            "+- Generate explode(arr#5), false, [e#3]\n"
            "   +- Project [s#6 AS t#1, arr#5]\n"
            "      +- Relation t[memory] [s#6, arr#5]");
  const auto& list = as<Project>(out)->list;
  EXPECT_EQ(list[0]->args[0]->ordinal, 0);
  EXPECT_EQ(list[0]->args[0]->args[0]->type->toString(), "struct<b:string>");
  EXPECT_EQ(list[1]->args[0]->args[0]->type->toString(), "struct<b:string>");
  EXPECT_EQ(as<Generate>(out->child())->generatorOutput[0].type->toString(), "struct<b:string>");
  EXPECT_EQ(as<Scan>(out->child()->child()->child())->attrs[0].type->toString(),
            "struct<b:string>");
  EXPECT_NO_THROW(checkPlanIntegrity(p2, out, "test"));
}

TEST(Retype, RewriteHookAndUntouchedPointers) {
  auto s = attr("s", structAB());
  auto x = attr("x", DataType::integer());
  auto base = scan({x}, "other");
  auto p = project({col(x)}, base);
  EXPECT_EQ(retypePlan(p, {{s.id, structB()}}), p);  // unrelated id: same pointer
  auto out = retypePlan(p, {}, [](const ExprPtr& e) -> ExprPtr {
    return e->kind == ExprKind::ColumnRef ? as(lit(1), "one") : e;
  });
  EXPECT_EQ(show(as<Project>(out)->list[0]), "1 AS one#1");
  EXPECT_EQ(out->child(), base);
}

TEST(Retype, GeneratorOutputTypes) {
  auto m = attr("m", DataType::mapOf(DataType::string(), DataType::integer()));
  auto pe = generate("posexplode", col(m), {"pos", "key", "value"}, scan({m}));
  auto types = generatorOutputTypes(*pe->generator);
  ASSERT_EQ(types.size(), 3u);
  EXPECT_EQ(types[0]->id(), TypeId::Int);
  EXPECT_EQ(types[2]->id(), TypeId::Int);
  auto arr = attr("arr", DataType::arrayOf(structAB()));
  auto in = generate("inline", col(arr), {"a", "b"}, scan({arr}));
  EXPECT_EQ(generatorOutputTypes(*in->generator).size(), 2u);
}

}  // namespace
}  // namespace sluice
