// The indented tree dump of statements (see ast_printer.h). One node per line, two spaces per
// level, expressions as SQL; tests compare it verbatim, so keep it stable.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "frontend/ast_printer.h"

namespace sluice {
namespace {

using ast::Relation;
using ast::RelationKind;

std::string identList(const std::vector<ast::Ident>& ids) {
  return absl::StrJoin(
      ids, ", ", [](std::string* out, const ast::Ident& i) { out->append(quoteIdent(i.name)); });
}

std::string nameText(const ast::QualifiedName& q) {
  return absl::StrJoin(
      q.parts, ".", [](std::string* out, const ast::Ident& i) { out->append(quoteIdent(i.name)); });
}

std::string exprList(const std::vector<ast::ExprPtr>& es) {
  return absl::StrJoin(es, ", ",
                       [](std::string* out, const ast::ExprPtr& e) { out->append(toSql(*e)); });
}

const char* joinTypeName(ast::JoinType t) {
  switch (t) {
    case ast::JoinType::Inner:
      return "Inner";
    case ast::JoinType::LeftOuter:
      return "LeftOuter";
    case ast::JoinType::RightOuter:
      return "RightOuter";
    case ast::JoinType::FullOuter:
      return "FullOuter";
    case ast::JoinType::Cross:
      return "Cross";
    case ast::JoinType::LeftSemi:
      return "LeftSemi";
    case ast::JoinType::LeftAnti:
      return "LeftAnti";
  }
  return "?";
}

const char* setOpName(ast::SetOpKind k) {
  switch (k) {
    case ast::SetOpKind::UnionAll:
      return "UnionAll";
    case ast::SetOpKind::UnionDistinct:
      return "UnionDistinct";
    case ast::SetOpKind::Except:
      return "Except";
    case ast::SetOpKind::Intersect:
      return "Intersect";
    case ast::SetOpKind::ExceptAll:
      return "ExceptAll";
    case ast::SetOpKind::IntersectAll:
      return "IntersectAll";
  }
  return "?";
}

const char* explainModeName(ast::ExplainMode m) {
  switch (m) {
    case ast::ExplainMode::Simple:
      return "Simple";
    case ast::ExplainMode::Extended:
      return "Extended";
    case ast::ExplainMode::Codegen:
      return "Codegen";
    case ast::ExplainMode::Formatted:
      return "Formatted";
    case ast::ExplainMode::Asm:
      return "Asm";
  }
  return "?";
}

std::string aliasText(const Relation& r) {
  std::string out;
  if (r.alias) out = " AS " + quoteIdent(r.alias->name);
  if (!r.columnAliases.empty()) out += "(" + identList(r.columnAliases) + ")";
  return out;
}

std::string columnDefText(const ast::ColumnDef& c) {
  std::string out = quoteIdent(c.name.name) + " " + toSql(c.type);
  if (c.notNull) out += " NOT NULL";
  if (c.comment) {
    ast::Expr lit(ast::ExprKind::Literal);
    lit.literalKind = ast::LiteralKind::String;
    lit.text = *c.comment;
    out += " COMMENT " + toSql(lit);
  }
  return out;
}

class Dumper {
 public:
  std::string out;

  void line(int indent, const std::string& text) {
    out.append(static_cast<size_t>(indent) * 2, ' ');
    out += text;
    out += '\n';
  }

  void statement(const ast::Statement& s, int in) {
    using K = ast::StatementKind;
    auto flags = [&](std::string head) {
      if (s.orReplace) head += " orReplace";
      if (s.temporary) head += " temporary";
      if (s.ifNotExists) head += " ifNotExists";
      if (s.ifExists) head += " ifExists";
      if (s.overwrite) head += " overwrite";
      return head;
    };
    switch (s.kind) {
      case K::Query:
        query(*s.query, in, "");
        return;
      case K::CreateView: {
        std::string head = flags("CreateView " + nameText(s.name));
        if (!s.viewColumns.empty()) head += " (" + identList(s.viewColumns) + ")";
        line(in, head);
        query(*s.query, in + 1, "");
        return;
      }
      case K::CreateTable: {
        std::string head = flags("CreateTable " + nameText(s.name));
        if (s.usingFormat) head += " using=" + s.usingFormat->name;
        line(in, head);
        for (const auto& c : s.columns) line(in + 1, "column: " + columnDefText(c));
        options(s, in + 1);
        if (!s.partitionBy.empty()) line(in + 1, "partitionBy: " + identList(s.partitionBy));
        if (s.query) query(*s.query, in + 1, "as: ");
        return;
      }
      case K::Drop:
        line(in, flags(absl::StrCat("Drop ", s.isView ? "VIEW " : "TABLE ", nameText(s.name))));
        return;
      case K::Insert:
        line(in, flags("Insert " + nameText(s.name)));
        query(*s.query, in + 1, "");
        return;
      case K::Set:
        if (s.setKey.empty()) {
          line(in, "Set");
        } else if (!s.setHasValue) {
          line(in, "Set " + s.setKey);
        } else {
          line(in, "Set " + s.setKey + " = " + s.setValue);
        }
        return;
      case K::Explain:
        line(in, absl::StrCat("Explain ", explainModeName(s.explainMode)));
        statement(*s.explained, in + 1);
        return;
      case K::CreateStreamingQuery:
        line(in, flags(absl::StrCat("CreateStreamingQuery ", quoteIdent(s.queryName.name),
                                    " into=", nameText(s.name))));
        options(s, in + 1);
        query(*s.query, in + 1, "");
        return;
      case K::Show: {
        static const char* const kinds[] = {"TABLES", "VIEWS", "FUNCTIONS", "COLUMNS",
                                            "CREATE TABLE"};
        std::string head = absl::StrCat("Show ", kinds[static_cast<int>(s.showKind)]);
        if (!s.name.parts.empty()) head += " " + nameText(s.name);
        if (s.database) head += " in=" + s.database->name;
        if (s.pattern) head += " like=" + quoteString(*s.pattern);
        line(in, head);
        return;
      }
      case K::Describe:
        if (s.describeKind == ast::DescribeKind::Query) {
          line(in, "Describe QUERY");
          query(*s.query, in + 1, "");
        } else {
          line(in, absl::StrCat("Describe ",
                                s.describeKind == ast::DescribeKind::Function ? "FUNCTION " : "",
                                s.extended ? "EXTENDED " : "", nameText(s.name),
                                s.column ? " " + s.column->name : ""));
        }
        return;
    }
  }

