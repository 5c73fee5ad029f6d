#pragma once
// Terse builders for hand-made plans in optimizer tests. Calls are typed by the registry's
// own type rules (with the binder's implicit casts), so tests build what the binder would.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "frontend/error.h"
#include "planner/functions/function.h"
#include "planner/functions/registry.h"
#include "planner/logical/all.h"
#include "planner/optimizer/retype.h"
#include "planner/optimizer/rule.h"
#include "planner/optimizer/rule_executor.h"
#include "planner/optimizer/rules/rule_util.h"

namespace sluice::test {

inline Attribute attr(const std::string& name, TypePtr type, bool nullable = true) {
  return Attribute{newExprId(), name, std::move(type), nullable, ""};
}
inline ExprPtr col(const Attribute& a) {
  return makeColumnRef(a);
}
inline ExprPtr lit(int64_t v) {
  return makeLiteral(Value::integer(v), DataType::integer());
}
inline ExprPtr litLong(int64_t v) {
  return makeLiteral(Value::integer(v), DataType::bigint());
}
inline ExprPtr slit(const std::string& s) {
  return makeLiteral(Value::bytes(s), DataType::string());
}
inline ExprPtr truth() {
  return makeBool(true);
}
inline ExprPtr falsity() {
  return makeBool(false);
}
inline ExprPtr null(TypePtr t = DataType::null()) {
  return makeNull(std::move(t));
}
inline ExprPtr as(ExprPtr e, const std::string& name) {
  return makeAlias(std::move(e), name);
}
inline ExprPtr field(ExprPtr e, const std::string& f) {
  return makeGetField(std::move(e), f);
}
inline ExprPtr cast(ExprPtr e, TypePtr t) {
  return makeCast(std::move(e), std::move(t));
}

/// Registry row `name`. A few rows other folders may not have registered yet get a stand-in
/// with the same name, kind and null behaviour (the rules only look at those), so optimizer
/// tests do not depend on the order in which the registry grows.
inline const FunctionDef* fn(const std::string& name) {
  if (const FunctionDef* f = FunctionRegistry::builtins().find(name)) return f;
  static const std::map<std::string, FunctionDef> stubs = [] {
    std::map<std::string, FunctionDef> m;
    auto add = [&](const char* n, FunctionKind k, NullBehavior nb, bool det = true) {
      FunctionDef d;
      d.name = n;
      d.kind = k;
      d.nulls = nb;
      d.deterministic = det;
      m.emplace(n, std::move(d));
    };
    add("from_json", FunctionKind::Scalar, NullBehavior::Custom);
    add("to_json", FunctionKind::Scalar, NullBehavior::Propagates);
    add("struct", FunctionKind::Scalar, NullBehavior::NeverNull);
    add("map", FunctionKind::Scalar, NullBehavior::NeverNull);
    add("upper", FunctionKind::Scalar, NullBehavior::Propagates);
    add("rand", FunctionKind::Scalar, NullBehavior::NeverNull, false);
    add("explode", FunctionKind::Generator, NullBehavior::Custom);
    add("explode_outer", FunctionKind::Generator, NullBehavior::Custom);
    add("posexplode", FunctionKind::Generator, NullBehavior::Custom);
    add("inline", FunctionKind::Generator, NullBehavior::Custom);
    add("count", FunctionKind::Aggregate, NullBehavior::NeverNull);
    add("sum", FunctionKind::Aggregate, NullBehavior::Custom);
    add("max", FunctionKind::Aggregate, NullBehavior::Custom);
    add("window", FunctionKind::Scalar, NullBehavior::Custom);
    return m;
  }();
  auto it = stubs.find(name);
  if (it == stubs.end()) throw std::logic_error("test uses unknown function " + name);
  return &it->second;
}

inline Resolution resolve(const std::string& name, std::vector<ExprPtr>& args) {
  const FunctionDef* f = fn(name);
  if (!f->resolve) return Resolution{};  // a stand-in row: callers give types explicitly
  ResolveContext ctx{args, name, [&](int i, const std::string& m) {
                       throw AnalysisError(name + " argument " + std::to_string(i) + ": " + m);
                     }};
  Resolution r = f->resolve(ctx);
  for (size_t i = 0; i < args.size() && i < r.argTypes.size(); ++i)
    if (r.argTypes[i] && !r.argTypes[i]->equals(*args[i]->type))
      args[i] = makeCast(args[i], r.argTypes[i]);
  return r;
}

/// A call typed as the binder would type it.
inline ExprPtr call(const std::string& name, std::vector<ExprPtr> args) {
  Resolution r = resolve(name, args);
  if (!r.result) throw std::logic_error(name + " has no type rule yet: use callT");
  bool nullable = true;
  if (r.nullableOverride) {
    nullable = r.nullable;
  } else if (fn(name)->nulls == NullBehavior::NeverNull) {
    nullable = false;
  } else if (fn(name)->nulls == NullBehavior::Propagates) {
    nullable = false;
    for (const auto& a : args) nullable |= a->nullable;
  }
  return makeCall(fn(name), std::move(args), r.result, nullable);
}

/// A call with an explicit result type (no type rule involved).
inline ExprPtr callT(const std::string& name, std::vector<ExprPtr> args, TypePtr type,
                     bool nullable = true) {
  return makeCall(fn(name), std::move(args), std::move(type), nullable);
}

inline ExprPtr bin(ExprPtr a, const std::string& op, ExprPtr b) {
  return call(op, {std::move(a), std::move(b)});
}
inline ExprPtr eq(ExprPtr a, ExprPtr b) {
  return bin(std::move(a), "=", std::move(b));
}
inline ExprPtr gt(ExprPtr a, ExprPtr b) {
  return bin(std::move(a), ">", std::move(b));
}
inline ExprPtr lt(ExprPtr a, ExprPtr b) {
  return bin(std::move(a), "<", std::move(b));
}
inline ExprPtr and_(ExprPtr a, ExprPtr b) {
  return bin(std::move(a), "and", std::move(b));
}
inline ExprPtr or_(ExprPtr a, ExprPtr b) {
  return bin(std::move(a), "or", std::move(b));
}
inline ExprPtr not_(ExprPtr a) {
  return call("not", {std::move(a)});
}

// ---- plans
inline PlanPtr scan(const std::vector<Attribute>& attrs, const std::string& name = "t",
                    bool streaming = false) {
  return std::make_shared<Scan>(SourceKind::Memory, name, "memory",
                                std::map<std::string, std::string>{}, attrs, streaming);
}
/// Spark's Kafka source columns, streaming.
struct KafkaScan {
  Attribute key = attr("key", DataType::binary());
  Attribute value = attr("value", DataType::binary());
  Attribute topic = attr("topic", DataType::string());
  Attribute partition = attr("partition", DataType::integer());
  Attribute offset = attr("offset", DataType::bigint());
  Attribute timestamp = attr("timestamp", DataType::timestamp());
  Attribute timestampType = attr("timestampType", DataType::integer());
  PlanPtr plan() const {
    return std::make_shared<Scan>(
        SourceKind::Kafka, "nest", "kafka",
        std::map<std::string, std::string>{{"subscribe", "nest-logs"}},
        std::vector<Attribute>{key, value, topic, partition, offset, timestamp, timestampType},
        true);
  }
};
inline PlanPtr project(std::vector<ExprPtr> list, PlanPtr child) {
  return std::make_shared<Project>(std::move(list), std::move(child));
}
inline PlanPtr filter(ExprPtr cond, PlanPtr child) {
  return std::make_shared<Filter>(std::move(cond), std::move(child));
}
inline PlanPtr join(JoinKind k, ExprPtr cond, PlanPtr l, PlanPtr r) {
  return std::make_shared<Join>(k, std::move(cond), std::move(l), std::move(r));
}
inline PlanPtr aggregate(std::vector<ExprPtr> groupings, std::vector<ExprPtr> aggs, PlanPtr c) {
  return std::make_shared<Aggregate>(std::move(groupings), std::move(aggs), std::move(c));
}
inline PlanPtr watermark(const Attribute& et, PlanPtr c, int64_t minutes = 10) {
  return std::make_shared<Watermark>(et, Interval{0, 0, minutes * 60'000'000}, std::move(c));
}
inline PlanPtr sink(PlanPtr c) {
  return std::make_shared<Sink>("out", "memory", std::map<std::string, std::string>{},
                                std::move(c));
}
/// Generate of a generator call; output attributes named `names`, typed by the registry.
inline std::shared_ptr<const Generate> generate(const std::string& name, ExprPtr arg,
                                                const std::vector<std::string>& names,
                                                PlanPtr child, bool outer = false) {
  std::vector<ExprPtr> args{std::move(arg)};
  Resolution r = resolve(name, args);
  auto gen = makeCall(fn(name), args, r.result ? r.result : DataType::null(), true);
  std::vector<TypePtr> types;
  for (const auto& f : r.generatorOutput) types.push_back(f.type);
  if (types.empty()) types = generatorOutputTypes(*gen);
  std::vector<Attribute> out;
  for (size_t i = 0; i < names.size(); ++i) out.push_back(attr(names[i], types.at(i)));
  return std::make_shared<Generate>(gen, outer, out, std::move(child));
}

/// Applies `rule` and returns the result (asserting nothing about it).
inline PlanPtr run(const RulePtr& rule, const PlanPtr& p) {
  return rule->apply(p);
}

/// Renumbers `#<id>` in order of first appearance (ids are process-wide counters).
inline std::string normalizeIds(const std::string& s) {
  std::map<std::string, int> ids;
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '#' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      size_t j = i + 1;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      auto [it, fresh] = ids.emplace(s.substr(i + 1, j - i - 1), static_cast<int>(ids.size()) + 1);
      out += "#" + std::to_string(it->second);
      i = j;
    } else {
      out += s[i++];
    }
  }
  return out;
}

