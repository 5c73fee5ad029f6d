#pragma once
// The connector registry, analysis side: one row per table format (`CREATE TABLE ... USING
// <format>`) saying what the format can do — batch read, streaming read, batch write,
// streaming write and the output modes its streaming sink takes — and which options it knows.
// Analysis refuses a use the format cannot do (so `sluice check` catches it), naming the
// format and what it supports. The run-time side (readers, stream sources, sinks) is
// registered under the same name in runtime/connectors/.
#include <string>
#include <string_view>
#include <vector>

#include "frontend/source.h"
#include "planner/analysis/streaming_checks.h"

namespace sluice {

/// What a query asks of a table.
enum class ConnectorUse { BatchRead, StreamRead, BatchWrite, StreamWrite };

struct ConnectorInfo {
  std::string name;  ///< the USING name, lower case
  bool batchRead = false;
  bool streamRead = false;
  bool batchWrite = false;
  bool streamWrite = false;
  /// A directory of files (csv, json, parquet, text): `path`, PARTITIONED BY, file sinks.
  bool fileBased = false;
  /// Output modes a streaming sink of this format accepts (Spark: file sinks append only).
  std::vector<OutputMode> sinkModes = {OutputMode::Append, OutputMode::Update,
                                       OutputMode::Complete};
  /// Options the format knows, in Spark's spelling (for "did you mean"); options with a
  /// `prefix` (e.g. "kafka.") pass through unchecked.
  std::vector<std::string> options;
  std::string passThroughPrefix;
  /// Why a missing capability is missing, when there is more to say ("" otherwise).
  std::string note;
};

/// The row of `format` (case-insensitive), or nullptr.
const ConnectorInfo* findConnector(std::string_view format);
/// Every registered format name, in registration order.
std::vector<std::string> connectorNames();

/// Throws AnalysisError at `span` when `c` cannot do `use` (in `mode`, for StreamWrite) for
/// table `table`, naming the format and what it supports.
void checkConnectorUse(const ConnectorInfo& c, ConnectorUse use, const std::string& table,
                       const SourceFilePtr& file, SourceSpan span,
                       OutputMode mode = OutputMode::Append);

/// Throws AnalysisError for an option name `c` does not know, with a "did you mean" hint.
/// Formats without an option list accept any option.
void checkConnectorOptions(const ConnectorInfo& c, const std::vector<std::string>& names,
                           const std::vector<SourceSpan>& spans, const SourceFilePtr& file);

}  // namespace sluice
