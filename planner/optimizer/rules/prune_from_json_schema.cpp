// from_json(s, 'a STRUCT<b, c>, d ..') read only as .a.b => from_json(s, 'a STRUCT<b: ..>')
//
// Parsing JSON dominates a streaming query's cost, and a parser that is told a narrow schema
// skips everything else. This rule finds, for every from_json call, the struct paths the
// query actually reads — through field accesses, aliases, explode/posexplode/inline and any
// operator in between — and narrows the call's schema (and every type derived from it) to
// those paths. Any use of a value other than reading one of its fields (output, comparison,
// function argument, grouping, DISTINCT, UNION) keeps that value whole.
//
// Spark's own JSON pruning (OptimizeCsvJsonExprs) gives up whenever options are present;
// sluice prunes with options, except `mode` other than PERMISSIVE or
// `columnNameOfCorruptRecord`, where a field that is no longer parsed could no longer make a
// record fail. The one visible difference is Spark's too: a record malformed only in a field
// the query never reads is no longer turned into NULL.
#include <map>
#include <optional>
#include <unordered_map>

#include "frontend/text.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "planner/logical/all.h"
#include "planner/optimizer/retype.h"
#include "planner/optimizer/rules/rule_util.h"
#include "planner/optimizer/rules/rules.h"

