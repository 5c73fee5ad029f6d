// A test helper around sluice's Parquet writer and reader, for the cross-checks with DuckDB
// (parquet_duckdb_test.sh) before file sinks exist:
//   parquet_tool write '<ddl>' rows.json out.parquet [option=value ...]
//       reads JSON lines typed by the DDL schema and writes them with ParquetWriter
//       (options are Spark's: compression=zstd, parquet.enable.dictionary=false, ...);
//   parquet_tool dump file.parquet
//       prints the file's schema (sluice type) and then every row as canonical JSON:
//       integers, decimals, dates (days) and timestamps (micros) as strings, floats as
//       numbers, binaries as hex, maps as [[key, value], ...].
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "frontend/error.h"
#include "planner/logical/scan.h"
#include "planner/sources/file_source.h"
#include "planner/type_conversion.h"
#include "planner/type_storage.h"
#include "runtime/files/file_reader.h"
#include "runtime/files/parquet/parquet_reader.h"
#include "runtime/files/parquet/parquet_writer.h"
#include "stdlib/nested.h"

namespace sluice {
namespace {

std::string i128(__int128 v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  unsigned __int128 u = neg ? -static_cast<unsigned __int128>(v) : v;
  std::string s;
  while (u) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  return neg ? "-" + s : s;
}

std::string decimal(__int128 unscaled, int scale) {
  std::string digits = i128(unscaled < 0 ? -unscaled : unscaled);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale))
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return (unscaled < 0 ? "-" : "") + digits;
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += static_cast<char>(c);
    else if (c < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      out += b;
    } else
      out += static_cast<char>(c);
  }
  return out + "\"";
}

std::string number(double d) {
  if (std::isnan(d)) return "\"NaN\"";
  if (std::isinf(d)) return d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  char b[32];
  std::snprintf(b, sizeof b, "%.17g", d);
  return b;
}

std::string canon(const unsigned char* v, const DataType& t) {
  auto load = [&](auto x) {
    std::memcpy(&x, v, sizeof x);
    return x;
  };
  switch (t.id()) {
    case TypeId::Boolean:
      return load(uint8_t{}) ? "true" : "false";
    case TypeId::Byte:
      return quote(std::to_string(load(int8_t{})));
    case TypeId::Short:
      return quote(std::to_string(load(int16_t{})));
    case TypeId::Int:
    case TypeId::Date:
      return quote(std::to_string(load(int32_t{})));
    case TypeId::Long:
    case TypeId::Timestamp:
      return quote(std::to_string(load(int64_t{})));
    case TypeId::Float:
      return number(load(float{}));
    case TypeId::Double:
      return number(load(double{}));
    case TypeId::Decimal:
      return quote(
          decimal(storageOf(t) == Storage::I64 ? load(int64_t{}) : load(__int128{}), t.scale()));
    case TypeId::String:
      return quote(load(StringView{}).view());
    case TypeId::Binary: {
      std::string hex;
      for (unsigned char c : load(StringView{}).view()) {
        char b[3];
        std::snprintf(b, sizeof b, "%02x", c);
        hex += b;
      }
      return quote(hex);
    }
    case TypeId::Struct: {
      const auto* s = load(static_cast<const StructData*>(nullptr));
      std::string out = "{";
      for (size_t i = 0; i < t.fields().size(); ++i) {
        out += (i ? "," : "") + quote(t.fields()[i].name) + ":";
        out += s->nulls && s->nulls[i] ? "null" : canon(s->fields[i].bytes, *t.fields()[i].type);
      }
      return out + "}";
    }
    case TypeId::Array: {
      const auto* a = load(static_cast<const ArrayData*>(nullptr));
      std::string out = "[";
      for (int64_t i = 0; i < a->length; ++i)
        out += (i ? "," : "") +
               (a->nulls && a->nulls[i] ? "null" : canon(a->values[i].bytes, *t.elementType()));
      return out + "]";
    }
    case TypeId::Map: {
      const auto* m = load(static_cast<const MapData*>(nullptr));
      std::string out = "[";
      for (int64_t i = 0; i < m->length; ++i)
        out += (i ? ",[" : "[") + canon(m->keys[i].bytes, *t.keyType()) + "," +
               (m->nulls && m->nulls[i] ? "null" : canon(m->values[i].bytes, *t.valueType())) + "]";
      return out + "]";
    }
    default:
      return "\"?\"";
  }
}

int write(int argc, char** argv) {
  TypePtr schema = parseDdlSchema(argv[2], "schema");
  const std::string in = std::filesystem::absolute(argv[3]).string();
  std::map<std::string, std::string> opts = {{"path", in},
                                             {kResolvedPathOption, in},
                                             {kTableSchemaOption, schema->toDdl()},
                                             {"mode", "FAILFAST"}};
  std::vector<Attribute> attrs;
  std::vector<std::string> names;
  for (const auto& f : schema->fields()) {
    attrs.push_back(Attribute{static_cast<ExprId>(attrs.size() + 1), f.name, f.type, true, "t"});
    names.push_back(f.name);
  }
  ColumnBatch b = readFileTable(Scan(SourceKind::File, "t", "json", opts, attrs, false));
  std::map<std::string, std::string> wopts;
  for (int i = 5; i < argc; ++i) {
    std::string kv = argv[i];
    const size_t eq = kv.find('=');
    wopts[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
  }
  ParquetWriter w(argv[4], names, b.types(), parquetWriteOptions(wopts));
  std::vector<RowSlot> slots(names.size());
  std::vector<uint8_t> nulls(names.size());
  for (int64_t r = 0; r < b.rows(); ++r) {
    for (size_t c = 0; c < names.size(); ++c) {
      const size_t width = storageSize(*b.types()[c]);
      nulls[c] = b.columns()[c].nulls && b.columns()[c].nulls[r];
      std::memcpy(slots[c].bytes,
                  static_cast<const unsigned char*>(b.columns()[c].values) + r * width, width);
    }
    w.appendRow(slots.data(), nulls.data());
  }
  w.close();
  return 0;
}

int dump(const char* path) {
  ParquetFileReader r(path);
  const TypePtr row = r.rowType();
  std::cout << row->toString() << "\n";
  std::vector<ParquetColumnRequest> cols;
  std::vector<TypePtr> types;
  for (const auto& f : row->fields()) {
    cols.push_back({f.name, f.type});
    types.push_back(f.type);
  }
  ColumnBatchBuilder out(types);
  r.read(cols, out);
  ColumnBatch b = out.finish();
  for (int64_t i = 0; i < b.rows(); ++i) {
    std::string line = "{";
    for (size_t c = 0; c < types.size(); ++c) {
      const size_t width = storageSize(*types[c]);
      const bool isNull = b.columns()[c].nulls && b.columns()[c].nulls[i];
      line += (c ? "," : "") + quote(row->fields()[c].name) + ":" +
              (isNull ? "null"
                      : canon(static_cast<const unsigned char*>(b.columns()[c].values) + i * width,
                              *types[c]));
    }
    std::cout << line << "}\n";
  }
  return 0;
}

}  // namespace
}  // namespace sluice

int main(int argc, char** argv) {
  try {
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "write" && argc >= 5) return sluice::write(argc, argv);
    if (cmd == "dump" && argc == 3) return sluice::dump(argv[2]);
    std::cerr << "usage: parquet_tool write '<ddl>' rows.json out.parquet [option=value ...]\n"
                 "       parquet_tool dump file.parquet\n";
    return 2;
  } catch (const sluice::Error& e) {
    std::cerr << "parquet_tool: " << e.message() << "\n";
    return 1;
  }
}
