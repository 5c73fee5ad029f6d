// SELECT DISTINCT WITHIN WATERMARK (Spark 3.5's dropDuplicatesWithinWatermark): rows are
// deduplicated on the select list, which need not contain the event time; a key's state lives
// until its first row's event time + the watermark delay, so duplicates whose times differ by
// less than the delay are still dropped while the state stays bounded.
//   Project [list]                      (only when the event time is not in the list)
//   +- Deduplicate [list], within watermark   eventTime = ts
//      +- Project [list, ts]
#include <functional>

#include "planner/binder/binder_impl.h"
#include "planner/streaming/event_time.h"

namespace sluice {
namespace {

void collectWatermarks(const PlanPtr& p, std::vector<const Watermark*>& out) {
  if (const auto* w = as<Watermark>(p)) out.push_back(w);
  for (const auto& c : p->children()) collectWatermarks(c, out);
}

int64_t delayMicros(const Interval& i) {
  return static_cast<int64_t>(i.days) * 86'400'000'000 + i.micros;
}

}  // namespace

PlanPtr Binder::Impl::distinctWithinWatermark(std::vector<ExprPtr> list, const PlanPtr& input,
                                              SourceSpan span) {
  // A batch query has no watermark: Spark's dropDuplicatesWithinWatermark is dropDuplicates.
  if (!input->isStreaming()) {
    auto p = std::make_shared<Project>(std::move(list), input);
    p->span = span;
    return std::make_shared<Distinct>(p);
  }
  const auto lineage = eventTimeColumns(*input);
  std::vector<Attribute> times;
  for (const auto& a : input->output()) {
    auto it = lineage.find(a.id);
    if (it != lineage.end() && it->second == EventTimeKind::Timestamp) times.push_back(a);
  }
  if (times.size() != 1)
    fail(times.empty() ? "SELECT DISTINCT WITHIN WATERMARK needs a WATERMARK on the stream it "
                         "reads (e.g. FROM STREAM s WATERMARK ts DELAY OF INTERVAL 10 MINUTES): "
                         "a key's state lives until its event time + the delay"
                       : "SELECT DISTINCT WITHIN WATERMARK needs exactly one event-time column "
                         "in its input, found " +
                             std::to_string(times.size()) + " (select one in a subquery)",
         span);
  const Attribute time = times.front();
  std::vector<const Watermark*> marks;
  collectWatermarks(input, marks);
  const Watermark* mark = marks.size() == 1 ? marks.front() : nullptr;
  for (const auto* w : marks)
    if (w->eventTime.id == time.id) mark = w;
  if (!mark)
    fail(
        "SELECT DISTINCT WITHIN WATERMARK: cannot tell which WATERMARK clause's delay applies "
        "to " +
            time.name,
        span);

  const size_t visible = list.size();
  auto inner = std::make_shared<Project>(list, input);
  inner->span = span;
  bool timeSelected = false;
  for (const auto& a : inner->output()) timeSelected = timeSelected || a.id == time.id;
  if (!timeSelected) {
    list.push_back(makeColumnRef(time));
    inner = std::make_shared<Project>(list, input);
    inner->span = span;
  }
  auto dedup = std::make_shared<Distinct>(inner);
  const auto cols = inner->output();
  dedup->keys.assign(cols.begin(), cols.begin() + static_cast<std::ptrdiff_t>(visible));
  dedup->eventTime = time;
  dedup->withinWatermarkMicros = delayMicros(mark->delay);
  if (timeSelected) return dedup;
  std::vector<ExprPtr> keep;
  for (size_t i = 0; i < visible; ++i) keep.push_back(makeColumnRef(cols[i]));
  return std::make_shared<Project>(std::move(keep), dedup);
}

}  // namespace sluice
