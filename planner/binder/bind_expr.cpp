// Expression binding: names, operators, function calls, casts, CASE/IN/BETWEEN/LIKE.
#include <algorithm>

#include "frontend/ast_printer.h"
#include "frontend/did_you_mean.h"
#include "frontend/text.h"
#include "planner/binder/binder_impl.h"
#include "planner/functions/ansi.h"
#include "planner/functions/host_functions.h"
#include "planner/type_conversion.h"

namespace sluice {
namespace {

std::vector<std::string> nameParts(const ast::QualifiedName& n) {
  std::vector<std::string> out;
  for (const auto& p : n.parts) out.push_back(p.name);
  return out;
}

std::string joinNames(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + v[i];
  return s;
}

const char* binaryOpName(ast::BinaryOp op) {
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
      return "div";
    case ast::BinaryOp::Eq:
      return "=";
    case ast::BinaryOp::NullSafeEq:
      return "<=>";
    case ast::BinaryOp::Neq:
      return "=";  // wrapped in not()
    case ast::BinaryOp::Lt:
      return "<";
    case ast::BinaryOp::Le:
      return "<=";
    case ast::BinaryOp::Gt:
      return ">";
    case ast::BinaryOp::Ge:
      return ">=";
    case ast::BinaryOp::And:
      return "and";
    case ast::BinaryOp::Or:
      return "or";
    case ast::BinaryOp::Concat:
      return "concat";
    case ast::BinaryOp::BitAnd:
      return "&";
    case ast::BinaryOp::BitOr:
      return "|";
    case ast::BinaryOp::BitXor:
      return "^";
  }
  return "?";
}

}  // namespace

ExprPtr Binder::Impl::castTo(ExprPtr e, const TypePtr& to) {
  if (e->type->equals(*to)) return e;
  // A NULL literal simply takes the target type.
  if (e->kind == ExprKind::Literal && e->value.isNull()) return makeLiteral(Value(), to, e->span);
  return makeCast(std::move(e), to);
}

void Binder::Impl::checkArity(const FunctionDef& fn, int n, const std::string& calledAs,
                              SourceSpan span) const {
  if (n >= fn.minArgs && (fn.maxArgs < 0 || n <= fn.maxArgs)) return;
  const std::string expected =
      fn.maxArgs < 0             ? "at least " + std::to_string(fn.minArgs)
      : fn.minArgs == fn.maxArgs ? std::to_string(fn.minArgs)
                                 : std::to_string(fn.minArgs) + " to " + std::to_string(fn.maxArgs);
  fail("function " + calledAs + " takes " + expected + " argument(s), got " + std::to_string(n) +
           (fn.signature.empty() ? "" : " (" + fn.signature + ")"),
       span);
}

ExprPtr Binder::Impl::resolveCall(const FunctionDef& fn, std::vector<ExprPtr> args, SourceSpan span,
                                  const std::string& calledAs, bool distinct) {
  const int n = static_cast<int>(args.size());
  checkArity(fn, n, calledAs, span);
  ResolveContext ctx{args, calledAs, [&](int i, const std::string& msg) {
                       const SourceSpan at =
                           i >= 0 && i < n && args[static_cast<size_t>(i)]->span.known
                               ? args[static_cast<size_t>(i)]->span
                               : span;
                       fail(msg, at);
                     }};
  Resolution r;
  if (fn.resolve) r = fn.resolve(ctx);
  if (!r.result) r.result = DataType::null();
  for (size_t i = 0; i < r.argTypes.size() && i < args.size(); ++i)
    if (r.argTypes[i]) args[i] = castTo(args[i], r.argTypes[i]);
  bool nullable = true;
  if (r.nullableOverride) {
    nullable = r.nullable;
  } else if (fn.nulls == NullBehavior::NeverNull) {
    nullable = false;
  } else if (fn.nulls == NullBehavior::Propagates) {
    nullable = std::any_of(args.begin(), args.end(), [](const ExprPtr& a) { return a->nullable; });
  }
  return makeCall(&fn, std::move(args), r.result, nullable, span, distinct);
}

