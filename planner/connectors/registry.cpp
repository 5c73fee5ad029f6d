#include <algorithm>

#include "frontend/did_you_mean.h"
#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/connectors/connector.h"
#include "planner/connectors/formats.h"

namespace sluice {
namespace {

// One line per format; each format's row lives in formats.cpp.
const std::vector<ConnectorInfo>& registry() {
  static const std::vector<ConnectorInfo> rows = {
      kafkaConnector(),   consoleConnector(), memoryConnector(), csvConnector(),  jsonConnector(),
      parquetConnector(), textConnector(),    noopConnector(),   jdbcConnector(),
  };
  return rows;
}

std::string capabilities(const ConnectorInfo& c) {
  std::vector<std::string> can;
  if (c.batchRead) can.push_back("batch reads");
  if (c.streamRead) can.push_back("streaming reads");
  if (c.batchWrite) can.push_back("INSERT INTO");
  if (c.streamWrite) can.push_back("streaming writes");
  if (can.empty()) return "nothing yet";
  std::string out;
  for (size_t i = 0; i < can.size(); ++i) out += (i ? ", " : "") + can[i];
  return out;
}

const char* useName(ConnectorUse u) {
  switch (u) {
    case ConnectorUse::BatchRead:
      return "batch reads";
    case ConnectorUse::StreamRead:
      return "streaming reads (FROM STREAM)";
    case ConnectorUse::BatchWrite:
      return "INSERT INTO";
    case ConnectorUse::StreamWrite:
      return "streaming writes";
  }
  return "?";
}

}  // namespace

const ConnectorInfo* findConnector(std::string_view format) {
  for (const auto& c : registry())
    if (equalsIgnoreCase(c.name, format)) return &c;
  return nullptr;
}

std::vector<std::string> connectorNames() {
  std::vector<std::string> out;
  for (const auto& c : registry()) out.push_back(c.name);
  return out;
}

void checkConnectorUse(const ConnectorInfo& c, ConnectorUse use, const std::string& table,
                       const SourceFilePtr& file, SourceSpan span, OutputMode mode) {
  const bool can = use == ConnectorUse::BatchRead    ? c.batchRead
                   : use == ConnectorUse::StreamRead ? c.streamRead
                   : use == ConnectorUse::BatchWrite ? c.batchWrite
                                                     : c.streamWrite;
  if (!can)
    throw AnalysisError("table '" + table + "' uses format '" + c.name +
                            "', which does not support " + useName(use) + " (" + c.name +
                            " supports " + capabilities(c) + ")" +
                            (c.note.empty() ? "" : "; " + c.note),
                        file, span);
  if (use == ConnectorUse::StreamWrite &&
      std::find(c.sinkModes.begin(), c.sinkModes.end(), mode) == c.sinkModes.end()) {
    std::string modes;
    for (size_t i = 0; i < c.sinkModes.size(); ++i)
      modes += std::string(i ? ", '" : "'") + outputModeName(c.sinkModes[i]) + "'";
    throw AnalysisError("the " + c.name + " sink of table '" + table + "' supports output mode " +
                            modes + ", not '" + outputModeName(mode) + "'",
                        file, span);
  }
}

void checkConnectorOptions(const ConnectorInfo& c, const std::vector<std::string>& names,
                           const std::vector<SourceSpan>& spans, const SourceFilePtr& file) {
  if (c.options.empty()) return;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    if (!c.passThroughPrefix.empty() && asciiLower(n).rfind(c.passThroughPrefix, 0) == 0) continue;
    const bool known = std::any_of(c.options.begin(), c.options.end(),
                                   [&](const std::string& o) { return equalsIgnoreCase(o, n); });
    if (!known)
      throw AnalysisError("unknown " + c.name + " option '" + n + "'" + didYouMean(n, c.options) +
                              (c.passThroughPrefix.empty() ? ""
                                                           : " (client settings need the '" +
                                                                 c.passThroughPrefix + "' prefix)"),
                          file, i < spans.size() ? spans[i] : SourceSpan{});
  }
}

}  // namespace sluice
