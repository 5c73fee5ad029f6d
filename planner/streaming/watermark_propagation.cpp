#include "planner/streaming/watermark_propagation.h"

#include <algorithm>
#include <string>

#include "frontend/error.h"
#include "planner/physical/phys_hash_aggregate.h"
#include "planner/physical/phys_stream_dedup.h"
#include "planner/physical/phys_stream_join.h"
#include "planner/physical/phys_watermark.h"

namespace sluice {
namespace {

// Of several inputs' watermarks the smallest (Spark: min over the children), i.e. the
// largest delay; a stateful operator on any input makes late rows a previous-batch matter.
std::optional<InputWatermark> combine(const std::vector<std::optional<InputWatermark>>& in) {
  std::optional<InputWatermark> out;
  for (const auto& w : in) {
    if (!w) continue;
    if (!out) {
      out = w;
      continue;
    }
    out->delayMicros = std::max(out->delayMicros, w->delayMicros);
    out->lateByPreviousBatch = out->lateByPreviousBatch || w->lateByPreviousBatch;
  }
  return out;
}

std::optional<InputWatermark> outputWatermarkOf(const PhysicalOp& op);

std::optional<InputWatermark> inputsOf(const PhysicalOp& op) {
  std::vector<std::optional<InputWatermark>> in;
  for (const auto& c : op.children())
    if (c) in.push_back(outputWatermarkOf(*c));
  return combine(in);
}

// How far a stream-stream join's output may lag its input watermark: its state keeps a row
// of a bounded side until time + offset <= W, so a joined row's time can be W - offset.
// A bound on another timestamp of a side (e.g. `bts <= expires`) says nothing about how old
// that side's event time can be, so it cannot delay the output watermark: refused (Spark
// derives the state watermark of the event-time column only).
int64_t joinDelayMicros(const PhysStreamJoin& j) {
  int64_t d = 0;
  auto add = [&](const std::optional<StateTimeBound>& b, const std::optional<size_t>& eventTime,
                 const char* side) {
    if (!b) return;
    if (eventTime && b->column != *eventTime)
      throw PlanError(std::string("a stateful operator after this stream-stream join needs the "
                                  "join's time-range condition to bound the ") +
                      side +
                      " side's watermarked event time itself (e.g. `b.ts BETWEEN a.ts AND a.ts "
                      "+ INTERVAL 20 SECONDS`), so the watermark for the join's output is known");
    d = std::max(d, b->offsetMicros);
  };
  add(j.leftBound, j.leftLateColumn, "left");
  add(j.rightBound, j.rightLateColumn, "right");
  return d;
}

std::optional<InputWatermark> outputWatermarkOf(const PhysicalOp& op) {
  if (op.kind() == PhysKind::Watermark) return InputWatermark{};
  std::optional<InputWatermark> w = inputsOf(op);
  if (!w) return w;
  if (auto* j = dynamic_cast<const PhysStreamJoin*>(&op)) {
    w->delayMicros += joinDelayMicros(*j);
    w->lateByPreviousBatch = true;
  } else if (dynamic_cast<const PhysHashAggregate*>(&op) ||
             dynamic_cast<const PhysStreamDedup*>(&op)) {
    w->lateByPreviousBatch = true;
  }
  return w;
}

}  // namespace

std::optional<InputWatermark> inputWatermarkOf(const PhysicalOp& op) {
  return inputsOf(op);
}

}  // namespace sluice
