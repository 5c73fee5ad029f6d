#include "planner/physical/physical_planner.h"

#include "frontend/error.h"
#include "planner/functions/function.h"
#include "planner/logical/all.h"
#include "planner/physical/equi_join_keys.h"
#include "planner/physical/operators.h"
#include "planner/physical/stream_dedup_planner.h"
#include "planner/physical/stream_join_planner.h"

namespace sluice {
namespace {

class Planner {
 public:
  PhysPtr plan(const PlanPtr& p) {
    PhysPtr out = translate(p);
    out->logical = p.get();
    return out;
  }

 private:
  PhysPtr translate(const PlanPtr& p) {
    if (auto* s = as<Scan>(p)) return std::make_shared<PhysScan>(*s);
    if (auto* f = as<Filter>(p))
      return std::make_shared<PhysFilter>(f->condition, plan(f->child()));
    if (auto* pr = as<Project>(p))
      return std::make_shared<PhysProject>(pr->list, plan(pr->child()));
    if (auto* g = as<Generate>(p)) return std::make_shared<PhysGenerate>(*g, plan(g->child()));
    if (auto* e = as<Expand>(p)) return std::make_shared<PhysExpand>(*e, plan(e->child()));
    if (auto* l = as<Limit>(p)) return std::make_shared<PhysLimit>(l->limit, plan(l->child()));
    if (auto* w = as<Watermark>(p)) return std::make_shared<PhysWatermark>(*w, plan(w->child()));
    if (auto* s = as<Sort>(p)) return std::make_shared<PhysSort>(*s, plan(s->child()));
    if (auto* w = as<Window>(p)) {
      if (w->isStreaming())
        throw PlanError(
            "Non-time-based windows are not supported on streaming DataFrames/Datasets");
      return std::make_shared<PhysWindow>(*w, plan(w->child()));
    }
    if (auto* s = as<Sink>(p)) {
      auto sink = std::make_shared<PhysSink>(s->table, s->format, s->options, s->child()->output(),
                                             plan(s->child()));
      sink->fileSink = s->fileSink;
      sink->timeZone = s->timeZone;
      return sink;
    }
    if (auto* u = as<Union>(p)) {
      std::vector<PhysPtr> inputs;
      for (const auto& c : u->children()) inputs.push_back(plan(c));
      return std::make_shared<PhysUnion>(u->output(), std::move(inputs));
    }
    if (auto* a = as<Aggregate>(p)) return aggregate(*a);
    if (auto* d = as<Distinct>(p)) {
      if (d->isStreaming()) return planStreamDedup(*d, plan(d->child()));
      std::vector<ExprPtr> keys;
      for (const auto& attr : d->output()) keys.push_back(makeColumnRef(attr));
      return std::make_shared<PhysHashAggregate>(keys, std::vector<ExprPtr>{}, keys,
                                                 plan(d->child()));
    }
    if (auto* j = as<Join>(p)) return join(*j);
    throw PlanError("no physical operator for " + p->nodeName());
  }

  PhysPtr aggregate(const Aggregate& a) {
    std::vector<ExprPtr> functions;
    for (const auto& e : a.aggregates)
      visit(e, [&](const ExprPtr& x) {
        if (x->kind == ExprKind::Call && x->fn->kind == FunctionKind::Aggregate) {
          bool seen = false;
          for (const auto& f : functions) seen = seen || semanticEquals(f, x);
          if (!seen) functions.push_back(x);
          return false;
        }
        return true;
      });
    auto agg =
        std::make_shared<PhysHashAggregate>(a.groupings, functions, a.aggregates, plan(a.child()));
    if (a.sessionWindow) {
      for (size_t i = 0; i < a.groupings.size() && !agg->sessionKey; ++i)
        if (a.groupings[i]->kind == ExprKind::ColumnRef &&
            a.groupings[i]->attr.id == *a.sessionWindow)
          agg->sessionKey = i;
      if (!agg->sessionKey)
        throw PlanError("internal: the session_window column is not among the grouping keys");
    }
    return agg;
  }

