#pragma once
// Batch reads of csv / json file tables into the kernel ABI's columnar layout.
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/column_batch.h"

namespace sluice {

class Scan;

/// Reads every row of a csv, json or parquet file scan (SourceKind::File) into one batch whose
/// columns are the scan's `attrs`, in their order; attrs may be any subset of the table's
/// schema (only those columns are parsed). The options are the table's (Spark's reader
/// options, see planner/sources/file_source.h): the path resolved at CREATE TABLE, a file or
/// a directory of files read in sorted order. Malformed records follow `mode`: NULLs (and
/// the raw record in the corrupt-record column, when the schema has one) in PERMISSIVE,
/// dropped in DROPMALFORMED, an ExecutionError naming file:line and the column in FAILFAST.
/// Throws ExecutionError when the path does not exist or a file cannot be read.
ColumnBatch readFileTable(const Scan& scan);

/// Drops from `files` those a streaming file sink has not committed when `root` is the output
/// directory of one (it has a `_spark_metadata` log): Spark reads only the files its log lists.
void keepCommittedFiles(const std::string& root, std::vector<std::string>& files);

/// Reads the rows of `files` (data files of `scan`'s table, e.g. the new files of a streaming
/// file source's batch) as readFileTable reads them.
ColumnBatch readFileTableFiles(const Scan& scan, const std::vector<std::string>& files);

/// Every row of a file scan handed to `consume` in batches, in readFileTable's order: JSON
/// files in chunks read ahead on other threads (readJsonFileChunks), other formats as one
/// batch. The batches must not outlive `consume`'s call.
void readFileTableChunks(const Scan& scan, const BatchConsumer& consume);
/// The rows of `files` (data files of `scan`'s table, e.g. a streaming file source's batch)
/// handed to `consume` as readFileTableChunks hands them (at least one batch).
void readFileTableFilesChunks(const Scan& scan, const std::vector<std::string>& files,
                              const BatchConsumer& consume);

/// How JSON-lines files are read in parallel. Into one batch: in byte-range splits of at
/// least `minSplitBytes`, at most `threads` at a time (one thread each, the caller's among
/// them). In chunks (readFileTableChunks): in pieces of `chunkBytes` read on `threads` threads
/// while the caller consumes the batches.
struct FileReadParallelism {
  int threads = 1;
  int64_t minSplitBytes = 16 << 20;
  int64_t chunkBytes = 4 << 20;
};
/// The current setting: threads default to the CPUs the process may use
/// (defaultExecThreads()), capped by the environment variable SLUICE_READ_THREADS when set
/// (1 = no parallel reads), or set by setFileReadParallelism (the SQL setting
/// sluice.files.readThreads does that).
FileReadParallelism fileReadParallelism();
/// Overrides the setting for this process (threads <= 0: the default).
void setFileReadParallelism(FileReadParallelism p);

}  // namespace sluice
