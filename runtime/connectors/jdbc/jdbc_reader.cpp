#include "runtime/connectors/jdbc/jdbc_reader.h"

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/sources/jdbc/jdbc_sql.h"
#include "planner/sources/jdbc/jdbc_table.h"
#include "runtime/connectors/jdbc/jdbc_cells.h"
#include "runtime/connectors/jdbc/jdbc_connection.h"

namespace sluice {
namespace {

// The value as an error may quote it: escaped, cut at 100 bytes.
std::string quoteValue(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size() && i < 100; ++i) {
    const unsigned char ch = static_cast<unsigned char>(v[i]);
    if (ch < 0x20 || ch >= 0x7f) {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[ch >> 4];
      out += hex[ch & 15];
    } else {
      out += static_cast<char>(ch);
    }
  }
  return "'" + out + (v.size() > 100 ? "...'" : "'");
}

void readRows(const PhysScan& p, const BatchConsumer& consume, bool chunked) {
  const Scan& scan = p.scan;
  const JdbcOptions o = parseJdbcOptions(scan.options);
  std::vector<TypePtr> types;
  for (const auto& a : scan.attrs) types.push_back(a.type);
  ColumnBatchBuilder builder(types);
  std::vector<JdbcColumn> columns;
  bool consumed = false;
  auto connection = openJdbcConnection(o);
  const std::string sql = jdbcScanSql(scan);
  connection->query(
      sql, o.fetchSize,
      [&](const std::vector<JdbcColumn>& cols) {
        // `SELECT 1` when no column is read; otherwise one result column per attribute.
        if (!scan.attrs.empty() && cols.size() != scan.attrs.size())
          throw ExecutionError("jdbc table '" + scan.name + "' (" + o.describe() +
                               "): the server returned " + std::to_string(cols.size()) +
                               " columns for " + std::to_string(scan.attrs.size()) + " requested");
        columns = cols;
      },
      [&](const JdbcCell* cells) {
        for (size_t c = 0; c < scan.attrs.size(); ++c) {
          if (!columns[c].type && !cells[c].null) throwUnsupportedColumn(o, columns[c]);
          if (!setJdbcCell(cells[c], columns[c].kind, *types[c], c, builder))
            throw ExecutionError("jdbc table '" + scan.name + "' (" + o.describe() + "): column '" +
                                 scan.attrs[c].name + "' holds " + quoteValue(cells[c].text()) +
                                 ", which is not a " + types[c]->toString() + " value (row " +
                                 std::to_string(builder.rows() + 1) + " of this fetch)");
        }
        builder.endRow();
      },
      [&] {
        if (chunked && builder.rows() > 0) {
          consume(builder.finish());
          consumed = true;
        }
      });
  // At least one batch, possibly empty (what every scan reader hands over).
  if (!chunked || builder.rows() > 0 || !consumed) consume(builder.finish());
}

}  // namespace

std::string scrubSecret(std::string message, const std::string& secret) {
  if (secret.empty()) return message;
  for (size_t at = message.find(secret); at != std::string::npos; at = message.find(secret, at + 3))
    message.replace(at, secret.size(), "***");
  return message;
}

void throwUnsupportedColumn(const JdbcOptions& o, const JdbcColumn& column) {
  throw ExecutionError("jdbc " + o.describe() + ": column '" + column.name + "' has type " +
                       column.serverType +
                       ", which sluice cannot read (supported: integer types, numeric / decimal, "
                       "float / double, text / varchar / char, boolean, date, timestamp, "
                       "timestamptz / datetime, bytea / blob); cast it in the 'query' option or "
                       "leave it out");
}

std::unique_ptr<JdbcConnection> openJdbcConnection(const JdbcOptions& options) {
  return options.url.dialect == JdbcDialect::Postgres ? openPostgresConnection(options)
                                                      : openMysqlConnection(options);
}

ColumnBatch readJdbcTable(const PhysScan& scan) {
  ColumnBatch out;
  readRows(
      scan, [&](ColumnBatch&& b) { out = std::move(b); }, false);
  return out;
}

void readJdbcTableChunks(const PhysScan& scan, const BatchConsumer& consume) {
  readRows(scan, consume, true);
}

TypePtr readJdbcSchema(const JdbcOptions& o) {
  auto connection = openJdbcConnection(o);
  const std::string sql = (o.prepareQuery.empty() ? "" : o.prepareQuery + " ") + "SELECT * FROM " +
                          o.relation() + " WHERE 1=0";
  std::vector<StructField> fields;
  for (const JdbcColumn& c : connection->describe(sql)) {
    if (!c.type) throwUnsupportedColumn(o, c);
    for (const auto& f : fields)
      if (equalsIgnoreCase(f.name, c.name))
        throw ExecutionError("jdbc " + o.describe() + ": the column name '" + c.name +
                             "' appears twice; rename one in the 'query' option");
    fields.push_back({c.name, c.type, true});
  }
  return DataType::structOf(std::move(fields));
}

// Installed at load time, as the Parquet schema reader (runtime/connectors/registry.cpp).
const bool kJdbcSchemaReaderInstalled = (setJdbcSchemaReader(&readJdbcSchema), true);

}  // namespace sluice