ExprPtr Binder::Impl::op(const std::string& name, std::vector<ExprPtr> args, SourceSpan span) {
  return resolveCall(builtinOp(name), std::move(args), span, name);
}

ExprPtr Binder::Impl::extractField(ExprPtr base, const std::string& field, SourceSpan span) {
  const auto& t = *base->type;
  if (t.id() == TypeId::Struct) {
    if (t.fieldIndex(field) < 0) {
      std::vector<std::string> names;
      for (const auto& f : t.fields()) names.push_back(f.name);
      fail("no such struct field '" + field + "' in " + base->toString() +
               " (fields: " + joinNames(names) + ")",
           span);
    }
    auto e = makeGetField(std::move(base), field, span);
    return e;
  }
  if (t.id() == TypeId::Map && t.keyType()->id() == TypeId::String)
    return op("get_item", {std::move(base), makeLiteral(Value::bytes(field), DataType::string())},
              span);
  if (t.id() == TypeId::Array && t.elementType()->id() == TypeId::Struct) {
    // Spark: array_of_structs.field is the array of that field.
    fail("field access on an array of structs ('" + field +
             "') is not supported; use explode() or transform()",
         span);
  }
  fail("cannot access field '" + field + "' of a value of type " + t.toString() +
           " (only structs and maps have fields)",
       span);
}

ExprPtr Binder::Impl::bindColumn(const ast::Expr& e, const ExprContext& ctx) {
  const auto parts = nameParts(e.name);
  for (auto v = ctx.lambdaVars.rbegin(); v != ctx.lambdaVars.rend(); ++v) {
    if (!equalsIgnoreCase(v->name, parts[0])) continue;
    ExprPtr out = makeLambdaVar(*v, e.name.parts[0].span);
    for (size_t i = 1; i < e.name.parts.size(); ++i)
      out = extractField(out, e.name.parts[i].name,
                         SourceSpan::cover(e.name.parts[0].span, e.name.parts[i].span));
    return out;
  }
  std::vector<std::string> ambiguous;
  Resolved r = ctx.scope ? ctx.scope->resolve(parts, ambiguous) : Resolved{};
  if (!ambiguous.empty())
    fail("reference '" + e.name.toString() + "' is ambiguous, could be: " + joinNames(ambiguous),
         e.span);
  if ((!r.attr || ctx.aliasesFirst) && ctx.aliases && parts.size() == 1) {
    auto it = ctx.aliases->find(asciiLower(parts[0]));
    if (it != ctx.aliases->end()) return it->second;
  }
  if (!r.attr)
    if (ExprPtr outer = resolveOuterColumn(e)) return outer;
  if (!r.attr) {
    std::string hint = ctx.scope ? " given input columns " + ctx.scope->describe() : "";
    if (ctx.scope) {
      std::vector<std::string> names;
      for (const auto& a : ctx.scope->columns()) names.push_back(a.name);
      hint += didYouMean(parts.back(), names);
    }
    fail("cannot resolve column '" + e.name.toString() + "'" + hint, e.span);
  }
  // Once named, a hidden column is an ordinary one above.
  ExprPtr out = makeColumnRef(visibleAttr(*r.attr), e.name.parts[0].span);
  for (size_t i = r.consumed; i < e.name.parts.size(); ++i)
    out = extractField(out, e.name.parts[i].name,
                       SourceSpan::cover(e.name.parts[0].span, e.name.parts[i].span));
  return out;
}

