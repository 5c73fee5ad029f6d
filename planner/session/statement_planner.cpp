#include "planner/session/statement_planner.h"

#include <chrono>
#include <set>
#include <sstream>

#include "frontend/did_you_mean.h"
#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/binder/binder.h"
#include "planner/connectors/connector.h"
#include "planner/functions/evaluate.h"
#include "planner/optimizer/optimizer.h"
#include "planner/session/introspection.h"
#include "planner/session/settings.h"
#include "planner/sources/file_source.h"
#include "planner/sources/jdbc/jdbc_table.h"
#include "planner/timestamp_ntz.h"
#include "planner/type_conversion.h"
#include "stdlib/datetime.h"
#include "stdlib/timezone.h"

namespace sluice {
namespace {

std::map<std::string, std::string> optionMap(const std::vector<ast::Option>& opts,
                                             const SourceFilePtr& file) {
  // Option names are case-insensitive, as in Spark.
  std::map<std::string, std::string> out;
  std::set<std::string> seen;
  for (const auto& o : opts) {
    if (!seen.insert(asciiLower(o.key)).second)
      throw AnalysisError("option '" + o.key + "' is given twice", file, o.keySpan);
    out[o.key] = o.value;
  }
  return out;
}

// Options of a streaming query, Spark's DataStreamWriter names.
StreamingQuerySpec streamingSpec(const ast::Statement& s, const SourceFilePtr& file) {
  StreamingQuerySpec spec;
  spec.name = s.queryName.name;
  for (const auto& o : s.options) {
    const std::string k = asciiLower(o.key);
    if (k == "checkpointlocation") {
      spec.checkpointLocation = o.value;
    } else if (k == "outputmode") {
      spec.outputMode = parseOutputMode(o.value, file, o.valueSpan);
    } else if (k == "trigger") {
      std::string why;
      auto t = parseTrigger(o.value, &why);
      if (!t)
        throw AnalysisError("trigger '" + o.value + "': " + why +
                                "; expected a processing-time interval such as '10 seconds', "
                                "'1 minute 30 seconds' or '500 ms', 'once' or 'availableNow'",
                            file, o.valueSpan);
      spec.trigger = *t;
    } else if (k != "queryname" && k != "laterowstable") {
      static const std::vector<std::string> known = {"checkpointLocation", "outputMode", "trigger",
                                                     "queryName", "lateRowsTable"};
      throw AnalysisError("unknown streaming query option '" + o.key + "'" +
                              didYouMean(o.key, known) +
                              " (expected checkpointLocation, outputMode, trigger, lateRowsTable)",
                          file, o.keySpan);
    }
    spec.options[o.key] = o.value;
  }
  if (spec.checkpointLocation.empty())
    throw AnalysisError("streaming query '" + spec.name +
                            "' needs OPTIONS (checkpointLocation '<dir>') to resume after a "
                            "restart",
                        file, s.queryName.span);
  return spec;
}

// PARTITIONED BY (cols): file tables only. With declared columns, the partition columns must
// be among them and move to the end of the schema, as Spark lays out a partitioned table (an
// INSERT's columns then match by position in that order).
void applyPartitioning(TableEntry& t, const ast::Statement& s, const SourceFilePtr& file) {
  if (s.partitionBy.empty()) return;
  const ConnectorInfo* c = findConnector(t.format);
  if (!c || !c->fileBased)
    throw AnalysisError("PARTITIONED BY applies to file tables (csv, json, parquet), not to " +
                            t.format + " table '" + t.name + "'",
                        file, s.partitionBy.front().span);
  for (const auto& id : s.partitionBy) {
    for (const auto& seen : t.partitionBy)
      if (equalsIgnoreCase(seen, id.name))
        throw AnalysisError("partition column '" + id.name + "' is listed twice", file, id.span);
    t.partitionBy.push_back(id.name);
  }
  if (!t.schema) return;
  std::vector<StructField> data, parts;
  for (const auto& name : t.partitionBy) {
    const int i = t.schema->fieldIndex(name);
    if (i < 0) {
      std::vector<std::string> names;
      for (const auto& f : t.schema->fields()) names.push_back(f.name);
      throw AnalysisError("partition column '" + name + "' is not a column of table '" + t.name +
                              "'" + didYouMean(name, names),
                          file, s.span);
    }
    parts.push_back(t.schema->fields()[static_cast<size_t>(i)]);
  }
  for (const auto& f : t.schema->fields()) {
    bool isPart = false;
    for (const auto& name : t.partitionBy) isPart = isPart || equalsIgnoreCase(name, f.name);
    if (!isPart) data.push_back(f);
  }
  data.insert(data.end(), parts.begin(), parts.end());
  t.schema = DataType::structOf(std::move(data));
}

// A file table declared without columns and without data takes the schema of the first query
// that writes it (the files will hold exactly that), so later statements of the script can
// read it before any file exists: `sluice check` and `explain` plan them as `run` will run them.
void adoptWrittenSchema(Catalog& catalog, const ast::Statement& s, const PlanPtr& sink) {
  const TableEntry* t = catalog.table(s.name.toString());
  const ConnectorInfo* c = t ? findConnector(t->format) : nullptr;
  if (!t || t->schema || !c || !c->fileBased) return;
  std::vector<StructField> data, parts;
  for (const auto& a : sink->children()[0]->output()) {
    bool isPart = false;
    for (const auto& p : t->partitionBy) isPart = isPart || equalsIgnoreCase(p, a.name);
    (isPart ? parts : data).push_back({a.name, a.type, a.nullable});
  }
  data.insert(data.end(), parts.begin(), parts.end());
  TableEntry written = *t;
  written.schema = DataType::structOf(std::move(data));
  catalog.createTable(std::move(written), true, false);
}

}  // namespace

// SET TIME ZONE INTERVAL ...: the offset id of an interval within [-18, 18] hours, whole
// seconds (Spark's ZoneOffset.ofTotalSeconds).
std::string StatementPlanner::timeZoneOfInterval(const ast::Statement& s,
                                                 const SourceFilePtr& file) const {
  const ast::Expr& e = *s.setTimeZoneInterval;
  const ExprPtr bound = Binder(catalog_, file).bindConstantExpr(e);
  const TypeId t = bound->type->id();
  if ((t != TypeId::Interval && t != TypeId::DayTimeInterval) || !bound->foldable())
    throw AnalysisError("SET TIME ZONE expects a day-time interval literal", file, e.span);
  const Value v = evaluateConstant(bound);
  const Interval iv = v.isNull()                     ? Interval{}
                      : t == TypeId::DayTimeInterval ? Interval{0, 0, v.asInt()}
                                                     : v.asInterval();
  const __int128 micros = static_cast<__int128>(iv.days) * stdlib::kMicrosPerDay + iv.micros;
  if (v.isNull() || iv.months != 0 || micros % stdlib::kMicrosPerSecond != 0 ||
      micros > 18 * stdlib::kMicrosPerHour || micros < -18 * stdlib::kMicrosPerHour)
    throw AnalysisError(
        "[INVALID_INTERVAL_FORMAT.TIMEZONE_INTERVAL_OUT_OF_RANGE] the time zone interval must be "
        "within [-18, +18] hours with second precision",
        file, e.span);
  return stdlib::formatOffsetId(static_cast<int32_t>(micros / stdlib::kMicrosPerSecond), true);
}

std::set<std::string> StatementPlanner::excludedRules() const {
  std::set<std::string> out;
  for (const char* key : {"sluice.optimizer.excludedRules", "spark.sql.optimizer.excludedRules"}) {
    auto v = catalog_.get(key);
    if (!v) continue;
    std::stringstream ss(*v);
    std::string item;
    while (std::getline(ss, item, ',')) {
      const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
      if (b != std::string::npos) {
        item = item.substr(b, e - b + 1);
        // Spark writes fully qualified class names; the last component is the rule name.
        const auto dot = item.rfind('.');
        out.insert(dot == std::string::npos ? item : item.substr(dot + 1));
      }
    }
  }
  return out;
}

WatermarkPolicy StatementPlanner::watermarkPolicy() const {
  auto v = catalog_.get("spark.sql.streaming.multipleWatermarkPolicy");
  return v && equalsIgnoreCase(*v, "max") ? WatermarkPolicy::Max : WatermarkPolicy::Min;
}

PlannedQuery StatementPlanner::planQuery(PlanPtr analyzed) {
  PlannedQuery q;
  q.analyzed = analyzed;
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  q.optimized = optimize(analyzed, excludedRules());
  const auto t1 = Clock::now();
  try {
    q.physical = planPhysical(q.optimized.plan);
  } catch (const PlanError& e) {
    // EXPLAIN still shows the logical plans; running the query reports this error.
    q.physicalError = e.message();
  }
  q.optimizeMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
  q.physicalMs = std::chrono::duration<double, std::milli>(Clock::now() - t1).count();
  return q;
}

PlannedStatement StatementPlanner::plan(const ast::Statement& s, const SourceFilePtr& file) {
  // spark.sql.timestampType: what a bare TIMESTAMP type or literal means in this statement.
  bool ntz = false;
  for (const auto& [k, v] : catalog_.conf())
    if (equalsIgnoreCase(k, "spark.sql.timestampType")) ntz = equalsIgnoreCase(v, "TIMESTAMP_NTZ");
  ScopedTimestampType scope(ntz ? timestampNtzType() : DataType::timestamp());
  try {
    return planStatement(s, file);
  } catch (Error& e) {
    // Errors from deep inside (constant folding, type rules) may not know where they are;
    // they belong to this statement at least.
    e.locate(file, s.span);
    throw;
  }
}

PlannedStatement StatementPlanner::planStatement(const ast::Statement& s,
                                                 const SourceFilePtr& file) {
  PlannedStatement out;
  out.statement = &s;
  switch (s.kind) {
    case ast::StatementKind::Query: {
      Binder binder(catalog_, file);
      PlanPtr p = binder.bindQuery(*s.query);
      checkBatchPlan(p, file, s.span);
      out.query = planQuery(p);
      return out;
    }
    case ast::StatementKind::CreateView: {
      ViewEntry v;
      v.name = s.name.toString();
      v.query = s.query;
      for (const auto& c : s.viewColumns) v.columns.push_back(c.name);
      v.file = file;
      v.span = s.span;
      // Bind now so errors show at definition time, as Spark does; bind against a catalog
      // that already holds the new definition, so a view that reads itself is caught here.
      Catalog trial = catalog_;
      trial.createView(v, /*replace=*/true, /*ifNotExists=*/false);
      PlanPtr p;
      try {
        p = Binder(trial, file).bindQuery(*s.query);
      } catch (const AnalysisError& e) {
        if (e.message().find("defined recursively") != std::string::npos)
          throw AnalysisError("recursive view '" + v.name + "': its query reads the view itself",
                              file, s.name.span);
        throw;
      }
      if (!s.viewColumns.empty() && s.viewColumns.size() != p->output().size())
        throw AnalysisError(
            "view '" + s.name.toString() + "' lists " + std::to_string(s.viewColumns.size()) +
                " column names but its query returns " + std::to_string(p->output().size()),
            file, s.name.span);
      catalog_.createView(std::move(v), s.orReplace, s.ifNotExists);
      out.message = "created view " + s.name.toString();
      return out;
    }
    case ast::StatementKind::CreateTable: {
      // Errors quote the statement's text: a password in its options must not show there.
      std::vector<std::pair<std::string, std::string>> written;
      for (const auto& o : s.options) written.emplace_back(o.key, o.value);
      const SourceFilePtr shown = redactSecretsInSource(file, secretOptionValues(written));
      TableEntry t;
      t.name = s.name.toString();
      std::string all;
      for (const auto& n : connectorNames()) all += (all.empty() ? "" : ", ") + n;
      // CREATE TABLE t AS SELECT without USING makes a memory table (Spark: its default
      // source, parquet, in the warehouse directory, which sluice does not have).
      if (!s.usingFormat && !s.query)
        throw AnalysisError("CREATE TABLE needs USING <format> (" + all + ")", shown, s.name.span);
      t.format = s.usingFormat ? asciiLower(s.usingFormat->name) : "memory";
      const ConnectorInfo* connector = findConnector(t.format);
      if (!connector) {
        throw AnalysisError("unknown table format '" + s.usingFormat->name + "'" +
                                didYouMean(s.usingFormat->name, connectorNames()) + " (expected " +
                                all + ")",
                            shown, s.usingFormat->span);
      }
      {
        std::vector<std::string> names;
        std::vector<SourceSpan> spans;
        for (const auto& o : s.options) {
          names.push_back(o.key);
          spans.push_back(o.keySpan);
        }
        checkConnectorOptions(*connector, names, spans, shown);
      }
      t.options = optionMap(s.options, shown);
      if (t.format != "kafka") {
        // Non-Kafka options are looked up by their lower-case names (Spark's
        // CaseInsensitiveMap); Kafka options are normalized by the Kafka source.
        std::map<std::string, std::string> lowered;
        for (const auto& [k, v] : t.options) lowered[asciiLower(k)] = v;
        t.options = std::move(lowered);
      }
      if (!s.columns.empty()) {
        std::vector<StructField> fields;
        for (const auto& c : s.columns) {
          fields.push_back({c.name.name, toDataType(c.type, shown), !c.notNull});
          if (c.comment) t.columnComments[asciiLower(c.name.name)] = *c.comment;
        }
        t.schema = DataType::structOf(std::move(fields));
      }
      if (t.format == "kafka" && !s.columns.empty())
        throw AnalysisError(
            "a kafka table has Spark's fixed schema (key, value, topic, "
            "partition, offset, timestamp, timestampType); remove the column "
            "list",
            shown, s.name.span);
      if ((t.format == "csv" || t.format == "json" || t.format == "parquet") &&
          !t.options.count("path"))
        throw AnalysisError(
            "table '" + t.name + "' (" + t.format + ") needs OPTIONS (path '<file or directory>')",
            shown, s.name.span);
      if (s.query) return planCreateTableAs(s, std::move(t), file, shown);
      applyPartitioning(t, s, shown);
      // csv / json: options checked, path resolved against this file, schema inferred.
      prepareFileTable(t, shown, s.span);
      prepareJdbcTable(t, shown, s.span);  // jdbc: options checked, schema read
      t.file = shown;
      t.span = s.span;
      catalog_.createTable(std::move(t), s.orReplace, s.ifNotExists);
      out.message = "created table " + s.name.toString();
      return out;
    }
    case ast::StatementKind::Drop: {
      const std::string name = s.name.toString();
      const bool dropped = s.isView ? catalog_.dropView(name) : catalog_.dropTable(name);
      if (!dropped && !s.ifExists)
        throw AnalysisError(
            std::string(s.isView ? "view" : "table") + " '" + name + "' does not exist", file,
            s.name.span);
      out.message =
          (dropped ? "dropped " : "no such ") + std::string(s.isView ? "view " : "table ") + name;
      return out;
    }
    case ast::StatementKind::Set: {
      if (s.setHasValue) {
        std::string error;
        const std::string value = s.setTimeZoneLocal      ? stdlib::systemZoneId()
                                  : s.setTimeZoneInterval ? timeZoneOfInterval(s, file)
                                                          : s.setValue;
        const std::string warning = checkSetting(s.setKey, value, &error);
        if (!error.empty()) throw AnalysisError(error, file, s.span);
        if (!warning.empty()) out.warnings.push_back(warning);
        catalog_.set(s.setKey, value);
        out.message = s.setKey + "=" + value;
      } else if (!s.setKey.empty()) {
        auto v = catalog_.get(s.setKey);
        out.message = s.setKey + "=" + (v ? *v : "<undefined>");
      } else {
        for (const auto& [k, v] : catalog_.conf()) out.message += k + "=" + v + "\n";
      }
      return out;
    }
    case ast::StatementKind::Insert: {
      Binder binder(catalog_, file);
      PlanPtr q = binder.bindQuery(*s.query);
      checkBatchPlan(q, file, s.span);
      PlanPtr sink = bindSink(catalog_, file, s, q);
      adoptWrittenSchema(catalog_, s, sink);
      out.query = planQuery(sink);
      return out;
    }
    case ast::StatementKind::CreateStreamingQuery: {
      StreamingQuerySpec spec = streamingSpec(s, file);
      Binder binder(catalog_, file);
      PlanPtr q = binder.bindQuery(*s.query);
      PlanPtr sink = bindSink(catalog_, file, s, q);
      adoptWrittenSchema(catalog_, s, sink);
      checkStreamingPlan(sink, spec.outputMode, file, s.queryName.span);
      out.query = planQuery(sink);
      if (out.query->physical) {
        try {
          out.query->streaming = planStreaming(*out.query->physical, spec, watermarkPolicy());
        } catch (const PlanError& e) {
          out.query->physicalError = e.message();
        }
      }
      out.streaming = spec;
      return out;
    }
    case ast::StatementKind::Show:
    case ast::StatementKind::Describe:
      out.query = planQuery(planIntrospection(s, catalog_, file));
      return out;
    case ast::StatementKind::Explain: {
      const auto k = s.explained->kind;
      if (k != ast::StatementKind::Query && k != ast::StatementKind::Insert &&
          k != ast::StatementKind::CreateStreamingQuery && k != ast::StatementKind::Explain) {
        // As in Spark, EXPLAIN of a command shows it without running it.
        out.message = "(command not executed)";
        return out;
      }
      PlannedStatement inner = planStatement(*s.explained, file);
      inner.statement = &s;
      return inner;
    }
  }
  throw AnalysisError("unsupported statement", file, s.span);
}

}  // namespace sluice
