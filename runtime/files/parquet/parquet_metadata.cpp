#include "runtime/files/parquet/parquet_metadata.h"

#include "runtime/files/parquet/thrift_compact.h"

namespace sluice::parquet {
namespace {

// ---- encoding ----

void writeLogical(ThriftWriter& w, const LogicalType& l) {
  using K = LogicalType::Kind;
  w.fieldStruct(10);  // SchemaElement.logicalType: a union, one struct member set
  w.fieldStruct(static_cast<int16_t>(l.kind));
  switch (l.kind) {
    case K::Decimal:
      w.fieldI32(1, l.scale);
      w.fieldI32(2, l.precision);
      break;
    case K::Time:
    case K::Timestamp:
      w.fieldBool(1, l.adjustedToUtc);
      w.fieldStruct(2);  // TimeUnit union: one empty struct member
      w.fieldStruct(static_cast<int16_t>(l.unit));
      w.endStruct();
      w.endStruct();
      break;
    case K::Integer:
      w.fieldByte(1, l.bitWidth);  // an i8 in parquet.thrift: one raw byte
      w.fieldBool(2, l.isSigned);
      break;
    default:
      break;
  }
  w.endStruct();
  w.endStruct();
}

void writeSchemaElement(ThriftWriter& w, const SchemaElement& e) {
  w.beginStruct();
  if (e.type) w.fieldI32(1, static_cast<int32_t>(*e.type));
  if (e.type == PhysicalType::FixedLenByteArray) w.fieldI32(2, e.typeLength);
  if (e.repetition) w.fieldI32(3, static_cast<int32_t>(*e.repetition));
  w.fieldBinary(4, e.name);
  if (!e.type) w.fieldI32(5, e.numChildren);
  if (e.convertedType) w.fieldI32(6, static_cast<int32_t>(*e.convertedType));
  if (e.convertedType == ConvertedType::Decimal) {
    w.fieldI32(7, e.scale);
    w.fieldI32(8, e.precision);
  }
  if (e.logical.kind != LogicalType::Kind::None) writeLogical(w, e.logical);
  w.endStruct();
}

void writeStatistics(ThriftWriter& w, const Statistics& s) {
  if (s.nullCount) w.fieldI64(3, *s.nullCount);
  if (s.maxValue) w.fieldBinary(5, *s.maxValue);
  if (s.minValue) w.fieldBinary(6, *s.minValue);
}

void writeColumnMeta(ThriftWriter& w, const ColumnMetaData& m) {
  w.fieldI32(1, static_cast<int32_t>(m.type));
  w.fieldList(2, CType::I32, m.encodings.size());
  for (Encoding e : m.encodings) w.elemI32(static_cast<int32_t>(e));
  w.fieldList(3, CType::Binary, m.path.size());
  for (const auto& p : m.path) w.elemBinary(p);
  w.fieldI32(4, static_cast<int32_t>(m.codec));
  w.fieldI64(5, m.numValues);
  w.fieldI64(6, m.totalUncompressedSize);
  w.fieldI64(7, m.totalCompressedSize);
  w.fieldI64(9, m.dataPageOffset);
  if (m.dictionaryPageOffset) w.fieldI64(11, *m.dictionaryPageOffset);
  if (m.statistics) {
    w.fieldStruct(12);
    writeStatistics(w, *m.statistics);
    w.endStruct();
  }
}

void writeRowGroup(ThriftWriter& w, const RowGroup& g) {
  w.beginStruct();
  w.fieldList(1, CType::Struct, g.columns.size());
  for (const auto& c : g.columns) {
    w.beginStruct();
    w.fieldI64(2, c.fileOffset);
    if (c.meta) {
      w.fieldStruct(3);
      writeColumnMeta(w, *c.meta);
      w.endStruct();
    }
    w.endStruct();
  }
  w.fieldI64(2, g.totalByteSize);
  w.fieldI64(3, g.numRows);
  if (g.fileOffset) w.fieldI64(5, *g.fileOffset);
  if (g.totalCompressedSize) w.fieldI64(6, *g.totalCompressedSize);
  w.endStruct();
}

// ---- decoding ----

// Reads the fields of a struct, handing each to `f(id, type)`, which returns false for fields
// it does not know (they are skipped).
template <typename F>
void readStruct(ThriftReader& r, F&& f) {
  r.beginStruct();
  int16_t id;
  CType t;
  while (r.readField(&id, &t))
    if (!f(id, t)) r.skip(t);
  r.endStruct();
}

// The elements of a list field, each read by `f()`.
template <typename F>
void readList(ThriftReader& r, CType expected, F&& f) {
  CType elem;
  uint32_t n;
  r.readListHeader(&elem, &n);
  if (n > 0 && elem != expected)
    throw ThriftError{"list element type " + std::to_string(static_cast<int>(elem)) +
                      ", expected " + std::to_string(static_cast<int>(expected))};
  for (uint32_t i = 0; i < n; ++i) f();
}

LogicalType readLogical(ThriftReader& r) {
  using K = LogicalType::Kind;
  LogicalType l;
  readStruct(r, [&](int16_t id, CType t) {
    if (t != CType::Struct) return false;
    l.kind = static_cast<K>(id);
    readStruct(r, [&](int16_t f, CType ft) {
      if (l.kind == K::Decimal && f == 1 && ft == CType::I32)
        l.scale = r.readI32();
      else if (l.kind == K::Decimal && f == 2 && ft == CType::I32)
        l.precision = r.readI32();
      else if ((l.kind == K::Time || l.kind == K::Timestamp) && f == 1)
        l.adjustedToUtc = ThriftReader::fieldBool(ft);
      else if ((l.kind == K::Time || l.kind == K::Timestamp) && f == 2 && ft == CType::Struct)
        readStruct(r, [&](int16_t u, CType ut) {
          if (ut != CType::Struct) return false;
          l.unit = static_cast<LogicalType::Unit>(u);
          r.skip(ut);
          return true;
        });
      else if (l.kind == K::Integer && f == 1 && ft == CType::Byte)
        l.bitWidth = r.readByte();
      else if (l.kind == K::Integer && f == 1 && ft == CType::I32)
        l.bitWidth = static_cast<int8_t>(r.readI32());
      else if (l.kind == K::Integer && f == 2)
        l.isSigned = ThriftReader::fieldBool(ft);
      else
        return false;
      return true;
    });
    return true;
  });
  return l;
}

SchemaElement readSchemaElement(ThriftReader& r) {
  SchemaElement e;
  readStruct(r, [&](int16_t id, CType t) {
    switch (id) {
      case 1:
        e.type = static_cast<PhysicalType>(r.readI32());
        return true;
      case 2:
        e.typeLength = r.readI32();
        return true;
      case 3:
        e.repetition = static_cast<Repetition>(r.readI32());
        return true;
      case 4:
        e.name = r.readBinary();
        return true;
      case 5:
        e.numChildren = r.readI32();
        return true;
      case 6:
        e.convertedType = static_cast<ConvertedType>(r.readI32());
        return true;
      case 7:
        e.scale = r.readI32();
        return true;
      case 8:
        e.precision = r.readI32();
        return true;
      case 10:
        e.logical = readLogical(r);
        return true;
      default:
        return false;
    }
  });
  return e;
}

Statistics readStatistics(ThriftReader& r) {
  Statistics s;
  readStruct(r, [&](int16_t id, CType t) {
    switch (id) {
      case 1:
        s.legacyMax = r.readBinary();
        return true;
      case 2:
        s.legacyMin = r.readBinary();
        return true;
      case 3:
        s.nullCount = r.readI64();
        return true;
      case 5:
        s.maxValue = r.readBinary();
        return true;
      case 6:
        s.minValue = r.readBinary();
        return true;
      default:
        return false;
    }
  });
  return s;
}

ColumnMetaData readColumnMeta(ThriftReader& r) {
  ColumnMetaData m;
  readStruct(r, [&](int16_t id, CType t) {
    switch (id) {
      case 1:
        m.type = static_cast<PhysicalType>(r.readI32());
        return true;
      case 2:
        readList(r, CType::I32, [&] { m.encodings.push_back(static_cast<Encoding>(r.readI32())); });
        return true;
      case 3:
        readList(r, CType::Binary, [&] { m.path.push_back(r.readBinary()); });
        return true;
      case 4:
        m.codec = static_cast<Codec>(r.readI32());
        return true;
      case 5:
        m.numValues = r.readI64();
        return true;
      case 6:
        m.totalUncompressedSize = r.readI64();
        return true;
      case 7:
        m.totalCompressedSize = r.readI64();
        return true;
      case 9:
        m.dataPageOffset = r.readI64();
        return true;
      case 11:
        m.dictionaryPageOffset = r.readI64();
        return true;
      case 12:
        m.statistics = readStatistics(r);
        return true;
      default:
        return false;
    }
  });
  return m;
}

RowGroup readRowGroup(ThriftReader& r) {
  RowGroup g;
  readStruct(r, [&](int16_t id, CType t) {
    switch (id) {
      case 1:
        readList(r, CType::Struct, [&] {
          ColumnChunk c;
          readStruct(r, [&](int16_t f, CType) {
            if (f == 2)
              c.fileOffset = r.readI64();
            else if (f == 3)
              c.meta = readColumnMeta(r);
            else
              return false;
            return true;
          });
          g.columns.push_back(std::move(c));
        });
        return true;
      case 2:
        g.totalByteSize = r.readI64();
        return true;
      case 3:
        g.numRows = r.readI64();
        return true;
      case 5:
        g.fileOffset = r.readI64();
        return true;
      case 6:
        g.totalCompressedSize = r.readI64();
        return true;
      default:
        return false;
    }
  });
  return g;
}

DataPageHeader readDataPageHeader(ThriftReader& r) {
  DataPageHeader h;
  readStruct(r, [&](int16_t id, CType) {
    switch (id) {
      case 1:
        h.numValues = r.readI32();
        return true;
      case 2:
        h.encoding = static_cast<Encoding>(r.readI32());
        return true;
      case 3:
        h.defEncoding = static_cast<Encoding>(r.readI32());
        return true;
      case 4:
        h.repEncoding = static_cast<Encoding>(r.readI32());
        return true;
      case 5:
        h.statistics = readStatistics(r);
        return true;
      default:
        return false;
    }
  });
  return h;
}

DataPageHeaderV2 readDataPageHeaderV2(ThriftReader& r) {
  DataPageHeaderV2 h;
  readStruct(r, [&](int16_t id, CType t) {
    switch (id) {
      case 1:
        h.numValues = r.readI32();
        return true;
      case 2:
        h.numNulls = r.readI32();
        return true;
      case 3:
        h.numRows = r.readI32();
        return true;
      case 4:
        h.encoding = static_cast<Encoding>(r.readI32());
        return true;
      case 5:
        h.defLength = r.readI32();
        return true;
      case 6:
        h.repLength = r.readI32();
        return true;
      case 7:
        h.isCompressed = ThriftReader::fieldBool(t);
        return true;
      default:
        return false;
    }
  });
  return h;
}

}  // namespace

std::string serialize(const FileMetaData& m) {
  ThriftWriter w;
  w.beginStruct();
  w.fieldI32(1, m.version);
  w.fieldList(2, CType::Struct, m.schema.size());
  for (const auto& e : m.schema) writeSchemaElement(w, e);
  w.fieldI64(3, m.numRows);
  w.fieldList(4, CType::Struct, m.rowGroups.size());
  for (const auto& g : m.rowGroups) writeRowGroup(w, g);
  if (!m.keyValue.empty()) {
    w.fieldList(5, CType::Struct, m.keyValue.size());
    for (const auto& kv : m.keyValue) {
      w.beginStruct();
      w.fieldBinary(1, kv.key);
      if (kv.value) w.fieldBinary(2, *kv.value);
      w.endStruct();
    }
  }
  if (m.createdBy) w.fieldBinary(6, *m.createdBy);
  if (m.columnOrders > 0) {
    // TYPE_ORDER for every leaf: min / max statistics follow each type's defined order
    // (strings unsigned), which is what readers must know to trust min_value / max_value.
    w.fieldList(7, CType::Struct, m.columnOrders);
    for (int i = 0; i < m.columnOrders; ++i) {
      w.beginStruct();
      w.fieldStruct(1);
      w.endStruct();
      w.endStruct();
    }
  }
  w.endStruct();
  return w.take();
}

std::string serialize(const PageHeader& h) {
  ThriftWriter w;
  w.beginStruct();
  w.fieldI32(1, static_cast<int32_t>(h.type));
  w.fieldI32(2, h.uncompressedSize);
  w.fieldI32(3, h.compressedSize);
  if (h.dataPage) {
    const auto& d = *h.dataPage;
    w.fieldStruct(5);
    w.fieldI32(1, d.numValues);
    w.fieldI32(2, static_cast<int32_t>(d.encoding));
    w.fieldI32(3, static_cast<int32_t>(d.defEncoding));
    w.fieldI32(4, static_cast<int32_t>(d.repEncoding));
    if (d.statistics) {
      w.fieldStruct(5);
      writeStatistics(w, *d.statistics);
      w.endStruct();
    }
    w.endStruct();
  }
  if (h.dictionaryPage) {
    w.fieldStruct(7);
    w.fieldI32(1, h.dictionaryPage->numValues);
    w.fieldI32(2, static_cast<int32_t>(h.dictionaryPage->encoding));
    w.endStruct();
  }
  w.endStruct();
  return w.take();
}

FileMetaData parseFileMetaData(const uint8_t* data, size_t size) {
  ThriftReader r(data, size);
  FileMetaData m;
  readStruct(r, [&](int16_t id, CType t) {
    switch (id) {
      case 1:
        m.version = r.readI32();
        return true;
      case 2:
        readList(r, CType::Struct, [&] { m.schema.push_back(readSchemaElement(r)); });
        return true;
      case 3:
        m.numRows = r.readI64();
        return true;
      case 4:
        readList(r, CType::Struct, [&] { m.rowGroups.push_back(readRowGroup(r)); });
        return true;
      case 5:
        readList(r, CType::Struct, [&] {
          KeyValue kv;
          readStruct(r, [&](int16_t f, CType) {
            if (f == 1)
              kv.key = r.readBinary();
            else if (f == 2)
              kv.value = r.readBinary();
            else
              return false;
            return true;
          });
          m.keyValue.push_back(std::move(kv));
        });
        return true;
      case 6:
        m.createdBy = r.readBinary();
        return true;
      default:
        return false;
    }
  });
  return m;
}

PageHeader parsePageHeader(const uint8_t* data, size_t size, size_t* consumed) {
  ThriftReader r(data, size);
  PageHeader h;
  readStruct(r, [&](int16_t id, CType) {
    switch (id) {
      case 1:
        h.type = static_cast<PageType>(r.readI32());
        return true;
      case 2:
        h.uncompressedSize = r.readI32();
        return true;
      case 3:
        h.compressedSize = r.readI32();
        return true;
      case 5:
        h.dataPage = readDataPageHeader(r);
        return true;
      case 7:
        h.dictionaryPage.emplace();
        readStruct(r, [&](int16_t f, CType) {
          if (f == 1)
            h.dictionaryPage->numValues = r.readI32();
          else if (f == 2)
            h.dictionaryPage->encoding = static_cast<Encoding>(r.readI32());
          else
            return false;
          return true;
        });
        return true;
      case 8:
        h.dataPageV2 = readDataPageHeaderV2(r);
        return true;
      default:
        return false;
    }
  });
  *consumed = r.position();
  return h;
}

}  // namespace sluice::parquet
