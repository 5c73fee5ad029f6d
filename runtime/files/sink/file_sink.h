#pragma once
// The file sink: rows of a batch go to data files under the table's directory (one file per
// partition directory and batch, more with maxRecordsPerFile), committed so that every
// reader sees each row exactly once:
// - a file is written under a hidden temp name (`.part-...tmp`) and renamed to its final
//   name only when complete, so a reader never sees a partial file;
// - streaming batches have deterministic names (`part-<batch>-<task>.c<n><ext>`) and commit by
//   writing Spark's `_spark_metadata/<batch>` log entry, then renaming their files into view:
//   a directory listing only ever shows committed batches. A replayed batch already in the log
//   is skipped (as Spark's FileStreamSink does), one that is not rewrites the same names;
// - on start, before the first batch, temp files of committed batches are renamed into view
//   (a crash between the log entry and the renames) and everything of uncommitted batches is
//   removed.
// Batch INSERTs append files named by a fresh job id (`part-<job>-<task>...`), no log.
#include <memory>

#include "planner/physical/phys_sink.h"
#include "runtime/connectors/stream_sink.h"

namespace sluice {

/// The sink of `sink` (a csv / json / parquet table; sink.fileSink set).
std::unique_ptr<StreamSink> openFileSink(const PhysSink& sink);

}  // namespace sluice
