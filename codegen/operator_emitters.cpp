// Emitters of the operator and conditional rows: arithmetic (+ - * / % div pmod, including
// decimal and date arithmetic), comparisons, AND / OR / NOT, unary minus and plus, IS [NOT]
// NULL, coalesce, if and CASE WHEN. Most are a few instructions (ir/null_ops.h); decimal
// arithmetic calls the stdlib (math_abi.h).
#include "codegen/call_emitters.h"
#include "codegen/ir/null_ops.h"

namespace sluice {
namespace {

llvm::Value* wide(llvm::IRBuilder<>& b, const SqlValue& v) {
  return b.CreateSExt(v.value, b.getInt128Ty());
}

// The operator sluice_decimal_arith takes for `op` (+ - * / %).
char opChar(ArithOp op) {
  switch (op) {
    case ArithOp::Add:
      return '+';
    case ArithOp::Subtract:
      return '-';
    case ArithOp::Multiply:
      return '*';
    case ArithOp::Divide:
      return '/';
    default:
      return '%';
  }
}

// Decimal + - * / % div pmod (operands at their own decimal types, as the binder left them);
// nullopt when an operand is not a decimal.
std::optional<SqlValue> decimalArith(const CallSite& c, ArithOp op) {
  auto& b = c.b;
  const Expr& e = c.e;
  std::vector<SqlValue>& a = c.args;
  for (size_t i = 0; i < 2; ++i) a[i] = c.coerce(a[i], e.args[i]->type);
  if (a[0].type->id() != TypeId::Decimal || a[1].type->id() != TypeId::Decimal) return std::nullopt;
  const int s1 = a[0].type->scale(), s2 = a[1].type->scale();
  return exprgen::callIfNotNull(b, a, e.type, [&] {
    if (op == ArithOp::IntegralDivide)
      return exprgen::callC(b, "sluice_decimal_div",
                            {wide(b, a[0]), b.getInt32(s1), wide(b, a[1]), b.getInt32(s2)}, e.type,
                            c.arena);
    const bool pmod = op == ArithOp::Pmod;
    std::vector<llvm::Value*> in;
    if (!pmod) in.push_back(b.getInt32(opChar(op)));
    in.insert(in.end(), {wide(b, a[0]), b.getInt32(s1), wide(b, a[1]), b.getInt32(s2),
                         b.getInt32(e.type->precision()), b.getInt32(e.type->scale())});
    return exprgen::callC(b, pmod ? "sluice_decimal_pmod" : "sluice_decimal_arith", in, e.type,
                          c.arena);
  });
}

// date +/- int days (int + date too); wraps like Spark's int arithmetic.
SqlValue dateArith(const CallSite& c, bool add) {
  auto& b = c.b;
  const Expr& e = c.e;
  const bool dateFirst = e.args[0]->type->id() == TypeId::Date;
  SqlValue d = c.coerce(c.args[dateFirst ? 0 : 1], DataType::date());
  SqlValue k = c.coerce(c.args[dateFirst ? 1 : 0], DataType::integer());
  llvm::Value* v = add ? b.CreateAdd(d.value, k.value) : b.CreateSub(d.value, k.value);
  return SqlValue::of(v, b.CreateOr(d.isNull, k.isNull), e.type);
}

std::optional<SqlValue> arith(const CallSite& c, ArithOp op) {
  const Expr& e = c.e;
  if (c.args.size() != 2) return std::nullopt;
  if (e.type->id() == TypeId::Decimal || op == ArithOp::IntegralDivide)
    if (auto r = decimalArith(c, op)) return r;
  if ((op == ArithOp::Add || op == ArithOp::Subtract) && e.type->id() == TypeId::Date)
    return dateArith(c, op == ArithOp::Add);
  // The binder casts operands to the result type (Spark's coercion); keep that invariant.
  return emitArith(c.b, op, c.coerce(c.args[0], e.type), c.coerce(c.args[1], e.type));
}

std::optional<SqlValue> compare(const CallSite& c, CmpOp op) {
  std::vector<SqlValue>& a = c.args;
  if (a.size() != 2) return std::nullopt;
  if (a[0].type->id() == TypeId::Null || a[1].type->id() == TypeId::Null) {
    const TypePtr& t = a[0].type->id() == TypeId::Null ? a[1].type : a[0].type;
    return emitCompare(c.b, op, c.coerce(a[0], t), c.coerce(a[1], t));
  }
  return emitCompare(c.b, op, a[0], a[1]);
}

std::optional<SqlValue> logic(const CallSite& c, bool isAnd) {
  const TypePtr boolean = DataType::boolean();
  const SqlValue l = c.coerce(c.args[0], boolean), r = c.coerce(c.args[1], boolean);
  return isAnd ? emitAnd(c.b, l, r) : emitOr(c.b, l, r);
}

std::optional<SqlValue> negative(const CallSite& c) {
  const SqlValue v = c.coerce(c.args[0], c.e.type);
  if (c.e.type->id() == TypeId::Decimal)  // an unscaled integer: no overflow at its precision
    return SqlValue::of(c.b.CreateNeg(v.value, "neg"), v.isNull, c.e.type);
  return emitNegate(c.b, v);
}

std::optional<SqlValue> ifThenElse(const CallSite& c) {
  std::vector<SqlValue>& a = c.args;
  if (a.size() != 3) return std::nullopt;
  return emitSelect(c.b, emitIsTrue(c.b, a[0]), c.coerce(a[1], c.e.type), c.coerce(a[2], c.e.type));
}

// [c1, v1, c2, v2, ..., else?]: folded from the last branch so the first TRUE wins.
std::optional<SqlValue> caseWhen(const CallSite& c) {
  std::vector<SqlValue>& a = c.args;
  const TypePtr& t = c.e.type;
  if (a.size() < 2) return std::nullopt;
  SqlValue result = a.size() % 2 ? c.coerce(a.back(), t) : SqlValue::null(c.b.getContext(), t);
  for (size_t i = a.size() / 2; i-- > 0;)
    result = emitSelect(c.b, emitIsTrue(c.b, a[2 * i]), c.coerce(a[2 * i + 1], t), result);
  return result;
}

std::optional<SqlValue> coalesce(const CallSite& c) {
  for (auto& v : c.args) v = c.coerce(v, c.e.type);
  return emitCoalesce(c.b, c.args);
}

const NamedEmitter kEmitters[] = {
    {"add", [](const CallSite& c) { return arith(c, ArithOp::Add); }},
    {"subtract", [](const CallSite& c) { return arith(c, ArithOp::Subtract); }},
    {"multiply", [](const CallSite& c) { return arith(c, ArithOp::Multiply); }},
    {"divide", [](const CallSite& c) { return arith(c, ArithOp::Divide); }},
    {"remainder", [](const CallSite& c) { return arith(c, ArithOp::Remainder); }},
    {"div", [](const CallSite& c) { return arith(c, ArithOp::IntegralDivide); }},
    {"pmod", [](const CallSite& c) { return arith(c, ArithOp::Pmod); }},
    {"eq", [](const CallSite& c) { return compare(c, CmpOp::Eq); }},
    {"null_safe_eq", [](const CallSite& c) { return compare(c, CmpOp::NullSafeEq); }},
    {"lt", [](const CallSite& c) { return compare(c, CmpOp::Lt); }},
    {"le", [](const CallSite& c) { return compare(c, CmpOp::Le); }},
    {"gt", [](const CallSite& c) { return compare(c, CmpOp::Gt); }},
    {"ge", [](const CallSite& c) { return compare(c, CmpOp::Ge); }},
    {"and", [](const CallSite& c) { return logic(c, true); }},
    {"or", [](const CallSite& c) { return logic(c, false); }},
    {"not",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return emitNot(c.b, c.coerce(c.args[0], DataType::boolean()));
     }},
    {"negative", negative},
    {"positive",
     [](const CallSite& c) -> std::optional<SqlValue> { return c.coerce(c.args[0], c.e.type); }},
    {"isnull",
     [](const CallSite& c) -> std::optional<SqlValue> { return emitIsNull(c.b, c.args[0]); }},
    {"isnotnull",
     [](const CallSite& c) -> std::optional<SqlValue> { return emitIsNotNull(c.b, c.args[0]); }},
    {"coalesce", coalesce},
    {"if", ifThenElse},
    {"casewhen", caseWhen},
};

}  // namespace

std::span<const NamedEmitter> operatorEmitters() {
  return kEmitters;
}

}  // namespace sluice
