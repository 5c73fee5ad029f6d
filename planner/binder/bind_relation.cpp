// FROM items: tables, views, CTEs, read_kafka(...), VALUES, joins, LATERAL VIEW, WATERMARK.
#include <set>

#include "frontend/text.h"
#include "planner/binder/binder_impl.h"
#include "planner/connectors/connector.h"
#include "planner/sources/file_source.h"
#include "planner/sources/kafka_source.h"

namespace sluice {
namespace {

constexpr int kMaxViewDepth = 64;

std::vector<Attribute> requalify(std::vector<Attribute> attrs, const std::string& q) {
  for (auto& a : attrs) a.qualifier = q;
  return attrs;
}

const std::set<std::string>& fileFormats() {
  static const std::set<std::string> f = {"csv", "json", "parquet", "text", "memory"};
  return f;
}

}  // namespace

PlanPtr Binder::Impl::applyAlias(PlanPtr plan, const ast::Relation& r) {
  if (!r.alias && r.columnAliases.empty()) return plan;
  const std::string q = r.alias ? r.alias->name : "";
  auto out = plan->output();
  std::erase_if(out, [](const Attribute& a) { return isHidden(a); });  // the alias drops them
  if (!r.columnAliases.empty() && r.columnAliases.size() != out.size())
    fail("alias " + q + " lists " + std::to_string(r.columnAliases.size()) +
             " column names but the relation has " + std::to_string(out.size()) + " columns",
         r.alias ? r.alias->span : r.span);
  std::vector<ExprPtr> list;
  for (size_t i = 0; i < out.size(); ++i) {
    if (!r.columnAliases.empty()) {
      auto a = makeAlias(makeColumnRef(out[i]), r.columnAliases[i].name);
      auto e = std::make_shared<Expr>(*a);
      e->attr.qualifier = q;
      list.push_back(e);
    } else {
      Attribute a = out[i];
      a.qualifier = q;
      list.push_back(makeColumnRef(a));
    }
  }
  if (auto* scan = as<Scan>(plan); scan && r.columnAliases.empty()) {
    auto copy = std::make_shared<Scan>(*scan);
    copy->attrs = requalify(copy->attrs, q);
    return copy;
  }
  return std::make_shared<Project>(std::move(list), plan);
}

PlanPtr Binder::Impl::bindView(const ViewEntry& v, const ast::Relation& r) {
  if (depth > kMaxViewDepth)
    fail("view '" + v.name + "' is defined recursively (or nested more than " +
             std::to_string(kMaxViewDepth) + " levels)",
         r.span);
  // Views are bound in their own file's context with fresh column ids.
  Impl inner(catalog, v.file);
  inner.depth = depth + 1;
  PlanPtr plan;
  try {
    plan = inner.bindQuery(*v.query);
  } catch (AnalysisError& err) {
    // Name the outermost view once; nested views keep the innermost location.
    if (err.message().rfind("in view '", 0) == 0) throw;
    throw AnalysisError("in view '" + v.name + "': " + err.message(), err.file(), err.span());
  }
  if (!v.columns.empty()) {
    auto out = plan->output();
    if (out.size() != v.columns.size())
      fail("view '" + v.name + "' declares " + std::to_string(v.columns.size()) +
               " columns but its query returns " + std::to_string(out.size()),
           r.span);
    std::vector<ExprPtr> list;
    for (size_t i = 0; i < out.size(); ++i)
      list.push_back(makeAlias(makeColumnRef(out[i]), v.columns[i]));
    plan = std::make_shared<Project>(std::move(list), plan);
  }
  // Columns of a view are referenced through the view's name unless aliased.
  ast::Relation named = r;
  if (!named.alias) named.alias = ast::Ident{v.name, r.span};
  return applyAlias(plan, named);
}

PlanPtr Binder::Impl::bindTableRef(const ast::Relation& r) {
  const std::string name = r.name.toString();
  if (r.name.parts.size() == 1) {
    const std::string key = asciiLower(name);
    for (size_t level = ctes.size(); level-- > 0;) {
      const CteLevel& defs = ctes[level];
      size_t k = 0;
      while (k < defs.size() && defs[k].first != key) ++k;
      if (k == defs.size()) continue;
      const ast::Cte* cte = defs[k].second;
      if (r.stream)
        fail("STREAM applies to tables and views, not to the CTE '" + name + "'", r.span);
      if (depth > kMaxViewDepth) fail("CTE '" + name + "' is recursive", r.span);
      ++depth;
      // Rebinding gives each reference fresh ids, so self-joins of a CTE work. The CTE's body
      // sees only the CTEs defined before it.
      auto saved = ctes;
      ctes.resize(level + 1);
      ctes[level].resize(k);
      PlanPtr plan = bindQuery(*cte->query);
      ctes = std::move(saved);
      --depth;
      ast::Relation named = r;
      if (!named.alias) named.alias = ast::Ident{name, r.span};
      if (!cte->columns.empty() && named.columnAliases.empty()) named.columnAliases = cte->columns;
      return applyAlias(plan, named);
    }
  }
  if (const ViewEntry* v = catalog.view(name)) {
    PlanPtr plan = bindView(*v, r);
    if (r.stream && !plan->isStreaming())
      fail("STREAM " + name + ": the view reads no streaming source", r.span);
    return plan;
  }
  const TableEntry* t = catalog.table(name);
  if (!t) {
    std::string hint;
    auto names = catalog.names();
    if (!names.empty()) {
      hint = " (known tables and views: ";
      for (size_t i = 0; i < names.size() && i < 10; ++i) hint += (i ? ", " : "") + names[i];
      hint += ")";
    }
    fail("table or view '" + name + "' not found" + hint, r.name.span.known ? r.name.span : r.span);
  }
  const std::string qualifier = r.alias ? r.alias->name : t->name;
  if (const ConnectorInfo* c = findConnector(t->format))
    checkConnectorUse(*c, r.stream ? ConnectorUse::StreamRead : ConnectorUse::BatchRead, t->name,
                      file, r.span);
  std::shared_ptr<Scan> plan;
  if (t->format == "kafka") {
    auto spec = std::make_shared<const KafkaSourceSpec>(
        kafkaSourceSpec(t->options, r.stream, file, r.span));
    plan = std::make_shared<Scan>(SourceKind::Kafka, t->name, "kafka", spec->options,
                                  kafkaSourceAttributes(spec->includeHeaders, qualifier), r.stream);
    plan->kafka = spec;
  } else if (fileFormats().count(t->format)) {
    // Declared or inferred at CREATE TABLE; a table written later is inferred now.
    const FileTableLayout layout =
        t->format == "memory" ? FileTableLayout{t->schema, {}} : fileTableLayout(*t, file, r.span);
    const TypePtr& schema = layout.schema;
    if (!schema)
      fail("table '" + t->name + "' (" + t->format + ") needs a declared schema: CREATE TABLE " +
               t->name + " (col type, ...) USING " + t->format,
           r.span);
    std::vector<Attribute> attrs;
    for (const auto& f : schema->fields())
      attrs.push_back(Attribute{newExprId(), f.name, f.type, f.nullable, qualifier});
    // The reader needs the whole schema: CSV columns are positional and attrs may be pruned.
    plan = std::make_shared<Scan>(t->format == "memory" ? SourceKind::Memory : SourceKind::File,
                                  t->name, t->format, fileScanOptions(*t, layout), std::move(attrs),
                                  r.stream);
  } else if (t->format == "jdbc") {
    // The schema was read from the server at CREATE TABLE (planner/sources/jdbc).
    std::vector<Attribute> attrs;
    for (const auto& f : t->schema->fields())
      attrs.push_back(Attribute{newExprId(), f.name, f.type, f.nullable, qualifier});
    plan = std::make_shared<Scan>(SourceKind::File, t->name, t->format, t->options,
                                  std::move(attrs), r.stream);
  } else {
    fail("table '" + t->name + "' uses format '" + t->format +
             "', which can be written to but not read",
         r.span);
  }
  plan->span = r.span;
  ast::Relation rest = r;
  rest.alias.reset();  // the qualifier is already applied
  return applyAlias(plan, rest);
}

PlanPtr Binder::Impl::bindTableFunction(const ast::Relation& r) {
  const std::string fname = asciiLower(r.name.toString());
  if (fname == "range") return bindRange(r);
  if (const FunctionDef* fn = FunctionRegistry::builtins().find(fname);
      fn && fn->kind == FunctionKind::Generator && fname != "window") {
    // A generator as a FROM item (Spark's table-valued explode, inline, json_tuple, stack,
    // ...): its rows from one input row, so the arguments are constants.
    if (r.stream) fail("STREAM cannot be applied to " + fname + "()", r.span);
    ast::Expr call(ast::ExprKind::Call, r.span);
    call.name = r.name;
    call.args = r.args;
    for (const auto& a : r.args)
      if (a->kind == ast::ExprKind::NamedArg)
        fail(fname + "() takes positional arguments", a->span);
    auto one = std::make_shared<Scan>(SourceKind::Values, "", "values",
                                      std::map<std::string, std::string>{},
                                      std::vector<Attribute>{}, false);
    one->rows.push_back({});
    Scope empty;
    ExprContext ctx{&empty, false, true, "a table-valued function"};
    std::vector<StructField> outs;
    ExprPtr gen = bindGenerator(call, ctx, outs);
    std::vector<Attribute> attrs;
    for (const auto& o : outs)
      attrs.push_back(Attribute{newExprId(), o.name, o.type, o.nullable, ""});
    auto g = std::make_shared<Generate>(gen, isOuterGenerator(*gen->fn), attrs, one);
    g->span = r.span;
    return applyAlias(g, r);
  }
  if (fname != "read_kafka")
    fail("unknown table-valued function '" + r.name.toString() +
             "' (supported: range, read_kafka and the generators explode, explode_outer, "
             "posexplode, posexplode_outer, inline, inline_outer, json_tuple, stack)",
         r.span);
  std::map<std::string, std::string> opts;
  for (const auto& a : r.args) {
    if (a->kind != ast::ExprKind::NamedArg)
      fail("read_kafka takes named arguments only, e.g. subscribe => 'topic'", a->span);
    auto v = constantString(*a->args[0]);
    opts[a->text] = v;
  }
  auto spec =
      std::make_shared<const KafkaSourceSpec>(kafkaSourceSpec(opts, r.stream, file, r.span));
  const std::string qualifier = r.alias ? r.alias->name : "";
  auto scan =
      std::make_shared<Scan>(SourceKind::Kafka, "", "kafka", spec->options,
                             kafkaSourceAttributes(spec->includeHeaders, qualifier), r.stream);
  scan->kafka = spec;
  scan->span = r.span;
  ast::Relation rest = r;
  rest.alias.reset();
  return applyAlias(scan, rest);
}

// range([start,] end [, step [, numPartitions]]): one bigint column `id` from start up to end
// (exclusive) by step, as explode(sequence(start, last, step)) over one row (or no row).
PlanPtr Binder::Impl::bindRange(const ast::Relation& r) {
  if (r.stream) fail("STREAM cannot be applied to range()", r.span);
  if (r.args.empty() || r.args.size() > 4)
    fail("range takes 1 to 4 arguments ([start,] end [, step [, numPartitions]]), got " +
             std::to_string(r.args.size()),
         r.span);
  ExprContext ctx;
  ctx.clause = "range()";
  std::vector<int64_t> v;
  for (const auto& a : r.args) {
    if (a->kind == ast::ExprKind::NamedArg) fail("range takes positional arguments", a->span);
    ExprPtr b = bindExpr(*a, ctx);
    // Spark casts the arguments to bigint (range(6 + cos(3)) is range(5)).
    if (b->type->isNumeric() && !b->type->isIntegral()) b = castTo(b, DataType::bigint());
    v.push_back(constantInt(b, a->span, "an argument of range()"));
  }
  const int64_t start = v.size() > 1 ? v[0] : 0;
  const int64_t end = v.size() > 1 ? v[1] : v[0];
  const int64_t step = v.size() > 2 ? v[2] : 1;
  if (step == 0) fail("range: the step must not be 0", r.args[2]->span);
  if (v.size() > 3 && v[3] <= 0)
    fail("range: the number of partitions must be positive", r.args[3]->span);
  const __int128 span = static_cast<__int128>(end) - start;
  __int128 count = 0;
  if ((step > 0 && span > 0) || (step < 0 && span < 0))
    count = (span + step + (step > 0 ? -1 : 1)) / step;
  Attribute id{newExprId(), "id", DataType::bigint(), false, ""};
  if (count == 0) {
    auto none = std::make_shared<Scan>(SourceKind::Values, "", "values",
                                       std::map<std::string, std::string>{},
                                       std::vector<Attribute>{id}, false);
    none->span = r.span;
    return applyAlias(none, r);
  }
  const int64_t last = static_cast<int64_t>(start + (count - 1) * static_cast<__int128>(step));
  auto lit = [](int64_t x) { return makeLiteral(Value::integer(x), DataType::bigint()); };
  ExprPtr seq = resolveCall(*FunctionRegistry::builtins().find("sequence"),
                            {lit(start), lit(last), lit(step)}, r.span, "sequence");
  ExprPtr gen =
      resolveCall(*FunctionRegistry::builtins().find("explode"), {seq}, r.span, "explode");
  auto one =
      std::make_shared<Scan>(SourceKind::Values, "", "values", std::map<std::string, std::string>{},
                             std::vector<Attribute>{}, false);
  one->rows.push_back({});
  auto g = std::make_shared<Generate>(gen, false, std::vector<Attribute>{id}, one);
  g->span = r.span;
  return applyAlias(g, r);
}

PlanPtr Binder::Impl::bindValues(const ast::Relation& r) {
  if (r.rows.empty()) fail("VALUES needs at least one row", r.span);
  const size_t width = r.rows[0].size();
  std::vector<std::vector<ExprPtr>> rows;
  ExprContext ctx;
  ctx.clause = "VALUES";
  for (const auto& row : r.rows) {
    if (row.size() != width)
      fail("VALUES rows must all have " + std::to_string(width) + " columns",
           row.empty() ? r.span : row[0]->span);
    std::vector<ExprPtr> bound;
    for (const auto& e : row) {
      auto b = bindExpr(*e, ctx);
      if (!b->foldable()) fail("VALUES entries must be constant expressions", e->span);
      bound.push_back(b);
    }
    rows.push_back(std::move(bound));
  }
  std::vector<Attribute> attrs;
  for (size_t c = 0; c < width; ++c) {
    TypePtr t = rows[0][c]->type;
    for (size_t i = 1; i < rows.size(); ++i) {
      TypePtr w = commonType(t, rows[i][c]->type);
      if (!w)
        fail("VALUES column " + std::to_string(c + 1) + " mixes " + t->toString() + " and " +
                 rows[i][c]->type->toString(),
             rows[i][c]->span);
      t = w;
    }
    bool nullable = false;
    for (auto& row : rows) {
      row[c] = castTo(row[c], t);
      nullable = nullable || row[c]->nullable;
    }
    attrs.push_back(Attribute{newExprId(), "col" + std::to_string(c + 1), t, nullable,
                              r.alias ? r.alias->name : ""});
  }
  auto scan = std::make_shared<Scan>(SourceKind::Values, "", "values",
                                     std::map<std::string, std::string>{}, attrs, false);
  scan->rows = std::move(rows);
  scan->span = r.span;
  ast::Relation rest = r;
  rest.alias.reset();
  if (!r.columnAliases.empty()) {
    if (r.columnAliases.size() != width)
      fail("VALUES alias lists " + std::to_string(r.columnAliases.size()) + " names for " +
               std::to_string(width) + " columns",
           r.span);
    for (size_t c = 0; c < width; ++c) scan->attrs[c].name = r.columnAliases[c].name;
    rest.columnAliases.clear();
  }
  return scan;
}

PlanPtr Binder::Impl::bindJoin(const ast::Relation& r) {
  PlanPtr left = bindRelation(*r.left);
  PlanPtr right = bindRelation(*r.right);
  JoinKind kind = JoinKind::Inner;
  switch (r.joinType) {
    case ast::JoinType::Inner:
      kind = JoinKind::Inner;
      break;
    case ast::JoinType::LeftOuter:
      kind = JoinKind::LeftOuter;
      break;
    case ast::JoinType::RightOuter:
      kind = JoinKind::RightOuter;
      break;
    case ast::JoinType::FullOuter:
      kind = JoinKind::FullOuter;
      break;
    case ast::JoinType::Cross:
      kind = JoinKind::Cross;
      break;
    case ast::JoinType::LeftSemi:
      kind = JoinKind::LeftSemi;
      break;
    case ast::JoinType::LeftAnti:
      kind = JoinKind::LeftAnti;
      break;
  }
  const auto lout = left->output(), rout = right->output();
  std::vector<ast::Ident> usingCols = r.usingColumns;
  if (r.natural) {
    for (const auto& l : lout)
      for (const auto& rr : rout)
        if (equalsIgnoreCase(l.name, rr.name)) {
          bool dup = false;
          for (const auto& u : usingCols) dup = dup || equalsIgnoreCase(u.name, l.name);
          if (!dup) usingCols.push_back(ast::Ident{l.name, r.span});
        }
  }
  if (usingCols.empty()) {
    ExprPtr cond;
    if (r.condition) {
      std::vector<Attribute> both = lout;
      both.insert(both.end(), rout.begin(), rout.end());
      Scope scope(both);
      ExprContext ctx{&scope, false, false, "a join condition"};
      cond = bindExpr(*r.condition, ctx);
      // Only an untyped NULL becomes boolean; Spark refuses `ON l.id` (an int condition).
      if (cond->type->id() == TypeId::Null) cond = castTo(cond, DataType::boolean());
      if (!cond->type->equals(*DataType::boolean()))
        fail("join condition must be boolean, got " + cond->type->toString(), r.condition->span);
    }
    auto j = std::make_shared<Join>(cond || kind != JoinKind::Inner ? kind : JoinKind::Inner, cond,
                                    left, right);
    j->span = r.span;
    return j;
  }
  // USING / NATURAL: equi-join on the named columns, then one copy of each key first.
  Scope ls(lout), rs(rout);
  std::vector<ExprPtr> conds;
  std::vector<std::pair<ExprId, ExprId>> pairs;  // (left key, right key)
  std::set<ExprId> lkeys, rkeys;
  for (const auto& c : usingCols) {
    std::vector<std::string> amb;
    Resolved lr = ls.resolve({c.name}, amb);
    if (!amb.empty())
      fail("USING column '" + c.name + "' is ambiguous on the left side of the join", c.span);
    if (!lr.attr)
      fail("USING column '" + c.name + "' cannot be resolved on the left side of the join " +
               ls.describe(),
           c.span);
    Resolved rr = rs.resolve({c.name}, amb);
    if (!amb.empty())
      fail("USING column '" + c.name + "' is ambiguous on the right side of the join", c.span);
    if (!rr.attr)
      fail("USING column '" + c.name + "' cannot be resolved on the right side of the join " +
               rs.describe(),
           c.span);
    conds.push_back(op("=", {makeColumnRef(*lr.attr), makeColumnRef(*rr.attr)}, c.span));
    lkeys.insert(lr.attr->id);
    rkeys.insert(rr.attr->id);
    pairs.emplace_back(lr.attr->id, rr.attr->id);
  }
  auto join = std::make_shared<Join>(kind, joinConjuncts(conds), left, right);
  join->span = r.span;
  // Keys as the join outputs them (an outer join makes a side's keys nullable).
  const auto out = join->output();
  auto ref = [&](ExprId id) {
    for (const auto& a : out)
      if (a.id == id) return makeColumnRef(a);
    return ExprPtr{};
  };
  std::vector<ExprPtr> list, hidden;
  // The merged key is the side whose value it always is (coalesce of both for FULL); the
  // other side's key stays reachable as a hidden column, as Spark keeps it.
  auto hide = [&](const ExprPtr& k) {
    if (k) hidden.push_back(makeColumnRef(hiddenAttr(k->attr)));
  };
  for (size_t i = 0; i < pairs.size(); ++i) {
    ExprPtr l = ref(pairs[i].first), rt = ref(pairs[i].second);
    if (kind == JoinKind::RightOuter) {
      list.push_back(rt);
      hide(l);
    } else if (kind == JoinKind::FullOuter) {
      list.push_back(makeAlias(op("coalesce", {l, rt}, usingCols[i].span), l->attr.name));
      hide(l);
      hide(rt);
    } else {
      list.push_back(l);
      hide(rt);  // none for semi / anti joins: their output is the left side
    }
  }
  for (const auto& a : out) {
    if (lkeys.count(a.id) || rkeys.count(a.id)) continue;
    list.push_back(makeColumnRef(a));
  }
  list.insert(list.end(), hidden.begin(), hidden.end());
  return std::make_shared<Project>(std::move(list), join);
}

PlanPtr Binder::Impl::bindLateralView(const ast::Relation& r) {
  PlanPtr child = bindRelation(*r.left);
  Scope scope(child->output());
  ExprContext ctx{&scope, false, true, "LATERAL VIEW"};
  std::vector<StructField> outs;
  ExprPtr gen = bindGenerator(*r.generator, ctx, outs);
  if (!r.columnAliases.empty() && r.columnAliases.size() != outs.size())
    fail("LATERAL VIEW " + gen->fn->name + " produces " + std::to_string(outs.size()) +
             " columns but " + std::to_string(r.columnAliases.size()) + " names were given",
         r.span);
  std::vector<Attribute> attrs;
  for (size_t i = 0; i < outs.size(); ++i)
    attrs.push_back(Attribute{newExprId(),
                              r.columnAliases.empty() ? outs[i].name : r.columnAliases[i].name,
                              outs[i].type, true, r.alias ? r.alias->name : ""});
  auto g = std::make_shared<Generate>(gen, r.outer || isOuterGenerator(*gen->fn), attrs, child);
  g->span = r.span;
  return g;
}

PlanPtr Binder::Impl::bindWatermark(const ast::Relation& r) {
  PlanPtr child = bindRelation(*r.left);
  Scope scope(child->output());
  ExprContext ctx{&scope, false, false, "WATERMARK"};
  ExprPtr col = bindExpr(*r.eventTime, ctx);
  if (col->kind != ExprKind::ColumnRef)
    fail("WATERMARK needs a column of the relation, got " + col->toString(), r.eventTime->span);
  if (col->type->id() != TypeId::Timestamp)
    fail("WATERMARK column '" + col->attr.name + "' must be a timestamp, got " +
             col->type->toString(),
         r.eventTime->span);
  Interval delay;
  if (r.delay->kind == ast::ExprKind::Literal && r.delay->literalKind == ast::LiteralKind::Interval)
    delay = parseInterval(*r.delay);
  else if (r.delay->kind == ast::ExprKind::Literal &&
           r.delay->literalKind == ast::LiteralKind::String)
    delay = parseIntervalText(r.delay->text, r.delay->span);
  else
    fail("WATERMARK delay must be an interval such as INTERVAL 10 MINUTES", r.delay->span);
  if (delay.months != 0) fail("WATERMARK delay cannot use months or years", r.delay->span);
  if (delay.micros < 0 || delay.days < 0)
    fail("WATERMARK delay must not be negative", r.delay->span);
  // As in Spark, a watermark on a batch relation is accepted and does nothing.
  if (!child->isStreaming()) {
    ast::Relation rest = r;
    rest.columnAliases.clear();
    return applyAlias(child, rest);
  }
  auto w = std::make_shared<Watermark>(col->attr, delay, child);
  w->span = r.span;
  ast::Relation rest = r;
  rest.columnAliases.clear();
  return applyAlias(w, rest);
}

PlanPtr Binder::Impl::bindRelation(const ast::Relation& r) {
  switch (r.kind) {
    case ast::RelationKind::Table:
      return bindTableRef(r);
    case ast::RelationKind::TableFunction:
      return bindTableFunction(r);
    case ast::RelationKind::Subquery: {
      if (r.stream) fail("STREAM cannot be applied to a subquery", r.span);
      PlanPtr plan = bindQuery(*r.query);
      return applyAlias(plan, r);
    }
    case ast::RelationKind::Values:
      return bindValues(r);
    case ast::RelationKind::Join:
      return bindJoin(r);
    case ast::RelationKind::LateralView:
      return bindLateralView(r);
    case ast::RelationKind::Watermark:
      return bindWatermark(r);
  }
  fail("unsupported relation", r.span);
}

}  // namespace sluice