ExprPtr Binder::Impl::bindGenerator(const ast::Expr& call, const ExprContext& ctx,
                                    std::vector<StructField>& outputs) {
  const FunctionDef* fn = FunctionRegistry::builtins().find(call.name.toString());
  if (!fn || fn->kind != FunctionKind::Generator)
    fail("'" + call.name.toString() +
             "' is not a generator function (expected explode, "
             "posexplode, inline, json_tuple, ...)",
         call.span);
  ExprContext inner = ctx;
  inner.allowGenerators = false;
  inner.allowAggregates = false;
  std::vector<ExprPtr> args;
  for (const auto& a : call.args) args.push_back(bindExpr(*a, inner));
  const int n = static_cast<int>(args.size());
  checkArity(*fn, n, fn->name, call.span);
  if (fn->name == "stack") return bindStack(call, std::move(args), outputs);
  ResolveContext rc{args, fn->name, [&](int i, const std::string& msg) {
                      fail(msg, i >= 0 && i < n ? args[static_cast<size_t>(i)]->span : call.span);
                    }};
  Resolution r = fn->resolve(rc);
  for (size_t i = 0; i < r.argTypes.size() && i < args.size(); ++i)
    if (r.argTypes[i]) args[i] = castTo(args[i], r.argTypes[i]);
  outputs = r.generatorOutput;
  return makeCall(fn, std::move(args), r.result ? r.result : DataType::null(), true, call.span);
}

// stack(n, v1, ..., vk): n rows of ceil(k / n) columns col0, col1, ... (the last row padded
// with NULLs), as inline(array(named_struct('col0', v1, ...), ...)). A column's values must
// share a type (NULLs take it).
ExprPtr Binder::Impl::bindStack(const ast::Expr& call, std::vector<ExprPtr> args,
                                std::vector<StructField>& outputs) {
  const int64_t rows = constantInt(args[0], args[0]->span, "the number of rows of stack()");
  if (rows <= 0)
    fail("stack: the number of rows must be positive, got " + std::to_string(rows), args[0]->span);
  const size_t values = args.size() - 1;
  const size_t cols = (values + static_cast<size_t>(rows) - 1) / static_cast<size_t>(rows);
  if (cols == 0) fail("stack needs at least one value after the number of rows", call.span);
  std::vector<TypePtr> types(cols, DataType::null());
  for (size_t i = 0; i < values; ++i) {
    const size_t c = i % cols;
    TypePtr t = commonType(types[c], args[1 + i]->type);
    if (!t)
      fail("[DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES] stack: column " + std::to_string(c) +
               " mixes " + types[c]->toString() + " and " + args[1 + i]->type->toString(),
           args[1 + i]->span);
    types[c] = t;
  }
  const FunctionDef& named = *FunctionRegistry::builtins().find("named_struct");
  std::vector<ExprPtr> structs;
  for (int64_t r = 0; r < rows; ++r) {
    std::vector<ExprPtr> fields;
    for (size_t c = 0; c < cols; ++c) {
      const size_t i = static_cast<size_t>(r) * cols + c;
      fields.push_back(makeLiteral(Value::bytes("col" + std::to_string(c)), DataType::string()));
      fields.push_back(i < values ? castTo(args[1 + i], types[c]) : makeNull(types[c]));
    }
    structs.push_back(resolveCall(named, std::move(fields), call.span, "named_struct"));
  }
  ExprPtr array = resolveCall(*FunctionRegistry::builtins().find("array"), std::move(structs),
                              call.span, "array");
  const FunctionDef& inlineFn = *FunctionRegistry::builtins().find("inline");
  std::vector<ExprPtr> inlineArgs = {array};
  ResolveContext rc{inlineArgs, "inline",
                    [&](int, const std::string& msg) { fail(msg, call.span); }};
  Resolution r = inlineFn.resolve(rc);
  outputs = r.generatorOutput;
  for (size_t c = 0; c < outputs.size(); ++c) outputs[c].nullable = true;
  return makeCall(&inlineFn, std::move(inlineArgs), r.result, true, call.span);
}

