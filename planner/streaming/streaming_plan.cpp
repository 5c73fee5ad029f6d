#include "planner/streaming/streaming_plan.h"

#include "frontend/error.h"

namespace sluice {
namespace {

StateEmit emitFor(OutputMode m) {
  switch (m) {
    case OutputMode::Complete:
      return StateEmit::All;
    case OutputMode::Update:
      return StateEmit::Updated;
    case OutputMode::Append:
      return StateEmit::Finalized;
  }
  return StateEmit::All;
}

// A pipeline is static when it reads only static inputs: its source is a batch scan or a
// breaker fed by static pipelines, and every breaker it probes inside (a hash join's build
// side) is fed by static pipelines too. Pipelines are numbered inputs first, so one pass
// decides.
bool isStaticPipeline(const Pipeline& p, const PhysicalPlan& plan, const std::set<int>& statics) {
  if (auto* scan = dynamic_cast<const PhysScan*>(p.ops.front()); scan && scan->scan.streaming)
    return false;
  for (const PhysicalOp* op : p.ops)
    for (const auto& q : plan.pipelines)
      if (q.id != p.id && q.ops.back() == op && !statics.count(q.id)) return false;
  return true;
}

}  // namespace

int StreamingPlan::sourceIndex(const PhysScan* scan) const {
  for (size_t i = 0; i < sources.size(); ++i)
    if (sources[i] == scan) return static_cast<int>(i);
  return -1;
}

StreamingPlan planStreaming(const PhysicalPlan& physical, StreamingQuerySpec spec,
                            WatermarkPolicy policy) {
  StreamingPlan out;
  out.watermarkPolicy = policy;
  for (const auto& p : physical.pipelines) {
    const PhysicalOp* source = p.ops.front();
    if (auto* scan = dynamic_cast<const PhysScan*>(source); scan && scan->scan.streaming)
      out.sources.push_back(scan);
    const PhysicalOp* terminal = p.ops.back();
    if (auto* sink = dynamic_cast<const PhysSink*>(terminal)) out.sink = sink;
    if (isStaticPipeline(p, physical, out.staticPipelines)) {
      out.staticPipelines.insert(p.id);
      continue;
    }
    for (const PhysicalOp* op : p.ops)
      if (auto* w = dynamic_cast<const PhysWatermark*>(op)) out.watermarks.push_back(w);
    if (terminal->kind() == PhysKind::StreamJoin || terminal->kind() == PhysKind::StreamDedup) {
      bool known = false;  // both inputs' pipelines end in a join
      for (const auto& e : out.keyed) known = known || e.op == terminal;
      if (!known)
        out.keyed.push_back(
            {terminal, static_cast<int64_t>(out.stateful.size() + out.keyed.size())});
    }
    if (auto* agg = dynamic_cast<const PhysHashAggregate*>(terminal)) {
      StatefulOperator s;
      s.op = agg;
      s.operatorId = static_cast<int64_t>(out.stateful.size() + out.keyed.size());
      s.emit = emitFor(spec.outputMode);
      if (!out.watermarks.empty() && agg->logical)
        s.eventTimeKey = findEventTimeKey(agg->keys, eventTimeColumns(*agg->logical));
      if (auto w = inputWatermarkOf(*agg)) s.inputWatermark = *w;
      if (s.emit == StateEmit::Finalized && !s.eventTimeKey)
        throw PlanError("streaming query '" + spec.name +
                        "': append mode needs the aggregation to group by the watermarked "
                        "event-time column or a window() over it");
      out.stateful.push_back(s);
    }
  }
  if (out.sources.empty())
    throw PlanError("streaming query '" + spec.name + "' reads no stream (FROM STREAM ...)");
  if (!out.sink) throw PlanError("internal: streaming query '" + spec.name + "' has no sink");
  out.staticRefresh = StaticRefreshPlan::of(physical, out.staticPipelines);
  out.spec = std::move(spec);
  return out;
}

}  // namespace sluice
