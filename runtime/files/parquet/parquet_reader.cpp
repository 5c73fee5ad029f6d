#include "runtime/files/parquet/parquet_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "frontend/error.h"
#include "frontend/text.h"
#include "runtime/files/parquet/column_reader.h"
#include "runtime/files/parquet/row_assembler.h"
#include "runtime/files/parquet/statistics.h"
#include "runtime/files/parquet/thrift_compact.h"
#include "runtime/files/read_plan.h"

namespace sluice {

using namespace parquet;

namespace {

constexpr size_t kFooterTail = 8;  // footer length (4 bytes) + "PAR1"

int topLevelIndex(const SchemaNode& root, const std::string& name) {
  for (size_t i = 0; i < root.children.size(); ++i)
    if (root.children[i].name == name) return static_cast<int>(i);
  for (size_t i = 0; i < root.children.size(); ++i)
    if (equalsIgnoreCase(root.children[i].name, name)) return static_cast<int>(i);
  return -1;
}

// Whether a predicate can hold for some row of a chunk with these statistics.
bool mayMatch(const LeafColumn& leaf, const ColumnMetaData& m, const ParquetPredicate& p) {
  if (!m.statistics) return true;
  const Statistics& s = *m.statistics;
  using Op = ParquetPredicate::Op;
  if (p.op == Op::IsNull) return !s.nullCount || *s.nullCount > 0;
  const bool allNull = s.nullCount && *s.nullCount == m.numValues;
  if (p.op == Op::IsNotNull) return !allNull;
  if (allNull) return false;  // comparisons with NULL are never true
  // Only min_value / max_value (whose order is the type's) are trusted; the deprecated
  // min / max of old writers compared byte arrays as signed.
  if (!s.minValue || !s.maxValue) return true;
  const auto lit = encodeStat(leaf, p.literal);
  if (!lit) return true;
  const int vsMin = compareStat(leaf, *lit, *s.minValue);
  const int vsMax = compareStat(leaf, *lit, *s.maxValue);
  switch (p.op) {
    case Op::Eq:
      return vsMin >= 0 && vsMax <= 0;
    case Op::Lt:
      return vsMin > 0;  // some value < lit  <=> min < lit
    case Op::Le:
      return vsMin >= 0;
    case Op::Gt:
      return vsMax < 0;  // some value > lit  <=> max > lit
    case Op::Ge:
      return vsMax <= 0;
    default:
      return true;
  }
}

}  // namespace

ParquetFileReader::ParquetFileReader(std::string path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0)
    throw ExecutionError("cannot open Parquet file " + path_ + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    ::close(fd_);
    throw ExecutionError("cannot stat Parquet file " + path_ + ": " + std::strerror(errno));
  }
  size_ = st.st_size;
  try {
    if (size_ < static_cast<int64_t>(4 + kFooterTail))
      throw ExecutionError("not a Parquet file (only " + std::to_string(size_) +
                           " bytes): " + path_);
    std::string tail;
    readBytes(size_ - kFooterTail, kFooterTail, tail, "the footer length");
    std::string head;
    readBytes(0, 4, head, "the header");
    if (tail.compare(4, 4, "PAR1") != 0 || head != "PAR1")
      throw ExecutionError("not a Parquet file (no PAR1 magic): " + path_);
    uint32_t len;
    std::memcpy(&len, tail.data(), 4);
    if (static_cast<int64_t>(len) > size_ - static_cast<int64_t>(4 + kFooterTail))
      throw ExecutionError("corrupt Parquet file " + path_ + ": footer length " +
                           std::to_string(len) + " exceeds the file");
    std::string footer;
    readBytes(size_ - kFooterTail - len, len, footer, "the footer");
    try {
      meta_ = parseFileMetaData(reinterpret_cast<const uint8_t*>(footer.data()), footer.size());
    } catch (const ThriftError& e) {
      throw ExecutionError("corrupt Parquet footer in " + path_ + ": " + e.what);
    }
    schema_ = buildSchema(meta_.schema, path_);
    for (size_t g = 0; g < meta_.rowGroups.size(); ++g) {
      const auto& rg = meta_.rowGroups[g];
      if (rg.columns.size() != schema_.leaves.size() || rg.numRows < 0)
        throw ExecutionError("corrupt Parquet footer in " + path_ + ": row group " +
                             std::to_string(g) + " has " + std::to_string(rg.columns.size()) +
                             " columns, the schema " + std::to_string(schema_.leaves.size()));
    }
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

ParquetFileReader::~ParquetFileReader() {
  if (fd_ >= 0) ::close(fd_);
}

void ParquetFileReader::readBytes(int64_t offset, size_t size, std::string& out,
                                  const std::string& what) const {
  if (offset < 0 || offset > size_ || static_cast<int64_t>(size) > size_ - offset)
    throw ExecutionError("corrupt Parquet file " + path_ + ": " + what + " at offset " +
                         std::to_string(offset) + " (+" + std::to_string(size) +
                         " bytes) lies outside the file of " + std::to_string(size_) + " bytes");
  out.resize(size);
  size_t done = 0;
  while (done < size) {
    const ssize_t n =
        ::pread(fd_, out.data() + done, size - done, offset + static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw ExecutionError("error reading Parquet file " + path_ + ": " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
}

bool ParquetFileReader::rowGroupMayMatch(int g, const std::vector<ParquetPredicate>& preds) const {
  const RowGroup& rg = meta_.rowGroups[g];
  for (const auto& p : preds) {
    const int c = topLevelIndex(schema_.root, p.column);
    if (c < 0) continue;
    const SchemaNode& n = schema_.root.children[c];
    if (n.kind != SchemaNode::Kind::Primitive) continue;
    const auto& meta = rg.columns[n.leaf].meta;
    if (meta && !mayMatch(schema_.leaves[n.leaf], *meta, p)) return false;
  }
  return true;
}

int ParquetFileReader::read(const std::vector<ParquetColumnRequest>& columns,
                            ColumnBatchBuilder& out, const std::vector<ParquetPredicate>& preds,
                            const FileReadPlan* partitions) {
  std::vector<bool> needed(schema_.leaves.size(), false);
  std::vector<ReadNode> plans(columns.size());
  std::vector<TypePtr> types;
  for (size_t c = 0; c < columns.size(); ++c) {
    types.push_back(columns[c].type);
    const int i = topLevelIndex(schema_.root, columns[c].name);
    if (i < 0 || (partitions && partitions->isPartition[c])) continue;  // NULLs / partition
    try {
      plans[c] = planRead(schema_.root.children[i], columns[c].type, columns[c].name, needed);
    } catch (ExecutionError& e) {
      throw ExecutionError("Parquet file " + path_ + ": " + e.message());
    }
  }
  std::vector<DecodedColumn> decoded(schema_.leaves.size());
  StagedRow row;
  std::string chunk;
  int read = 0;
  for (int g = 0; g < numRowGroups(); ++g) {
    if (!rowGroupMayMatch(g, preds)) continue;
    ++read;
    const RowGroup& rg = meta_.rowGroups[g];
    const std::string where = path_ + " (row group " + std::to_string(g) + ")";
    for (size_t l = 0; l < schema_.leaves.size(); ++l) {
      if (!needed[l]) continue;
      const std::string col = where + ", column " + schema_.leaves[l].dottedPath();
      if (!rg.columns[l].meta) throw ExecutionError("Parquet file " + col + ": no column metadata");
      const ColumnMetaData& m = *rg.columns[l].meta;
      int64_t start = m.dataPageOffset;
      if (m.dictionaryPageOffset && *m.dictionaryPageOffset > 0 && *m.dictionaryPageOffset < start)
        start = *m.dictionaryPageOffset;
      if (m.totalCompressedSize < 0)
        throw ExecutionError("corrupt Parquet footer in " + col + ": negative chunk size");
      readBytes(start, static_cast<size_t>(m.totalCompressedSize), chunk, "column chunk of " + col);
      decodeColumnChunk(schema_.leaves[l], m, reinterpret_cast<const uint8_t*>(chunk.data()),
                        chunk.size(), col, decoded[l]);
    }
    RowAssembler assembler(schema_, decoded, out.arena(), where);
    for (int64_t r = 0; r < rg.numRows; ++r) {
      row.reset(columns.size());
      for (size_t c = 0; c < columns.size(); ++c)
        if (plans[c].file) row.nulls[c] = assembler.read(plans[c], row.slots[c]) ? 0 : 1;
      appendStagedRow(row, types, out, partitions);
    }
    assembler.checkConsumed(needed);
  }
  return read;
}

TypePtr readParquetSchema(const std::string& path) {
  return ParquetFileReader(path).rowType();
}

}  // namespace sluice
