#include "runtime/files/parquet/parquet_writer.h"

#include <cerrno>
#include <cstring>

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/file_source_values.h"
#include "runtime/files/parquet/column_writer.h"
#include "runtime/files/parquet/parquet_schema.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

using parquet::Codec;
using parquet::SchemaNode;

constexpr char kMagic[] = "PAR1";

parquet::Codec parseCodec(const std::string& key, const std::string& value) {
  const std::string v = asciiLower(value);
  if (v == "none" || v == "uncompressed") return Codec::Uncompressed;
  if (v == "snappy") return Codec::Snappy;
  if (v == "gzip") return Codec::Gzip;
  if (v == "zstd") return Codec::Zstd;
  if (v == "lzo" || v == "brotli" || v == "lz4" || v == "lz4_raw")
    throw ExecutionError("parquet option " + key + ": codec '" + value +
                         "' is not supported by sluice (none, uncompressed, snappy, gzip, zstd)");
  throw ExecutionError("parquet option " + key + ": unknown codec '" + value +
                       "' (none, uncompressed, snappy, gzip, lzo, brotli, lz4, lz4_raw, zstd)");
}

int64_t parseBytes(const std::string& key, const std::string& value) {
  int64_t out = 0;
  if (!parseStrictIntegral(value, 1, INT64_MAX, &out))
    throw ExecutionError("parquet option " + key + ": expected a positive number of bytes, got '" +
                         value + "'");
  return out;
}

// Spark's DataType.json: what Spark stores under org.apache.spark.sql.parquet.row.metadata so
// that it reads the exact Spark types back (e.g. tinyint rather than int).
std::string sparkJson(const DataType& t);

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string sparkJson(const DataType& t) {
  switch (t.id()) {
    case TypeId::Byte:
      return "\"byte\"";
    case TypeId::Short:
      return "\"short\"";
    case TypeId::Int:
      return "\"integer\"";
    case TypeId::Long:
      return "\"long\"";
    case TypeId::Decimal:
      return "\"decimal(" + std::to_string(t.precision()) + "," + std::to_string(t.scale()) + ")\"";
    case TypeId::Struct: {
      std::string out = "{\"type\":\"struct\",\"fields\":[";
      for (size_t i = 0; i < t.fields().size(); ++i) {
        const auto& f = t.fields()[i];
        out += (i ? "," : "") + std::string("{\"name\":") + jsonString(f.name) +
               ",\"type\":" + sparkJson(*f.type) + ",\"nullable\":true,\"metadata\":{}}";
      }
      return out + "]}";
    }
    case TypeId::Array:
      return "{\"type\":\"array\",\"elementType\":" + sparkJson(*t.elementType()) +
             ",\"containsNull\":true}";
    case TypeId::Map:
      return "{\"type\":\"map\",\"keyType\":" + sparkJson(*t.keyType()) +
             ",\"valueType\":" + sparkJson(*t.valueType()) + ",\"valueContainsNull\":true}";
    default:
      return "\"" + t.toString() + "\"";  // boolean, float, double, string, binary, date, timestamp
  }
}

}  // namespace

ParquetWriteOptions parquetWriteOptions(const std::map<std::string, std::string>& sparkOptions) {
  ParquetWriteOptions o;
  std::map<std::string, std::pair<std::string, std::string>> lowered;  // key -> (as written, value)
  for (const auto& [k, v] : sparkOptions) lowered[asciiLower(k)] = {k, v};
  auto get = [&](const char* key) -> const std::pair<std::string, std::string>* {
    auto it = lowered.find(key);
    return it == lowered.end() ? nullptr : &it->second;
  };
  // Spark: `compression` takes precedence over `parquet.compression`.
  if (auto* c = get("compression"))
    o.compression = parseCodec(c->first, c->second);
  else if (auto* pc = get("parquet.compression"))
    o.compression = parseCodec(pc->first, pc->second);
  if (auto* b = get("parquet.block.size")) o.rowGroupSize = parseBytes(b->first, b->second);
  if (auto* p = get("parquet.page.size")) o.pageSize = parseBytes(p->first, p->second);
  if (auto* d = get("parquet.dictionary.page.size"))
    o.dictionaryPageSize = parseBytes(d->first, d->second);
  if (auto* e = get("parquet.enable.dictionary")) {
    if (equalsIgnoreCase(e->second, "true"))
      o.enableDictionary = true;
    else if (equalsIgnoreCase(e->second, "false"))
      o.enableDictionary = false;
    else
      throw ExecutionError("parquet option " + e->first + ": expected 'true' or 'false', got '" +
                           e->second + "'");
  }
  return o;
}

ParquetWriter::ParquetWriter(std::string path, std::vector<std::string> names,
                             std::vector<TypePtr> types, ParquetWriteOptions options)
    : path_(std::move(path)),
      names_(std::move(names)),
      types_(std::move(types)),
      options_(options) {
  if (names_.size() != types_.size())
    throw ExecutionError("parquet writer for " + path_ + ": " + std::to_string(names_.size()) +
                         " names but " + std::to_string(types_.size()) + " types");
  elements_ = parquet::toParquetSchema(names_, types_);
  schema_ = std::make_unique<parquet::ParquetSchema>(parquet::buildSchema(elements_, path_));
  parquet::ColumnWriteConfig config;
  config.codec = options_.compression;
  config.pageSize = options_.pageSize;
  config.dictionary = options_.enableDictionary;
  config.dictionaryPageSize = options_.dictionaryPageSize;
  for (const auto& leaf : schema_->leaves)
    columns_.push_back(std::make_unique<parquet::ColumnWriter>(leaf, config));
  file_ = std::fopen(path_.c_str(), "wb");
  if (!file_)
    throw ExecutionError("cannot create Parquet file " + path_ + ": " + std::strerror(errno));
  write(std::string(kMagic, 4));
}

