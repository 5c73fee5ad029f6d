#pragma once
// Decoding one column chunk: its pages (dictionary, data v1 and v2) decompressed, levels and
// values decoded (PLAIN, PLAIN_DICTIONARY / RLE_DICTIONARY, RLE booleans), and the values
// converted to the storage of the leaf's sluice type. Every length and offset read from the
// file is checked against the bytes actually there; problems throw ExecutionError naming the
// file, the column, the row group and the page.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/files/parquet/parquet_metadata.h"
#include "runtime/files/parquet/parquet_schema.h"
#include "stdlib/abi_types.h"

namespace sluice::parquet {

/// A decoded column chunk: one (rep, def) entry per value instance, and the non-NULL values
/// (entries with def == maxDef) densely in their storage type.
struct DecodedColumn {
  std::vector<uint8_t> def, rep;      ///< per entry (all 0 when the leaf has no such levels)
  std::vector<unsigned char> values;  ///< `width` bytes per value
  size_t width = 0;                   ///< storage bytes per value
  size_t count = 0;                   ///< number of values
  StringArena bytes;                  ///< string values' bytes (StringViews point here)
};

/// Storage bytes per value of a leaf (storageSize of its sluice type).
size_t storageWidth(const LeafColumn& leaf);

/// Decodes the chunk whose bytes (from its first page to its end) are `data[0, size)`.
/// `where` names the file, row group and column for errors.
void decodeColumnChunk(const LeafColumn& leaf, const ColumnMetaData& meta, const uint8_t* data,
                       size_t size, const std::string& where, DecodedColumn& out);

}  // namespace sluice::parquet
