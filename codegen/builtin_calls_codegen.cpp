// Emitters of registry rows whose stdlib entry points take more than their SQL arguments,
// so the generic marshalling of a row's symbol (stdlib_binding.h's findStdlibBinding /
// emitStdlibCall) cannot call them: sort_array, array_distinct and array_contains (the
// element type's descriptor, sort_array's constant asc flag), IN over nested values (the
// descriptor), concat / reverse of arrays and binaries, timestamp_seconds of a decimal (its
// scale), rand / randn (their generator state); and of rows that are a few instructions: the
// bitwise operators & | ^ ~, IN over scalars, length of a binary. C functions are called
// through the binding derived from their C signature (stdlibBindingNamed + emitCCall).
#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include "codegen/call_emitters.h"
#include "codegen/ir/null_ops.h"
#include "codegen/json_codegen.h"
#include "codegen/nested_codegen.h"
#include "codegen/nested_ir.h"
#include "codegen/stdlib_binding.h"
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "stdlib/json_schema.h"
#include "stdlib/random_abi.h"

namespace sluice {
namespace {

namespace sl = stdlib;

// The descriptor of element type `t`, built once per distinct type for the whole process:
// compiled kernels hold its address as a constant and may outlive the compiler.
const sl::NestedType& descriptor(const DataType& t, const Expr& where) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<sl::NestedType>> table;
  const std::string key = t.toString();
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = table[key];
  if (!slot) slot = std::make_unique<sl::NestedType>(toNestedType(t, where));
  return *slot;
}

// descriptor(t) as a constant of the kernel (named after the type: see constPtr).
llvm::Value* descriptorPtr(llvm::IRBuilder<>& b, const DataType& t, const Expr& where) {
  return constPtr(b, &descriptor(t, where), "nested\x1d" + t.toString());
}

SqlValue call(llvm::IRBuilder<>& b, const char* cName, std::vector<llvm::Value*> inputs,
              const TypePtr& resultType, const NestedArenaFn& arena) {
  return emitCCall(b, stdlibBindingNamed(cName), inputs, resultType, arena);
}

// sort_array(a [, asc]) and array_distinct(a): NULL for a NULL array (and, like the folded
// form, for a NULL asc).
std::optional<SqlValue> arrayToArray(llvm::IRBuilder<>& b, const Expr& e,
                                     std::vector<SqlValue>& args, bool distinct,
                                     const NestedArenaFn& arena) {
  const SqlValue arr = coerceNested(b, args[0], e.type);
  if (arr.type->id() != TypeId::Array) return SqlValue::null(b.getContext(), e.type);
  if (distinct)
    return ifNotNull(b, arr.isNull, e.type, [&] {
      return call(b, "sluice_array_distinct",
                  {arr.value, descriptorPtr(b, *e.type->elementType(), e)}, e.type, arena);
    });
  bool asc = true;
  if (e.args.size() > 1) {
    if (!e.args[1]->foldable())
      throw CodegenError("sort_array expects a foldable boolean order", nullptr, e.span);
    const Value v = evaluateConstant(e.args[1]);
    if (v.isNull()) return SqlValue::null(b.getContext(), e.type);
    asc = v.asBool();
  }
  return ifNotNull(b, arr.isNull, e.type, [&] {
    return call(b, "sluice_array_sort",
                {arr.value, descriptorPtr(b, *e.type->elementType(), e), b.getInt8(asc ? 1 : 0)},
                e.type, arena);
  });
}

// array_contains(a, v): NULL when a or v is NULL, or when v is not found and an element is.
SqlValue arrayContains(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& args,
                       const NestedArenaFn& arena) {
  const SqlValue& arr = args[0];
  if (arr.type->id() != TypeId::Array || args[1].type->id() == TypeId::Null)
    return SqlValue::null(b.getContext(), e.type);
  const TypePtr& et = arr.type->elementType();
  const SqlValue v = coerceNested(b, args[1], et);
  return ifNotNull(b, b.CreateOr(arr.isNull, v.isNull), e.type, [&] {
    llvm::Value* slot = entryAlloca(b, b.getInt128Ty(), 1, "contains.value");
    storeSlot(b, slot, b.getInt64(0), v.value, *et);
    return call(b, "sluice_array_contains", {arr.value, descriptorPtr(b, *et, e), slot}, e.type,
                arena);
  });
}

// timestamp_seconds(decimal): exact microseconds (integral and fractional arguments bind
// through the row's symbol).
std::optional<SqlValue> timestampSeconds(llvm::IRBuilder<>& b, const Expr& e,
                                         std::vector<SqlValue>& args, const NestedArenaFn& arena) {
  const SqlValue& v = args[0];
  if (v.type->id() != TypeId::Decimal) return std::nullopt;
  return ifNotNull(b, v.isNull, e.type, [&] {
    return call(b, "sluice_dt_timestamp_seconds_decimal",
                {b.CreateSExt(v.value, b.getInt128Ty()), b.getInt32(v.type->scale())}, e.type,
                arena);
  });
}

// a & b, a | b, a ^ b over integral types (the binder gives both operands the result
// type); NULL when an operand is NULL.
SqlValue bitwise(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& args,
                 llvm::Instruction::BinaryOps op, const char* name) {
  const SqlValue x = coerceNested(b, args[0], e.type);
  const SqlValue y = coerceNested(b, args[1], e.type);
  llvm::Value* v = b.CreateBinOp(op, x.value, y.value, name);
  return SqlValue::of(v, b.CreateOr(x.isNull, y.isNull), e.type);
}

// Equality of two values of type `t` as an i1 payload (meaningful when neither is NULL):
// emitCompare for scalars, Spark's ordering (sluice_nested_compare) for nested values.
llvm::Value* equalValues(llvm::IRBuilder<>& b, const SqlValue& x, const SqlValue& y,
                         const TypePtr& t, const Expr& e, const NestedArenaFn& arena) {
  if (!t->isComplex())
    return emitCompare(b, CmpOp::Eq, SqlValue::notNull(x.value, t), SqlValue::notNull(y.value, t))
        .value;
  const SqlValue c = ifNotNull(b, b.CreateOr(x.isNull, y.isNull), DataType::integer(), [&] {
    return call(b, "sluice_nested_compare", {x.value, y.value, descriptorPtr(b, *t, e)},
                DataType::integer(), arena);
  });
  return b.CreateICmpEQ(c.value, b.getInt32(0), "nested.eq");
}

// v IN (e1, e2, ...): TRUE when v equals one of them; otherwise NULL when v or any of them
// is NULL; otherwise FALSE (Spark's In; the binder gives every operand one type).
SqlValue inList(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& args,
                const NestedArenaFn& arena) {
  const TypePtr& t = e.args[0]->type;
  if (t->id() == TypeId::Null) return SqlValue::null(b.getContext(), e.type);
  const SqlValue v = coerceNested(b, args[0], t);
  llvm::Value* found = b.getFalse();
  llvm::Value* sawNull = v.isNull;
  for (size_t k = 1; k < args.size(); ++k) {
    const SqlValue item = coerceNested(b, args[k], t);
    llvm::Value* eq = equalValues(b, v, item, t, e, arena);
    found = b.CreateOr(found, b.CreateAnd(eq, b.CreateNot(b.CreateOr(v.isNull, item.isNull))));
    sawNull = b.CreateOr(sawNull, item.isNull);
  }
  return SqlValue::of(found, b.CreateAnd(b.CreateNot(found), sawNull, "in.isnull"), e.type);
}

// concat over binaries (their bytes, one after the other) or arrays (their elements); NULL
// when an argument is NULL. Strings bind through the row's symbol.
std::optional<SqlValue> concat(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& args,
                               const NestedArenaFn& arena) {
  const TypeId t = e.type->id();
  if ((t != TypeId::Binary && t != TypeId::Array) || args.empty()) return std::nullopt;
  std::vector<SqlValue> parts;
  llvm::Value* anyNull = b.getFalse();
  for (const SqlValue& a : args) {
    parts.push_back(coerceNested(b, a, e.type));
    anyNull = b.CreateOr(anyNull, parts.back().isNull);
  }
  return ifNotNull(b, anyNull, e.type, [&]() -> SqlValue {
    if (t == TypeId::Array) {
      llvm::Value* acc = parts[0].value;
      for (size_t k = 1; k < parts.size(); ++k)
        acc = call(b, "sluice_array_concat", {acc, parts[k].value}, e.type, arena).value;
      return SqlValue::notNull(acc, e.type);
    }
    llvm::StructType* viewTy = stringViewType(b.getContext());
    llvm::Value* views = entryAlloca(b, viewTy, std::max<size_t>(parts.size(), 1), "concat.parts");
    for (size_t k = 0; k < parts.size(); ++k)
      b.CreateStore(parts[k].value, b.CreateConstGEP1_64(viewTy, views, k));
    return call(b, "sluice_str_concat", {views, b.getInt64(static_cast<int64_t>(parts.size()))},
                e.type, arena);
  });
}

// rand([seed]) / randn([seed]): Spark's XORShiftRandom (stdlib/random.h). Each call site's
// generator lives in the kernel's frame and starts from the seed in the entry block, once per
// kernel run (one batch), as a Spark task starts partition 0's generator. Without a seed one
// is drawn at compile time (Spark draws it at analysis).
SqlValue randomCall(llvm::IRBuilder<>& b, const Expr& e, bool gaussian,
                    const NestedArenaFn& arena) {
  int64_t seed = 0;
  if (e.args.empty()) {
    std::random_device rd;
    seed = static_cast<int64_t>((uint64_t{rd()} << 32) | rd());
  } else {
    if (!e.args[0]->foldable())
      throw CodegenError("function " + e.fn->name +
                             " expects a constant seed (an integer or long literal, as in Spark)",
                         nullptr, e.span);
    const Value v = evaluateConstant(e.args[0]);
    seed = v.isNull() ? 0 : v.asInt();
  }
  llvm::Function* fn = b.GetInsertBlock()->getParent();
  fn->addFnAttr(kPerCallStateAttr);  // the generator restarts with every call of `fn`
  llvm::BasicBlock& entry = fn->getEntryBlock();
  llvm::IRBuilder<> eb(&entry, entry.getFirstInsertionPt());
  llvm::AllocaInst* state = eb.CreateAlloca(
      llvm::ArrayType::get(eb.getInt8Ty(), kSluiceRandomStateBytes), nullptr, "rand.state");
  state->setAlignment(llvm::Align(16));
  eb.SetInsertPoint(&entry, std::next(state->getIterator()));  // started right after it
  call(eb, "sluice_rand_init", {state, eb.getInt64(seed)}, DataType::boolean(), arena);
  return call(b, gaussian ? "sluice_rand_gaussian" : "sluice_rand_double", {state},
              DataType::doubleType(), arena);
}

using Emitted = std::optional<SqlValue>;

const NamedEmitter kEmitters[] = {
    {"sort_array",
     [](const CallSite& c) { return arrayToArray(c.b, c.e, c.args, false, c.arena); }},
    {"array_distinct",
     [](const CallSite& c) { return arrayToArray(c.b, c.e, c.args, true, c.arena); }},
    {"array_contains",
     [](const CallSite& c) -> Emitted { return arrayContains(c.b, c.e, c.args, c.arena); }},
    // Decimals only; integral and fractional seconds bind through the row's symbol.
    {"timestamp_seconds",
     [](const CallSite& c) { return timestampSeconds(c.b, c.e, c.args, c.arena); }},
    {"bit_and",
     [](const CallSite& c) -> Emitted {
       return bitwise(c.b, c.e, c.args, llvm::Instruction::And, "bitand");
     }},
    {"bit_or",
     [](const CallSite& c) -> Emitted {
       return bitwise(c.b, c.e, c.args, llvm::Instruction::Or, "bitor");
     }},
    {"bit_xor",
     [](const CallSite& c) -> Emitted {
       return bitwise(c.b, c.e, c.args, llvm::Instruction::Xor, "bitxor");
     }},
    {"bit_not",
     [](const CallSite& c) -> Emitted {
       const SqlValue x = coerceNested(c.b, c.args[0], c.e.type);
       return SqlValue::of(c.b.CreateNot(x.value, "bitnot"), x.isNull, c.e.type);
     }},
    {"in", [](const CallSite& c) -> Emitted { return inList(c.b, c.e, c.args, c.arena); }},
    {"rand", [](const CallSite& c) -> Emitted { return randomCall(c.b, c.e, false, c.arena); }},
    {"randn", [](const CallSite& c) -> Emitted { return randomCall(c.b, c.e, true, c.arena); }},
    // Binaries and arrays; strings bind through the row's symbol.
    {"concat", [](const CallSite& c) { return concat(c.b, c.e, c.args, c.arena); }},
    // Arrays; strings bind through the row's symbol.
    {"reverse",
     [](const CallSite& c) -> Emitted {
       if (c.e.type->id() != TypeId::Array) return std::nullopt;
       const SqlValue a = coerceNested(c.b, c.args[0], c.e.type);
       return ifNotNull(c.b, a.isNull, c.e.type, [&] {
         return call(c.b, "sluice_array_reverse", {a.value}, c.e.type, c.arena);
       });
     }},
    // Spark's length of a binary is its byte count; strings bind through the row's symbol.
    {"length",
     [](const CallSite& c) -> Emitted {
       if (c.e.args[0]->type->id() != TypeId::Binary) return std::nullopt;
       const SqlValue& a = c.args[0];
       return SqlValue::of(c.b.CreateTrunc(stringViewLength(c.b, a.value), c.b.getInt32Ty(), "len"),
                           a.isNull, c.e.type);
     }},
};

}  // namespace

std::span<const NamedEmitter> builtinCallEmitters() {
  return kEmitters;
}

}  // namespace sluice
