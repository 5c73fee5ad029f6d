#pragma once
// The abstract syntax tree of the sluice dialect (Spark SQL + streaming statements).
// The AST is purely syntactic: names are unresolved, literals keep their source text and
// types are `TypeSpec`s. The planner's binder gives it meaning. Every node has a SourceSpan.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "frontend/source.h"

namespace sluice::ast {

struct Expr;
struct Relation;
struct Query;
struct Statement;
using ExprPtr = std::shared_ptr<Expr>;
using RelationPtr = std::shared_ptr<Relation>;
using QueryPtr = std::shared_ptr<Query>;
using StatementPtr = std::shared_ptr<Statement>;

/// An identifier as written, with its span. Unquoted identifiers keep their case; name
/// resolution is case-insensitive (spark.sql.caseSensitive=false).
struct Ident {
  std::string name;  ///< without backquotes
  SourceSpan span;   ///< where it was written
};

/// A dotted name `a.b.c` (table names, column references before resolution).
struct QualifiedName {
  std::vector<Ident> parts;      ///< at least one part
  SourceSpan span;               ///< covers all parts
  std::string toString() const;  ///< parts joined by '.'
};

// ---------------------------------------------------------------- types

/// A type as written: `int`, `decimal(10,2)`, `array<string>`, `map<string,int>`,
/// `struct<a: int, b: string>`. Names are lower-cased; aliases (`integer`, `long`) are kept
/// for the planner to map.
struct TypeSpec {
  struct Field;
  std::string name;                ///< lower-case base name
  std::vector<int64_t> params;     ///< decimal(p,s), varchar(n), char(n)
  std::vector<TypeSpec> children;  ///< array: [elem]; map: [key, value]
  std::vector<Field> fields;       ///< struct fields, in order
  SourceSpan span;                 ///< where it was written
};

/// A named field of a struct type or a column of a schema.
struct TypeSpec::Field {
  Ident name;                          ///< field name
  TypeSpec type;                       ///< field type
  bool notNull = false;                ///< `NOT NULL` was written
  std::optional<std::string> comment;  ///< `COMMENT '...'`
};

using ColumnDef = TypeSpec::Field;

// ---------------------------------------------------------------- expressions

enum class ExprKind {
  Literal,    ///< literal (see LiteralKind)
  Column,     ///< a possibly qualified name: `a`, `t.a`, `s.field.sub`
  Star,       ///< `*`, `t.*`, `struct_col.*` (qualifier in `name`)
  Unary,      ///< `-x`, `+x`, `NOT x`, `~x`
  Binary,     ///< arithmetic, comparison, AND/OR, `||`, bitwise
  Call,       ///< function call, incl. aggregates, `count(*)`, `count(DISTINCT x)`
  Case,       ///< CASE [operand] WHEN .. THEN .. [ELSE ..] END
  Cast,       ///< CAST(x AS t), x::t, TRY_CAST
  In,         ///< x [NOT] IN (a, b, ...)
  Between,    ///< x [NOT] BETWEEN lo AND hi
  Like,       ///< x [NOT] LIKE / RLIKE / ILIKE pattern [ESCAPE 'c']
  IsNull,     ///< x IS [NOT] NULL
  IsBool,     ///< x IS [NOT] TRUE / FALSE
  Subscript,  ///< base[index]  (array index, map key)
  Field,      ///< base.name where base is not a plain name (e.g. `f(x).a`, `(s).a`, `a[0].b`)
  NamedArg,   ///< name => value (table-valued function arguments)
  Lambda,     ///< `x -> body` / `(x, y) -> body` (arguments of higher-order functions)
  ScalarSubquery,  ///< `(SELECT ...)` used as a value (`query`)
  Exists,          ///< `EXISTS (SELECT ...)` (`query`; NOT EXISTS is a Unary Not over it)
};

enum class LiteralKind {
  Null,       ///< NULL
  Boolean,    ///< TRUE / FALSE (text is "true"/"false")
  Integer,    ///< digits, optional suffix Y/S/L in `suffix`
  Decimal,    ///< digits with '.', or exponent; suffix D/F/BD in `suffix`
  String,     ///< '...' or "..." (text is the unescaped value; adjacent strings concatenated)
  Binary,     ///< X'0A1B' (text is the hex digits)
  Date,       ///< DATE '2020-01-01' (text is the string)
  Timestamp,  ///< TIMESTAMP '2020-01-01 00:00:00' (text is the string)
  Interval,   ///< INTERVAL ... (see `intervalParts`)
};

enum class UnaryOp { Neg, Plus, Not, BitNot };

enum class BinaryOp {
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  IntDiv,  // + - * / % DIV
  Eq,
  NullSafeEq,
  Neq,
  Lt,
  Le,
  Gt,
  Ge,  // = (also ==) <=> (<> !=) < <= > >=
  And,
  Or,
  Concat,  // ||
  BitAnd,
  BitOr,
  BitXor,  // & | ^
};

enum class LikeKind { Like, ILike, RLike };  // RLIKE and REGEXP are the same

/// One `<value> <unit>` part of an INTERVAL literal: `INTERVAL 10 MINUTES` -> {"10", "minutes"},
/// `INTERVAL '1' HOUR` -> {"1", "hour"}, `INTERVAL '1 hour 30 minutes'` -> {"1 hour 30 minutes",
/// ""}.
struct IntervalPart {
  std::string value;  ///< number or string content (sign included)
  std::string unit;   ///< lower-case unit as written (plural allowed) or "" when in the string
};

/// One end of a window frame: `UNBOUNDED PRECEDING`, `n PRECEDING`, `CURRENT ROW`,
/// `n FOLLOWING`, `UNBOUNDED FOLLOWING`.
enum class FrameBoundKind { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing };

struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::CurrentRow;
  ExprPtr offset;  ///< Preceding / Following: the offset expression (a number or an interval)
  SourceSpan span;
};