/// treeString with normalized ids and without the trailing newline, for readable EXPECT_EQs.
inline std::string tree(const PlanPtr& p) {
  std::string s = normalizeIds(treeString(p));
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}
/// An expression's string with normalized ids.
inline std::string show(const ExprPtr& e) {
  return normalizeIds(e->toString());
}

// ---- the Nest camera pipeline of the seed article, as the binder plans it

inline TypePtr nestLastEventType() {
  return DataType::structOf({{"has_sound", DataType::boolean(), true},
                             {"has_motion", DataType::boolean(), true},
                             {"has_person", DataType::boolean(), true},
                             {"start_time", DataType::timestamp(), true},
                             {"end_time", DataType::timestamp(), true}});
}
inline TypePtr nestCameraType() {
  auto zone =
      DataType::structOf({{"name", DataType::string(), true}, {"id", DataType::string(), true}});
  return DataType::structOf({{"device_id", DataType::string(), true},
                             {"software_version", DataType::string(), true},
                             {"last_event", nestLastEventType(), true},
                             {"activity_zones", DataType::arrayOf(zone), true}});
}
inline TypePtr nestSchemaType() {
  auto str = DataType::string();
  auto thermostat =
      DataType::structOf({{"device_id", str, true}, {"humidity", DataType::integer(), true}});
  return DataType::structOf(
      {{"metadata",
        DataType::structOf(
            {{"access_token", str, true}, {"client_version", DataType::integer(), true}}),
        true},
       {"devices",
        DataType::structOf({{"thermostats", DataType::mapOf(str, thermostat), true},
                            {"cameras", DataType::mapOf(str, nestCameraType()), true}}),
        true},
       {"structures", DataType::mapOf(str, DataType::structOf({{"name", str, true}})), true}});
}