  void options(const ast::Statement& s, int in) {
    for (const auto& o : s.options) line(in, "option: " + o.key + " = " + o.value);
  }

  void query(const ast::Query& q, int in, const std::string& prefix) {
    line(in, prefix + "Query");
    for (const auto& c : q.ctes) {
      std::string head = "with: " + quoteIdent(c.name.name);
      if (!c.columns.empty()) head += "(" + identList(c.columns) + ")";
      line(in + 1, head);
      query(*c.query, in + 2, "");
    }
    body(*q.body, in + 1);
    for (const auto& o : q.orderBy) {
      std::string item = "orderBy: " + toSql(*o.expr) + (o.ascending ? " ASC" : " DESC");
      if (o.nullsFirst) item += *o.nullsFirst ? " NULLS FIRST" : " NULLS LAST";
      line(in + 1, item);
    }
    if (q.limit) line(in + 1, "limit: " + toSql(*q.limit));
  }

  void body(const ast::QueryBody& b, int in) {
    switch (b.kind) {
      case ast::QueryBodyKind::Select:
        select(*b.select, in);
        return;
      case ast::QueryBodyKind::SetOp:
        line(in, setOpName(b.setOp));
        body(*b.left, in + 1);
        body(*b.right, in + 1);
        return;
      case ast::QueryBodyKind::Nested:
        line(in, "Nested");
        query(*b.nested, in + 1, "");
        return;
      case ast::QueryBodyKind::Values:
        relation(*b.values, in, "");
        return;
    }
  }

  void select(const ast::SelectCore& c, int in) {
    line(in, absl::StrCat("Select distinct=", c.distinct ? "true" : "false"));
    for (const auto& item : c.items) {
      std::string text = "item: " + toSql(*item.expr);
      if (item.alias) text += " AS " + quoteIdent(item.alias->name);
      if (!item.aliases.empty()) text += " AS (" + identList(item.aliases) + ")";
      line(in + 1, text);
    }
    if (c.from) relation(*c.from, in + 1, "from: ");
    if (c.where) line(in + 1, "where: " + toSql(*c.where));
    if (c.groupByAll) line(in + 1, "groupBy: ALL");
    for (const auto& g : c.groupBy) line(in + 1, "groupBy: " + toSql(*g));
    if (c.having) line(in + 1, "having: " + toSql(*c.having));
  }

  void relation(const Relation& r, int in, const std::string& prefix) {
    const std::string stream = r.stream ? "STREAM " : "";
    switch (r.kind) {
      case RelationKind::Table:
        line(in, prefix + "Table " + stream + nameText(r.name) + aliasText(r));
        return;
      case RelationKind::TableFunction:
        line(in, prefix + "TableFunction " + stream + nameText(r.name) + "(" + exprList(r.args) +
                     ")" + aliasText(r));
        return;
      case RelationKind::Subquery:
        line(in, prefix + "Subquery" + aliasText(r));
        query(*r.query, in + 1, "");
        return;
      case RelationKind::Values:
        line(in, prefix + "Values" + aliasText(r));
        for (const auto& row : r.rows) line(in + 1, "row: " + exprList(row));
        return;
      case RelationKind::Join:
        line(in, absl::StrCat(prefix, "Join ", joinTypeName(r.joinType),
                              r.natural ? " natural" : "", aliasText(r)));
        relation(*r.left, in + 1, "");
        relation(*r.right, in + 1, "");
        if (r.condition) line(in + 1, "on: " + toSql(*r.condition));
        if (!r.usingColumns.empty()) line(in + 1, "using: " + identList(r.usingColumns));
        return;
      case RelationKind::LateralView: {
        std::string head =
            prefix + "LateralView " + (r.outer ? "OUTER " : "") + toSql(*r.generator);
        if (r.alias) head += " " + quoteIdent(r.alias->name);
        if (!r.columnAliases.empty()) head += " AS " + identList(r.columnAliases);
        line(in, head);
        relation(*r.left, in + 1, "");
        return;
      }
      case RelationKind::Watermark:
        line(in, prefix + "Watermark " + toSql(*r.eventTime) + " DELAY OF " + toSql(*r.delay) +
                     aliasText(r));
        relation(*r.left, in + 1, "");
        return;
    }
  }
};

}  // namespace

std::string dump(const ast::Statement& s) {
  Dumper d;
  d.statement(s, 0);
  return d.out;
}

}  // namespace sluice
