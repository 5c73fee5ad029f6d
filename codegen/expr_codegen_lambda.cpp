// Emitters of the higher-order functions (planner/functions/registry_lambdas.cpp): a loop
// over the array or map's elements that compiles the lambda's body inline for each one, with
// the lambda parameters bound to the element (CallSite::applyLambda). Results are built in
// the kernel's arena in the nested layout (stdlib/nested.h). Semantics as the rows' folds:
// NULL collection -> NULL; exists / forall three-valued; zip_with pads with NULLs;
// transform_keys fails on a NULL or repeated key; array_sort is a stable insertion sort.
#include "codegen/call_emitters.h"
#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/json_codegen.h"
#include "codegen/nested_build.h"
#include "codegen/nested_codegen.h"
#include "codegen/nested_ir.h"
#include "frontend/error.h"
#include "planner/functions/function.h"
#include "planner/type_storage.h"
#include "stdlib/nested_abi.h"

namespace sluice {
namespace {

using namespace nestedbuild;
using Emitted = std::optional<SqlValue>;

SqlValue apply(const CallSite& c, size_t arg, const std::vector<SqlValue>& params) {
  if (!c.applyLambda || c.e.args.size() <= arg || c.e.args[arg]->kind != ExprKind::Lambda)
    throw CodegenError(c.e.fn->name + " needs a lambda function argument", nullptr, c.e.span);
  return (*c.applyLambda)(*c.e.args[arg], params);
}

void finishArray(llvm::IRBuilder<>& b, const NewArray& a, llvm::Value* length) {
  b.CreateStore(length, a.base);
}

SqlValue index32(llvm::IRBuilder<>& b, llvm::Value* i) {
  return SqlValue::notNull(b.CreateTrunc(i, b.getInt32Ty()), DataType::integer());
}

// transform(a, x [, i] -> f): one result per element.
Emitted transform(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue& arr = c.args[0];
  const DataType& at = *arr.type;
  const TypePtr& rt = c.e.type->elementType();
  const bool withIndex = c.e.args[1]->lambdaParams.size() > 1;
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, arr.value);
    const NewArray out = newArray(b, c, n);
    {
      LoopBuilder loop(b, b.getInt64(0), n, "transform");
      std::vector<SqlValue> params = {arrayElement(b, arr.value, loop.index(), at)};
      if (withIndex) params.push_back(index32(b, loop.index()));
      put(b, out.slots, out.nulls, loop.index(), apply(c, 1, params), rt);
    }
    finishArray(b, out, n);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

// filter(a, x [, i] -> p): the elements for which p is true.
Emitted filter(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue& arr = c.args[0];
  const DataType& at = *arr.type;
  const bool withIndex = c.e.args[1]->lambdaParams.size() > 1;
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, arr.value);
    const NewArray out = newArray(b, c, n);
    llvm::Value* count = counter(b, "filter.count");
    {
      LoopBuilder loop(b, b.getInt64(0), n, "filter");
      const SqlValue x = arrayElement(b, arr.value, loop.index(), at);
      std::vector<SqlValue> params = {x};
      if (withIndex) params.push_back(index32(b, loop.index()));
      IfBuilder keep(b, emitIsTrue(b, apply(c, 1, params)), "filter.keep");
      put(b, out.slots, out.nulls, bump(b, count), x, at.elementType());
      keep.end();
    }
    finishArray(b, out, b.CreateLoad(b.getInt64Ty(), count));
    return SqlValue::notNull(out.base, c.e.type);
  });
}

// exists (any = true) / forall (any = false), three-valued.
Emitted quantifier(const CallSite& c, bool any) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue& arr = c.args[0];
  const DataType& at = *arr.type;
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    // 0: no decision yet, 1: decided (the element that settles it), 2: a NULL was seen.
    llvm::Value* state = entryAlloca(b, b.getInt8Ty(), 1, "quantifier.state");
    b.CreateStore(b.getInt8(0), state);
    {
      LoopBuilder loop(b, b.getInt64(0), nestedLength(b, arr.value), any ? "exists" : "forall");
      const SqlValue p = apply(c, 1, {arrayElement(b, arr.value, loop.index(), at)});
      llvm::Value* decides =
          b.CreateAnd(b.CreateNot(p.isNull), any ? p.value : b.CreateNot(p.value), "decides");
      IfBuilder done(b, decides, "quantifier.decided");
      b.CreateStore(b.getInt8(1), state);
      loop.breakLoop();
      done.end();
      IfBuilder sawNull(b, p.isNull, "quantifier.null");
      b.CreateStore(b.getInt8(2), state);
      sawNull.end();
    }
    llvm::Value* s = b.CreateLoad(b.getInt8Ty(), state);
    llvm::Value* decided = b.CreateICmpEQ(s, b.getInt8(1));
    llvm::Value* value = any ? decided : b.CreateNot(decided);
    return SqlValue::of(value, b.CreateICmpEQ(s, b.getInt8(2)), c.e.type);
  });
}