namespace sluice {
namespace {

// Path steps: a struct field name, or one of these (not valid as identifiers in DDL types,
// and never confused with fields because each applies to a different type kind).
constexpr const char* kMapKey = "$key";
constexpr const char* kMapValue = "$value";
constexpr const char* kArrayElem = "$elem";

struct PathNode {
  bool whole = false;
  std::map<std::string, PathNode> kids;
};

struct Origin {
  const Expr* source;
  std::vector<std::string> path;
};

// Key/value pairs of a from_json options argument (a constant map; the type rule requires
// one), or nullopt if it cannot be evaluated here.
std::optional<std::vector<std::pair<std::string, std::string>>> constantOptions(const ExprPtr& e) {
  if (!e->foldable() || e->type->id() != TypeId::Map) return std::nullopt;
  Value m;
  try {
    m = e->kind == ExprKind::Literal ? e->value : evaluateConstant(e);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> out;
  if (m.isNull()) return out;
  const auto& kv = m.asList();
  for (size_t i = 0; i + 1 < kv.size(); i += 2)
    if (!kv[i].isNull() && !kv[i + 1].isNull())
      out.emplace_back(kv[i].asString(), kv[i + 1].asString());
  return out;
}

bool prunable(const ExprPtr& e) {
  if (!isCall(e, "from_json") || e->args.size() < 2 || e->type->id() != TypeId::Struct)
    return false;
  const auto& schema = e->args[1];
  if (schema->kind != ExprKind::Literal || schema->type->id() != TypeId::String ||
      schema->value.isNull())
    return false;
  if (e->args.size() < 3) return true;
  auto opts = constantOptions(e->args[2]);
  if (!opts) return false;
  for (const auto& [k, v] : *opts) {
    const std::string key = asciiLower(k);
    if (key == "columnnameofcorruptrecord") return false;
    if (key == "mode" && asciiLower(v) != "permissive") return false;
  }
  return true;
}

class UsageCollector {
 public:
  void collect(const PlanPtr& root) {
    node(root);
    // The query's result is used whole.
    for (const auto& a : root->output()) wholeAttr(a.id);
  }

  std::unordered_map<const Expr*, PathNode> roots;
  std::unordered_map<const Expr*, ExprPtr> calls;

 private:
  std::optional<Origin> originOf(const ExprPtr& e) {
    if (e->kind == ExprKind::ColumnRef) {
      auto it = attrs_.find(e->attr.id);
      if (it == attrs_.end()) return std::nullopt;
      return it->second;
    }
    if (e->kind == ExprKind::GetField) {
      auto o = originOf(e->args[0]);
      const auto& st = *e->args[0]->type;
      if (!o || e->ordinal < 0 || st.id() != TypeId::Struct) return std::nullopt;
      o->path.push_back(st.fields()[static_cast<size_t>(e->ordinal)].name);
      return o;
    }
    if (e->kind == ExprKind::Call && prunable(e)) {
      calls.emplace(e.get(), e);
      roots.try_emplace(e.get());
      return Origin{e.get(), {}};
    }
    return std::nullopt;
  }

  PathNode& at(const Origin& o) {
    PathNode* n = &roots[o.source];
    for (const auto& step : o.path) n = &n->kids[step];
    return *n;
  }

  // The arguments of the from_json call at the base of a field-access chain are ordinary uses.
  void chainBase(const ExprPtr& e) {
    const Expr* p = e.get();
    while (p->kind == ExprKind::GetField) p = p->args[0].get();
    if (p->kind == ExprKind::Call)
      for (const auto& a : p->args) use(a);
  }

  void use(const ExprPtr& e) {
    if (auto o = originOf(e)) {
      at(*o).whole = true;
      chainBase(e);
      return;
    }
    for (const auto& a : e->args) use(a);
  }

  // A named item defines its column as a path when it is a field-access chain.
  void define(const ExprPtr& item) {
    if (item->kind == ExprKind::Alias) {
      if (auto o = originOf(item->args[0])) {
        at(*o);
        attrs_[item->attr.id] = *o;
        chainBase(item->args[0]);
        return;
      }
      use(item->args[0]);
      return;
    }
    if (item->kind != ExprKind::ColumnRef) use(item);  // a pass-through column stays tracked
  }

  void defineGenerator(const Generate& g) {
    const ExprPtr& gen = g.generator;
    std::optional<Origin> o;
    if (gen->kind == ExprKind::Call && !gen->args.empty()) o = originOf(gen->args[0]);
    const std::string name = gen->kind == ExprKind::Call ? gen->fn->name : "";
    const DataType& t = o ? *gen->args[0]->type : *DataType::null();
    std::vector<std::vector<std::string>> steps;  // per generator output column
    const bool pos = name == "posexplode" || name == "posexplode_outer";
    if (pos || name == "explode" || name == "explode_outer") {
      if (pos) steps.push_back({});
      if (t.id() == TypeId::Map) {
        steps.push_back({kMapKey});
        steps.push_back({kMapValue});
      } else if (t.id() == TypeId::Array) {
        steps.push_back({kArrayElem});
      }
    } else if ((name == "inline" || name == "inline_outer") && t.id() == TypeId::Array &&
               t.elementType()->id() == TypeId::Struct) {
      for (const auto& f : t.elementType()->fields()) steps.push_back({kArrayElem, f.name});
    }
    if (!o || steps.size() != g.generatorOutput.size() || steps.size() <= (pos ? 1u : 0u)) {
      use(gen);
      return;
    }
    at(*o);  // the container itself is read (its size decides the row count)
    for (size_t i = pos ? 1 : 0; i < steps.size(); ++i) {
      Origin out = *o;
      out.path.insert(out.path.end(), steps[i].begin(), steps[i].end());
      at(out);  // inline keeps every field: each one is an output column
      attrs_[g.generatorOutput[i].id] = out;
    }
    chainBase(gen->args[0]);
  }

  void wholeAttr(ExprId id) {
    auto it = attrs_.find(id);
    if (it != attrs_.end()) at(it->second).whole = true;
  }

  void node(const PlanPtr& p) {
    for (const auto& c : p->children()) node(c);
    switch (p->kind()) {
      case PlanKind::Project:
        for (const auto& e : as<Project>(p)->list) define(e);
        return;
      case PlanKind::Aggregate: {
        const auto& a = *as<Aggregate>(p);
        for (const auto& e : a.groupings) use(e);
        for (const auto& e : a.aggregates) define(e);
        return;
      }
      case PlanKind::Generate:
        defineGenerator(*as<Generate>(p));
        return;
      case PlanKind::Watermark:
        wholeAttr(as<Watermark>(p)->eventTime.id);
        return;
      // Whole rows are compared, combined by position, or written out.
      case PlanKind::Distinct:
      case PlanKind::Union:
      case PlanKind::Sink:
        for (const auto& c : p->children())
          for (const auto& a : c->output()) wholeAttr(a.id);
        return;
      default:
        for (const auto& e : p->expressions()) use(e);
        return;
    }
  }

  std::unordered_map<ExprId, Origin> attrs_;
};

// A type reduced to its smallest shape, for containers whose contents nobody reads.
TypePtr minimal(const TypePtr& t) {
  switch (t->id()) {
    case TypeId::Struct: {
      if (t->fields().empty()) return t;
      StructField f = t->fields()[0];
      f.type = minimal(f.type);
      return DataType::structOf({f});
    }
    case TypeId::Map:
      return DataType::mapOf(t->keyType(), minimal(t->valueType()), t->containsNull());
    case TypeId::Array:
      return DataType::arrayOf(minimal(t->elementType()), t->containsNull());
    default:
      return t;
  }
}

TypePtr pruneType(const TypePtr& t, const PathNode* n) {
  if (!n) return minimal(t);
  if (n->whole) return t;
  auto kid = [&](const std::string& k) -> const PathNode* {
    auto it = n->kids.find(k);
    return it == n->kids.end() ? nullptr : &it->second;
  };
  switch (t->id()) {
    case TypeId::Struct: {
      std::vector<StructField> fields;
      for (const auto& f : t->fields())
        if (const PathNode* k = kid(f.name))
          fields.push_back({f.name, pruneType(f.type, k), f.nullable});
      if (fields.empty()) return minimal(t);
      return DataType::structOf(std::move(fields));
    }
    case TypeId::Map:
      return DataType::mapOf(t->keyType(), pruneType(t->valueType(), kid(kMapValue)),
                             t->containsNull());
    case TypeId::Array:
      return DataType::arrayOf(pruneType(t->elementType(), kid(kArrayElem)), t->containsNull());
    default:
      return t;
  }
}

PlanPtr pruneFromJsonSchema(const PlanPtr& plan) {
  UsageCollector usage;
  usage.collect(plan);
  std::unordered_map<const Expr*, ExprPtr> replacements;
  for (const auto& [ptr, call] : usage.calls) {
    const TypePtr pruned = pruneType(call->type, &usage.roots[ptr]);
    if (pruned->equals(*call->type)) continue;
    auto args = call->args;
    args[1] = makeLiteral(Value::bytes(pruned->toDdl()), DataType::string(), args[1]->span);
    auto narrowed = std::make_shared<Expr>(*call->withArgs(std::move(args)));
    narrowed->type = pruned;
    replacements.emplace(ptr, std::move(narrowed));
  }
  if (replacements.empty()) return plan;
  return retypePlan(plan, {}, [&](const ExprPtr& e) -> ExprPtr {
    auto it = replacements.find(e.get());
    return it == replacements.end() ? e : it->second;
  });
}

}  // namespace

RulePtr makePruneFromJsonSchema() {
  return std::make_unique<FunctionRule>("PruneFromJsonSchema", &pruneFromJsonSchema);
}

}  // namespace sluice
