#include "planner/optimizer/retype.h"

#include "planner/functions/function.h"
#include "planner/logical/all.h"

namespace sluice {
namespace {

class Retyper {
 public:
  Retyper(TypeChanges changes, const std::function<ExprPtr(const ExprPtr&)>& rewrite)
      : changes_(std::move(changes)), rewrite_(rewrite) {}

  PlanPtr plan(const PlanPtr& p) {
    std::vector<PlanPtr> kids;
    bool changed = false;
    for (const auto& c : p->children()) {
      kids.push_back(plan(c));
      changed |= kids.back() != c;
    }
    PlanPtr n = changed ? p->withNewChildren(std::move(kids)) : p;
    n = mapExpressions(n, [&](const ExprPtr& e) { return expr(e); });
    n = attributes(n);
    if (n != p) noteOutputChanges(p->output(), n->output());
    return n;
  }

 private:
  ExprPtr expr(const ExprPtr& e) {
    ExprPtr self = rewrite_ ? rewrite_(e) : e;
    std::vector<ExprPtr> args;
    bool changed = false;
    for (const auto& a : self->args) {
      args.push_back(expr(a));
      changed |= args.back() != a;
    }
    ExprPtr n = changed ? self->withArgs(std::move(args)) : self;
    if (n->kind == ExprKind::ColumnRef) {
      auto it = changes_.find(n->attr.id);
      if (it != changes_.end() && !it->second->equals(*n->type))
        return makeColumnRef(n->attr.withType(it->second), n->span);
    }
    return n;
  }

  // Retypes one attribute held by a node; true if it changed.
  bool attr(Attribute& a) {
    auto it = changes_.find(a.id);
    if (it == changes_.end() || it->second->equals(*a.type)) return false;
    a.type = it->second;
    return true;
  }

  // Attributes stored in the node itself rather than derived from expressions.
  PlanPtr attributes(const PlanPtr& n) {
    if (const auto* s = as<Scan>(n)) {
      auto copy = std::make_shared<Scan>(*s);
      bool changed = false;
      for (auto& a : copy->attrs) changed |= attr(a);
      return changed ? copy : n;
    }
    if (const auto* w = as<Watermark>(n)) {
      Attribute et = w->eventTime;
      if (!attr(et)) return n;
      auto copy = std::make_shared<Watermark>(*w);
      copy->eventTime = et;
      return copy;
    }
    if (const auto* g = as<Generate>(n)) {
      auto copy = std::make_shared<Generate>(*g);
      bool changed = false;
      for (auto& a : copy->childOutput) changed |= attr(a);
      const auto types = generatorOutputTypes(*g->generator);
      if (types.size() == copy->generatorOutput.size()) {
        for (size_t i = 0; i < types.size(); ++i) {
          if (types[i]->equals(*copy->generatorOutput[i].type)) continue;
          copy->generatorOutput[i].type = types[i];
          changed = true;
        }
      }
      return changed ? copy : n;
    }
    return n;
  }

  void noteOutputChanges(const std::vector<Attribute>& before,
                         const std::vector<Attribute>& after) {
    for (size_t i = 0; i < before.size() && i < after.size(); ++i)
      if (before[i].id == after[i].id && !before[i].type->equals(*after[i].type))
        changes_[after[i].id] = after[i].type;
  }

  TypeChanges changes_;
  const std::function<ExprPtr(const ExprPtr&)>& rewrite_;
};

}  // namespace

std::vector<TypePtr> generatorOutputTypes(const Expr& g) {
  if (g.kind != ExprKind::Call || g.args.empty()) return {};
  const std::string& n = g.fn->name;
  const DataType& t = *g.args[0]->type;
  std::vector<TypePtr> out;
  if (n == "posexplode" || n == "posexplode_outer") out.push_back(DataType::integer());
  if (n == "explode" || n == "explode_outer" || n == "posexplode" || n == "posexplode_outer") {
    if (t.id() == TypeId::Map) {
      out.push_back(t.keyType());
      out.push_back(t.valueType());
    } else if (t.id() == TypeId::Array) {
      out.push_back(t.elementType());
    } else {
      return {};
    }
    return out;
  }
  if ((n == "inline" || n == "inline_outer") && t.id() == TypeId::Array &&
      t.elementType()->id() == TypeId::Struct) {
    for (const auto& f : t.elementType()->fields()) out.push_back(f.type);
    return out;
  }
  return {};
}

PlanPtr retypePlan(const PlanPtr& plan, TypeChanges changes,
                   const std::function<ExprPtr(const ExprPtr&)>& rewrite) {
  Retyper r(std::move(changes), rewrite);
  return r.plan(plan);
}

}  // namespace sluice
