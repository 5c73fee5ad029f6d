// Queries: WITH, set operations, ORDER BY, LIMIT; the Binder's public entry points; sinks.
#include <functional>
#include <set>

#include "frontend/text.h"
#include "planner/binder/binder_impl.h"
#include "planner/connectors/connector.h"
#include "planner/functions/ansi.h"
#include "planner/functions/evaluate.h"
#include "planner/sinks/file_sink_spec.h"
#include "planner/sources/kafka_source.h"
#include "planner/timestamp_ntz.h"

namespace sluice {

Binder::Binder(const Catalog& catalog, SourceFilePtr file)
    : impl_(std::make_shared<Impl>(catalog, std::move(file))) {}

PlanPtr Binder::bindQuery(const ast::Query& query) {
  PlanPtr plan = impl_->bindQuery(query);
  impl_->checkSubqueryPlacement(plan);
  return resolveEvalMode(resolveTimeZones(plan, impl_->timeZone),
                         ansiEnabled(impl_->catalog));
}

ExprPtr Binder::bindConstantExpr(const ast::Expr& expr) {
  ExprContext ctx;
  ctx.clause = "a constant expression";
  return resolveEvalMode(resolveTimeZones(impl_->bindExpr(expr, ctx), impl_->timeZone),
                         ansiEnabled(impl_->catalog));
}

namespace {

bool hasTimestamp(const DataType& t) {
  switch (t.id()) {
    case TypeId::Timestamp:
      return true;
    case TypeId::Array:
      return hasTimestamp(*t.elementType());
    case TypeId::Map:
      return hasTimestamp(*t.keyType()) || hasTimestamp(*t.valueType());
    case TypeId::Struct:
      for (const auto& f : t.fields())
        if (hasTimestamp(*f.type)) return true;
      return false;
    default:
      return false;
  }
}

ExprPtr withZone(const ExprPtr& x, const std::string& zone) {
  if (!x->timeZone.empty()) return x;
  const bool needs =
      (x->kind == ExprKind::Call && x->fn->timeZoneAware) ||
      (x->kind == ExprKind::Cast && (hasTimestamp(*x->type) || hasTimestamp(*x->args[0]->type)));
  if (!needs) return x;
  auto copy = std::make_shared<Expr>(*x);
  copy->timeZone = zone;
  // A function over TIMESTAMP_NTZ reads its wall clock as is (Spark's zoneIdForType: UTC).
  if (x->kind == ExprKind::Call)
    for (const auto& a : x->args)
      if (a->type && isNtz(a->type)) copy->timeZone = "UTC";
  return copy;
}

}  // namespace

ExprPtr resolveTimeZones(const ExprPtr& e, const std::string& zone) {
  return transformUp(e, [&](const ExprPtr& x) { return withZone(x, zone); });
}

PlanPtr resolveTimeZones(const PlanPtr& plan, const std::string& zone) {
  return transformAllExpressions(plan, [&](const ExprPtr& x) { return withZone(x, zone); });
}

std::string Binder::Impl::constantString(const ast::Expr& e) {
  ExprContext ctx;
  ctx.clause = "an option value";
  ExprPtr b = bindExpr(e, ctx);
  if (!b->foldable()) fail("option values must be constants", e.span);
  Value v = evaluateConstant(b);
  if (v.isNull()) fail("option values must not be NULL", e.span);
  return v.toString(*b->type);
}

PlanPtr Binder::Impl::bindQuery(const ast::Query& q) {
  std::set<std::string> names;
  for (const auto& c : q.ctes)
    if (!names.insert(asciiLower(c.name.name)).second)
      fail("CTE name '" + c.name.name + "' is defined twice", c.name.span);
  // A CTE sees the ones defined before it; push them one by one while validating.
  ctes.emplace_back();
  struct Pop {
    std::vector<CteLevel>& v;
    ~Pop() { v.pop_back(); }
  } pop{ctes};
  for (const auto& c : q.ctes) {
    bindQuery(*c.query);  // validates the CTE early so errors point at its definition
    ctes.back().emplace_back(asciiLower(c.name.name), &c);
  }
  PlanPtr plan = bindBody(*q.body);
  if (!q.orderBy.empty()) plan = bindOrderBy(q, plan);
  if (q.limit) {
    ExprContext ctx;
    ctx.clause = "LIMIT";
    ExprPtr l = bindExpr(*q.limit, ctx);
    const int64_t n = constantInt(l, q.limit->span, "LIMIT");
    if (n < 0) fail("LIMIT must not be negative, got " + std::to_string(n), q.limit->span);
    plan = std::make_shared<Limit>(n, plan);
  }
  return plan;
}

PlanPtr Binder::Impl::bindBody(const ast::QueryBody& b) {
  switch (b.kind) {
    case ast::QueryBodyKind::Select:
      return bindSelect(*b.select);
    case ast::QueryBodyKind::Nested:
      return bindQuery(*b.nested);
    case ast::QueryBodyKind::Values:
      return bindValues(*b.values);
    case ast::QueryBodyKind::SetOp:
      return bindSetOp(b);
  }
  fail("unsupported query", b.span);
}

PlanPtr Binder::Impl::bindSetOp(const ast::QueryBody& b) {
  const bool except = b.setOp == ast::SetOpKind::Except || b.setOp == ast::SetOpKind::ExceptAll;
  const bool intersect =
      b.setOp == ast::SetOpKind::Intersect || b.setOp == ast::SetOpKind::IntersectAll;
  const std::string opName = except ? "EXCEPT" : intersect ? "INTERSECT" : "UNION";
  PlanPtr l = bindBody(*b.left), r = bindBody(*b.right);
  auto lo = l->output(), ro = r->output();
  if (lo.size() != ro.size())
    fail((except || intersect ? "[NUM_COLUMNS_MISMATCH] " : "") + opName +
             " inputs must have the same number of columns: " + std::to_string(lo.size()) + " vs " +
             std::to_string(ro.size()),
         b.span);
  // Widen each column to the common type, casting on the side that needs it.
  std::vector<ExprPtr> lp, rp;
  bool castL = false, castR = false;
  for (size_t i = 0; i < lo.size(); ++i) {
    TypePtr t = commonType(lo[i].type, ro[i].type);
    if (!t)
      fail(opName + " column " + std::to_string(i + 1) + " ('" + lo[i].name +
               "') has incompatible "
               "types " +
               lo[i].type->toString() + " and " + ro[i].type->toString(),
           b.span);
    auto cast = [&](const Attribute& a, bool& flag) -> ExprPtr {
      if (a.type->equals(*t)) return makeColumnRef(a);
      flag = true;
      return makeAlias(castTo(makeColumnRef(a), t), a.name);
    };
    lp.push_back(cast(lo[i], castL));
    rp.push_back(cast(ro[i], castR));
  }
  if (castL) l = std::make_shared<Project>(lp, l);
  if (castR) r = std::make_shared<Project>(rp, r);
  if (except || intersect) {
    // Rows compare by equality: a map column cannot (Spark's rule).
    for (const auto& a : l->output())
      if (a.type->id() == TypeId::Map)
        fail(
            "[UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE] Cannot have MAP type columns in "
            "DataFrame which calls set operations (INTERSECT, EXCEPT, etc.), but the type of "
            "column `" +
                a.name + "` is \"" + a.type->toString() + "\"",
            b.span);
    const bool all =
        b.setOp == ast::SetOpKind::ExceptAll || b.setOp == ast::SetOpKind::IntersectAll;
    if (except) {
      auto e = std::make_shared<Except>(l, r, all);
      e->span = b.span;
      return e;
    }
    auto i = std::make_shared<Intersect>(l, r, all);
    i->span = b.span;
    return i;
  }
  std::vector<PlanPtr> inputs;
  // Flatten nested UNION ALLs.
  for (const PlanPtr& p : {l, r}) {
    if (auto* u = as<Union>(p))
      inputs.insert(inputs.end(), u->children().begin(), u->children().end());
    else
      inputs.push_back(p);
  }
  PlanPtr u = std::make_shared<Union>(std::move(inputs));
  if (b.setOp == ast::SetOpKind::UnionDistinct) u = std::make_shared<Distinct>(u);
  return u;
}

namespace {

// The Aggregate of an aggregate query's plan (Aggregate, under HAVING's Filter and the Project
// that drops HAVING's hidden columns), or null.
const Aggregate* findAggregate(const PlanPtr& plan) {
  PlanPtr p = plan;
  if (as<Project>(p)) p = p->children()[0];
  while (as<Filter>(p)) p = p->children()[0];
  return as<Aggregate>(p);
}

// `plan` with its Aggregate replaced by `agg`; a top Project also passes `extra` through.
PlanPtr replaceAggregate(const PlanPtr& plan, const PlanPtr& agg,
                         const std::vector<Attribute>& extra) {
  if (as<Aggregate>(plan)) return agg;
  PlanPtr child = replaceAggregate(plan->children()[0], agg, extra);
  if (const auto* top = as<Project>(plan)) {
    auto list = top->list;
    for (const auto& a : extra) list.push_back(makeColumnRef(a));
    return std::make_shared<Project>(std::move(list), child);
  }
  return plan->withNewChildren({child});
}

}  // namespace

PlanPtr Binder::Impl::bindOrderBy(const ast::Query& q, PlanPtr plan) {
  const auto out = plan->output();
  Scope outScope(out);
  // Columns below a top Project are visible too (Spark resolves missing sort columns there
  // and prunes them afterwards).
  const Project* top = as<Project>(plan);
  std::vector<Attribute> below;
  if (top) below = top->child()->output();
  std::vector<Attribute> all = out;
  for (const auto& a : below) all.push_back(a);
  Scope allScope(all);
  std::map<std::string, ExprPtr> aliases;
  if (top)
    for (const auto& e : top->list)
      aliases[asciiLower(e->outputAttr().name)] = makeColumnRef(e->outputAttr());

  // In an aggregate query ORDER BY may also use aggregates and grouping expressions that the
  // SELECT list lacks (Spark's ResolveAggregateFunctions): they become hidden aggregate
  // columns, sorted on and then projected away.
  const Aggregate* agg = findAggregate(plan);
  // Only this query's own SELECT ... GROUP BY (not an aggregate in a FROM subquery).
  if (agg &&
      !(q.body->kind == ast::QueryBodyKind::Select && agg->span.known &&
        agg->span.begin == q.body->select->span.begin && agg->span.end == q.body->select->span.end))
    agg = nullptr;
  std::vector<ExprPtr> aggs = agg ? agg->aggregates : std::vector<ExprPtr>{};
  std::vector<Attribute> hidden;
  std::function<ExprPtr(const ExprPtr&)> lift = [&](const ExprPtr& e) -> ExprPtr {
    for (const auto& a : aggs)
      if (semanticEquals(e, stripAlias(a)) ||
          (e->kind == ExprKind::ColumnRef && e->attr.id == a->outputAttr().id))
        return makeColumnRef(a->outputAttr(), e->span);
    const bool isAgg = e->kind == ExprKind::Call && e->fn->kind == FunctionKind::Aggregate;
    bool isGroup = false;
    for (const auto& g : agg->groupings) isGroup = isGroup || semanticEquals(e, g);
    if (isAgg || isGroup) {
      aggs.push_back(makeAlias(e, e->toString()));
      hidden.push_back(aggs.back()->outputAttr());
      return makeColumnRef(hidden.back(), e->span);
    }
    if (e->kind == ExprKind::ColumnRef)
      fail("column '" + e->attr.name + "' in ORDER BY is neither grouped nor aggregated", e->span);
    std::vector<ExprPtr> args;
    for (const auto& a : e->args) args.push_back(lift(a));
    return e->withArgs(std::move(args));
  };

  std::vector<ExprPtr> keys;
  std::vector<SortKey> order;
  std::vector<Attribute> missing;
  for (const auto& o : q.orderBy) {
    ExprPtr k;
    if (o.expr->kind == ast::ExprKind::Literal &&
        o.expr->literalKind == ast::LiteralKind::Integer && o.expr->suffix.empty()) {
      const long idx = std::strtol(o.expr->text.c_str(), nullptr, 10);
      if (idx < 1 || idx > static_cast<long>(out.size()))
        fail("ORDER BY position " + o.expr->text + " is not in the select list (1.." +
                 std::to_string(out.size()) + ")",
             o.expr->span);
      k = makeColumnRef(out[static_cast<size_t>(idx - 1)], o.expr->span);
    } else {
      ExprContext ctx{&allScope, false, false, "ORDER BY"};
      ctx.aliases = &aliases;
      try {
        ExprContext outCtx{&outScope, false, false, "ORDER BY"};
        k = bindExpr(*o.expr, outCtx);
      } catch (const AnalysisError&) {
        try {
          k = bindExpr(*o.expr, ctx);
        } catch (const AnalysisError&) {
          if (!agg) throw;
          Scope input(agg->children()[0]->output());
          ExprContext aggCtx{&input, true, false, "ORDER BY"};
          aggCtx.aliases = &aliases;
          k = lift(bindExpr(*o.expr, aggCtx));
        }
      }
    }
    if (!k->type->isOrderable())
      fail("cannot sort by a value of type " + k->type->toString(), o.expr->span);
    for (ExprId id : references(k)) {
      bool inOut = false;
      for (const auto& a : out) inOut = inOut || a.id == id;
      for (const auto& a : hidden) inOut = inOut || a.id == id;
      if (inOut) continue;
      for (const auto& a : below)
        if (a.id == id) missing.push_back(a);
    }
    keys.push_back(k);
    order.push_back(SortKey{o.ascending, o.nullsFirst.value_or(o.ascending)});
  }
  std::vector<ExprPtr> trim;
  for (const auto& a : out) trim.push_back(makeColumnRef(a));
  if (!hidden.empty()) {
    auto extended = std::make_shared<Aggregate>(agg->groupings, aggs, agg->children()[0]);
    extended->span = agg->span;
    extended->sessionWindow = agg->sessionWindow;
    std::vector<Attribute> extra = missing;  // HAVING's hidden columns, if ORDER BY uses them
    extra.insert(extra.end(), hidden.begin(), hidden.end());
    PlanPtr sorted = std::make_shared<Sort>(keys, order, replaceAggregate(plan, extended, extra));
    return std::make_shared<Project>(std::move(trim), sorted);
  }
  if (missing.empty()) return std::make_shared<Sort>(keys, order, plan);
  // Extend the projection with the sort-only columns, sort, then drop them.
  auto list = top->list;
  for (const auto& a : missing) list.push_back(makeColumnRef(a));
  PlanPtr extended = std::make_shared<Project>(std::move(list), top->child());
  PlanPtr sorted = std::make_shared<Sort>(keys, order, extended);
  return std::make_shared<Project>(std::move(trim), sorted);
}

bool canStoreAssign(const TypePtr& from, const TypePtr& to) {
  if (from->equals(*to) || from->id() == TypeId::Null) return true;
  if (to->id() == TypeId::String) return true;  // everything has a string form
  if (from->isNumeric() && to->isNumeric()) return true;
  if (from->isDatetime() && to->isDatetime()) return true;
  if (from->id() == TypeId::Struct && to->id() == TypeId::Struct) {
    if (from->fields().size() != to->fields().size()) return false;
    for (size_t i = 0; i < from->fields().size(); ++i)
      if (!canStoreAssign(from->fields()[i].type, to->fields()[i].type)) return false;
    return true;
  }
  if (from->id() == TypeId::Array && to->id() == TypeId::Array)
    return canStoreAssign(from->elementType(), to->elementType());
  if (from->id() == TypeId::Map && to->id() == TypeId::Map)
    return canStoreAssign(from->keyType(), to->keyType()) &&
           canStoreAssign(from->valueType(), to->valueType());
  return false;
}

PlanPtr bindSink(const Catalog& catalog, const SourceFilePtr& file, const ast::Statement& insert,
                 PlanPtr query) {
  const std::string name = insert.name.toString();
  const TableEntry* t = catalog.table(name);
  if (!t) {
    if (catalog.view(name))
      throw AnalysisError("cannot INSERT INTO view '" + name + "'", file, insert.name.span);
    throw AnalysisError("target table '" + name + "' not found; declare it with CREATE TABLE " +
                            name + " USING kafka|console|memory|... OPTIONS (...)",
                        file, insert.name.span);
  }
  const bool streaming = insert.kind == ast::StatementKind::CreateStreamingQuery;
  const ConnectorInfo* connector = findConnector(t->format);
  if (connector)
    checkConnectorUse(*connector, streaming ? ConnectorUse::StreamWrite : ConnectorUse::BatchWrite,
                      t->name, file, insert.span);
  const bool fileBased = connector && connector->fileBased;
  auto out = query->output();
  auto find = [&](const char* col) -> const Attribute* {
    for (const auto& a : out)
      if (equalsIgnoreCase(a.name, col)) return &a;
    return nullptr;
  };
  std::map<std::string, std::string> opts = t->options;
  if (t->format == "kafka") {
    opts = normalizeKafkaOptions(opts);
    validateKafkaSinkOptions(opts, file, insert.span);
    const Attribute* value = find("value");
    if (!value)
      throw AnalysisError(
          "the Kafka sink needs a column named 'value' (string or binary); the "
          "query produces " +
              attrList(out),
          file, insert.span);
    auto strOrBin = [](const Attribute& a) {
      return a.type->id() == TypeId::String || a.type->id() == TypeId::Binary;
    };
    if (!strOrBin(*value))
      throw AnalysisError("the Kafka sink's 'value' column must be string or binary, got " +
                              value->type->toString() + " (use CAST or to_json)",
                          file, insert.span);
    if (const Attribute* key = find("key"); key && !strOrBin(*key))
      throw AnalysisError(
          "the Kafka sink's 'key' column must be string or binary, got " + key->type->toString(),
          file, insert.span);
    const Attribute* topic = find("topic");
    if (topic && topic->type->id() != TypeId::String)
      throw AnalysisError("the Kafka sink's 'topic' column must be a string", file, insert.span);
    if (!topic && !opts.count("topic"))
      throw AnalysisError(
          "the Kafka sink needs a topic: set the table option 'topic' or "
          "produce a 'topic' column",
          file, insert.span);
    if (const Attribute* p = find("partition"); p && p->type->id() != TypeId::Int)
      throw AnalysisError("the Kafka sink's 'partition' column must be an int", file, insert.span);
    if (const Attribute* h = find("headers");
        h && h->type->toString() != "array<struct<key:string,value:binary>>")
      throw AnalysisError(
          "the Kafka sink's 'headers' column must be array<struct<key:string,value:binary>>, got " +
              h->type->toString(),
          file, insert.span);
  } else if (fileBased || t->format == "memory") {
    if (t->schema) {
      const auto& fields = t->schema->fields();
      if (fields.size() != out.size())
        throw AnalysisError("table '" + name + "' has " + std::to_string(fields.size()) +
                                " columns but the query produces " + std::to_string(out.size()),
                            file, insert.span);
      // Spark's ANSI store assignment: every value must fit the column's type safely, and
      // the written columns take the table's names and types.
      std::vector<ExprPtr> cast;
      bool changed = false;
      for (size_t i = 0; i < out.size(); ++i) {
        if (!canStoreAssign(out[i].type, fields[i].type))
          throw AnalysisError("cannot safely write " + out[i].type->toString() + " column '" +
                                  out[i].name + "' into column " + std::to_string(i + 1) + " ('" +
                                  fields[i].name + "', " + fields[i].type->toString() +
                                  ") of table '" + name + "'",
                              file, insert.span);
        ExprPtr ref = makeColumnRef(out[i]);
        if (out[i].type->equals(*fields[i].type) && out[i].name == fields[i].name) {
          cast.push_back(ref);
          continue;
        }
        changed = true;
        cast.push_back(
            makeAlias(out[i].type->equals(*fields[i].type) ? ref : makeCast(ref, fields[i].type),
                      fields[i].name));
      }
      if (changed) query = std::make_shared<Project>(std::move(cast), query);
    }
  }
  query = resolveTimeZones(query, catalog.sessionTimeZone());
  auto sink = std::make_shared<Sink>(t->name, t->format, opts, query);
  sink->timeZone = catalog.sessionTimeZone();
  sink->span = insert.span;
  if (fileBased) sink->fileSink = planFileSink(*t, query->output(), streaming, file, insert.span);
  return sink;
}

}  // namespace sluice