namespace {

// timestampadd / timestampdiff, also spelled dateadd / date_add and datediff / date_diff with
// three arguments, take their unit as a bare keyword (Spark's grammar): the call with the
// unit as a string and the canonical name, or null for any other call.
std::shared_ptr<ast::Expr> unitCall(const ast::Expr& e) {
  if (e.args.size() != 3 || e.name.parts.size() != 1) return nullptr;
  const std::string n = asciiLower(e.name.parts[0].name);
  const char* canonical = n == "timestampadd" || n == "dateadd" || n == "date_add" ? "timestampadd"
                          : n == "timestampdiff" || n == "datediff" || n == "date_diff"
                              ? "timestampdiff"
                              : nullptr;
  const ast::Expr& unit = *e.args[0];
  if (!canonical || unit.kind != ast::ExprKind::Column || unit.name.parts.size() != 1)
    return nullptr;
  auto call = std::make_shared<ast::Expr>(e);
  call->name.parts[0].name = canonical;
  auto lit = std::make_shared<ast::Expr>(ast::ExprKind::Literal, unit.span);
  lit->literalKind = ast::LiteralKind::String;
  lit->text = unit.name.parts[0].name;
  call->args[0] = lit;
  return call;
}

}  // namespace

ExprPtr Binder::Impl::bindCall(const ast::Expr& e, const ExprContext& ctx) {
  if (e.over && e.filter)
    fail("window aggregate function with filter predicate is not supported yet", e.filter->span);
  if (e.over) return bindWindowCall(e, ctx);
  if (auto withUnit = unitCall(e)) return bindCall(*withUnit, ctx);
  const std::string name = e.name.toString();
  const FunctionDef* fn = FunctionRegistry::builtins().find(name);
  if (!fn) {
    std::vector<std::string> names = FunctionRegistry::builtins().callableNames();
    for (auto& h : hostFunctionNames()) names.push_back(h);
    fail("undefined function '" + name + "'" + didYouMean(asciiLower(name), names),
         e.name.span.known ? e.name.span : e.span);
  }
  if (fn->kind == FunctionKind::Generator)
    fail("generator " + name +
             "() is only allowed at the top of a SELECT item or in LATERAL "
             "VIEW, not in " +
             std::string(ctx.clause),
         e.span);
  if (fn->kind == FunctionKind::Window)
    fail("Window function " + name + "() requires an OVER clause", e.span);
  if (fn->kind == FunctionKind::Aggregate && !ctx.allowAggregates)
    fail("aggregate function " + name + "() is not allowed in " + std::string(ctx.clause), e.span);
  for (const auto& a : e.args)
    if (a->kind == ast::ExprKind::Lambda) return bindHigherOrderCall(*fn, e, ctx);
  ExprContext inner = ctx;
  inner.allowGenerators = false;
  if (fn->kind == FunctionKind::Aggregate) {
    inner.allowAggregates = false;
    // Inside an aggregate the input columns win over SELECT aliases, also in HAVING:
    // `SELECT max(n) AS n ... HAVING max(n) > 1` aggregates the input n (as Spark does).
    inner.aliasesFirst = false;
    inner.clause = "the argument of an aggregate function";
    inner.windows = nullptr;
  }
  std::vector<ExprPtr> args;
  if (e.starArg) {
    if (fn->name != "count") fail("'*' is only allowed as the argument of count()", e.span);
    args.push_back(makeLiteral(Value::integer(1), DataType::integer()));
  }
  for (const auto& a : e.args) {
    if (a->kind == ast::ExprKind::Star) {
      // struct(*), to_json(struct(t.*)): the star's columns become arguments.
      if (!ctx.scope) fail("'*' used without a FROM clause", a->span);
      for (auto& x : expandStar(*a, *ctx.scope)) args.push_back(stripAlias(x));
      continue;
    }
    if (a->kind == ast::ExprKind::NamedArg && fn->name == "struct") {
      // struct(x AS name): the alias names the field.
      args.push_back(makeAlias(bindExpr(*a->args[0], inner), a->text));
      continue;
    }
    if (a->kind == ast::ExprKind::NamedArg)
      fail("named argument '" + a->text + "' is only allowed for table-valued functions", a->span);
    args.push_back(bindExpr(*a, inner));
    // An alias of an aggregate used inside another (Spark's message).
    if (fn->kind == FunctionKind::Aggregate && args.back()->containsAggregate())
      fail(
          "it is not allowed to use an aggregate function in the argument of another "
          "aggregate function",
          a->span);
  }
  if (e.distinct && fn->kind != FunctionKind::Aggregate)
    fail("DISTINCT is only allowed in aggregate functions, not in " + name + "()", e.span);
  if (e.ignoreNulls) {
    // first(x) IGNORE NULLS is first(x, true) (Spark's parser does the same).
    const std::string& n = fn->name;
    if ((n != "first" && n != "last" && n != "any_value") || args.size() != 1)
      fail("Function " + name + " does not support " +
               (*e.ignoreNulls ? "IGNORE NULLS" : "RESPECT NULLS"),
           e.nullsSpan);
    args.push_back(makeLiteral(Value::boolean(*e.ignoreNulls), DataType::boolean()));
  }
  if (fn->name == "to_char") {  // of a date, timestamp or binary: another row's call
    std::string error;
    if (const FunctionDef* d = toCharDelegate(args, &error)) fn = d;
    if (!error.empty()) fail(error, e.args[1]->span);
  }
  if (e.filter) return bindAggregateFilter(*fn, std::move(args), e, inner, name);
  return resolveCall(*fn, std::move(args), e.span, name, e.distinct);
}

