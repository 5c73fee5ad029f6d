#pragma once
// A directory of csv / json / parquet files as a stream (Spark's FileStreamSource): each batch
// takes files that appeared since the last one (at most maxFilesPerTrigger, oldest first or
// newest first with latestFirst), recorded in the source's own log in the checkpoint
// (sources/<i>/, see runtime/files/stream/file_source_log.h); its offset is Spark's
// {"logOffset":N}. Files must appear whole (written elsewhere, then moved in), as for Spark.
#include <memory>

#include "runtime/connectors/connector.h"

namespace sluice {

/// Opens file-table scan `scan` as a stream.
std::unique_ptr<StreamSource> openFileStream(const PhysScan& scan,
                                             const StreamOpenOptions& options);

}  // namespace sluice