  PhysPtr join(const Join& j) {
    if (j.left()->isStreaming() && j.right()->isStreaming())
      return planStreamJoin(j, plan(j.left()), plan(j.right()));
    PlanPtr left = j.left(), right = j.right();
    JoinKind type = j.type;
    // Build on the right: a right outer join is a left outer join with the sides swapped.
    if (type == JoinKind::RightOuter) {
      std::swap(left, right);
      type = JoinKind::LeftOuter;
    }
    EquiJoinKeys k = splitEquiJoinKeys(j.condition, outputIds(left), outputIds(right));
    return std::make_shared<PhysHashJoin>(type, k.left, k.right, joinConjuncts(k.rest), j.output(),
                                          plan(left), plan(right));
  }
};

// Assigns pipelines in produce/consume order; returns the pipeline `op`'s rows flow in.
class PipelineBuilder {
 public:
  explicit PipelineBuilder(std::vector<Pipeline>& out) : out_(out) {}

  int build(const PhysPtr& op) {
    switch (op->kind()) {
      case PhysKind::Scan: {
        const int p = fresh();
        op->pipeline = p;
        at(p).ops.push_back(op.get());
        return p;
      }
      case PhysKind::HashJoin: {
        auto* j = asPhys<PhysHashJoin>(op);
        j->buildPipeline = build(j->build());
        at(j->buildPipeline).ops.push_back(op.get());
        const int p = build(j->probe());
        op->pipeline = p;
        at(p).ops.push_back(op.get());
        if (!j->isBreaker()) return p;
        const int q = fresh();  // FULL OUTER: reads the joined rows, then the unmatched ones
        op->outputPipeline = q;
        at(q).ops.push_back(op.get());
        return q;
      }
      case PhysKind::HashAggregate:
      case PhysKind::Window:
      case PhysKind::Sort: {
        const int c = build(op->child());
        op->pipeline = c;
        at(c).ops.push_back(op.get());
        const int q = fresh();
        op->outputPipeline = q;
        at(q).ops.push_back(op.get());
        return q;
      }
      case PhysKind::Union:
      case PhysKind::StreamJoin:
      case PhysKind::StreamDedup: {
        // Inputs materialize into the union's buffer; a new pipeline reads it.
        int last = 0;
        for (const auto& c : op->children()) {
          last = build(c);
          at(last).ops.push_back(op.get());
        }
        op->pipeline = last;
        const int q = fresh();
        op->outputPipeline = q;
        at(q).ops.push_back(op.get());
        return q;
      }
      default: {
        const int p = build(op->child());
        op->pipeline = p;
        at(p).ops.push_back(op.get());
        return p;
      }
    }
  }

 private:
  int fresh() {
    Pipeline p;
    p.id = static_cast<int>(out_.size()) + 1;
    out_.push_back(p);
    return p.id;
  }
  Pipeline& at(int id) { return out_[static_cast<size_t>(id - 1)]; }
  std::vector<Pipeline>& out_;
};

std::string role(const PhysicalOp* op, int pipeline, bool first) {
  std::string n = op->nodeName();
  if (auto* j = dynamic_cast<const PhysHashJoin*>(op))
    return n + (pipeline == j->buildPipeline    ? "(build)"
                : pipeline == j->outputPipeline ? "(output)"
                                                : "(probe)");
  if (op->isBreaker() && op->outputPipeline)
    return n + (first && op->outputPipeline == pipeline ? "(output)" : "(input)");
  return n;
}

}  // namespace

std::string Pipeline::describe() const {
  std::string s = "pipeline_" + std::to_string(id) + ":";
  for (size_t i = 0; i < ops.size(); ++i) s += (i ? " -> " : " ") + role(ops[i], id, i == 0);
  return s;
}

const PhysSink* PhysicalPlan::sink() const {
  const PhysSink* out = nullptr;
  for (const auto& p : pipelines)
    if (auto* k = dynamic_cast<const PhysSink*>(p.ops.back())) out = k;
  return out;
}

std::string PhysicalPlan::toString() const {
  std::string s = physTreeString(root);
  s += "\n== Pipelines ==\n";
  for (const auto& p : pipelines) s += p.describe() + "\n";
  return s;
}

PhysicalPlan planPhysical(const PlanPtr& optimized) {
  PhysicalPlan out;
  out.logical = optimized;
  Planner planner;
  out.root = planner.plan(optimized);
  if (out.root->kind() != PhysKind::Sink)
    out.root = std::make_shared<PhysSink>("result", "", std::map<std::string, std::string>{},
                                          optimized->output(), out.root);
  PipelineBuilder(out.pipelines).build(out.root);
  return out;
}

}  // namespace sluice
