#include "runtime/files/parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include "runtime/files/parquet/parquet_metadata.h"

namespace sluice::parquet {
namespace {

TEST(ThriftCompact, FieldsRoundTripIncludingLongDeltasAndNegatives) {
  ThriftWriter w;
  w.beginStruct();
  w.fieldI32(1, -5);
  w.fieldI64(3, int64_t{1} << 40);
  w.fieldBinary(30, "hello");  // delta > 15: long-form header
  w.fieldBool(31, true);
  w.fieldList(32, CType::I32, 20);  // >= 15 elements: long-form list header
  for (int i = 0; i < 20; ++i) w.elemI32(-i);
  w.endStruct();
  const std::string b = w.bytes();
  ThriftReader r(reinterpret_cast<const uint8_t*>(b.data()), b.size());
  r.beginStruct();
  int16_t id;
  CType t;
  ASSERT_TRUE(r.readField(&id, &t));
  EXPECT_EQ(id, 1);
  EXPECT_EQ(r.readI32(), -5);
  ASSERT_TRUE(r.readField(&id, &t));
  EXPECT_EQ(id, 3);
  EXPECT_EQ(r.readI64(), int64_t{1} << 40);
  ASSERT_TRUE(r.readField(&id, &t));
  EXPECT_EQ(id, 30);
  EXPECT_EQ(r.readBinary(), "hello");
  ASSERT_TRUE(r.readField(&id, &t));
  EXPECT_EQ(id, 31);
  EXPECT_TRUE(ThriftReader::fieldBool(t));
  ASSERT_TRUE(r.readField(&id, &t));
  CType elem;
  uint32_t n;
  r.readListHeader(&elem, &n);
  EXPECT_EQ(n, 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(r.readI32(), -i);
  EXPECT_FALSE(r.readField(&id, &t));
  EXPECT_EQ(r.position(), b.size());
}

TEST(ThriftCompact, UnknownFieldsAreSkipped) {
  // A page header with fields sluice does not model (crc, an unknown struct, a map, a double).
  ThriftWriter w;
  w.beginStruct();
  w.fieldI32(1, 0);
  w.fieldI32(2, 10);
  w.fieldI32(3, 7);
  w.fieldI32(4, 12345);  // crc
  w.fieldStruct(5);
  w.fieldI32(1, 3);
  w.fieldI32(2, 0);
  w.fieldI32(3, 3);
  w.fieldI32(4, 3);
  w.endStruct();
  w.fieldStruct(20);  // unknown nested struct with a list of structs inside
  w.fieldList(1, CType::Struct, 2);
  for (int i = 0; i < 2; ++i) {
    w.beginStruct();
    w.fieldBinary(1, "x");
    w.endStruct();
  }
  w.endStruct();
  w.endStruct();
  const std::string b = w.bytes();
  size_t used = 0;
  PageHeader h = parsePageHeader(reinterpret_cast<const uint8_t*>(b.data()), b.size(), &used);
  EXPECT_EQ(used, b.size());
  EXPECT_EQ(h.uncompressedSize, 10);
  EXPECT_EQ(h.compressedSize, 7);
  ASSERT_TRUE(h.dataPage);
  EXPECT_EQ(h.dataPage->numValues, 3);
}

TEST(ThriftCompact, FooterRoundTrip) {
  FileMetaData m;
  SchemaElement root;
  root.name = "spark_schema";
  root.numChildren = 1;
  SchemaElement leaf;
  leaf.name = "ts";
  leaf.type = PhysicalType::Int64;
  leaf.repetition = Repetition::Optional;
  leaf.logical.kind = LogicalType::Kind::Timestamp;
  leaf.logical.unit = LogicalType::Unit::Nanos;
  leaf.logical.adjustedToUtc = true;
  m.schema = {root, leaf};
  m.numRows = 42;
  RowGroup g;
  g.numRows = 42;
  ColumnChunk c;
  c.meta.emplace();
  c.meta->path = {"ts"};
  c.meta->codec = Codec::Zstd;
  c.meta->statistics.emplace();
  c.meta->statistics->minValue = std::string("\x01\x02", 2);
  c.meta->statistics->nullCount = 3;
  g.columns.push_back(c);
  m.rowGroups.push_back(g);
  m.keyValue.push_back({"k", "v"});
  m.createdBy = "sluice";
  m.columnOrders = 1;
  const std::string b = serialize(m);
  FileMetaData r = parseFileMetaData(reinterpret_cast<const uint8_t*>(b.data()), b.size());
  ASSERT_EQ(r.schema.size(), 2u);
  EXPECT_EQ(r.schema[1].logical.kind, LogicalType::Kind::Timestamp);
  EXPECT_EQ(r.schema[1].logical.unit, LogicalType::Unit::Nanos);
  EXPECT_TRUE(r.schema[1].logical.adjustedToUtc);
  EXPECT_EQ(r.numRows, 42);
  ASSERT_EQ(r.rowGroups.size(), 1u);
  EXPECT_EQ(r.rowGroups[0].columns[0].meta->codec, Codec::Zstd);
  EXPECT_EQ(*r.rowGroups[0].columns[0].meta->statistics->minValue, std::string("\x01\x02", 2));
  EXPECT_EQ(*r.rowGroups[0].columns[0].meta->statistics->nullCount, 3);
  EXPECT_EQ(r.keyValue[0].value, "v");
  EXPECT_EQ(r.createdBy, "sluice");
}

TEST(ThriftCompact, TruncatedInputThrows) {
  FileMetaData m;
  m.schema.resize(1);
  m.schema[0].name = "root";
  m.createdBy = "sluice";
  const std::string b = serialize(m);
  for (size_t cut = 0; cut < b.size(); ++cut)
    EXPECT_THROW(parseFileMetaData(reinterpret_cast<const uint8_t*>(b.data()), cut), ThriftError)
        << cut;
}

}  // namespace
}  // namespace sluice::parquet