/// `ROWS | RANGE BETWEEN lower AND upper` (or `ROWS lower`, meaning `BETWEEN lower AND
/// CURRENT ROW`).
struct WindowFrame {
  bool rows = true;  ///< ROWS (else RANGE)
  FrameBound lower, upper;
  SourceSpan span;
};

struct OrderItem {
  ExprPtr expr;
  bool ascending = true;
  std::optional<bool> nullsFirst;  ///< unset: Spark default (first for ASC, last for DESC)
};

/// A window specification: `(PARTITION BY ... ORDER BY ... frame)` or the name of a window
/// of the query's WINDOW clause (`OVER w`).
struct WindowSpec {
  std::optional<Ident> name;  ///< `OVER w` / `WINDOW w2 AS w1`: refers to a named window
  std::vector<ExprPtr> partitionBy;
  std::vector<OrderItem> orderBy;
  std::optional<WindowFrame> frame;
  SourceSpan span;
};

struct WhenClause {
  ExprPtr when;  ///< condition (or value to compare with the CASE operand)
  ExprPtr then;  ///< result
};

/// An expression node. Fields are used according to `kind`; unused ones stay empty.
struct Expr {
  ExprKind kind;
  SourceSpan span;

  // Literal
  LiteralKind literalKind = LiteralKind::Null;
  std::string text;    ///< literal text (see LiteralKind); Field/NamedArg: the name
  std::string suffix;  ///< numeric literal suffix, upper-case ("L", "D", "BD", ...)
  std::vector<IntervalPart> intervalParts;

  // Column / Star (qualifier) / Call (function name)
  QualifiedName name;

  UnaryOp unaryOp = UnaryOp::Neg;
  BinaryOp binaryOp = BinaryOp::Add;
  LikeKind likeKind = LikeKind::Like;

  /// Operands. Unary: [x]; Binary: [l, r]; Call: arguments; Cast: [x]; In: [x, items...];
  /// Between: [x, lo, hi]; Like: [x, pattern] (+ [escape] when ESCAPE given); IsNull/IsBool: [x];
  /// Subscript: [base, index]; Field: [base]; NamedArg: [value]; Case: [operand] or empty;
  /// Lambda: [body].
  std::vector<ExprPtr> args;

  std::vector<WhenClause> whens;  ///< Case
  ExprPtr elseExpr;               ///< Case ELSE, may be null

  TypeSpec castType;     ///< Cast target
  bool tryCast = false;  ///< TRY_CAST

  bool negated = false;    ///< NOT IN / NOT BETWEEN / NOT LIKE / IS NOT NULL / IS NOT TRUE
  bool boolValue = false;  ///< IsBool: TRUE or FALSE
  bool distinct = false;   ///< Call: f(DISTINCT ...)
  bool starArg = false;    ///< Call: count(*)
  ExprPtr filter;          ///< Call: `agg(...) FILTER (WHERE filter)`, may be null

  std::vector<Ident> lambdaParams;  ///< Lambda: parameter names (args[0] is the body)

  /// ScalarSubquery / Exists: the subquery; In: `x [NOT] IN (SELECT ...)` when set (args
  /// then holds the left values only: `(a, b) IN (SELECT ...)` gives [a, b]).
  QueryPtr query;

  /// Call: `f(...) OVER (...)`, a window function call (null for ordinary calls).
  std::shared_ptr<WindowSpec> over;
  /// Call: `IGNORE NULLS` (true) / `RESPECT NULLS` (false) after the arguments, if written.
  std::optional<bool> ignoreNulls;
  SourceSpan nullsSpan;  ///< where IGNORE / RESPECT NULLS was written

