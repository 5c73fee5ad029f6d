#include "runtime/ui/prometheus.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>

#include "runtime/progress/source_metrics.h"

namespace sluice {
namespace {

std::string num(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];  // shortest text that reads back as the same double
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

using Labels = std::vector<std::pair<std::string, std::string>>;

std::string labelText(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ",";
    out += labels[i].first + "=\"" + escapeLabelValue(labels[i].second) + "\"";
  }
  return out + "}";
}

// Collects samples per metric so that each metric's HELP/TYPE comes once, its samples
// together, as the format requires.
class MetricsText {
 public:
  void add(const std::string& name, const char* type, const char* help, const Labels& labels,
           double value, const std::string& suffix = "") {
    Family& f = family(name, type, help);
    f.samples += name + suffix + labelText(labels) + " " + num(value) + "\n";
  }
  std::string str() const {
    std::string out;
    for (const auto& name : order_) {
      const Family& f = families_.at(name);
      out += "# HELP " + name + " " + f.help + "\n# TYPE " + name + " " + f.type + "\n" + f.samples;
    }
    return out;
  }

 private:
  struct Family {
    std::string type, help, samples;
  };
  Family& family(const std::string& name, const char* type, const char* help) {
    auto it = families_.find(name);
    if (it != families_.end()) return it->second;
    order_.push_back(name);
    return families_[name] = Family{type, help, ""};
  }
  std::map<std::string, Family> families_;
  std::vector<std::string> order_;
};

void queryMetrics(MetricsText& m, const QueryMonitor::Snapshot& s) {
  const QueryInfo& info = *s.info;
  const Labels q = {{"query", info.name}};
  const QueryProgress* last = s.recent.empty() ? nullptr : s.recent.back().get();
  m.add("sluice_query_info", "gauge", "A streaming query (value 1) with its state and trigger.",
        {{"query", info.name},
         {"id", last ? last->id : ""},
         {"state", queryStateName(s.state)},
         {"trigger", info.trigger},
         {"sink", info.sink}},
        1);
  m.add("sluice_query_batches_total", "counter", "Micro-batches completed in this run.", q,
        static_cast<double>(s.totals.batches));
  m.add("sluice_query_input_rows_total", "counter", "Rows read by the query in this run.", q,
        static_cast<double>(s.totals.inputRows));
  m.add("sluice_query_output_rows_total", "counter", "Rows written to the query's sink.", q,
        static_cast<double>(s.totals.outputRows));
  m.add("sluice_query_kernel_compile_seconds", "gauge",
        "Time to generate and JIT-compile the query's kernels at start.", q,
        info.compileMs / 1000.0);
  // Histogram of batch durations (cumulative buckets, then sum and count).
  const char* hHelp = "Duration of each micro-batch (trigger execution).";
  for (size_t b = 0; b < kBatchDurationBuckets.size(); ++b) {
    Labels l = q;
    l.push_back({"le", num(kBatchDurationBuckets[b])});
    m.add("sluice_query_batch_duration_seconds", "histogram", hHelp, l,
          static_cast<double>(s.totals.durationBucketCounts[b]), "_bucket");
  }
  Labels inf = q;
  inf.push_back({"le", "+Inf"});
  m.add("sluice_query_batch_duration_seconds", "histogram", hHelp, inf,
        static_cast<double>(s.totals.batches), "_bucket");
  m.add("sluice_query_batch_duration_seconds", "histogram", hHelp, q, s.totals.durationSecondsSum,
        "_sum");
  m.add("sluice_query_batch_duration_seconds", "histogram", hHelp, q,
        static_cast<double>(s.totals.batches), "_count");
  for (const auto& [desc, rows] : s.totals.sourceInputRows)
    m.add("sluice_source_input_rows_total", "counter", "Rows read from each source.",
          {{"query", info.name}, {"source", desc}}, static_cast<double>(rows));
  for (const auto& [op, rows] : s.totals.lateRowsByOperator)
    m.add("sluice_state_late_rows_dropped_total", "counter",
          "Rows dropped as late by the watermark (numRowsDroppedByWatermark).",
          {{"query", info.name}, {"operator", std::to_string(op)}}, static_cast<double>(rows));
  if (!last) return;
  const QueryProgress& p = *last;
  if (std::isfinite(p.inputRowsPerSecond))
    m.add("sluice_query_input_rows_per_second", "gauge",
          "Rows per second arriving, over the last batch (Spark's inputRowsPerSecond).", q,
          p.inputRowsPerSecond);
  if (std::isfinite(p.processedRowsPerSecond))
    m.add("sluice_query_processed_rows_per_second", "gauge",
          "Rows per second processed in the last batch (Spark's processedRowsPerSecond).", q,
          p.processedRowsPerSecond);
  m.add("sluice_query_last_batch_id", "gauge", "Id of the last completed batch.", q,
        static_cast<double>(p.batchId));
  for (size_t i = 0; i < p.stateOperators.size(); ++i) {
    const Labels l = {{"query", info.name},
                      {"operator", std::to_string(i)},
                      {"name", p.stateOperators[i].operatorName}};
    m.add("sluice_state_rows", "gauge", "Rows (groups) in the operator's state store.", l,
          static_cast<double>(p.stateOperators[i].numRowsTotal));
    m.add("sluice_state_memory_bytes", "gauge", "Memory used by the operator's state.", l,
          static_cast<double>(p.stateOperators[i].memoryUsedBytes));
  }
  auto wm = p.eventTime.find("watermark");
  auto mx = p.eventTime.find("max");
  if (wm != p.eventTime.end()) {
    if (auto w = parseIsoTimestampMs(wm->second)) {
      m.add("sluice_query_watermark_seconds", "gauge",
            "The event-time watermark of the last batch (Unix time).", q,
            static_cast<double>(*w) / 1000.0);
      // Before any event time was seen the watermark is the epoch: no lag to speak of.
      if (mx != p.eventTime.end() && *w > 0)
        if (auto e = parseIsoTimestampMs(mx->second))
          m.add("sluice_query_watermark_lag_seconds", "gauge",
                "How far the watermark trails the newest event time seen.", q,
                static_cast<double>(*e - *w) / 1000.0);
    }
  }
  for (const auto& src : p.sources) {
    if (!src.latestOffset || !src.endOffset) continue;
    for (const PartitionLag& lag : offsetsBehindLatest(*src.latestOffset, *src.endOffset))
      m.add("sluice_source_offsets_behind_latest", "gauge",
            "Offsets between the last batch's end and the latest available (consumer lag).",
            {{"query", info.name},
             {"source", src.description},
             {"topic", lag.topic},
             {"partition", std::to_string(lag.partition)}},
            static_cast<double>(lag.offsetsBehind));
  }
}

}  // namespace

std::string escapeLabelValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::optional<int64_t> parseIsoTimestampMs(std::string_view text) {
  int y, mo, d, h, mi, s, ms;
  char z = 0;
  const std::string t(text);
  if (std::sscanf(t.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &y, &mo, &d, &h, &mi, &s, &ms, &z) !=
          8 ||
      z != 'Z')
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + ms;
}

std::string prometheusMetrics(const QueryRegistry& registry) {
  MetricsText m;
  const auto queries = registry.queries();
  m.add("sluice_queries", "gauge", "Streaming queries started by this engine.", {},
        static_cast<double>(queries.size()));
  for (const auto& q : queries) queryMetrics(m, q->snapshot());
  return m.str();
}

}  // namespace sluice