// aggregate(a, zero, (acc, x) -> merge [, acc -> finish]).
Emitted aggregate(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue& arr = c.args[0];
  const DataType& at = *arr.type;
  const TypePtr& accType = c.e.args[1]->type;
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    llvm::Type* payloadTy = llvmTypeFor(b.getContext(), *accType);
    llvm::Value* accValue = entryAlloca(b, payloadTy, 1, "acc");
    llvm::Value* accNull = entryAlloca(b, b.getInt1Ty(), 1, "acc.isnull");
    const SqlValue zero = coerceNested(b, c.args[1], accType);
    b.CreateStore(zero.value, accValue);
    b.CreateStore(zero.isNull, accNull);
    auto load = [&] {
      return SqlValue::of(b.CreateLoad(payloadTy, accValue), b.CreateLoad(b.getInt1Ty(), accNull),
                          accType);
    };
    {
      LoopBuilder loop(b, b.getInt64(0), nestedLength(b, arr.value), "aggregate");
      const SqlValue next = coerceNested(
          b, apply(c, 2, {load(), arrayElement(b, arr.value, loop.index(), at)}), accType);
      b.CreateStore(next.value, accValue);
      b.CreateStore(next.isNull, accNull);
    }
    const SqlValue acc = load();
    if (c.e.args.size() > 3) return coerceNested(b, apply(c, 3, {acc}), c.e.type);
    return coerceNested(b, acc, c.e.type);
  });
}