/// from_json(cast(value as string), '<nest schema>', map('timestampFormat', ...)), typed by the
/// registry's rule when it has one (checked against the hand-built type).
inline ExprPtr nestFromJson(const Attribute& value, ExprPtr options = nullptr) {
  auto str = DataType::string();
  if (!options)
    options = callT("map", {slit("timestampFormat"), slit("yyyy-MM-dd'T'HH:mm:ss.sss'Z'")},
                    DataType::mapOf(str, str), false);
  std::vector<ExprPtr> args{cast(col(value), str), slit(nestSchemaType()->toDdl()), options};
  if (fn("from_json")->resolve && fn("map")->resolve) {
    auto e = call("from_json", args);
    EXPECT_TRUE(e->type->equals(*nestSchemaType())) << e->type->toString();
    return e;
  }
  return callT("from_json", args, nestSchemaType());
}

/// parsed = from_json(...) AS parsed_value; SELECT explode(parsed_value.devices.cameras);
/// SELECT value.*; SELECT device_id, last_event.has_person, last_event.start_time
/// WHERE has_person = true.
struct NestQuery {
  KafkaScan kafka;
  PlanPtr parsed, exploded, cameras, sightings, plan;
  explicit NestQuery(ExprPtr options = nullptr) {
    parsed = project({as(nestFromJson(kafka.value, options), "parsed_value")}, kafka.plan());
    auto pv = parsed->output()[0];
    auto gen =
        generate("explode", field(field(col(pv), "devices"), "cameras"), {"key", "value"}, parsed);
    exploded = project({col(gen->generatorOutput[0]), col(gen->generatorOutput[1])}, gen);
    auto value = gen->generatorOutput[1];
    std::vector<ExprPtr> star;  // value.*
    for (const auto& f : value.type->fields())
      star.push_back(as(field(col(value), f.name), f.name));
    cameras = project(star, exploded);
    const auto c = cameras->output();  // device_id, software_version, last_event, activity_zones
    sightings = project({col(c[0]), as(field(col(c[2]), "has_person"), "has_person"),
                         as(field(col(c[2]), "start_time"), "start_time")},
                        cameras);
    plan = filter(eq(col(sightings->output()[1]), makeBool(true)), sightings);
  }
};

}  // namespace sluice::test