ExprPtr Binder::Impl::bindHigherOrderCall(const FunctionDef& fn, const ast::Expr& e,
                                          const ExprContext& ctx) {
  const std::string name = e.name.toString();
  if (!fn.lambdaParams) {
    for (const auto& a : e.args)
      if (a->kind == ast::ExprKind::Lambda)
        fail(
            "a lambda function can only be an argument of a higher-order function (transform, "
            "filter, exists, forall, aggregate, zip_with, map_filter, transform_keys, "
            "transform_values, array_sort, ...), not of " +
                name + "()",
            a->span);
  }
  if (e.distinct) fail("DISTINCT is only allowed in aggregate functions", e.span);
  const int n = static_cast<int>(e.args.size());
  checkArity(fn, n, name, e.span);
  ExprContext inner = ctx;
  inner.allowGenerators = false;
  inner.allowAggregates = false;
  inner.clause = "the argument of a higher-order function";
  inner.windows = nullptr;
  std::vector<ExprPtr> args(e.args.size());
  for (size_t i = 0; i < e.args.size(); ++i)
    if (e.args[i]->kind != ast::ExprKind::Lambda) args[i] = bindExpr(*e.args[i], inner);
  ResolveContext rc{args, name, [&](int i, const std::string& msg) {
                      const bool at = i >= 0 && i < n && e.args[static_cast<size_t>(i)]->span.known;
                      fail(msg, at ? e.args[static_cast<size_t>(i)]->span : e.span);
                    }};
  for (size_t i = 0; i < e.args.size(); ++i) {
    const ast::Expr& lambda = *e.args[i];
    if (lambda.kind != ast::ExprKind::Lambda) continue;
    const std::vector<StructField> params = fn.lambdaParams(rc, i, lambda.lambdaParams.size());
    if (params.size() != lambda.lambdaParams.size())
      fail("[INVALID_LAMBDA_FUNCTION_CALL.NUM_ARGS_MISMATCH] " + name +
               "() expects a lambda "
               "function with " +
               std::to_string(params.size()) + " argument(s) here, got " +
               std::to_string(lambda.lambdaParams.size()),
           lambda.span);
    ExprContext body = inner;
    body.clause = "a lambda function";
    std::vector<Attribute> attrs;
    for (size_t k = 0; k < params.size(); ++k) {
      attrs.push_back(Attribute{newExprId(), lambda.lambdaParams[k].name, params[k].type,
                                params[k].nullable, ""});
      body.lambdaVars.push_back(attrs.back());
    }
    args[i] = makeLambda(std::move(attrs), bindExpr(*lambda.args[0], body), lambda.span);
  }
  return resolveCall(fn, std::move(args), e.span, name);
}

