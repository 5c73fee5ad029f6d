#include "runtime/ui/api_json.h"

#include "runtime/progress/json_out.h"

namespace sluice {
namespace {

void optionalString(JsonOut& j, const char* key, const std::optional<std::string>& v) {
  j.key(key);
  if (v) {
    j.string(*v);
  } else {
    j.null();
  }
}

void writeQuery(JsonOut& j, size_t index, const QueryMonitor::Snapshot& s) {
  const QueryInfo& info = *s.info;
  const QueryProgress* last = s.recent.empty() ? nullptr : s.recent.back().get();
  j.beginObject();
  j.key("index");
  j.integer(static_cast<int64_t>(index));
  j.key("name");
  j.string(info.name);
  optionalString(j, "id", last ? std::optional<std::string>(last->id) : std::nullopt);
  optionalString(j, "runId", last ? std::optional<std::string>(last->runId) : std::nullopt);
  j.key("status");
  j.string(queryStateName(s.state));
  j.key("statusText");
  j.string(s.statusText);
  optionalString(j, "error", s.error);
  j.key("trigger");
  j.string(info.trigger);
  j.key("sources");
  j.beginArray();
  for (const auto& src : info.sources) j.string(src);
  j.endArray();
  j.key("sink");
  j.string(info.sink);
  j.key("checkpointLocation");
  j.string(info.checkpoint);
  j.key("lastBatch");
  if (last) {
    j.integer(last->batchId);
  } else {
    j.null();
  }
  j.key("kernelCompileMs");
  j.number(info.compileMs);
  j.key("batches");
  j.integer(s.totals.batches);
  j.key("inputRowsTotal");
  j.integer(s.totals.inputRows);
  j.key("outputRowsTotal");
  j.integer(s.totals.outputRows);
  int64_t late = 0;
  for (const auto& [op, n] : s.totals.lateRowsByOperator) late += n;
  j.key("lateRowsTotal");
  j.integer(late);
  j.key("queryText");
  j.string(info.queryText);
  j.key("plan");
  j.string(info.plan);
  j.key("recentProgress");
  j.beginArray();
  // Re-emitted through the writer so the array nests cleanly; the text is Spark's shape.
  for (const auto& p : s.recent) j.jsonOrString(p->json());
  j.endArray();
  j.endObject();
}

}  // namespace

std::string queriesJson(const QueryRegistry& registry) {
  JsonOut j(false);
  j.beginArray();
  const auto queries = registry.queries();
  for (size_t i = 0; i < queries.size(); ++i) writeQuery(j, i, queries[i]->snapshot());
  j.endArray();
  return j.str();
}

}  // namespace sluice