// zip_with(a, b, (x, y) -> f): as long as the longer, missing elements NULL.
Emitted zipWith(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue &x = c.args[0], &y = c.args[1];
  const DataType &xt = *x.type, &yt = *y.type;
  const TypePtr& rt = c.e.type->elementType();
  return ifNotNull(b, b.CreateOr(x.isNull, y.isNull), c.e.type, [&] {
    llvm::Value* nx = nestedLength(b, x.value);
    llvm::Value* ny = nestedLength(b, y.value);
    llvm::Value* n = b.CreateSelect(b.CreateICmpSGT(nx, ny), nx, ny, "zip.len");
    const NewArray out = newArray(b, c, n);
    {
      LoopBuilder loop(b, b.getInt64(0), n, "zip");
      llvm::Value* i = loop.index();
      auto element = [&](const SqlValue& arr, const DataType& t, llvm::Value* len) {
        return ifNotNull(b, b.CreateICmpSGE(i, len), t.elementType(),
                         [&] { return arrayElement(b, arr.value, i, t); });
      };
      put(b, out.slots, out.nulls, i, apply(c, 2, {element(x, xt, nx), element(y, yt, ny)}), rt);
    }
    finishArray(b, out, n);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

// Swaps elements i and j (slots and null bytes) of an array being built.
void swapElements(llvm::IRBuilder<>& b, const NewArray& a, llvm::Value* i, llvm::Value* j) {
  llvm::Type* slotTy = b.getInt128Ty();
  llvm::Value* pi = b.CreateGEP(slotTy, a.slots, i);
  llvm::Value* pj = b.CreateGEP(slotTy, a.slots, j);
  llvm::Value* si = b.CreateLoad(slotTy, pi);
  llvm::Value* sj = b.CreateLoad(slotTy, pj);
  b.CreateStore(sj, pi);
  b.CreateStore(si, pj);
  llvm::Value* ni = b.CreateGEP(b.getInt8Ty(), a.nulls, i);
  llvm::Value* nj = b.CreateGEP(b.getInt8Ty(), a.nulls, j);
  llvm::Value* bi = b.CreateLoad(b.getInt8Ty(), ni);
  llvm::Value* bj = b.CreateLoad(b.getInt8Ty(), nj);
  b.CreateStore(bj, ni);
  b.CreateStore(bi, nj);
}

// array_sort(a [, (l, r) -> int]): insertion sort of a copy (stable).
Emitted arraySort(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue& arr = c.args[0];
  const DataType& at = *arr.type;
  const TypePtr& et = at.elementType();
  const bool comparator = c.e.args.size() > 1;
  return ifNotNull(b, arr.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, arr.value);
    const NewArray out = newArray(b, c, n);
    {
      LoopBuilder copy(b, b.getInt64(0), n, "sort.copy");
      put(b, out.slots, out.nulls, copy.index(), arrayElement(b, arr.value, copy.index(), at), et);
    }
    finishArray(b, out, n);
    // The copy is an array<et> whose elements may be NULL (its null bytes are all written).
    const TypePtr copyType = DataType::arrayOf(et, true);
    {
      LoopBuilder outer(b, b.getInt64(1), n, "sort.i");
      LoopBuilder inner(b, b.getInt64(0), outer.index(), "sort.k");
      llvm::Value* j = b.CreateSub(outer.index(), inner.index(), "sort.j");
      llvm::Value* prev = b.CreateSub(j, b.getInt64(1));
      const SqlValue left = arrayElement(b, out.base, prev, *copyType);
      const SqlValue right = arrayElement(b, out.base, j, *copyType);
      llvm::Value* greater;
      if (comparator) {
        const SqlValue r = coerceNested(b, apply(c, 1, {left, right}), DataType::bigint());
        raiseKernelErrorIf(b, r.isNull,
                           "[COMPARATOR_RETURNS_NULL] The comparator has returned a NULL for a "
                           "comparison between two elements of array_sort.");
        greater = b.CreateAnd(b.CreateNot(r.isNull), b.CreateICmpSGT(r.value, b.getInt64(0)));
      } else {
        // Ascending, NULLs last.
        const SqlValue gt = emitCompare(b, CmpOp::Gt, left, right);
        greater = b.CreateOr(b.CreateAnd(left.isNull, b.CreateNot(right.isNull)),
                             b.CreateAnd(b.CreateNot(gt.isNull), gt.value), "sort.greater");
      }
      IfBuilder inOrder(b, b.CreateNot(greater), "sort.inorder");
      inner.breakLoop();
      inOrder.end();
      swapElements(b, out, prev, j);
    }
    return SqlValue::notNull(out.base, c.e.type);
  });
}

// map_filter(m, (k, v) -> p).
Emitted mapFilter(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue& m = c.args[0];
  const DataType& mt = *m.type;
  return ifNotNull(b, m.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, m.value);
    const NewMap out = newMap(b, c, n);
    llvm::Value* count = counter(b, "mapfilter.count");
    {
      LoopBuilder loop(b, b.getInt64(0), n, "mapfilter");
      const SqlValue k = mapKey(b, m.value, loop.index(), mt);
      const SqlValue v = mapValue(b, m.value, loop.index(), mt);
      IfBuilder keep(b, emitIsTrue(b, apply(c, 1, {k, v})), "mapfilter.keep");
      llvm::Value* at = bump(b, count);
      storeSlot(b, out.keys, at, k.value, *mt.keyType());
      put(b, out.values, out.nulls, at, v, mt.valueType());
      keep.end();
    }
    b.CreateStore(b.CreateLoad(b.getInt64Ty(), count), out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

// transform_keys (keys = true) / transform_values (false): (k, v) -> new key / value.
Emitted transformEntries(const CallSite& c, bool keys) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue& m = c.args[0];
  const DataType& mt = *m.type;
  const DataType& rt = *c.e.type;
  return ifNotNull(b, m.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, m.value);
    const NewMap out = newMap(b, c, n);
    {
      LoopBuilder loop(b, b.getInt64(0), n, keys ? "transformkeys" : "transformvalues");
      llvm::Value* i = loop.index();
      const SqlValue k = mapKey(b, m.value, i, mt);
      const SqlValue v = mapValue(b, m.value, i, mt);
      const SqlValue f = apply(c, 1, {k, v});
      if (keys) {
        const SqlValue nk = coerceNested(b, f, rt.keyType());
        raiseKernelErrorIf(b, nk.isNull, "Cannot use null as map key");
        storeSlot(b, out.keys, i, nk.value, *rt.keyType());
        put(b, out.values, out.nulls, i, v, rt.valueType());
      } else {
        storeSlot(b, out.keys, i, k.value, *rt.keyType());
        put(b, out.values, out.nulls, i, f, rt.valueType());
      }
    }
    b.CreateStore(n, out.base);
    if (keys) checkMapKeys(b, c, out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

// The index (i64) of key `k` in map `m`, -1 when absent.
llvm::Value* findKey(llvm::IRBuilder<>& b, const SqlValue& m, const SqlValue& k) {
  const DataType& mt = *m.type;
  llvm::Value* found = entryAlloca(b, b.getInt64Ty(), 1, "zip.found");
  b.CreateStore(b.getInt64(-1), found);
  {
    LoopBuilder loop(b, b.getInt64(0), nestedLength(b, m.value), "zip.find");
    const SqlValue eq = emitCompare(b, CmpOp::Eq, mapKey(b, m.value, loop.index(), mt), k);
    IfBuilder hit(b, eq.value, "zip.hit");
    b.CreateStore(loop.index(), found);
    loop.breakLoop();
    hit.end();
  }
  return b.CreateLoad(b.getInt64Ty(), found);
}

// map_zip_with(m1, m2, (k, v1, v2) -> f): keys of m1 in order, then those only in m2.
Emitted mapZipWith(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue &m1 = c.args[0], &m2 = c.args[1];
  const DataType &t1 = *m1.type, &t2 = *m2.type, &rt = *c.e.type;
  return ifNotNull(b, b.CreateOr(m1.isNull, m2.isNull), c.e.type, [&] {
    llvm::Value* n1 = nestedLength(b, m1.value);
    llvm::Value* n2 = nestedLength(b, m2.value);
    const NewMap out = newMap(b, c, b.CreateAdd(n1, n2));
    llvm::Value* count = counter(b, "zip.count");
    auto valueAt = [&](const SqlValue& m, const DataType& t, llvm::Value* at) {
      return ifNotNull(b, b.CreateICmpSLT(at, b.getInt64(0)), t.valueType(),
                       [&] { return mapValue(b, m.value, at, t); });
    };
    {
      LoopBuilder loop(b, b.getInt64(0), n1, "zip.first");
      const SqlValue k = mapKey(b, m1.value, loop.index(), t1);
      const SqlValue v1 = mapValue(b, m1.value, loop.index(), t1);
      const SqlValue v2 = valueAt(m2, t2, findKey(b, m2, k));
      llvm::Value* at = bump(b, count);
      storeSlot(b, out.keys, at, k.value, *rt.keyType());
      put(b, out.values, out.nulls, at, apply(c, 2, {k, v1, v2}), rt.valueType());
    }
    {
      LoopBuilder loop(b, b.getInt64(0), n2, "zip.second");
      const SqlValue k = mapKey(b, m2.value, loop.index(), t2);
      IfBuilder onlyHere(b, b.CreateICmpSLT(findKey(b, m1, k), b.getInt64(0)), "zip.only2");
      const SqlValue v2 = mapValue(b, m2.value, loop.index(), t2);
      llvm::Value* at = bump(b, count);
      storeSlot(b, out.keys, at, k.value, *rt.keyType());
      put(b, out.values, out.nulls, at,
          apply(c, 2, {k, SqlValue::null(b.getContext(), t1.valueType()), v2}), rt.valueType());
      onlyHere.end();
    }
    b.CreateStore(b.CreateLoad(b.getInt64Ty(), count), out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

const NamedEmitter kEmitters[] = {
    {"transform", transform},
    {"filter", filter},
    {"exists", [](const CallSite& c) { return quantifier(c, true); }},
    {"forall", [](const CallSite& c) { return quantifier(c, false); }},
    {"aggregate", aggregate},
    {"zip_with", zipWith},
    {"array_sort", arraySort},
    {"map_filter", mapFilter},
    {"transform_keys", [](const CallSite& c) { return transformEntries(c, true); }},
    {"transform_values", [](const CallSite& c) { return transformEntries(c, false); }},
    {"map_zip_with", mapZipWith},
};

}  // namespace

std::span<const NamedEmitter> lambdaEmitters() {
  return kEmitters;
}

}  // namespace sluice