std::vector<ExprPtr> Binder::Impl::expandStar(const ast::Expr& e, const Scope& scope) {
  std::vector<ExprPtr> out;
  if (e.name.parts.empty()) {
    if (scope.columns().empty()) fail("'*' used without a FROM clause", e.span);
    for (const auto& a : scope.columns())
      if (!isHidden(a)) out.push_back(makeColumnRef(a, e.span));
    return out;
  }
  // `t.*` first, then `struct_col.*` (possibly nested: `a.b.*`).
  if (e.name.parts.size() == 1) {
    for (const auto& a : scope.qualified(e.name.parts[0].name))
      out.push_back(makeColumnRef(a, e.span));
    if (!out.empty()) return out;
  }
  ast::Expr col(ast::ExprKind::Column, e.name.span);
  col.name = e.name;
  ExprContext ctx{&scope, false, false, "a '*' expansion"};
  ExprPtr base = bindColumn(col, ctx);
  if (base->type->id() != TypeId::Struct)
    fail("cannot expand '" + e.name.toString() + ".*': it is a " + base->type->toString() +
             ", not a struct or table alias",
         e.span);
  for (const auto& f : base->type->fields())
    out.push_back(makeAlias(makeGetField(base, f.name, e.span), f.name));
  return out;
}

ExprPtr Binder::Impl::bindExpr(const ast::Expr& e, const ExprContext& ctx) {
  switch (e.kind) {
    case ast::ExprKind::Literal:
      return bindLiteral(e);
    case ast::ExprKind::Column:
      return bindColumn(e, ctx);
    case ast::ExprKind::Star:
      fail("'*' is only allowed in a SELECT list or count(*)", e.span);
    case ast::ExprKind::NamedArg:
      fail("named argument '" + e.text + "' is only allowed for table-valued functions", e.span);
    case ast::ExprKind::Lambda:
      fail(
          "a lambda function can only be an argument of a higher-order function (transform, "
          "filter, aggregate, ...)",
          e.span);
    case ast::ExprKind::Unary: {
      auto x = bindExpr(*e.args[0], ctx);
      switch (e.unaryOp) {
        case ast::UnaryOp::Neg:
          return op("negative", {x}, e.span);
        case ast::UnaryOp::Plus:
          if (!x->type->isNumeric() && x->type->id() != TypeId::Interval)
            fail("unary + expects a numeric value, got " + x->type->toString(), e.span);
          return x;
        case ast::UnaryOp::Not:
          return op("not", {x}, e.span);
        case ast::UnaryOp::BitNot:
          return op("~", {x}, e.span);
      }
      break;
    }
    case ast::ExprKind::Binary: {
      auto l = bindExpr(*e.args[0], ctx);
      auto r = bindExpr(*e.args[1], ctx);
      auto out = op(binaryOpName(e.binaryOp), {l, r}, e.span);
      return e.binaryOp == ast::BinaryOp::Neq ? op("not", {out}, e.span) : out;
    }
    case ast::ExprKind::Call:
      return bindCall(e, ctx);
    case ast::ExprKind::Case: {
      std::vector<ExprPtr> args;
      ExprPtr operand = e.args.empty() ? nullptr : bindExpr(*e.args[0], ctx);
      for (const auto& w : e.whens) {
        auto cond = bindExpr(*w.when, ctx);
        args.push_back(operand ? op("=", {operand, cond}, w.when->span) : cond);
        args.push_back(bindExpr(*w.then, ctx));
      }
      if (e.elseExpr) args.push_back(bindExpr(*e.elseExpr, ctx));
      return op("casewhen", std::move(args), e.span);
    }
    case ast::ExprKind::Cast: {
      auto x = bindExpr(*e.args[0], ctx);
      auto to = toDataType(e.castType, file);
      if (!canCast(x->type, to))
        fail("cannot cast " + x->type->toString() + " to " + to->toString(), e.span);
      if (x->type->equals(*to)) return x;
      // TRY_CAST: NULL on invalid input in ANSI mode too.
      return e.tryCast ? asTryCast(makeCast(x, to, e.span)) : makeCast(x, to, e.span);
    }
    case ast::ExprKind::ScalarSubquery:
    case ast::ExprKind::Exists:
      return bindSubquery(e, ctx);
    case ast::ExprKind::In: {
      if (e.query) return bindSubquery(e, ctx);
      std::vector<ExprPtr> args;
      for (const auto& a : e.args) args.push_back(bindExpr(*a, ctx));
      auto in = op("in", std::move(args), e.span);
      return e.negated ? op("not", {in}, e.span) : in;
    }
    case ast::ExprKind::Between: {
      auto x = bindExpr(*e.args[0], ctx);
      auto lo = bindExpr(*e.args[1], ctx);
      auto hi = bindExpr(*e.args[2], ctx);
      auto both = op("and", {op(">=", {x, lo}, e.span), op("<=", {x, hi}, e.span)}, e.span);
      return e.negated ? op("not", {both}, e.span) : both;
    }
    case ast::ExprKind::Like: {
      const char* name = e.likeKind == ast::LikeKind::RLike   ? "rlike"
                         : e.likeKind == ast::LikeKind::ILike ? "ilike"
                                                              : "like";
      std::vector<ExprPtr> args;
      for (const auto& a : e.args) args.push_back(bindExpr(*a, ctx));
      auto like = op(name, std::move(args), e.span);
      return e.negated ? op("not", {like}, e.span) : like;
    }
    case ast::ExprKind::IsNull: {
      auto x = bindExpr(*e.args[0], ctx);
      return op(e.negated ? "isnotnull" : "isnull", {x}, e.span);
    }
    case ast::ExprKind::IsBool: {
      // x IS TRUE == (x <=> true): never NULL.
      auto x = bindExpr(*e.args[0], ctx);
      auto cmp = op("<=>", {x, makeBool(e.boolValue)}, e.span);
      return e.negated ? op("not", {cmp}, e.span) : cmp;
    }
    case ast::ExprKind::Subscript: {
      auto base = bindExpr(*e.args[0], ctx);
      auto idx = bindExpr(*e.args[1], ctx);
      return op("get_item", {base, idx}, e.span);
    }
    case ast::ExprKind::Field: {
      auto base = bindExpr(*e.args[0], ctx);
      return extractField(base, e.text, e.span);
    }
  }
  fail("unsupported expression", e.span);
}

