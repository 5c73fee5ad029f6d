#pragma once
// One leaf column of a row group being written: buffers the shredded entries (repetition and
// definition levels, PLAIN bytes of the non-NULL values) and, when the row group is flushed,
// cuts them into data pages (v1) at row boundaries, dictionary-encodes pages while the
// dictionary stays under its size limit (then falls back to PLAIN for the remaining pages, as
// parquet-mr does), compresses them, and returns the chunk's metadata with its statistics.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "runtime/files/parquet/parquet_metadata.h"
#include "runtime/files/parquet/parquet_schema.h"
#include "runtime/files/parquet/statistics.h"

namespace sluice::parquet {

/// Page layout settings shared by every column of a file.
struct ColumnWriteConfig {
  Codec codec = Codec::Snappy;
  int64_t pageSize = 1 << 20;            ///< target uncompressed data page size
  bool dictionary = true;                ///< try dictionary encoding
  int64_t dictionaryPageSize = 1 << 20;  ///< dictionary size above which pages fall back to PLAIN
};

class ColumnWriter {
 public:
  ColumnWriter(const LeafColumn& leaf, const ColumnWriteConfig& config);

  /// An entry without a value (a NULL or empty collection at level `def` < maxDef).
  void addNull(uint8_t rep, uint8_t def) {
    rep_.push_back(rep);
    def_.push_back(def);
  }
  /// An entry with a value: `storage` points to the value in its sluice storage type.
  void addValue(uint8_t rep, const unsigned char* storage);

  /// Bytes buffered for the current row group (values and levels).
  size_t bufferedBytes() const { return plain_.size() + def_.size() + rep_.size(); }

  /// Appends the chunk's pages to `out` (whose first byte sits at file offset `base`) and
  /// returns its metadata; the buffers are cleared for the next row group.
  ColumnChunk flush(std::string& out, int64_t base);

 private:
  struct Page {
    size_t firstEntry, endEntry;  // entries [first, end)
    size_t firstValue, endValue;  // values [first, end)
  };
  std::vector<Page> cutPages() const;
  std::string_view valueBytes(size_t i) const;  // PLAIN bytes of value i
  std::string_view statBytes(size_t i) const;   // statistics encoding of value i
  std::string encodeLevels(const std::vector<uint8_t>& levels, const Page& p, int max) const;
  std::string plainValues(const Page& p) const;
  bool dictionaryValues(const Page& p, std::string* out);
  void writePage(PageHeader h, const std::string& body, std::string& out, ColumnMetaData& m);

  const LeafColumn& leaf_;
  ColumnWriteConfig config_;
  std::vector<uint8_t> rep_, def_;
  std::string plain_;              // PLAIN encoding of the values (booleans: one byte each)
  std::vector<uint32_t> offsets_;  // byte arrays: start of each value in plain_
  size_t width_ = 0;               // fixed-width values: bytes per value
  size_t values_ = 0;
  // Dictionary state of the chunk being flushed.
  absl::flat_hash_map<absl::string_view, uint32_t> dict_;  // keys view into plain_
  std::string dictPlain_;                                  // the dictionary page's values
  bool dictFull_ = false;
};

}  // namespace sluice::parquet