  explicit Expr(ExprKind k, SourceSpan s = {}) : kind(k), span(s) {}
};

// ---------------------------------------------------------------- relations (FROM items)

enum class RelationKind {
  Table,          ///< a table or view name: `t`, `db.t`, `STREAM t`, `STREAM(t)`
  TableFunction,  ///< `read_kafka(subscribe => 'x', ...)`, `range(10)`, optionally STREAM
  Subquery,       ///< `(SELECT ...) [AS] alias`
  Values,         ///< `VALUES (1, 'a'), (2, 'b') [AS] t(a, b)`
  Join,           ///< left JOIN right ON/USING, comma joins are Cross joins
  LateralView,    ///< child LATERAL VIEW [OUTER] gen(args) tbl AS c1, c2
  Watermark,      ///< child WATERMARK col DELAY OF INTERVAL ...
};

enum class JoinType { Inner, LeftOuter, RightOuter, FullOuter, Cross, LeftSemi, LeftAnti };

struct Relation {
  RelationKind kind;
  SourceSpan span;

  QualifiedName name;                      ///< Table: table name; TableFunction: function name
  bool stream = false;                     ///< Table/TableFunction read with STREAM
  std::vector<ExprPtr> args;               ///< TableFunction arguments (NamedArg allowed)
  QueryPtr query;                          ///< Subquery
  std::vector<std::vector<ExprPtr>> rows;  ///< Values rows

  std::optional<Ident> alias;        ///< table alias, if any
  std::vector<Ident> columnAliases;  ///< `alias(c1, c2)` / LATERAL VIEW `AS c1, c2`

  // Join
  JoinType joinType = JoinType::Inner;
  RelationPtr left, right;          ///< Join sides; LateralView/Watermark: `left` is the child
  ExprPtr condition;                ///< ON condition, may be null
  std::vector<Ident> usingColumns;  ///< USING (a, b)
  bool natural = false;             ///< NATURAL JOIN

  // LateralView
  ExprPtr generator;   ///< the generator call
  bool outer = false;  ///< LATERAL VIEW OUTER

  // Watermark
  ExprPtr eventTime;  ///< the event-time column
  ExprPtr delay;      ///< the delay (an Interval literal)

  explicit Relation(RelationKind k, SourceSpan s = {}) : kind(k), span(s) {}
};

// ---------------------------------------------------------------- queries

/// A SELECT item: expression with optional alias, or `AS (a, b)` for multi-output generators.
struct SelectItem {
  ExprPtr expr;
  std::optional<Ident> alias;
  std::vector<Ident> aliases;  ///< `AS (a, b)`
  SourceSpan span;
};

struct SelectCore {
  bool distinct = false;
  /// SELECT DISTINCT WITHIN WATERMARK: Spark's dropDuplicatesWithinWatermark on the select list.
  bool withinWatermark = false;
  std::vector<SelectItem> items;
  RelationPtr from;  ///< may be null (SELECT 1)
  ExprPtr where;     ///< may be null
  std::vector<ExprPtr> groupBy;
  bool groupByAll = false;  ///< GROUP BY ALL
  /// GROUP BY with ROLLUP / CUBE / GROUPING SETS / WITH ROLLUP | CUBE (empty otherwise): per
  /// GROUP BY item its grouping sets, each a list of indexes into `groupBy` (which then lists
  /// every expression written); the query's sets are the items' cross product, as in Spark.
  std::vector<std::vector<std::vector<size_t>>> groupingItems;
  ExprPtr having;  ///< may be null
  /// WINDOW w AS (...), ...: named window specifications, in order.
  std::vector<std::pair<Ident, WindowSpec>> windows;
  SourceSpan span;
};

enum class SetOpKind { UnionAll, UnionDistinct, Except, Intersect, ExceptAll, IntersectAll };

enum class QueryBodyKind { Select, SetOp, Nested, Values };

/// The body of a query: a SELECT, a set operation of two bodies, a parenthesized query, or
/// a top-level VALUES list.
struct QueryBody {
  QueryBodyKind kind = QueryBodyKind::Select;
  SourceSpan span;
  std::shared_ptr<SelectCore> select;      ///< Select
  SetOpKind setOp = SetOpKind::UnionAll;   ///< SetOp
  std::shared_ptr<QueryBody> left, right;  ///< SetOp operands
  QueryPtr nested;                         ///< Nested
  RelationPtr values;                      ///< Values (a Values relation)
};

struct Cte {
  Ident name;
  std::vector<Ident> columns;  ///< optional column names
  QueryPtr query;
};