std::string autoName(const ast::Expr& e, const ExprPtr& bound) {
  if (e.kind == ast::ExprKind::Column) return e.name.parts.back().name;
  if (e.kind == ast::ExprKind::Literal && bound->kind == ExprKind::Literal &&
      (e.literalKind != ast::LiteralKind::Interval || bound->type->isAnsiInterval())) {
    // Spark names a literal column by its value: 'str' -> str, 1L -> 1, TRUE -> true.
    return bound->value.toString(*bound->type);
  }
  if (e.kind == ast::ExprKind::Field) return e.text;
  // first(x) FILTER (WHERE c) binds to a field of a struct: Spark names it as written.
  if (e.kind == ast::ExprKind::Call && e.filter) return toSql(e);
  if (bound->kind == ExprKind::GetField) return bound->field;
  if (e.kind == ast::ExprKind::Subscript && e.args[1]->kind == ast::ExprKind::Literal &&
      e.args[1]->literalKind == ast::LiteralKind::String) {
    // Spark names m['k'] "m[k]".
    return toSql(*e.args[0]) + "[" + e.args[1]->text + "]";
  }
  if (e.kind == ast::ExprKind::Cast && e.args[0]->kind == ast::ExprKind::Column) {
    // Spark names CAST(value AS STRING) "value".
    return e.args[0]->name.parts.back().name;
  }
  return toSql(e);
}

}  // namespace sluice
