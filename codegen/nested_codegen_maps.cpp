// Emitters of Spark's map builders of planner/functions/registry_maps.cpp: map_from_arrays,
// map_from_entries, map_concat, map_entries, map_contains_key and str_to_map. Maps are built
// in the kernel's arena in the nested layout (stdlib/nested.h); a NULL or repeated key fails
// the query as Spark's default spark.sql.mapKeyDedupPolicy=EXCEPTION does.
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
#include "stdlib/collections_abi.h"
#include "stdlib/nested_abi.h"

namespace sluice {
namespace {

using namespace nestedbuild;
using Emitted = std::optional<SqlValue>;

void putEntry(llvm::IRBuilder<>& b, const NewMap& m, llvm::Value* i, const SqlValue& k,
              const SqlValue& v, const DataType& mt) {
  raiseKernelErrorIf(b, k.isNull, "Cannot use null as map key");
  storeSlot(b, m.keys, i, coerceNested(b, k, mt.keyType()).value, *mt.keyType());
  put(b, m.values, m.nulls, i, v, mt.valueType());
}

Emitted mapFromArrays(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue k = c.coerce(c.args[0], c.e.args[0]->type);
  const SqlValue v = c.coerce(c.args[1], c.e.args[1]->type);
  const DataType& mt = *c.e.type;
  return ifNotNull(b, b.CreateOr(k.isNull, v.isNull), c.e.type, [&] {
    llvm::Value* n = nestedLength(b, k.value);
    raiseKernelErrorIf(b, b.CreateICmpNE(n, nestedLength(b, v.value)),
                       "The key array and value array of MapData must have the same length.");
    llvm::Value* len =
        b.CreateSelect(b.CreateICmpSLT(nestedLength(b, v.value), n), nestedLength(b, v.value), n);
    const NewMap out = newMap(b, c, len);
    {
      LoopBuilder loop(b, b.getInt64(0), len, "mapfromarrays");
      putEntry(b, out, loop.index(), arrayElement(b, k.value, loop.index(), *k.type),
               arrayElement(b, v.value, loop.index(), *v.type), mt);
    }
    b.CreateStore(len, out.base);
    checkMapKeys(b, c, out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

Emitted mapFromEntries(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue a = c.coerce(c.args[0], c.e.args[0]->type);
  const DataType& at = *a.type;
  const DataType& st = *at.elementType();
  const DataType& mt = *c.e.type;
  return ifNotNull(b, a.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, a.value);
    llvm::Value* sawNull = entryAlloca(b, b.getInt1Ty(), 1, "entries.null");
    b.CreateStore(b.getFalse(), sawNull);
    {
      LoopBuilder loop(b, b.getInt64(0), n, "entries.check");
      IfBuilder isNull(b, arrayElement(b, a.value, loop.index(), at).isNull, "entries.isnull");
      b.CreateStore(b.getTrue(), sawNull);
      isNull.end();
    }
    return ifNotNull(b, b.CreateLoad(b.getInt1Ty(), sawNull), c.e.type, [&] {
      const NewMap out = newMap(b, c, n);
      {
        LoopBuilder loop(b, b.getInt64(0), n, "entries");
        const SqlValue e = arrayElement(b, a.value, loop.index(), at);
        putEntry(b, out, loop.index(), structField(b, e.value, 0, st),
                 structField(b, e.value, 1, st), mt);
      }
      b.CreateStore(n, out.base);
      checkMapKeys(b, c, out.base);
      return SqlValue::notNull(out.base, c.e.type);
    });
  });
}

Emitted mapConcat(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const DataType& mt = *c.e.type;
  std::vector<SqlValue> maps;
  for (const auto& m : c.args) maps.push_back(c.coerce(m, c.e.type));
  return ifNotNull(b, anyNull(b, maps), c.e.type, [&] {
    llvm::Value* total = b.getInt64(0);
    for (const auto& m : maps) total = b.CreateAdd(total, nestedLength(b, m.value));
    const NewMap out = newMap(b, c, total);
    llvm::Value* pos = counter(b, "concat.pos");
    for (const auto& m : maps) {
      LoopBuilder loop(b, b.getInt64(0), nestedLength(b, m.value), "concat");
      putEntry(b, out, bump(b, pos), mapKey(b, m.value, loop.index(), mt),
               mapValue(b, m.value, loop.index(), mt), mt);
    }
    b.CreateStore(total, out.base);
    checkMapKeys(b, c, out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

Emitted mapEntries(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue m = c.coerce(c.args[0], c.e.args[0]->type);
  const DataType& mt = *m.type;
  const TypePtr& st = c.e.type->elementType();
  return ifNotNull(b, m.isNull, c.e.type, [&] {
    llvm::Value* n = nestedLength(b, m.value);
    const NewArray out = newArray(b, c, n);
    {
      LoopBuilder loop(b, b.getInt64(0), n, "entries");
      llvm::Value* base = arenaAlloc(b, c.arena(), b.getInt64(16 + 32 + 2));
      llvm::Value* fields = byteOffset(b, base, b.getInt64(16));
      llvm::Value* nulls = byteOffset(b, base, b.getInt64(48));
      b.CreateStore(nulls, base);
      b.CreateStore(fields, byteOffset(b, base, b.getInt64(8)));
      put(b, fields, nulls, b.getInt64(0), mapKey(b, m.value, loop.index(), mt),
          st->fields()[0].type);
      put(b, fields, nulls, b.getInt64(1), mapValue(b, m.value, loop.index(), mt),
          st->fields()[1].type);
      put(b, out.slots, out.nulls, loop.index(), SqlValue::notNull(base, st), st);
    }
    b.CreateStore(n, out.base);
    return SqlValue::notNull(out.base, c.e.type);
  });
}

Emitted mapContainsKey(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue m = c.coerce(c.args[0], c.e.args[0]->type);
  const TypePtr& kt = m.type->keyType();
  const SqlValue k = c.coerce(c.args[1], kt);
  return ifNotNull(b, b.CreateOr(m.isNull, k.isNull), c.e.type, [&] {
    llvm::Value* found = entryAlloca(b, b.getInt1Ty(), 1, "containskey");
    b.CreateStore(b.getFalse(), found);
    {
      LoopBuilder loop(b, b.getInt64(0), nestedLength(b, m.value), "containskey");
      IfBuilder hit(b, equal(b, c, mapKey(b, m.value, loop.index(), *m.type), k, kt),
                    "containskey.hit");
      b.CreateStore(b.getTrue(), found);
      loop.breakLoop();
      hit.end();
    }
    return SqlValue::notNull(b.CreateLoad(b.getInt1Ty(), found), c.e.type);
  });
}

Emitted strToMap(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  std::vector<SqlValue> a;
  for (size_t i = 0; i < 3; ++i) {
    if (i < c.args.size()) {
      a.push_back(c.coerce(c.args[i], DataType::string()));
    } else {
      const std::string d = i == 1 ? "," : ":";
      a.push_back(SqlValue::notNull(
          makeStringView(b, b.CreateGlobalString(d, "delim"), b.getInt64(1)), DataType::string()));
    }
  }
  return ifNotNull(b, anyNull(b, a), c.e.type, [&] {
    return callNamed(c, "sluice_str_to_map",
                     {stringViewData(b, a[0].value), stringViewLength(b, a[0].value),
                      stringViewData(b, a[1].value), stringViewLength(b, a[1].value),
                      stringViewData(b, a[2].value), stringViewLength(b, a[2].value)},
                     c.e.type);
  });
}

const NamedEmitter kEmitters[] = {
    {"map_from_arrays", mapFromArrays},
    {"map_from_entries", mapFromEntries},
    {"map_concat", mapConcat},
    {"map_entries", mapEntries},
    {"map_contains_key", mapContainsKey},
    {"str_to_map", strToMap},
};

}  // namespace

std::span<const NamedEmitter> mapEmitters() {
  return kEmitters;
}

}  // namespace sluice
