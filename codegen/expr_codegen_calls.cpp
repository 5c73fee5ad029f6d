// Calls that need code of their own rather than one stdlib binding per registry row:
// decimal arithmetic, abs / round / floor / ceil over every numeric type, greatest / least,
// nullif / nvl2 / nanvl, hash / xxhash64 chained over typed arguments, concat_ws (NULLs
// skipped), current_timestamp and date +/- days. Each calls stdlib kernels (math_abi.h,
// hash_abi.h, ...) where the work is more than an instruction or two.
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Module.h>

#include <stdexcept>

#include "codegen/expr_codegen_internal.h"
#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "planner/functions/registry.h"
#include "stdlib/datetime.h"
#include "stdlib/strings.h"

namespace sluice::exprgen {
namespace {

[[noreturn]] void unsupported(const std::string& what, const Expr& e) {
  throw CodegenError(what + " is not supported by the code generator yet", nullptr, e.span);
}

llvm::Value* wide(llvm::IRBuilder<>& b, const SqlValue& v) {
  return b.CreateSExt(v.value, b.getInt128Ty());
}

// The constant int argument `i` of `e` (round's scale), `def` when absent.
int32_t constInt(const Expr& e, size_t i, int32_t def) {
  if (e.args.size() <= i) return def;
  if (!e.args[i]->foldable()) unsupported("a non-constant scale of " + e.fn->name, e);
  const Value v = evaluateConstant(e.args[i]);
  return v.isNull() ? def : static_cast<int32_t>(v.asInt());
}

// Decimal + - * / % div pmod (operands at their own decimal types, as the binder left them).
std::optional<SqlValue> decimalArith(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& a,
                                     const CoerceFn& coerce, const ArenaFn& arena) {
  const std::string& n = e.fn->name;
  static const std::string ops = "+-*/%";
  const bool isOp = n.size() == 1 && ops.find(n[0]) != std::string::npos;
  if ((!isOp && n != "div" && n != "pmod") || a.size() != 2) return std::nullopt;
  for (size_t i = 0; i < 2; ++i) a[i] = coerce(a[i], e.args[i]->type);
  if (a[0].type->id() != TypeId::Decimal || a[1].type->id() != TypeId::Decimal) return std::nullopt;
  const int s1 = a[0].type->scale(), s2 = a[1].type->scale();
  return callIfNotNull(b, a, e.type, [&] {
    if (n == "div")
      return callC(b, "sluice_decimal_div",
                   {wide(b, a[0]), b.getInt32(s1), wide(b, a[1]), b.getInt32(s2)}, e.type, arena);
    std::vector<llvm::Value*> in;
    if (isOp) in.push_back(b.getInt32(n[0]));
    in.insert(in.end(), {wide(b, a[0]), b.getInt32(s1), wide(b, a[1]), b.getInt32(s2),
                         b.getInt32(e.type->precision()), b.getInt32(e.type->scale())});
    return callC(b, isOp ? "sluice_decimal_arith" : "sluice_decimal_pmod", in, e.type, arena);
  });
}

SqlValue absValue(llvm::IRBuilder<>& b, const SqlValue& v) {
  const DataType& t = *v.type;
  if (t.isFractional())
    return SqlValue::of(b.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, v.value), v.isNull, v.type);
  // Integers wrap (abs(MIN) = MIN, like Java's Math.abs); decimals cannot overflow.
  llvm::Value* neg = b.CreateICmpSLT(v.value, llvm::ConstantInt::get(v.value->getType(), 0));
  return SqlValue::of(b.CreateSelect(neg, b.CreateNeg(v.value), v.value, "abs"), v.isNull, v.type);
}

SqlValue roundValue(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& v, const ArenaFn& arena) {
  const bool halfEven = e.fn->name == "bround";
  const int32_t scale = constInt(e, 1, 0);
  const DataType& in = *v.type;
  return callIfNotNull(b, std::span<const SqlValue>(&v, 1), e.type, [&] {
    const char* dfn = halfEven ? "sluice_math_bround_f64" : "sluice_math_round_f64";
    const TypePtr dbl = DataType::doubleType();
    switch (in.id()) {
      case TypeId::Double:
        return callC(b, dfn, {v.value, b.getInt32(scale)}, e.type, arena);
      case TypeId::Float: {
        llvm::Value* d =
            callC(b, dfn, {b.CreateFPExt(v.value, b.getDoubleTy()), b.getInt32(scale)}, dbl, arena)
                .value;
        return SqlValue::notNull(b.CreateFPTrunc(d, b.getFloatTy()), e.type);
      }
      case TypeId::Decimal:
        return callC(
            b, "sluice_math_round_decimal",
            {wide(b, v), b.getInt32(in.scale()), b.getInt32(scale), b.getInt8(halfEven ? 1 : 0),
             b.getInt32(e.type->precision()), b.getInt32(e.type->scale())},
            e.type, arena);
      default: {
        llvm::Value* r = callC(b, "sluice_math_round_i64",
                               {b.CreateSExt(v.value, b.getInt64Ty()), b.getInt32(scale),
                                b.getInt8(halfEven ? 1 : 0)},
                               DataType::bigint(), arena)
                             .value;
        return SqlValue::notNull(b.CreateTrunc(r, v.value->getType()), e.type);
      }
    }
  });
}

SqlValue floorCeil(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& v, const ArenaFn& arena) {
  const bool ceil = e.fn->name == "ceil";
  if (v.type->id() == TypeId::Long) return v;
  return callIfNotNull(b, std::span<const SqlValue>(&v, 1), e.type, [&] {
    if (v.type->id() == TypeId::Decimal)
      return callC(b, ceil ? "sluice_math_ceil_decimal" : "sluice_math_floor_decimal",
                   {wide(b, v), b.getInt32(v.type->scale())}, e.type, arena);
    return callC(b, ceil ? "sluice_math_ceil_f64" : "sluice_math_floor_f64", {v.value}, e.type,
                 arena);
  });
}

// greatest / least: NULLs are skipped; NULL only when every argument is NULL.
SqlValue extreme(llvm::IRBuilder<>& b, bool greatest, std::vector<SqlValue>& a) {
  SqlValue best = a[0];
  for (size_t i = 1; i < a.size(); ++i) {
    const SqlValue& x = a[i];
    const SqlValue cmp = emitCompare(b, greatest ? CmpOp::Gt : CmpOp::Lt, x, best);
    // Take x when it is not NULL and (best is NULL or x beats best).
    llvm::Value* take =
        b.CreateAnd(b.CreateNot(x.isNull), b.CreateOr(best.isNull, cmp.value), "take");
    best = emitSelect(b, take, x, best);
  }
  return best;
}

// hash() / xxhash64(): the running hash through every non-NULL argument.
SqlValue hashCall(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& a,
                  const ArenaFn& arena) {
  const bool xx = e.fn->name == "xxhash64";
  const std::string prefix = xx ? "sluice_hash_xxhash64_" : "sluice_hash_murmur3_";
  llvm::Type* seedTy = xx ? b.getInt64Ty() : b.getInt32Ty();
  const TypePtr resultType = xx ? DataType::bigint() : DataType::integer();
  llvm::Value* h = llvm::ConstantInt::get(seedTy, 42);
  for (size_t i = 0; i < a.size(); ++i) {
    const SqlValue& v = a[i];
    const DataType& t = *v.type;
    std::string fn;
    std::vector<llvm::Value*> in;
    switch (t.id()) {
      case TypeId::Null:
        continue;
      case TypeId::Boolean:
        fn = "int", in = {b.CreateZExt(v.value, b.getInt32Ty())};
        break;
      case TypeId::Byte:
      case TypeId::Short:
      case TypeId::Int:
      case TypeId::Date:
        fn = "int", in = {b.CreateSExt(v.value, b.getInt32Ty())};
        break;
      case TypeId::Long:
      case TypeId::Timestamp:
        fn = "long", in = {v.value};
        break;
      case TypeId::Float:
        fn = "float", in = {v.value};
        break;
      case TypeId::Double:
        fn = "double", in = {v.value};
        break;
      case TypeId::Decimal:
        if (t.precision() <= 18)
          fn = "long", in = {v.value};
        else
          fn = "decimal", in = {v.value};
        break;
      case TypeId::String:
      case TypeId::Binary:
        fn = "bytes", in = {stringViewData(b, v.value), stringViewLength(b, v.value)};
        break;
      default:
        unsupported(e.fn->name + " of " + t.toString(), *e.args[i]);
    }
    in.push_back(h);
    const SqlValue prev = SqlValue::notNull(h, resultType);
    h = callIfNotNull(b, std::span<const SqlValue>(&v, 1), resultType, [&] {
          return callC(b, prefix + fn, in, resultType, arena);
        }).value;
    // A NULL argument leaves the running hash unchanged.
    if (v.mayBeNull()) h = b.CreateSelect(v.isNull, prev.value, h, "hash");
  }
  return SqlValue::notNull(h, resultType);
}

// concat_ws(sep, s1, s2, ...): NULL only when sep is; NULL strings are skipped.
SqlValue concatWs(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& a,
                  const CoerceFn& coerce, const ArenaFn& arena) {
  for (size_t i = 0; i < a.size(); ++i) {
    if (e.args[i]->type->id() != TypeId::String && a[i].type->id() != TypeId::Null)
      unsupported("concat_ws over " + e.args[i]->type->toString(), e);
    a[i] = coerce(a[i], DataType::string());
  }
  return callIfNotNull(b, std::span<const SqlValue>(a.data(), 1), e.type, [&] {
    llvm::LLVMContext& ctx = b.getContext();
    llvm::StructType* viewTy = stringViewType(ctx);
    const uint64_t n = a.size() - 1;
    llvm::BasicBlock& entry = b.GetInsertBlock()->getParent()->getEntryBlock();
    llvm::IRBuilder<> eb(&entry, entry.getFirstInsertionPt());
    llvm::Value* arr = eb.CreateAlloca(viewTy, eb.getInt64(std::max<uint64_t>(n, 1)), "wsargs");
    // A NULL argument travels as a view of length -1 (sluice_str_concat_ws skips it).
    llvm::Value* nullView =
        makeStringView(b, llvm::ConstantPointerNull::get(b.getPtrTy()), b.getInt64(-1));
    for (uint64_t k = 0; k < n; ++k) {
      const SqlValue& v = a[k + 1];
      llvm::Value* view = v.mayBeNull() ? b.CreateSelect(v.isNull, nullView, v.value) : v.value;
      b.CreateStore(view, b.CreateConstGEP1_64(viewTy, arr, k));
    }
    return callC(b, "sluice_str_concat_ws",
                 {stringViewData(b, a[0].value), stringViewLength(b, a[0].value), arr,
                  b.getInt64(static_cast<int64_t>(n))},
                 e.type, arena);
  });
}

// The clock read once per kernel invocation (in the entry block, shared by every
// current_timestamp() of the function): all rows of a batch see one value, as in Spark
// where the optimizer fixes it per query / micro-batch.
llvm::Value* batchNow(llvm::IRBuilder<>& b) {
  const StdlibBinding& bd = stdlibBindingNamed("sluice_dt_now_micros");
  llvm::Function* f = b.GetInsertBlock()->getParent();
  llvm::Module* m = f->getParent();
  llvm::FunctionCallee fn =
      m->getOrInsertFunction(bd.cName, llvmSignature(m->getContext(), bd.sig));
  llvm::BasicBlock& entry = f->getEntryBlock();
  for (llvm::Instruction& inst : entry)
    if (auto* call = llvm::dyn_cast<llvm::CallInst>(&inst))
      if (call->getCalledOperand() == fn.getCallee()) return call;
  llvm::IRBuilder<> eb(&entry, entry.getFirstInsertionPt());
  return eb.CreateCall(fn, {}, "now");
}

}  // namespace

