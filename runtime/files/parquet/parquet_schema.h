#pragma once
// The mapping between sluice (Spark) types and Parquet schemas, both ways.
//
// Writing follows Spark's ParquetSchemaConverter (non-legacy format): every field optional,
// tinyint / smallint as INT32 with INT(8 / 16, signed), decimals as INT32 / INT64 / fixed-
// length big-endian bytes by precision, timestamps as INT64 TIMESTAMP(MICROS, UTC), arrays as
// 3-level LISTs (`optional group a (LIST) { repeated group list { optional <t> element } }`),
// maps as `optional group m (MAP) { repeated group key_value { required key; optional value } }`.
//
// Reading accepts that and what other writers produce (DuckDB, Arrow, parquet-mr legacy
// formats): unsigned integers widened as Spark widens them, TIMESTAMP in MILLIS / MICROS /
// NANOS and INT96, UUID as a string, legacy 2-level lists and unannotated repeated fields as
// arrays. The resulting tree (SchemaNode) carries the definition and repetition levels that
// shredding and reassembly (Dremel) need.
#include <string>
#include <vector>

#include "planner/types.h"
#include "runtime/files/parquet/parquet_metadata.h"

namespace sluice::parquet {

/// How a leaf's physical values become the storage of its sluice type.
enum class LeafConv {
  Bool,            ///< BOOLEAN -> uint8_t
  I32ToI8,         ///< INT32 -> int8_t (tinyint)
  I32ToI16,        ///< INT32 -> int16_t (smallint)
  I32,             ///< INT32 -> int32_t (int, date)
  I32ToI64,        ///< INT32 -> int64_t (decimal p <= 9)
  U8ToI16,         ///< INT32 holding UINT_8 -> smallint
  U16ToI32,        ///< INT32 holding UINT_16 -> int
  U32ToI64,        ///< INT32 holding UINT_32 -> bigint
  I64,             ///< INT64 -> int64_t (bigint, timestamp micros, decimal p <= 18)
  U64ToI128,       ///< INT64 holding UINT_64 -> decimal(20, 0)
  MillisToMicros,  ///< INT64 TIMESTAMP(MILLIS)
  NanosToMicros,   ///< INT64 TIMESTAMP(NANOS)
  Int96ToMicros,   ///< INT96 (nanos of day + Julian day)
  Float,
  Double,
  Bytes,         ///< BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY -> StringView
  BytesToI64,    ///< big-endian two's complement decimal -> int64_t
  BytesToI128,   ///< big-endian two's complement decimal -> __int128
  UuidToString,  ///< FIXED_LEN_BYTE_ARRAY(16) UUID -> canonical text
};

/// One leaf (primitive) column of a file.
struct LeafColumn {
  std::vector<std::string> path;  ///< path_in_schema: the names from the root's child down
  PhysicalType physical = PhysicalType::Int32;
  int32_t typeLength = 0;  ///< FIXED_LEN_BYTE_ARRAY width
  int maxDef = 0, maxRep = 0;
  TypePtr type;  ///< the sluice type of the values
  LeafConv conv = LeafConv::I32;
  bool unsignedOrder = false;  ///< statistics compare as unsigned (strings, binaries, UINT_*)

  std::string dottedPath() const;
};

/// A node of the schema tree: a column, a struct field, a list element, a map key or value.
struct SchemaNode {
  enum class Kind { Primitive, Struct, List, Map };
  Kind kind = Kind::Primitive;
  std::string name;
  TypePtr type;          ///< the sluice type this node produces
  bool optional = true;  ///< may be NULL (counts one definition level)
  int def = 0;           ///< definition level of a non-NULL value of this node
  int rep = 0;           ///< repetition level of the enclosing repeated ancestors
  int repeatedDef = 0;   ///< List / Map: definition level of one entry of the repeated group
  int repeatedRep = 0;   ///< List / Map: repetition level of the repeated group
  std::vector<SchemaNode> children;  ///< Struct: fields; List: {element}; Map: {key, value}
  int leaf = -1;                     ///< Primitive: index into ParquetSchema::leaves
  int firstLeaf = 0;  ///< the leaves under this node are [firstLeaf, firstLeaf + leafCount)
  int leafCount = 0;
};

/// A file's schema as sluice sees it.
struct ParquetSchema {
  SchemaNode root;                 ///< a Struct node, one child per top-level column
  std::vector<LeafColumn> leaves;  ///< in file order (the order of ColumnChunks)
};

/// The Parquet schema elements (root first) for columns `names` of `types`. Throws
/// ExecutionError naming the column for types Parquet cannot hold (interval, void), as
/// Spark does.
std::vector<SchemaElement> toParquetSchema(const std::vector<std::string>& names,
                                           const std::vector<TypePtr>& types);

/// The schema tree of a file's schema elements. Throws ThriftError-free SchemaError text via
/// ExecutionError (prefixed with `where`) for malformed trees and unsupported types.
ParquetSchema buildSchema(const std::vector<SchemaElement>& elements, const std::string& where);

/// The row type (struct of the top-level columns) of a schema.
TypePtr rowType(const ParquetSchema& schema);

}  // namespace sluice::parquet
