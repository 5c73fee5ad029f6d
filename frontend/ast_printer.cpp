// SQL text of expressions and types (see ast_printer.h). Output must lex and parse back to
// the same tree, so identifiers and strings are quoted whenever needed.
#include "frontend/ast_printer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "frontend/parser_impl.h"

namespace sluice {

std::string quoteString(const std::string& s) {
  std::string out = "'";
  for (const char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789ABCDEF";
          const auto u = static_cast<unsigned char>(c);
          out += {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 15]};
        } else {
          out += c;
        }
    }
  }
  return out + "'";
}

namespace {

using ast::Expr;
using ast::ExprKind;

const char* binaryOpText(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Add:
      return "+";
    case ast::BinaryOp::Sub:
      return "-";
    case ast::BinaryOp::Mul:
      return "*";
    case ast::BinaryOp::Div:
      return "/";
    case ast::BinaryOp::Mod:
      return "%";
    case ast::BinaryOp::IntDiv:
      return "DIV";
    case ast::BinaryOp::Eq:
      return "=";
    case ast::BinaryOp::NullSafeEq:
      return "<=>";
    case ast::BinaryOp::Neq:
      return "<>";
    case ast::BinaryOp::Lt:
      return "<";
    case ast::BinaryOp::Le:
      return "<=";
    case ast::BinaryOp::Gt:
      return ">";
    case ast::BinaryOp::Ge:
      return ">=";
    case ast::BinaryOp::And:
      return "AND";
    case ast::BinaryOp::Or:
      return "OR";
    case ast::BinaryOp::Concat:
      return "||";
    case ast::BinaryOp::BitAnd:
      return "&";
    case ast::BinaryOp::BitOr:
      return "|";
    case ast::BinaryOp::BitXor:
      return "^";
  }
  return "?";
}

// A plain (optionally signed) decimal number can be written unquoted in an interval.
bool isPlainNumber(const std::string& v) {
  size_t i = v.starts_with('-') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < v.size(); ++i) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(v[i]))) {
      digits = true;
    } else if (v[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

std::string literalSql(const Expr& e) {
  switch (e.literalKind) {
    case ast::LiteralKind::Null:
      return "NULL";
    case ast::LiteralKind::Boolean:
      return asciiUpper(e.text);
    case ast::LiteralKind::Integer:
    case ast::LiteralKind::Decimal:
      return e.text + e.suffix;
    case ast::LiteralKind::String:
      return quoteString(e.text);
    case ast::LiteralKind::Binary:
      return "X'" + e.text + "'";
    case ast::LiteralKind::Date:
      return "DATE " + quoteString(e.text);
    case ast::LiteralKind::Timestamp:
      return (e.suffix.empty() ? "TIMESTAMP " : "TIMESTAMP_" + asciiUpper(e.suffix) + " ") +
             quoteString(e.text);
    case ast::LiteralKind::Interval: {
      std::string out = "INTERVAL";
      for (const auto& p : e.intervalParts) {
        out += ' ';
        out += (p.unit.empty() || !isPlainNumber(p.value)) ? quoteString(p.value) : p.value;
        if (!p.unit.empty()) out += ' ' + asciiUpper(p.unit);
      }
      return out;
    }
  }
  return "?";
}

std::string nameSql(const ast::QualifiedName& q) {
  return absl::StrJoin(
      q.parts, ".", [](std::string* out, const ast::Ident& i) { out->append(quoteIdent(i.name)); });
}

std::string argsSql(const std::vector<ast::ExprPtr>& args, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < args.size(); ++i) {
    if (i > from) out += ", ";
    out += toSql(*args[i]);
  }
  return out;
}

}  // namespace

