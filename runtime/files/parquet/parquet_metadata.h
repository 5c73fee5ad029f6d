#pragma once
// The Parquet metadata structures sluice reads and writes (parquet-format's parquet.thrift),
// with only the fields sluice uses; everything else a writer put there is skipped when read.
// Field ids and enum values are the specification's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sluice::parquet {

/// Physical types.
enum class PhysicalType : int32_t {
  Boolean = 0,
  Int32 = 1,
  Int64 = 2,
  Int96 = 3,
  Float = 4,
  Double = 5,
  ByteArray = 6,
  FixedLenByteArray = 7,
};

/// Legacy (pre-LogicalType) annotations.
enum class ConvertedType : int32_t {
  Utf8 = 0,
  Map = 1,
  MapKeyValue = 2,
  List = 3,
  Enum = 4,
  Decimal = 5,
  Date = 6,
  TimeMillis = 7,
  TimeMicros = 8,
  TimestampMillis = 9,
  TimestampMicros = 10,
  Uint8 = 11,
  Uint16 = 12,
  Uint32 = 13,
  Uint64 = 14,
  Int8 = 15,
  Int16 = 16,
  Int32 = 17,
  Int64 = 18,
  Json = 19,
  Bson = 20,
  Interval = 21,
};

enum class Repetition : int32_t { Required = 0, Optional = 1, Repeated = 2 };

enum class Encoding : int32_t {
  Plain = 0,
  PlainDictionary = 2,
  Rle = 3,
  BitPacked = 4,
  DeltaBinaryPacked = 5,
  DeltaLengthByteArray = 6,
  DeltaByteArray = 7,
  RleDictionary = 8,
  ByteStreamSplit = 9,
};

enum class Codec : int32_t {
  Uncompressed = 0,
  Snappy = 1,
  Gzip = 2,
  Lzo = 3,
  Brotli = 4,
  Lz4 = 5,
  Zstd = 6,
  Lz4Raw = 7,
};

enum class PageType : int32_t { DataPage = 0, IndexPage = 1, DictionaryPage = 2, DataPageV2 = 3 };

/// The LogicalType union, flattened: `kind` says which member is set.
struct LogicalType {
  enum class Kind {
    None,
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    Integer = 10,
    Unknown = 11,
    Json = 12,
    Bson = 13,
    Uuid = 14,
    Float16 = 15,
  };
  enum class Unit { Millis = 1, Micros = 2, Nanos = 3 };
  Kind kind = Kind::None;
  int32_t scale = 0, precision = 0;  ///< Decimal
  bool adjustedToUtc = false;        ///< Time / Timestamp
  Unit unit = Unit::Micros;          ///< Time / Timestamp
  int8_t bitWidth = 0;               ///< Integer
  bool isSigned = true;              ///< Integer
};

struct SchemaElement {
  std::optional<PhysicalType> type;  ///< set for leaves only
  int32_t typeLength = 0;            ///< FIXED_LEN_BYTE_ARRAY width
  std::optional<Repetition> repetition;
  std::string name;
  int32_t numChildren = 0;  ///< groups: number of children (0 for leaves)
  std::optional<ConvertedType> convertedType;
  int32_t scale = 0, precision = 0;
  LogicalType logical;
};

struct Statistics {
  std::optional<std::string> minValue, maxValue;    ///< min_value / max_value (plain encoded)
  std::optional<std::string> legacyMin, legacyMax;  ///< deprecated min / max (signed order)
  std::optional<int64_t> nullCount;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::Int32;
  std::vector<Encoding> encodings;
  std::vector<std::string> path;
  Codec codec = Codec::Uncompressed;
  int64_t numValues = 0;
  int64_t totalUncompressedSize = 0;
  int64_t totalCompressedSize = 0;
  int64_t dataPageOffset = 0;
  std::optional<int64_t> dictionaryPageOffset;
  std::optional<Statistics> statistics;
};

struct ColumnChunk {
  int64_t fileOffset = 0;
  std::optional<ColumnMetaData> meta;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t totalByteSize = 0;
  int64_t numRows = 0;
  std::optional<int64_t> fileOffset;
  std::optional<int64_t> totalCompressedSize;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;
};

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema;  ///< depth-first, the root first
  int64_t numRows = 0;
  std::vector<RowGroup> rowGroups;
  std::vector<KeyValue> keyValue;
  std::optional<std::string> createdBy;
  int columnOrders = 0;  ///< TypeDefinedOrder entries written (one per leaf)
};

struct DataPageHeader {
  int32_t numValues = 0;
  Encoding encoding = Encoding::Plain;
  Encoding defEncoding = Encoding::Rle;
  Encoding repEncoding = Encoding::Rle;
  std::optional<Statistics> statistics;
};

struct DictionaryPageHeader {
  int32_t numValues = 0;
  Encoding encoding = Encoding::Plain;
};

struct DataPageHeaderV2 {
  int32_t numValues = 0, numNulls = 0, numRows = 0;
  Encoding encoding = Encoding::Plain;
  int32_t defLength = 0, repLength = 0;
  bool isCompressed = true;
};

struct PageHeader {
  PageType type = PageType::DataPage;
  int32_t uncompressedSize = 0;
  int32_t compressedSize = 0;
  std::optional<DataPageHeader> dataPage;
  std::optional<DictionaryPageHeader> dictionaryPage;
  std::optional<DataPageHeaderV2> dataPageV2;
};

/// Compact-protocol encoding of a footer.
std::string serialize(const FileMetaData& m);
/// Compact-protocol encoding of a page header.
std::string serialize(const PageHeader& h);

/// Decodes a footer; throws ThriftError when malformed.
FileMetaData parseFileMetaData(const uint8_t* data, size_t size);
/// Decodes the page header at `data`; `*consumed` is its encoded length. Throws ThriftError.
PageHeader parsePageHeader(const uint8_t* data, size_t size, size_t* consumed);

}  // namespace sluice::parquet
