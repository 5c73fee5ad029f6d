#include "planner/session/introspection.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "frontend/did_you_mean.h"
#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/binder/binder.h"
#include "planner/connectors/connector.h"
#include "planner/functions/host_functions.h"
#include "planner/functions/registry.h"
#include "planner/logical/all.h"
#include "planner/sources/jdbc/jdbc_options.h"

namespace sluice {
namespace {

using Row = std::vector<Value>;

std::string_view trimAscii(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

struct Column {
  std::string name;
  TypePtr type;
};

// A VALUES scan of constant rows: what every introspection statement returns.
PlanPtr rowsPlan(const std::vector<Column>& columns, const std::vector<Row>& rows,
                 SourceSpan span) {
  std::vector<Attribute> attrs;
  for (const auto& c : columns) {
    bool nullable = false;
    for (const auto& r : rows) nullable = nullable || r[attrs.size()].isNull();
    attrs.push_back(Attribute{newExprId(), c.name, c.type, nullable, ""});
  }
  auto scan = std::make_shared<Scan>(SourceKind::Values, "", "values",
                                     std::map<std::string, std::string>{}, attrs, false);
  for (const auto& r : rows) {
    std::vector<ExprPtr> row;
    for (size_t i = 0; i < r.size(); ++i) row.push_back(makeLiteral(r[i], columns[i].type));
    scan->rows.push_back(std::move(row));
  }
  scan->span = span;
  return scan;
}

// Options sluice adds itself (`sluice.resolved.path`): not the user's, never shown.
bool isInternalOption(const std::string& key) {
  return asciiLower(key).rfind("sluice.", 0) == 0;
}

Value text(std::string s) {
  return Value::bytes(std::move(s));
}

// sluice has one namespace, Spark's `default`.
void checkDatabase(const ast::Statement& s, const SourceFilePtr& file) {
  if (s.database && !equalsIgnoreCase(s.database->name, "default"))
    throw AnalysisError("[SCHEMA_NOT_FOUND] The schema `" + s.database->name +
                            "` cannot be found (sluice has one namespace, `default`)",
                        file, s.database->span);
}

// The table name without Spark's `spark_catalog.default.` / `default.` qualifiers.
std::string tableName(const ast::QualifiedName& n) {
  std::vector<std::string> parts;
  for (const auto& p : n.parts) parts.push_back(p.name);
  if (parts.size() > 1 && equalsIgnoreCase(parts[parts.size() - 2], "default")) {
    if (parts.size() == 2 || (parts.size() == 3 && equalsIgnoreCase(parts[0], "spark_catalog")))
      return parts.back();
  }
  return n.toString();
}

[[noreturn]] void tableNotFound(const Catalog& catalog, const ast::Statement& s,
                                const std::string& name, const SourceFilePtr& file) {
  throw AnalysisError("[TABLE_OR_VIEW_NOT_FOUND] The table or view `" + name + "` cannot be found" +
                          didYouMean(name, catalog.names()),
                      file, s.name.span);
}

// The columns of a table or view: the declared (or inferred) schema, else what `SELECT *`
// reads (views, Kafka's fixed schema).
std::vector<Attribute> columnsOf(const Catalog& catalog, const ast::Statement& s,
                                 const std::string& name, const SourceFilePtr& file) {
  const TableEntry* t = catalog.table(name);
  if (!t && !catalog.view(name)) tableNotFound(catalog, s, name, file);
  if (t && t->schema) {
    std::vector<Attribute> out;
    for (const auto& f : t->schema->fields())
      out.push_back(Attribute{0, f.name, f.type, f.nullable, ""});
    return out;
  }
  auto q = std::make_shared<ast::Query>();
  q->span = s.name.span;
  q->body = std::make_shared<ast::QueryBody>();
  q->body->kind = ast::QueryBodyKind::Select;
  q->body->span = s.name.span;
  q->body->select = std::make_shared<ast::SelectCore>();
  q->body->select->span = s.name.span;
  ast::SelectItem star;
  star.expr = std::make_shared<ast::Expr>(ast::ExprKind::Star, s.name.span);
  star.span = s.name.span;
  q->body->select->items.push_back(star);
  auto from = std::make_shared<ast::Relation>(ast::RelationKind::Table, s.name.span);
  from->name = s.name;
  from->name.parts = {ast::Ident{name, s.name.span}};
  q->body->select->from = from;
  try {
    return Binder(catalog, file).bindQuery(*q)->output();
  } catch (const AnalysisError&) {
    if (t) return {};  // a write-only table without a schema (console, noop)
    throw;
  }
}

std::string optionsText(const std::map<std::string, std::string>& options) {
  std::string out = "[";
  bool first = true;
  for (const auto& [k, v] : options) {
    out += (first ? "" : ", ") + k + "=" + v;
    first = false;
  }
  return out + "]";
}

PlanPtr describeTable(const ast::Statement& s, const Catalog& catalog, const SourceFilePtr& file) {
  const std::string name = tableName(s.name);
  const std::vector<Attribute> cols = columnsOf(catalog, s, name, file);
  const TableEntry* t = catalog.table(name);
  auto comment = [&](const std::string& col) -> Value {
    if (!t) return Value();
    auto it = t->columnComments.find(asciiLower(col));
    return it == t->columnComments.end() ? Value() : text(it->second);
  };
  if (s.column) {
    for (const auto& a : cols) {
      if (!equalsIgnoreCase(a.name, s.column->name)) continue;
      return rowsPlan(
          {{"info_name", DataType::string()}, {"info_value", DataType::string()}},
          {{text("col_name"), text(a.name)},
           {text("data_type"), text(a.type->toString())},
           {text("comment"), comment(a.name).isNull() ? text("NULL") : comment(a.name)}},
          s.span);
    }
    std::vector<std::string> names;
    for (const auto& a : cols) names.push_back(a.name);
    throw AnalysisError("[COLUMN_NOT_FOUND] The column `" + s.column->name +
                            "` cannot be found in `" + name + "`" +
                            didYouMean(s.column->name, names),
                        file, s.column->span);
  }
  std::vector<Row> rows;
  for (const auto& a : cols)
    rows.push_back({text(a.name), text(a.type->toString()), comment(a.name)});
  if (t && !t->partitionBy.empty()) {
    rows.push_back({text("# Partition Information"), text(""), text("")});
    rows.push_back({text("# col_name"), text("data_type"), text("comment")});
    for (const auto& p : t->partitionBy)
      for (const auto& a : cols)
        if (equalsIgnoreCase(a.name, p))
          rows.push_back({text(a.name), text(a.type->toString()), comment(a.name)});
  }
  if (s.extended) {
    rows.push_back({text(""), text(""), text("")});
    rows.push_back({text("# Detailed Table Information"), text(""), text("")});
    if (t) {
      rows.push_back({text("Catalog"), text("spark_catalog"), text("")});
      rows.push_back({text("Database"), text("default"), text("")});
      rows.push_back({text("Table"), text(t->name), text("")});
      rows.push_back(
          {text("Type"), text(t->options.count("path") ? "EXTERNAL" : "MANAGED"), text("")});
      rows.push_back({text("Provider"), text(t->format), text("")});
      if (auto it = t->options.find("path"); it != t->options.end())
        rows.push_back({text("Location"), text(it->second), text("")});
      std::map<std::string, std::string> props;
      for (const auto& [k, v] : t->options)
        if (asciiLower(k) != "path" && !isInternalOption(k)) props[k] = redactOption(k, v);
      if (!props.empty())
        rows.push_back({text("Storage Properties"), text(optionsText(props)), text("")});
      if (!t->partitionBy.empty()) {
        std::string parts;
        for (const auto& p : t->partitionBy) parts += (parts.empty() ? "" : ", ") + p;
        rows.push_back({text("Partition Provider"), text("Catalog"), text("")});
        rows.push_back({text("Partition Columns"), text("[" + parts + "]"), text("")});
      }
    } else {
      const ViewEntry* v = catalog.view(name);
      rows.push_back({text("Table"), text(v->name), text("")});
      rows.push_back({text("Type"), text("VIEW"), text("")});
      if (v->file && v->query && v->query->span.known)
        rows.push_back({text("View Text"),
                        text(std::string(v->file->text.substr(
                            v->query->span.begin, v->query->span.end - v->query->span.begin))),
                        text("")});
    }
  }
  return rowsPlan({{"col_name", DataType::string()},
                   {"data_type", DataType::string()},
                   {"comment", DataType::string()}},
                  rows, s.span);
}

PlanPtr describeQuery(const ast::Statement& s, const Catalog& catalog, const SourceFilePtr& file) {
  const PlanPtr q = Binder(catalog, file).bindQuery(*s.query);
  std::vector<Row> rows;
  for (const auto& a : q->output())
    rows.push_back({text(a.name), text(a.type->toString()), Value()});
  return rowsPlan({{"col_name", DataType::string()},
                   {"data_type", DataType::string()},
                   {"comment", DataType::string()}},
                  rows, s.span);
}

const char* kindText(FunctionKind k) {
  switch (k) {
    case FunctionKind::Aggregate:
      return "aggregate function";
    case FunctionKind::Generator:
      return "table-generating function";
    case FunctionKind::Window:
      return "window function";
    default:
      return "scalar function";
  }
}

// `name(params) -> result - description`: the usage line from the registry row (whose
// signature reads `rowname(params) -> result`).
std::string usageOf(const std::string& name, const FunctionDef& fn) {
  std::string params = fn.signature, result;
  if (const auto arrow = params.rfind(" -> "); arrow != std::string::npos) {
    result = std::string(trimAscii(params.substr(arrow + 4)));
    params = params.substr(0, arrow);
  }
  if (params.rfind(fn.name + "(", 0) == 0 && !params.empty() && params.back() == ')')
    params = params.substr(fn.name.size() + 1, params.size() - fn.name.size() - 2);
  std::string out = name + "(" + params + ")";
  if (!result.empty() && result != "?") out += " -> " + result;
  if (!fn.description.empty()) out += " - " + fn.description;
  return out;
}

PlanPtr describeFunction(const ast::Statement& s, const SourceFilePtr& file) {
  const std::string name = asciiLower(s.name.toString());
  const FunctionDef* fn = FunctionRegistry::builtins().find(name);
  if (!fn) {
    std::vector<std::string> names = FunctionRegistry::builtins().callableNames();
    for (auto& h : hostFunctionNames()) names.push_back(h);
    throw AnalysisError("[UNRESOLVED_ROUTINE] Cannot resolve function `" + s.name.toString() + "`" +
                            didYouMean(name, names),
                        file, s.name.span);
  }
  const bool host = fn->emitter == "host";
  std::vector<Row> rows = {
      {text("Function: " + name)},
      {text(std::string("Class: ") + (host ? "host function (Engine::registerFunction)"
                                           : std::string("builtin ") + kindText(fn->kind)))},
      {text("Usage: " + usageOf(name, *fn))}};
  if (s.extended) {
    std::vector<std::string> aliases;
    for (const auto& n : FunctionRegistry::builtins().callableNames())
      if (n != name && FunctionRegistry::builtins().find(n) == fn) aliases.push_back(n);
    std::string extended = "Extended Usage:\n    Arguments: " + std::to_string(fn->minArgs) +
                           (fn->maxArgs < 0              ? " or more"
                            : fn->maxArgs != fn->minArgs ? " to " + std::to_string(fn->maxArgs)
                                                         : "");
    if (!aliases.empty()) {
      extended += "\n    Aliases: ";
      for (size_t i = 0; i < aliases.size(); ++i) extended += (i ? ", " : "") + aliases[i];
    }
    if (!fn->deterministic) extended += "\n    Non-deterministic.";
    if (fn->timeZoneAware) extended += "\n    Depends on spark.sql.session.timeZone.";
    rows.push_back({text(extended)});
  }
  return rowsPlan({{"function_desc", DataType::string()}}, rows, s.span);
}

PlanPtr showFunctions(const ast::Statement& s) {
  std::set<std::string> names;
  if (s.functionScope != "user")
    for (const auto& n : FunctionRegistry::builtins().callableNames()) names.insert(n);
  if (s.functionScope != "system")
    for (const auto& n : hostFunctionNames()) names.insert(n);
  std::vector<Row> rows;
  for (const auto& n : names) {
    if (s.pattern && !matchesShowPattern(n, *s.pattern)) continue;
    rows.push_back({text(n)});
  }
  return rowsPlan({{"function", DataType::string()}}, rows, s.span);
}

PlanPtr showTables(const ast::Statement& s, const Catalog& catalog, bool viewsOnly) {
  std::vector<std::string> tables, views;
  for (const auto& n : catalog.names()) (catalog.view(n) ? views : tables).push_back(n);
  std::vector<Row> rows;
  // Tables of the `default` namespace first, then temporary views, each sorted (Spark's).
  if (!viewsOnly)
    for (const auto& n : tables)
      if (!s.pattern || matchesShowPattern(n, *s.pattern))
        rows.push_back({text("default"), text(n), Value::boolean(false)});
  for (const auto& n : views)
    if (!s.pattern || matchesShowPattern(n, *s.pattern))
      rows.push_back({text(""), text(n), Value::boolean(true)});
  return rowsPlan({{"namespace", DataType::string()},
                   {viewsOnly ? "viewName" : "tableName", DataType::string()},
                   {"isTemporary", DataType::boolean()}},
                  rows, s.span);
}

PlanPtr showColumns(const ast::Statement& s, const Catalog& catalog, const SourceFilePtr& file) {
  std::vector<Row> rows;
  for (const auto& a : columnsOf(catalog, s, tableName(s.name), file))
    rows.push_back({text(a.name)});
  return rowsPlan({{"col_name", DataType::string()}}, rows, s.span);
}

std::string quoted(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string identifier(const std::string& n) {
  bool plain = !n.empty() && !std::isdigit(static_cast<unsigned char>(n[0]));
  for (char c : n) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return n;
  std::string out = "`";
  for (char c : n) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

PlanPtr showCreateTable(const ast::Statement& s, const Catalog& catalog,
                        const SourceFilePtr& file) {
  const std::string name = tableName(s.name);
  if (catalog.view(name))
    throw AnalysisError("SHOW CREATE TABLE is not supported on a temporary view: " + name, file,
                        s.name.span);
  const TableEntry* t = catalog.table(name);
  if (!t) tableNotFound(catalog, s, name, file);
  std::string out = "CREATE TABLE " + identifier(t->name);
  if (t->schema && t->format != "kafka") {
    out += " (";
    const auto& fields = t->schema->fields();
    for (size_t i = 0; i < fields.size(); ++i) {
      out += (i ? ",\n  " : "\n  ") + identifier(fields[i].name) + " " + fields[i].type->toDdl();
      if (!fields[i].nullable) out += " NOT NULL";
      if (auto it = t->columnComments.find(asciiLower(fields[i].name));
          it != t->columnComments.end())
        out += " COMMENT " + quoted(it->second);
    }
    out += ")";
  }
  out += "\nUSING " + t->format;
  bool anyOption = false;
  for (const auto& [k, v] : t->options) anyOption = anyOption || !isInternalOption(k);
  if (anyOption) {
    out += "\nOPTIONS (";
    bool first = true;
    for (const auto& [k, v] : t->options) {
      if (isInternalOption(k)) continue;
      out += (first ? "\n  " : ",\n  ") + quoted(k) + " = " + quoted(redactOption(k, v));
      first = false;
    }
    out += ")";
  }
  if (!t->partitionBy.empty()) {
    out += "\nPARTITIONED BY (";
    for (size_t i = 0; i < t->partitionBy.size(); ++i)
      out += (i ? ", " : "") + identifier(t->partitionBy[i]);
    out += ")";
  }
  return rowsPlan({{"createtab_stmt", DataType::string()}}, {{text(out + "\n")}}, s.span);
}

}  // namespace

bool matchesShowPattern(const std::string& name, const std::string& pattern) {
  const std::string_view p = trimAscii(pattern);
  size_t start = 0;
  while (start <= p.size()) {
    size_t bar = p.find('|', start);
    if (bar == std::string_view::npos) bar = p.size();
    std::string sub(p.substr(start, bar - start)), regex = "(?i)";
    for (char c : sub) regex += c == '*' ? std::string(".*") : std::string(1, c);
    RE2 re(regex, RE2::Quiet);
    if (re.ok() && RE2::FullMatch(name, re)) return true;
    start = bar + 1;
  }
  return false;
}

PlanPtr planIntrospection(const ast::Statement& s, const Catalog& catalog,
                          const SourceFilePtr& file) {
  if (s.kind == ast::StatementKind::Describe) {
    switch (s.describeKind) {
      case ast::DescribeKind::Function:
        return describeFunction(s, file);
      case ast::DescribeKind::Query:
        return describeQuery(s, catalog, file);
      case ast::DescribeKind::Table:
        return describeTable(s, catalog, file);
    }
  }
  checkDatabase(s, file);
  switch (s.showKind) {
    case ast::ShowKind::Tables:
      return showTables(s, catalog, false);
    case ast::ShowKind::Views:
      return showTables(s, catalog, true);
    case ast::ShowKind::Functions:
      return showFunctions(s);
    case ast::ShowKind::Columns:
      return showColumns(s, catalog, file);
    case ast::ShowKind::CreateTable:
      return showCreateTable(s, catalog, file);
  }
  throw AnalysisError("unsupported statement", file, s.span);
}

}  // namespace sluice