std::string quoteIdent(const std::string& name) {
  bool plain =
      !name.empty() && (absl::ascii_isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (const char c : name) {
    plain = plain && (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_');
  }
  if (plain && !detail::isReservedWord(name)) return name;
  std::string out = "`";
  for (const char c : name) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}

namespace {

// The parameters of the lambda functions being printed, innermost last.
std::vector<const std::vector<ast::Ident>*>& lambdaScopes() {
  thread_local std::vector<const std::vector<ast::Ident>*> scopes;
  return scopes;
}

bool isLambdaParam(const ast::QualifiedName& n) {
  if (n.parts.empty()) return false;
  for (const auto* params : lambdaScopes())
    for (const auto& p : *params)
      if (equalsIgnoreCase(p.name, n.parts[0].name)) return true;
  return false;
}

}  // namespace

namespace {

std::string boundSql(const ast::FrameBound& b) {
  switch (b.kind) {
    case ast::FrameBoundKind::UnboundedPreceding:
      return "UNBOUNDED PRECEDING";
    case ast::FrameBoundKind::UnboundedFollowing:
      return "UNBOUNDED FOLLOWING";
    case ast::FrameBoundKind::CurrentRow:
      return "CURRENT ROW";
    case ast::FrameBoundKind::Preceding:
      return toSql(*b.offset) + " PRECEDING";
    case ast::FrameBoundKind::Following:
      return toSql(*b.offset) + " FOLLOWING";
  }
  return "";
}

}  // namespace

std::string windowSql(const ast::WindowSpec& w) {
  if (w.name) return quoteIdent(w.name->name);
  std::vector<std::string> parts;
  if (!w.partitionBy.empty()) {
    std::vector<std::string> keys;
    for (const auto& k : w.partitionBy) keys.push_back(toSql(*k));
    parts.push_back("PARTITION BY " + absl::StrJoin(keys, ", "));
  }
  if (!w.orderBy.empty()) {
    std::vector<std::string> keys;
    for (const auto& o : w.orderBy)
      keys.push_back(toSql(*o.expr) + (o.ascending ? " ASC" : " DESC") +
                     (o.nullsFirst ? (*o.nullsFirst ? " NULLS FIRST" : " NULLS LAST") : ""));
    parts.push_back("ORDER BY " + absl::StrJoin(keys, ", "));
  }
  if (w.frame)
    parts.push_back(absl::StrCat(w.frame->rows ? "ROWS" : "RANGE", " BETWEEN ",
                                 boundSql(w.frame->lower), " AND ", boundSql(w.frame->upper)));
  return "(" + absl::StrJoin(parts, " ") + ")";
}

std::string toSql(const ast::Expr& e) {
  const auto& a = e.args;
  const char* nt = e.negated ? "NOT " : "";
  switch (e.kind) {
    case ExprKind::Literal:
      return literalSql(e);
    case ExprKind::Column:
      if (isLambdaParam(e.name)) {
        std::string out = "namedlambdavariable()";
        for (size_t i = 1; i < e.name.parts.size(); ++i)
          out += "." + quoteIdent(e.name.parts[i].name);
        return out;
      }
      return nameSql(e.name);
    case ExprKind::Star:
      return e.name.parts.empty() ? "*" : nameSql(e.name) + ".*";
    case ExprKind::Unary: {
      const std::string x = toSql(*a[0]);
      switch (e.unaryOp) {
        case ast::UnaryOp::Neg:
          return x.starts_with('-') ? "(- " + x + ")" : "(-" + x + ")";
        case ast::UnaryOp::Plus:
          return "(+" + x + ")";
        case ast::UnaryOp::Not:
          return "(NOT " + x + ")";
        case ast::UnaryOp::BitNot:
          return "(~" + x + ")";
      }
      return x;
    }
    case ExprKind::Binary:
      return absl::StrCat("(", toSql(*a[0]), " ", binaryOpText(e.binaryOp), " ", toSql(*a[1]), ")");
    case ExprKind::Call:
      // LEFT/RIGHT are reserved but callable unquoted: left('abc', 2).
      return absl::StrCat(
          e.name.parts.size() == 1 && (equalsIgnoreCase(e.name.parts[0].name, "left") ||
                                       equalsIgnoreCase(e.name.parts[0].name, "right"))
              ? e.name.parts[0].name
              : nameSql(e.name),
          "(", e.distinct ? "DISTINCT " : "", e.starArg ? "*" : argsSql(a), ")",
          e.filter ? " FILTER (WHERE " + toSql(*e.filter) + ")" : "",
          e.ignoreNulls ? (*e.ignoreNulls ? " IGNORE NULLS" : " RESPECT NULLS") : "",
          e.over ? " OVER " + windowSql(*e.over) : "");
    case ExprKind::Case: {
      std::string out = "CASE";
      if (!a.empty()) out += " " + toSql(*a[0]);
      for (const auto& w : e.whens) {
        absl::StrAppend(&out, " WHEN ", toSql(*w.when), " THEN ", toSql(*w.then));
      }
      if (e.elseExpr) absl::StrAppend(&out, " ELSE ", toSql(*e.elseExpr));
      return out + " END";
    }
    case ExprKind::Cast:
      return absl::StrCat(e.tryCast ? "TRY_CAST(" : "CAST(", toSql(*a[0]), " AS ",
                          sparkTypeSql(e.castType), ")");
    case ExprKind::In:
      if (e.query) {
        // Spark's InSubquery.sql: `(a, b) IN (listquery())`.
        const std::string values = a.size() == 1 ? toSql(*a[0]) : "(" + argsSql(a, 0) + ")";
        return absl::StrCat("(", values, " ", nt, "IN (listquery()))");
      }
      return absl::StrCat("(", toSql(*a[0]), " ", nt, "IN (", argsSql(a, 1), "))");
    case ExprKind::ScalarSubquery:
      return "scalarsubquery()";
    case ExprKind::Exists:
      return "exists()";
    case ExprKind::Between:
      return absl::StrCat("(", toSql(*a[0]), " ", nt, "BETWEEN ", toSql(*a[1]), " AND ",
                          toSql(*a[2]), ")");
    case ExprKind::Like: {
      const char* op = e.likeKind == ast::LikeKind::Like    ? "LIKE"
                       : e.likeKind == ast::LikeKind::ILike ? "ILIKE"
                                                            : "RLIKE";
      std::string out = absl::StrCat("(", toSql(*a[0]), " ", nt, op, " ", toSql(*a[1]));
      if (a.size() > 2) absl::StrAppend(&out, " ESCAPE ", toSql(*a[2]));
      return out + ")";
    }
    case ExprKind::IsNull:
      return absl::StrCat("(", toSql(*a[0]), " IS ", nt, "NULL)");
    case ExprKind::IsBool:
      return absl::StrCat("(", toSql(*a[0]), " IS ", nt, e.boolValue ? "TRUE)" : "FALSE)");
    case ExprKind::Subscript:
      return absl::StrCat(toSql(*a[0]), "[", toSql(*a[1]), "]");
    case ExprKind::Field: {
      // `(a).b` stays a Field; without parentheses it would read back as the column a.b.
      const bool wrap = a[0]->kind == ExprKind::Column;
      return absl::StrCat(wrap ? "(" : "", toSql(*a[0]), wrap ? ")." : ".", quoteIdent(e.text));
    }
    case ExprKind::NamedArg:
      return absl::StrCat(quoteIdent(e.text), " => ", toSql(*a[0]));
    case ExprKind::Lambda: {
      // Spark's LambdaFunction.sql, which column names show: the parameters read
      // `namedlambdavariable()`, in the body too.
      lambdaScopes().push_back(&e.lambdaParams);
      std::string out = "lambdafunction(" + toSql(*a[0]);
      lambdaScopes().pop_back();
      for (size_t i = 0; i < e.lambdaParams.size(); ++i) out += ", namedlambdavariable()";
      return out + ")";
    }
  }
  return "?";
}

std::string toSql(const ast::TypeSpec& t) {
  if (t.name == "array" && t.children.size() == 1) return "array<" + toSql(t.children[0]) + ">";
  if (t.name == "map" && t.children.size() == 2) {
    return "map<" + toSql(t.children[0]) + "," + toSql(t.children[1]) + ">";
  }
  if (t.name == "struct") {
    std::string out = "struct<";
    for (size_t i = 0; i < t.fields.size(); ++i) {
      const auto& f = t.fields[i];
      if (i > 0) out += ",";
      absl::StrAppend(&out, quoteIdent(f.name.name), ":", toSql(f.type));
      if (f.notNull) out += " NOT NULL";
      if (f.comment) absl::StrAppend(&out, " COMMENT ", quoteString(*f.comment));
    }
    return out + ">";
  }
  if (t.params.empty()) return t.name;
  return t.name + "(" + absl::StrJoin(t.params, ",") + ")";
}

std::string sparkTypeSql(const ast::TypeSpec& t) {
  if (t.name == "array" && t.children.size() == 1)
    return "ARRAY<" + sparkTypeSql(t.children[0]) + ">";
  if (t.name == "map" && t.children.size() == 2)
    return "MAP<" + sparkTypeSql(t.children[0]) + ", " + sparkTypeSql(t.children[1]) + ">";
  if (t.name == "struct") {
    std::string out = "STRUCT<";
    for (size_t i = 0; i < t.fields.size(); ++i) {
      const auto& f = t.fields[i];
      if (i > 0) out += ", ";
      absl::StrAppend(&out, quoteIdent(f.name.name), ": ", sparkTypeSql(f.type));
      if (f.notNull) out += " NOT NULL";
      if (f.comment) absl::StrAppend(&out, " COMMENT ", quoteString(*f.comment));
    }
    return out + ">";
  }
  if (t.params.empty()) return asciiUpper(t.name);
  return asciiUpper(t.name) + "(" + absl::StrJoin(t.params, ",") + ")";
}

}  // namespace sluice
