#include <gtest/gtest.h>

#include "planner/functions/test_util.h"

namespace sluice {
namespace {

using namespace sluice::testing;

TEST(Collections, StructNames) {
  auto zip = col("zip_code", DataType::string());
  auto s = col("s", DataType::structOf({{"inner", DataType::integer()}}));
  auto e = call("struct", {zip, makeGetField(s, "inner"), makeAlias(lit(1), "one"), lit(2)});
  EXPECT_EQ(e->type->toString(), "struct<zip_code:string,inner:int,one:int,col4:int>");
  EXPECT_FALSE(e->nullable);
  EXPECT_EQ(fold("struct", {lit(1), litS("a")}), "{1, a}");
  EXPECT_EQ(typeOf("named_struct", {litS("a"), lit(1), litS("b"), litS("x")}),
            "struct<a:int,b:string>");
  EXPECT_NE(bindError("named_struct", {col("n", DataType::string()), lit(1)}), "");
  EXPECT_NE(bindError("named_struct", {litS("a")}), "");
}

TEST(Collections, ArraysAndMaps) {
  EXPECT_EQ(typeOf("array", {lit(1), litL(2)}), "array<bigint>");
  EXPECT_EQ(typeOf("array", {}), "array<void>");
  EXPECT_EQ(fold("array", {lit(1), litNull()}), "[1, null]");
  EXPECT_EQ(typeOf("map", {litS("a"), lit(1), litS("b"), litD(2)}), "map<string,double>");
  EXPECT_EQ(fold("map", {litS("a"), lit(1)}), "{a -> 1}");
  EXPECT_THROW(fold("map", {litS("a"), lit(1), litS("a"), lit(2)}), AnalysisError);
  auto arr = call("array", {lit(10), lit(20), lit(30)});
  EXPECT_EQ(fold("element_at", {arr, lit(1)}), "10");
  EXPECT_EQ(fold("element_at", {arr, lit(-1)}), "30");
  EXPECT_EQ(fold("element_at", {arr, lit(5)}), "NULL");
  EXPECT_THROW(fold("element_at", {arr, lit(0)}), AnalysisError);
  EXPECT_EQ(fold("get_item", {arr, lit(0)}), "10");
  EXPECT_EQ(fold("get_item", {arr, lit(3)}), "NULL");
  EXPECT_EQ(fold("get_item", {arr, lit(-1)}), "NULL");
  EXPECT_EQ(fold("get_item", {arr, litNull()}), "NULL");
  EXPECT_EQ(fold("element_at", {litNull(DataType::arrayOf(DataType::integer())), lit(1)}), "NULL");
  auto m = call("map", {litS("a"), lit(1), litS("b"), lit(2)});
  EXPECT_EQ(fold("element_at", {m, litS("b")}), "2");
  EXPECT_EQ(fold("get_item", {m, litS("z")}), "NULL");
  EXPECT_EQ(typeOf("get_item", {m, litS("a")}), "int");
  EXPECT_EQ(bindError("get_item", {lit(1), lit(0)}),
            "function get_item expects array or map, got int for argument 1");
  EXPECT_EQ(fold("size", {arr}), "3");
  EXPECT_EQ(fold("size", {m}), "2");
  EXPECT_EQ(fold("size", {litNull(DataType::arrayOf(DataType::integer()))}), "-1");
  EXPECT_EQ(fold("map_keys", {m}), "[a, b]");
  EXPECT_EQ(fold("map_values", {m}), "[1, 2]");
  EXPECT_EQ(typeOf("map_values", {m}), "array<int>");
  EXPECT_EQ(fold("array_contains", {arr, lit(20)}), "true");
  EXPECT_EQ(fold("array_contains", {arr, lit(21)}), "false");
  EXPECT_EQ(fold("array_contains", {call("array", {lit(1), litNull()}), lit(2)}), "NULL");
  EXPECT_EQ(fold("sort_array", {call("array", {lit(3), litNull(), lit(1)})}), "[null, 1, 3]");
  EXPECT_EQ(fold("sort_array", {call("array", {lit(3), litNull(), lit(1)}), litB(false)}),
            "[3, 1, null]");
  EXPECT_EQ(fold("array_distinct", {call("array", {lit(1), lit(1), lit(2)})}), "[1, 2]");
  EXPECT_EQ(fold("concat", {call("array", {lit(1)}), call("array", {lit(2)})}), "[1, 2]");
  EXPECT_EQ(fold("reverse", {arr}), "[30, 20, 10]");
}

TEST(Generators, Outputs) {
  auto arr = col("a", DataType::arrayOf(DataType::string()));
  auto m = col("m", DataType::mapOf(DataType::string(), DataType::integer()));
  EXPECT_EQ(typeOf("explode", {arr}), "struct<col:string>");
  EXPECT_EQ(typeOf("explode", {m}), "struct<key:string,value:int>");
  EXPECT_EQ(typeOf("posexplode", {arr}), "struct<pos:int,col:string>");
  EXPECT_EQ(typeOf("posexplode_outer", {m}), "struct<pos:int,key:string,value:int>");
  auto as = col("as", DataType::arrayOf(DataType::structOf(
                          {{"x", DataType::integer()}, {"y", DataType::string()}})));
  EXPECT_EQ(typeOf("inline", {as}), "struct<x:int,y:string>");
  EXPECT_EQ(bindError("explode", {lit(1)}),
            "function explode expects array or map, got int for argument 1");
  EXPECT_EQ(bindError("inline", {arr}),
            "function inline expects array<struct>, got array<string> for argument 1");
  const FunctionDef* fn = FunctionRegistry::builtins().find("explode");
  std::vector<ExprPtr> args{m};
  ResolveContext ctx{args, "explode",
                     [](int, const std::string& msg) { throw AnalysisError(msg); }};
  Resolution r = fn->resolve(ctx);
  ASSERT_EQ(r.generatorOutput.size(), 2u);
  EXPECT_EQ(r.generatorOutput[0].name, "key");
  EXPECT_FALSE(r.generatorOutput[0].nullable);
  EXPECT_EQ(fn->kind, FunctionKind::Generator);
  EXPECT_FALSE(call("explode", {call("array", {lit(1)})})->foldable());
}

TEST(Aggregates, Types) {
  EXPECT_EQ(typeOf("count", {lit(1)}), "bigint");
  EXPECT_FALSE(call("count", {lit(1)})->nullable);
  EXPECT_EQ(typeOf("sum", {col("x", DataType::integer())}), "bigint");
  EXPECT_EQ(typeOf("sum", {col("x", DataType::decimal(10, 2))}), "decimal(20,2)");
  EXPECT_EQ(typeOf("sum", {col("x", DataType::floatType())}), "double");
  EXPECT_EQ(typeOf("avg", {col("x", DataType::integer())}), "double");
  EXPECT_EQ(typeOf("mean", {col("x", DataType::decimal(10, 2))}), "decimal(14,6)");
  EXPECT_EQ(typeOf("min", {col("x", DataType::string())}), "string");
  EXPECT_EQ(typeOf("max", {col("x", DataType::timestamp())}), "timestamp");
  EXPECT_EQ(typeOf("first", {col("x", DataType::integer()), litB(true)}), "int");
  EXPECT_EQ(typeOf("collect_list", {col("x", DataType::integer())}), "array<int>");
  EXPECT_EQ(typeOf("collect_set", {col("x", DataType::string())}), "array<string>");
  EXPECT_EQ(typeOf("approx_count_distinct", {col("x", DataType::string())}), "bigint");
  EXPECT_EQ(typeOf("count_if", {col("x", DataType::boolean())}), "bigint");
  EXPECT_EQ(bindError("sum", {col("x", DataType::boolean())}),
            "function sum expects numeric or interval, got boolean for argument 1");
  EXPECT_EQ(bindError("max", {col("x", DataType::mapOf(DataType::string(), DataType::integer()))}),
            "function max expects an orderable type, got map<string,int> for argument 1");
  auto c = call("sum", {col("x", DataType::integer())});
  EXPECT_TRUE(c->containsAggregate());
  EXPECT_FALSE(c->foldable());
  EXPECT_FALSE(call("sum", {lit(1)})->foldable());
}

TEST(Registry, Listing) {
  auto all = FunctionRegistry::builtins().all();
  EXPECT_GT(all.size(), 150u);
  EXPECT_TRUE(
      std::is_sorted(all.begin(), all.end(),
                     [](const FunctionDef* a, const FunctionDef* b) { return a->name < b->name; }));
  EXPECT_EQ(FunctionRegistry::builtins().find("SUBSTR")->name, "substring");
  EXPECT_EQ(FunctionRegistry::builtins().find("substring")->signature,
            "substring(string, int [, int]) -> string");
  EXPECT_EQ(FunctionRegistry::builtins().find("no_such_function"), nullptr);
  for (const FunctionDef* f : all) {
    EXPECT_TRUE(f->resolve) << f->name;
    if (f->kind != FunctionKind::Scalar) {
      EXPECT_FALSE(f->fold) << f->name;
    }
  }
}

}  // namespace
}  // namespace sluice

