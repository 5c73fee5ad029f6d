// Emitters of scalar rows that need code of their own rather than one stdlib binding:
// abs / round / floor / ceil over every numeric type, greatest / least, nullif / nvl2 /
// isnan / nanvl, hash / xxhash64 chained over typed arguments, concat_ws (NULLs skipped),
// and the batch clock (current_timestamp, current_date, unix_timestamp()). Each calls stdlib
// kernels (math_abi.h, hash_abi.h, ...) where the work is more than an instruction or two.
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Module.h>

#include <stdexcept>

#include "codegen/call_emitters.h"
#include "codegen/expr_codegen_internal.h"
#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "planner/functions/registry.h"
#include "stdlib/math.h"
#include "stdlib/timezone.h"

namespace sluice {
namespace exprgen {
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

SqlValue absValue(llvm::IRBuilder<>& b, const SqlValue& v) {
  const DataType& t = *v.type;
  if (t.isFractional())
    return SqlValue::of(b.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, v.value), v.isNull, v.type);
  // Integers wrap (abs(MIN) = MIN, like Java's Math.abs); decimals cannot overflow.
  llvm::Value* neg = b.CreateICmpSLT(v.value, llvm::ConstantInt::get(v.value->getType(), 0));
  return SqlValue::of(b.CreateSelect(neg, b.CreateNeg(v.value), v.value, "abs"), v.isNull, v.type);
}

// round (HALF_UP) / bround (HALF_EVEN) to a constant scale; ceil / floor with a scale
// (CEILING / FLOOR) reach here with a decimal.
SqlValue roundValue(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& v, stdlib::RoundMode mode,
                    const ArenaFn& arena) {
  const bool halfEven = mode == stdlib::RoundMode::HalfEven;
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
        return callC(b, "sluice_math_round_decimal",
                     {wide(b, v), b.getInt32(in.scale()), b.getInt32(scale),
                      b.getInt8(static_cast<uint8_t>(mode)), b.getInt32(e.type->precision()),
                      b.getInt32(e.type->scale())},
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

SqlValue floorCeil(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& v, bool ceil,
                   const ArenaFn& arena) {
  if (e.args.size() > 1)
    return roundValue(b, e, v, ceil ? stdlib::RoundMode::Ceiling : stdlib::RoundMode::Floor, arena);
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
SqlValue hashCall(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& a, bool xx,
                  const ArenaFn& arena) {
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
      case TypeId::YearMonthInterval:
        fn = "int", in = {b.CreateSExt(v.value, b.getInt32Ty())};
        break;
      case TypeId::Long:
      case TypeId::Timestamp:
      case TypeId::DayTimeInterval:
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

std::optional<SqlValue> nullIf(const CallSite& c) {
  const Expr& e = c.e;
  const TypePtr t = comparisonType(e.args[0]->type, e.args[1]->type);
  if (!t) unsupported("nullif of these types", e);
  const SqlValue first = c.coerce(c.args[0], e.type);
  const SqlValue eq = emitCompare(c.b, CmpOp::Eq, c.coerce(c.args[0], t), c.coerce(c.args[1], t));
  llvm::Value* same = c.b.CreateAnd(c.b.CreateNot(eq.isNull), eq.value, "same");
  return SqlValue::of(first.value, c.b.CreateOr(first.isNull, same, "nullif"), e.type);
}

std::optional<SqlValue> extremeOf(const CallSite& c, bool greatest) {
  for (auto& v : c.args) v = c.coerce(v, c.e.type);
  return extreme(c.b, greatest, c.args);
}

// The batch clock as a value of `t` (timestamp, date or bigint seconds).
SqlValue now(const CallSite& c, const TypePtr& t) {
  const SqlValue ts = SqlValue::notNull(batchNow(c.b), DataType::timestamp());
  return SqlValue::notNull(c.coerce(ts, t).value, c.e.type);
}

const NamedEmitter kEmitters[] = {
    {"abs",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return absValue(c.b, c.coerce(c.args[0], c.e.type));
     }},
    {"round",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return roundValue(c.b, c.e, c.coerce(c.args[0], c.e.args[0]->type),
                         stdlib::RoundMode::HalfUp, c.arena);
     }},
    {"bround",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return roundValue(c.b, c.e, c.coerce(c.args[0], c.e.args[0]->type),
                         stdlib::RoundMode::HalfEven, c.arena);
     }},
    {"floor",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return floorCeil(c.b, c.e, c.coerce(c.args[0], c.e.args[0]->type), false, c.arena);
     }},
    {"ceil",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return floorCeil(c.b, c.e, c.coerce(c.args[0], c.e.args[0]->type), true, c.arena);
     }},
    {"greatest", [](const CallSite& c) { return extremeOf(c, true); }},
    {"least", [](const CallSite& c) { return extremeOf(c, false); }},
    {"nullif", nullIf},
    {"nvl2",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return emitSelect(c.b, c.b.CreateNot(c.args[0].isNull), c.coerce(c.args[1], c.e.type),
                         c.coerce(c.args[2], c.e.type));
     }},
    {"isnan",
     [](const CallSite& c) -> std::optional<SqlValue> {
       const SqlValue v = c.coerce(c.args[0], DataType::doubleType());
       return SqlValue::notNull(
           c.b.CreateAnd(c.b.CreateNot(v.isNull), c.b.CreateFCmpUNO(v.value, v.value)), c.e.type);
     }},
    {"nanvl",
     [](const CallSite& c) -> std::optional<SqlValue> {
       const SqlValue x = c.coerce(c.args[0], c.e.type), y = c.coerce(c.args[1], c.e.type);
       return emitSelect(c.b, c.b.CreateFCmpUNO(x.value, x.value), y, x);
     }},
    {"hash",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return hashCall(c.b, c.e, c.args, false, c.arena);
     }},
    {"xxhash64",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return hashCall(c.b, c.e, c.args, true, c.arena);
     }},
    {"concat_ws",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return concatWs(c.b, c.e, c.args, c.coerce, c.arena);
     }},
    {"current_timestamp",
     [](const CallSite& c) -> std::optional<SqlValue> {
       return SqlValue::notNull(batchNow(c.b), c.e.type);
     }},
    {"localtimestamp",  // the batch clock's wall clock in the session zone (NTZ)
     [](const CallSite& c) -> std::optional<SqlValue> {
       if (stdlib::Zone::of(c.e.timeZone).isUtc())
         return SqlValue::notNull(batchNow(c.b), c.e.type);
       const SqlValue z = zoneIdValue(c.b, c.e.timeZone);
       return callC(c.b, "sluice_dt_ltz_to_ntz_tz",
                    {batchNow(c.b), stringViewData(c.b, z.value), stringViewLength(c.b, z.value)},
                    c.e.type, c.arena);
     }},
    {"current_date",
     [](const CallSite& c) -> std::optional<SqlValue> {
       if (stdlib::Zone::of(c.e.timeZone).isUtc()) return now(c, DataType::date());
       // The batch clock's date in the session zone.
       const SqlValue z = zoneIdValue(c.b, c.e.timeZone);
       return callC(c.b, "sluice_dt_local_date_tz",
                    {batchNow(c.b), stringViewData(c.b, z.value), stringViewLength(c.b, z.value)},
                    c.e.type, c.arena);
     }},
    {"current_timezone",
     [](const CallSite& c) -> std::optional<SqlValue> {
       const std::string id = c.e.timeZone.empty() ? "UTC" : c.e.timeZone;
       return SqlValue::notNull(zoneIdValue(c.b, id).value, c.e.type);
     }},
    // unix_timestamp() without arguments; with arguments it is the row's stdlib call.
    {"unix_timestamp",
     [](const CallSite& c) -> std::optional<SqlValue> {
       if (!c.args.empty()) return std::nullopt;
       return now(c, DataType::bigint());
     }},
};

}  // namespace
}  // namespace exprgen

std::span<const NamedEmitter> scalarCallEmitters() {
  return exprgen::kEmitters;
}

}  // namespace sluice
