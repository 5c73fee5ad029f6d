#pragma once
// Bound (resolved) expressions: the expression language of logical plans. Nodes are
// immutable and shared; rules build new trees instead of mutating. Every column reference
// points at an Attribute by its unique ExprId, as in Spark Catalyst (`name#id`).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "frontend/source.h"
#include "planner/types.h"
#include "planner/value.h"

namespace sluice {

struct FunctionDef;

/// Unique id of an attribute within a session (Spark's exprId).
using ExprId = int64_t;

/// Allocates a fresh ExprId (process-wide, thread-safe).
ExprId newExprId();

/// A named, typed column produced by a plan node.
struct Attribute {
  ExprId id = 0;
  std::string name;
  TypePtr type;
  bool nullable = true;
  std::string qualifier;  ///< table alias the column can be referenced by (may be empty)

  /// `name#id`
  std::string toString() const;
  /// The same column with another type (used when nested-field pruning narrows a struct).
  Attribute withType(TypePtr t) const;
};

enum class ExprKind {
  Literal,    ///< constant `value` of `type`
  ColumnRef,  ///< reference to `attr`
  Alias,      ///< args[0] AS attr (only at the top of project / aggregate lists)
  Call,       ///< `fn`(args): operators, scalar functions, aggregates, generators
  Cast,       ///< CAST(args[0] AS type), Spark's non-ANSI semantics (invalid -> NULL)
  GetField,   ///< args[0].field (struct field by name; `ordinal` is its current index)
  Lambda,     ///< lambda function (args[0] is the body, `lambdaParams` its parameters): only
              ///< an argument of a higher-order function (transform, filter, aggregate, ...)
  LambdaVar,  ///< a lambda parameter (`attr`) used in a lambda's body (Spark's
              ///< NamedLambdaVariable; not a column: references() does not see it)
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// One bound expression node. Fields are meaningful according to `kind`.
struct Expr {
  ExprKind kind = ExprKind::Literal;
  TypePtr type;          ///< result type
  bool nullable = true;  ///< may produce NULL
  SourceSpan span;       ///< where it came from in the query text (may be unknown)
  std::vector<ExprPtr> args;

  Value value;                      ///< Literal
  Attribute attr;                   ///< ColumnRef: referenced column; Alias: produced column
  const FunctionDef* fn = nullptr;  ///< Call
  bool distinct = false;            ///< Call of an aggregate: f(DISTINCT ...)
  std::string field;                ///< GetField: field name
  int ordinal = -1;                 ///< GetField: index in args[0]'s struct type
  /// Call of a time-zone-aware function, or Cast between text, dates and timestamps: the
  /// session time zone id it runs in (Spark's TimeZoneAwareExpression.timeZoneId), set by the
  /// binder; empty means UTC.
  std::string timeZone;
  std::vector<Attribute> lambdaParams;  ///< Lambda: its parameters (LambdaVars refer to them)

  /// Spark-style rendering: `(a#1 + 1)`, `cast(v#2 as string)`, `s#3.field`, `x AS y#4`.
  std::string toString() const;
  /// The output attribute of a named expression (ColumnRef or Alias).
  const Attribute& outputAttr() const;
  bool isNamed() const { return kind == ExprKind::ColumnRef || kind == ExprKind::Alias; }
  /// Constant: a literal or a deterministic foldable function of constants.
  bool foldable() const;
  bool deterministic() const;
  /// Contains an aggregate function call.
  bool containsAggregate() const;
  /// Contains a generator call (explode, ...).
  bool containsGenerator() const;
  /// This node with other children (same kind, payload and type).
  ExprPtr withArgs(std::vector<ExprPtr> newArgs) const;
};

// ---- factories
ExprPtr makeLiteral(Value v, TypePtr type, SourceSpan span = {});
ExprPtr makeNull(TypePtr type = DataType::null());
ExprPtr makeBool(bool b);
ExprPtr makeColumnRef(const Attribute& a, SourceSpan span = {});
/// `child AS name` with a fresh id (or `id` if given).
ExprPtr makeAlias(ExprPtr child, const std::string& name, ExprId id = 0, SourceSpan span = {});
ExprPtr makeCall(const FunctionDef* fn, std::vector<ExprPtr> args, TypePtr type, bool nullable,
                 SourceSpan span = {}, bool distinct = false);
ExprPtr makeCast(ExprPtr child, TypePtr to, SourceSpan span = {});
/// Struct field access; throws AnalysisError-free: caller checks the field exists.
ExprPtr makeGetField(ExprPtr child, const std::string& field, SourceSpan span = {});
/// A lambda function `params -> body`.
ExprPtr makeLambda(std::vector<Attribute> params, ExprPtr body, SourceSpan span = {});
/// A use of lambda parameter `param`.
ExprPtr makeLambdaVar(const Attribute& param, SourceSpan span = {});

// ---- traversal
/// Rewrites bottom-up: children first, then `fn` on the rebuilt node (fn returns it unchanged
/// or a replacement).
ExprPtr transformUp(const ExprPtr& e, const std::function<ExprPtr(const ExprPtr&)>& fn);
/// Rewrites top-down: `fn` on the node first, then on the children of its result.
ExprPtr transformDown(const ExprPtr& e, const std::function<ExprPtr(const ExprPtr&)>& fn);
/// Visits every node, parents before children. Return false to skip a node's children.
void visit(const ExprPtr& e, const std::function<bool(const ExprPtr&)>& fn);
/// Ids of all ColumnRefs in `e`.
std::unordered_set<ExprId> references(const ExprPtr& e);
/// Structural equality ignoring spans and alias ids (Spark's semanticEquals).
bool semanticEquals(const ExprPtr& a, const ExprPtr& b);
/// Splits a conjunction `a AND b AND c` into [a, b, c].
std::vector<ExprPtr> splitConjuncts(const ExprPtr& e);
/// Joins predicates with AND (null for an empty list).
ExprPtr joinConjuncts(const std::vector<ExprPtr>& preds);
/// Strips a top-level Alias.
inline const ExprPtr& stripAlias(const ExprPtr& e) {
  return e->kind == ExprKind::Alias ? e->args[0] : e;
}

}  // namespace sluice