namespace sluice {
namespace {

using namespace sluice::testing;

// Every foldable row must survive NULL arguments (NULL-aware rows receive them unfiltered)
// and any well-typed constant arguments.
TEST(Registry, FoldsNeverCrash) {
  for (const FunctionDef* f : FunctionRegistry::builtins().all()) {
    if (!f->fold) continue;
    for (int n = std::max(f->minArgs, 0); n <= f->minArgs + 2; ++n) {
      if (f->maxArgs >= 0 && n > f->maxArgs) break;
      const std::vector<ExprPtr> samples = {litNull(),
                                            litNull(DataType::string()),
                                            litNull(DataType::integer()),
                                            litS("1"),
                                            lit(1),
                                            litD(1.5),
                                            litB(true),
                                            litDate("2020-01-01"),
                                            litTs("2020-01-01 00:00:00"),
                                            litDec("1.5", 3, 1),
                                            call("array", {lit(1)}),
                                            call("map", {litS("k"), lit(1)}),
                                            call("struct", {lit(1)})};
      for (const ExprPtr& sample : samples) {
        const TypePtr& t = sample->type;
        std::vector<ExprPtr> args(static_cast<size_t>(n), sample);
        ExprPtr e;
        try {
          e = call(f->name, args);
        } catch (const AnalysisError&) {
          continue;  // not a valid call for these argument types
        }
        if (!e->foldable()) continue;
        try {
          evaluateConstant(e);
        } catch (const AnalysisError&) {
          // Invalid constants (e.g. a NULL map key) may be rejected, but must not crash.
        } catch (const std::exception& ex) {
          ADD_FAILURE() << f->name << " with " << n << " x " << sample->toString() << " ("
                        << t->toString() << ")"
                        << " arguments: " << ex.what();
        }
      }
    }
  }
}

}  // namespace
}  // namespace sluice