std::optional<SqlValue> compileSpecialCall(llvm::IRBuilder<>& b, const Expr& e,
                                           std::vector<SqlValue>& a, const CoerceFn& coerce,
                                           const ArenaFn& arena) {
  const std::string& n = e.fn->name;
  llvm::LLVMContext& ctx = b.getContext();
  if (e.type->id() == TypeId::Decimal || n == "div") {
    if (auto r = decimalArith(b, e, a, coerce, arena)) return r;
  }
  if (n == "negative" && e.type->id() == TypeId::Decimal) {
    const SqlValue v = coerce(a[0], e.type);
    return SqlValue::of(b.CreateNeg(v.value, "neg"), v.isNull, e.type);
  }
  if ((n == "+" || n == "-") && a.size() == 2 && e.type->id() == TypeId::Date) {
    // date +/- int days (int + date too); wraps like Spark's int arithmetic.
    const bool dateFirst = e.args[0]->type->id() == TypeId::Date;
    SqlValue d = coerce(a[dateFirst ? 0 : 1], DataType::date());
    SqlValue k = coerce(a[dateFirst ? 1 : 0], DataType::integer());
    llvm::Value* v = n == "+" ? b.CreateAdd(d.value, k.value) : b.CreateSub(d.value, k.value);
    return SqlValue::of(v, b.CreateOr(d.isNull, k.isNull), e.type);
  }
  if (n == "abs") return absValue(b, coerce(a[0], e.type));
  if (n == "round" || n == "bround") return roundValue(b, e, coerce(a[0], e.args[0]->type), arena);
  if (n == "floor" || n == "ceil") return floorCeil(b, e, coerce(a[0], e.args[0]->type), arena);
  if (n == "greatest" || n == "least") {
    for (auto& v : a) v = coerce(v, e.type);
    return extreme(b, n == "greatest", a);
  }
  if (n == "nullif") {
    const TypePtr t = comparisonType(e.args[0]->type, e.args[1]->type);
    if (!t) unsupported("nullif of these types", e);
    const SqlValue first = coerce(a[0], e.type);
    const SqlValue eq = emitCompare(b, CmpOp::Eq, coerce(a[0], t), coerce(a[1], t));
    llvm::Value* same = b.CreateAnd(b.CreateNot(eq.isNull), eq.value, "same");
    return SqlValue::of(first.value, b.CreateOr(first.isNull, same, "nullif"), e.type);
  }
  if (n == "nvl2") {
    return emitSelect(b, b.CreateNot(a[0].isNull), coerce(a[1], e.type), coerce(a[2], e.type));
  }
  if (n == "isnan") {
    const SqlValue v = coerce(a[0], DataType::doubleType());
    return SqlValue::notNull(b.CreateAnd(b.CreateNot(v.isNull), b.CreateFCmpUNO(v.value, v.value)),
                             e.type);
  }
  if (n == "nanvl") {
    const SqlValue x = coerce(a[0], e.type), y = coerce(a[1], e.type);
    return emitSelect(b, b.CreateFCmpUNO(x.value, x.value), y, x);
  }
  if (n == "hash" || n == "xxhash64") return hashCall(b, e, a, arena);
  if (n == "concat_ws") return concatWs(b, e, a, coerce, arena);
  if (n == "current_timestamp") return SqlValue::notNull(batchNow(b), e.type);
  if (n == "current_date")
    return SqlValue::notNull(
        coerce(SqlValue::notNull(batchNow(b), DataType::timestamp()), DataType::date()).value,
        e.type);
  if (n == "unix_timestamp" && a.empty()) {
    llvm::Value* secs =
        coerce(SqlValue::notNull(batchNow(b), DataType::timestamp()), DataType::bigint()).value;
    return SqlValue::notNull(secs, e.type);
  }
  (void)ctx;
  return std::nullopt;
}

void checkConstantPatterns(const Expr& e) {
  const std::string& n = e.fn->name;
  auto literal = [&](size_t i) -> const Value* {
    if (e.args.size() <= i || e.args[i]->kind != ExprKind::Literal) return nullptr;
    const Value& v = e.args[i]->value;
    return v.isNull() ? nullptr : &v;
  };
  try {
    if (n == "rlike" || n == "split" || n == "regexp_extract" || n == "regexp_replace") {
      if (const Value* re = literal(1)) stdlib::validateRegex(re->asString());
      if (n == "regexp_extract" && literal(1) && literal(2))
        stdlib::regexpExtract("", literal(1)->asString(), literal(2)->asInt());
    }
    const bool fmt1 = n == "to_timestamp" || n == "to_date" || n == "unix_timestamp" ||
                      n == "to_unix_timestamp" || n == "from_unixtime" || n == "date_format";
    if (fmt1) {
      if (const Value* f = literal(1)) {
        std::string err;
        if (!stdlib::DateTimePattern::compile(f->asString(), &err))
          throw std::invalid_argument(err);
      }
    }
  } catch (const std::invalid_argument& err) {
    throw AnalysisError(err.what(), nullptr, e.span);
  }
}

}  // namespace sluice::exprgen