struct Query {
  std::vector<Cte> ctes;  ///< WITH ...
  std::shared_ptr<QueryBody> body;
  std::vector<OrderItem> orderBy;
  ExprPtr limit;  ///< may be null
  SourceSpan span;
};

// ---------------------------------------------------------------- statements

/// `key 'value'` or `key = value` inside OPTIONS (...) / TBLPROPERTIES. Keys may be dotted
/// identifiers or strings; values are strings, numbers or booleans, kept as text.
struct Option {
  std::string key;
  std::string value;
  SourceSpan keySpan, valueSpan;
};

enum class StatementKind {
  Query,        ///< SELECT / WITH / VALUES / (query)
  CreateView,   ///< CREATE [OR REPLACE] [TEMPORARY] VIEW name [(cols)] AS query
  CreateTable,  ///< CREATE TABLE [IF NOT EXISTS] name [(schema)] USING fmt OPTIONS (...) [AS query]
  Drop,         ///< DROP TABLE|VIEW [IF EXISTS] name
  Insert,       ///< INSERT INTO|OVERWRITE [TABLE] name query
  Set,          ///< SET key = value / SET key / SET / SET TIME ZONE ...
  Explain,      ///< EXPLAIN [EXTENDED|CODEGEN|FORMATTED|ASM] statement
  CreateStreamingQuery,  ///< CREATE STREAMING QUERY name [OPTIONS (...)] AS INSERT INTO t query
  Show,                  ///< SHOW TABLES | VIEWS | FUNCTIONS | COLUMNS | CREATE TABLE (showKind)
  Describe,  ///< DESCRIBE [TABLE] t [col] | DESCRIBE FUNCTION f | DESCRIBE [QUERY] query
};

/// What a SHOW statement lists.
enum class ShowKind { Tables, Views, Functions, Columns, CreateTable };
/// What a DESCRIBE statement describes.
enum class DescribeKind { Table, Function, Query };

enum class ExplainMode { Simple, Extended, Codegen, Formatted, Asm };

struct Statement {
  StatementKind kind;
  SourceSpan span;  ///< the whole statement, without the trailing ';'

  QueryPtr query;      ///< Query, CreateView, CreateTable AS, Insert, CreateStreamingQuery
  QualifiedName name;  ///< view/table/query name; Insert and CreateStreamingQuery: target table
  Ident queryName;     ///< CreateStreamingQuery: the query's name
  bool orReplace = false;
  bool ifNotExists = false;
  bool ifExists = false;
  bool temporary = false;
  bool isView = false;               ///< Drop: VIEW (else TABLE)
  bool overwrite = false;            ///< INSERT OVERWRITE
  std::vector<Ident> viewColumns;    ///< CreateView (cols)
  std::vector<ColumnDef> columns;    ///< CreateTable schema, may be empty
  std::optional<Ident> usingFormat;  ///< CreateTable USING
  std::vector<Option> options;       ///< CreateTable OPTIONS; CreateStreamingQuery OPTIONS
  std::vector<Ident> partitionBy;    ///< CreateTable PARTITIONED BY (cols)

  std::string setKey, setValue;  ///< Set (empty key: list all; no '=': show one)
  bool setHasValue = false;
  /// SET TIME ZONE LOCAL (the system's zone) / SET TIME ZONE INTERVAL ... (an offset): the key
  /// is spark.sql.session.timeZone; the planner computes the value.
  bool setTimeZoneLocal = false;
  ExprPtr setTimeZoneInterval;

  ExplainMode explainMode = ExplainMode::Simple;
  StatementPtr explained;  ///< Explain

  ShowKind showKind = ShowKind::Tables;             ///< Show
  DescribeKind describeKind = DescribeKind::Table;  ///< Describe
  /// Show: the LIKE pattern (Spark's `*` / `|` form) or exact function name, if given.
  std::optional<std::string> pattern;
  SourceSpan patternSpan;
  /// Show TABLES / VIEWS / COLUMNS: the database after FROM / IN, if given.
  std::optional<Ident> database;
  /// SHOW [USER | SYSTEM | ALL] FUNCTIONS (lower-case; "all" by default).
  std::string functionScope = "all";
  bool extended = false;        ///< DESCRIBE ... EXTENDED | FORMATTED, DESCRIBE FUNCTION EXTENDED
  std::optional<Ident> column;  ///< DESCRIBE t column

  explicit Statement(StatementKind k, SourceSpan s = {}) : kind(k), span(s) {}
};

/// A parsed query file: the statements in order, sharing one SourceFile.
struct Script {
  SourceFilePtr file;
  std::vector<StatementPtr> statements;
};

}  // namespace sluice::ast