ParquetWriter::~ParquetWriter() {
  if (file_) std::fclose(file_);
}

void ParquetWriter::write(const std::string& bytes) {
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    throw ExecutionError("error writing Parquet file " + path_ + ": " + std::strerror(errno));
  offset_ += static_cast<int64_t>(bytes.size());
}

void ParquetWriter::nullUnder(const SchemaNode& n, uint8_t rep, uint8_t def) {
  for (int l = n.firstLeaf; l < n.firstLeaf + n.leafCount; ++l) columns_[l]->addNull(rep, def);
}

// Dremel shredding: each leaf under `n` receives one entry per value instance, carrying the
// repetition level at which the instance starts and how many optional / repeated ancestors
// are present (definition level). A NULL or an empty collection is one entry in every leaf
// below it.
void ParquetWriter::shred(const SchemaNode& n, const unsigned char* value, uint8_t rep) {
  if (!value) {
    nullUnder(n, rep, static_cast<uint8_t>(n.def - 1));
    return;
  }
  switch (n.kind) {
    case SchemaNode::Kind::Primitive:
      columns_[n.leaf]->addValue(rep, value);
      return;
    case SchemaNode::Kind::Struct: {
      const auto* s = *reinterpret_cast<const StructData* const*>(value);
      for (size_t i = 0; i < n.children.size(); ++i)
        shred(n.children[i], s->nulls && s->nulls[i] ? nullptr : s->fields[i].bytes, rep);
      return;
    }
    case SchemaNode::Kind::List: {
      const auto* a = *reinterpret_cast<const ArrayData* const*>(value);
      if (a->length == 0) return nullUnder(n, rep, static_cast<uint8_t>(n.def));
      for (int64_t i = 0; i < a->length; ++i)
        shred(n.children[0], a->nulls && a->nulls[i] ? nullptr : a->values[i].bytes,
              i == 0 ? rep : static_cast<uint8_t>(n.repeatedRep));
      return;
    }
    case SchemaNode::Kind::Map: {
      const auto* m = *reinterpret_cast<const MapData* const*>(value);
      if (m->length == 0) return nullUnder(n, rep, static_cast<uint8_t>(n.def));
      for (int64_t i = 0; i < m->length; ++i) {
        const uint8_t r = i == 0 ? rep : static_cast<uint8_t>(n.repeatedRep);
        shred(n.children[0], m->keys[i].bytes, r);
        shred(n.children[1], m->nulls && m->nulls[i] ? nullptr : m->values[i].bytes, r);
      }
      return;
    }
  }
}

void ParquetWriter::appendRow(const RowSlot* slots, const uint8_t* nulls) {
  if (closed_) throw ExecutionError("Parquet file " + path_ + " is already closed");
  for (size_t c = 0; c < names_.size(); ++c)
    shred(schema_->root.children[c], nulls[c] ? nullptr : slots[c].bytes, 0);
  ++rows_;
  ++groupRows_;
  // Checking every 64 rows keeps the size sum off the per-row path.
  if ((groupRows_ & 63) == 0) {
    size_t buffered = 0;
    for (const auto& c : columns_) buffered += c->bufferedBytes();
    if (static_cast<int64_t>(buffered) >= options_.rowGroupSize) flushRowGroup();
  }
}

void ParquetWriter::flushRowGroup() {
  if (groupRows_ == 0) return;
  parquet::RowGroup g;
  g.numRows = groupRows_;
  g.fileOffset = offset_;
  std::string out;
  for (auto& c : columns_) {
    g.columns.push_back(c->flush(out, offset_));
    g.totalByteSize += g.columns.back().meta->totalUncompressedSize;
  }
  g.totalCompressedSize = static_cast<int64_t>(out.size());
  write(out);
  rowGroups_.push_back(std::move(g));
  groupRows_ = 0;
}

void ParquetWriter::close() {
  if (closed_) return;
  flushRowGroup();
  parquet::FileMetaData m;
  m.version = 1;
  m.schema = elements_;
  m.numRows = rows_;
  m.rowGroups = std::move(rowGroups_);
  std::vector<StructField> fields;
  for (size_t i = 0; i < names_.size(); ++i) fields.push_back({names_[i], types_[i], true});
  m.keyValue.push_back(
      {"org.apache.spark.sql.parquet.row.metadata", sparkJson(*DataType::structOf(fields))});
  m.createdBy = "sluice";
  m.columnOrders = static_cast<int>(schema_->leaves.size());
  const std::string footer = parquet::serialize(m);
  write(footer);
  const auto len = static_cast<uint32_t>(footer.size());
  write(std::string(reinterpret_cast<const char*>(&len), 4) + std::string(kMagic, 4));
  closed_ = true;
  const int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0)
    throw ExecutionError("error closing Parquet file " + path_ + ": " + std::strerror(errno));
}

}  // namespace sluice
