#include "planner/type_conversion.h"

#include <cctype>

#include "frontend/error.h"
#include "frontend/parser.h"
#include "frontend/text.h"
#include "planner/timestamp_ntz.h"
#include "stdlib/interval.h"

namespace sluice {
namespace {

[[noreturn]] void unsupported(const ast::TypeSpec& spec, const SourceFilePtr& file,
                              const std::string& why = "") {
  throw AnalysisError("unsupported data type '" + spec.name + "'" + why, file, spec.span);
}

void expectParams(const ast::TypeSpec& spec, const SourceFilePtr& file, size_t max) {
  if (spec.params.size() > max)
    throw AnalysisError(
        "data type '" + spec.name + "' takes at most " + std::to_string(max) + " parameters", file,
        spec.span);
}

TypePtr structOf(const std::vector<ast::TypeSpec::Field>& fields, const SourceFilePtr& file) {
  std::vector<StructField> out;
  out.reserve(fields.size());
  for (const auto& f : fields) out.push_back({f.name.name, toDataType(f.type, file), !f.notNull});
  return DataType::structOf(std::move(out));
}

SourceFilePtr makeFile(const std::string& text, const std::string& where) {
  auto f = std::make_shared<SourceFile>();
  f->name = where;
  f->text = text;
  return f;
}

}  // namespace

TypePtr toDataType(const ast::TypeSpec& spec, const SourceFilePtr& file) {
  const std::string n = asciiLower(spec.name);
  auto simple = [&](TypePtr t) {
    expectParams(spec, file, 0);
    return t;
  };
  if (n == "boolean" || n == "bool") return simple(DataType::boolean());
  if (n == "tinyint" || n == "byte") return simple(DataType::byte());
  if (n == "smallint" || n == "short") return simple(DataType::shortType());
  if (n == "int" || n == "integer") return simple(DataType::integer());
  if (n == "bigint" || n == "long") return simple(DataType::bigint());
  if (n == "float" || n == "real") return simple(DataType::floatType());
  if (n == "double") return simple(DataType::doubleType());
  if (n == "string") return simple(DataType::string());
  if (n == "binary") return simple(DataType::binary());
  if (n == "date") return simple(DataType::date());
  if (n == "timestamp_ltz") return simple(DataType::timestamp());
  if (n == "timestamp_ntz") return simple(timestampNtzType());
  if (n == "timestamp") return simple(timestampTypeSetting());
  if (n == "interval") return simple(DataType::interval());
  if (n.rfind("interval ", 0) == 0) {
    // interval <from> [to <to>]: an ANSI year-month or day-time interval type.
    const std::string fields = n.substr(9);
    const size_t to = fields.find(" to ");
    const std::string a = fields.substr(0, to);
    const std::string b = to == std::string::npos ? a : fields.substr(to + 4);
    const int ys = stdlib::ymFieldOf(a), ye = stdlib::ymFieldOf(b);
    const int ds = stdlib::dtFieldOf(a), de = stdlib::dtFieldOf(b);
    if (ys >= 0 && ye >= ys && a.back() != 's' && b.back() != 's')
      return simple(DataType::yearMonthInterval(ys, ye));
    if (ds >= 0 && de >= ds && a.back() != 's' && b.back() != 's')
      return simple(DataType::dayTimeInterval(ds, de));
    unsupported(spec, file,
                " (expected INTERVAL YEAR [TO MONTH], INTERVAL MONTH or INTERVAL "
                "DAY / HOUR / MINUTE / SECOND [TO HOUR / MINUTE / SECOND])");
  }
  if (n == "void") return simple(DataType::null());
  if (n == "varchar" || n == "char") {
    // Spark 3 reads CHAR/VARCHAR as STRING (spark.sql.legacy.charVarcharAsString semantics
    // without padding); the length is required.
    if (spec.params.size() != 1 || spec.params[0] <= 0)
      throw AnalysisError("data type '" + n + "' requires a positive length", file, spec.span);
    return DataType::string();
  }
  if (n == "decimal" || n == "dec" || n == "numeric") {
    expectParams(spec, file, 2);
    const int64_t p = spec.params.empty() ? 10 : spec.params[0];
    const int64_t s = spec.params.size() < 2 ? 0 : spec.params[1];
    if (p < 1 || p > 38)
      throw AnalysisError("decimal precision " + std::to_string(p) +
                              " exceeds max precision 38 (must be between 1 and 38)",
                          file, spec.span);
    if (s < 0 || s > p)
      throw AnalysisError("decimal scale " + std::to_string(s) +
                              " must be between 0 and the precision " + std::to_string(p),
                          file, spec.span);
    return DataType::decimal(static_cast<int>(p), static_cast<int>(s));
  }
  if (n == "array") {
    if (spec.children.size() != 1) unsupported(spec, file, ": array needs one element type");
    return DataType::arrayOf(toDataType(spec.children[0], file));
  }
  if (n == "map") {
    if (spec.children.size() != 2) unsupported(spec, file, ": map needs a key and a value type");
    return DataType::mapOf(toDataType(spec.children[0], file), toDataType(spec.children[1], file));
  }
  if (n == "struct") return structOf(spec.fields, file);
  unsupported(spec, file);
}

TypePtr parseDdlSchema(const std::string& ddl, const std::string& where) {
  SourceFilePtr file = makeFile(ddl, where);
  return structOf(parseSchema(file), file);
}

TypePtr parseDdlType(const std::string& ddl, const std::string& where) {
  size_t i = 0;
  while (i < ddl.size() && std::isspace(static_cast<unsigned char>(ddl[i]))) ++i;
  std::string head;
  while (i < ddl.size() && std::isalpha(static_cast<unsigned char>(ddl[i]))) head += ddl[i++];
  head = asciiLower(head);
  while (i < ddl.size() && std::isspace(static_cast<unsigned char>(ddl[i]))) ++i;
  if ((head == "array" || head == "map") && i < ddl.size() && ddl[i] == '<') {
    SourceFilePtr file = makeFile(ddl, where);
    return toDataType(parseType(file), file);
  }
  return parseDdlSchema(ddl, where);
}

}  // namespace sluice
