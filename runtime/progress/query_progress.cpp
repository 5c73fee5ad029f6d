#include "runtime/progress/query_progress.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>
#include <type_traits>

#include "runtime/progress/json_out.h"

namespace sluice {
namespace {

void doubleField(JsonOut& j, const char* name, double v) {
  // Spark's safeDoubleToJValue: NaN and infinities are left out.
  if (std::isnan(v) || std::isinf(v)) return;
  j.key(name);
  j.number(v);
}

template <typename V>
void mapField(JsonOut& j, const char* name, const std::map<std::string, V>& m) {
  if (m.empty()) return;  // Spark's safeMapToJValue leaves empty maps out
  j.key(name);
  j.beginObject();
  for (const auto& [k, v] : m) {
    j.key(k);
    if constexpr (std::is_same_v<V, std::string>) {
      j.string(v);
    } else {
      j.integer(v);
    }
  }
  j.endObject();
}

void offsetField(JsonOut& j, const char* name, const std::optional<std::string>& offset) {
  j.key(name);
  if (offset) {
    j.jsonOrString(*offset);
  } else {
    j.null();
  }
}

void writeStateOperator(JsonOut& j, const StateOperatorProgress& s) {
  j.beginObject();
  j.key("operatorName");
  j.string(s.operatorName);
  const std::pair<const char*, int64_t> fields[] = {
      {"numRowsTotal", s.numRowsTotal},
      {"numRowsUpdated", s.numRowsUpdated},
      {"allUpdatesTimeMs", s.allUpdatesTimeMs},
      {"numRowsRemoved", s.numRowsRemoved},
      {"allRemovalsTimeMs", s.allRemovalsTimeMs},
      {"commitTimeMs", s.commitTimeMs},
      {"memoryUsedBytes", s.memoryUsedBytes},
      {"numRowsDroppedByWatermark", s.numRowsDroppedByWatermark},
      {"numShufflePartitions", s.numShufflePartitions},
      {"numStateStoreInstances", s.numStateStoreInstances},
  };
  for (const auto& [k, v] : fields) {
    j.key(k);
    j.integer(v);
  }
  mapField(j, "customMetrics", s.customMetrics);
  j.endObject();
}

void writeSource(JsonOut& j, const SourceProgress& s) {
  j.beginObject();
  j.key("description");
  j.string(s.description);
  offsetField(j, "startOffset", s.startOffset);
  offsetField(j, "endOffset", s.endOffset);
  offsetField(j, "latestOffset", s.latestOffset);
  j.key("numInputRows");
  j.integer(s.numInputRows);
  doubleField(j, "inputRowsPerSecond", s.inputRowsPerSecond);
  doubleField(j, "processedRowsPerSecond", s.processedRowsPerSecond);
  mapField(j, "metrics", s.metrics);
  j.endObject();
}

std::string render(const QueryProgress& p, bool pretty) {
  JsonOut j(pretty);
  j.beginObject();
  j.key("id");
  j.string(p.id);
  j.key("runId");
  j.string(p.runId);
  j.key("name");
  if (p.name) {
    j.string(*p.name);
  } else {
    j.null();
  }
  j.key("timestamp");
  j.string(formatIsoTimestamp(p.timestampMs));
  j.key("batchId");
  j.integer(p.batchId);
  j.key("batchDuration");
  j.integer(p.batchDuration);
  j.key("numInputRows");
  j.integer(p.numInputRows);
  doubleField(j, "inputRowsPerSecond", p.inputRowsPerSecond);
  doubleField(j, "processedRowsPerSecond", p.processedRowsPerSecond);
  mapField(j, "durationMs", p.durationMs);
  mapField(j, "eventTime", p.eventTime);
  j.key("stateOperators");
  j.beginArray();
  for (const auto& s : p.stateOperators) writeStateOperator(j, s);
  j.endArray();
  j.key("sources");
  j.beginArray();
  for (const auto& s : p.sources) writeSource(j, s);
  j.endArray();
  j.key("sink");
  j.beginObject();
  j.key("description");
  j.string(p.sink.description);
  j.key("numOutputRows");
  j.integer(p.sink.numOutputRows);
  mapField(j, "metrics", p.sink.metrics);
  j.endObject();
  j.endObject();
  return j.str();
}

}  // namespace

std::string QueryProgress::json() const {
  return render(*this, false);
}
std::string QueryProgress::prettyJson() const {
  return render(*this, true);
}

std::string formatIsoTimestamp(int64_t epochMs) {
  // Floor division so that times before 1970 print the right second and millisecond.
  int64_t secs = epochMs / 1000;
  int64_t ms = epochMs % 1000;
  if (ms < 0) {
    ms += 1000;
    secs -= 1;
  }
  const std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

double rowsPerSecond(int64_t rows, int64_t durationMs) {
  if (durationMs <= 0) return std::numeric_limits<double>::quiet_NaN();
  return static_cast<double>(rows) * 1000.0 / static_cast<double>(durationMs);
}

std::string formatJavaDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  // Shortest round-trip digits, then laid out with Java's Double.toString rules: plain
  // notation for 1e-3 <= |v| < 1e7, otherwise d.dddE<exp>.
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string s(buf, res.ptr);
  std::string sign;
  if (s[0] == '-') {
    sign = "-";
    s.erase(0, 1);
  }
  const size_t e = s.find('e');
  const int exp = std::stoi(s.substr(e + 1));
  std::string digits = s.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  const double a = std::fabs(v);
  if (a >= 1e-3 && a < 1e7) {
    std::string out;
    if (exp >= 0) {
      const size_t intLen = static_cast<size_t>(exp) + 1;
      if (digits.size() <= intLen) {
        out = digits + std::string(intLen - digits.size(), '0') + ".0";
      } else {
        out = digits.substr(0, intLen) + "." + digits.substr(intLen);
      }
    } else {
      out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
    }
    return sign + out;
  }
  const std::string frac = digits.size() > 1 ? digits.substr(1) : "0";
  return sign + digits.substr(0, 1) + "." + frac + "E" + std::to_string(exp);
}

}  // namespace sluice
