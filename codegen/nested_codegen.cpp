#include "codegen/nested_codegen.h"

#include "codegen/call_emitters.h"
#include "codegen/ir/control_flow.h"
#include "codegen/ir/null_ops.h"
#include "codegen/json_codegen.h"
#include "codegen/nested_ir.h"
#include "frontend/error.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "planner/functions/window_spec.h"
#include "planner/timestamp_ntz.h"
#include "planner/type_storage.h"
#include "stdlib/datetime.h"
#include "stdlib/nested_abi.h"

namespace sluice {
namespace {

// Byte sizes of the headers (nested.h); slots follow a header 16-aligned.
constexpr int64_t kStructHeader = 16, kArrayHeader = 32, kMapHeader = 32;

llvm::Value* anyMayBeNull(llvm::IRBuilder<>& b, const std::vector<SqlValue>& vals) {
  llvm::Value* any = b.getFalse();
  for (const auto& v : vals)
    if (v.mayBeNull()) any = b.CreateOr(any, v.isNull);
  return any;
}

bool anyNullable(const std::vector<SqlValue>& vals) {
  for (const auto& v : vals)
    if (v.mayBeNull()) return true;
  return false;
}

// Writes `vals` (coerced to `types`) into `count` slots at `slots` and, when `nulls` is not
// null, their null bytes.
void fillSlots(llvm::IRBuilder<>& b, llvm::Value* slots, llvm::Value* nulls,
               const std::vector<SqlValue>& vals, const std::vector<TypePtr>& types) {
  for (size_t i = 0; i < vals.size(); ++i) {
    SqlValue v = coerceNested(b, vals[i], types[i]);
    storeSlot(b, slots, b.getInt64(i), v.value, *types[i]);
    if (nulls)
      b.CreateStore(b.CreateZExt(v.isNull, b.getInt8Ty()),
                    b.CreateConstGEP1_64(b.getInt8Ty(), nulls, i));
  }
}

SqlValue buildStruct(llvm::IRBuilder<>& b, const TypePtr& type, const std::vector<SqlValue>& vals,
                     const NestedArenaFn& arena) {
  const int64_t n = static_cast<int64_t>(vals.size());
  const bool withNulls = anyNullable(vals);
  llvm::Value* base =
      arenaAlloc(b, arena(), b.getInt64(kStructHeader + 16 * n + (withNulls ? n : 0)));
  llvm::Value* slots = byteOffset(b, base, b.getInt64(kStructHeader));
  llvm::Value* nulls = withNulls ? byteOffset(b, base, b.getInt64(kStructHeader + 16 * n))
                                 : llvm::ConstantPointerNull::get(b.getPtrTy());
  b.CreateStore(nulls, base);
  b.CreateStore(slots, byteOffset(b, base, b.getInt64(8)));
  std::vector<TypePtr> types;
  for (const auto& f : type->fields()) types.push_back(f.type);
  fillSlots(b, slots, withNulls ? nulls : nullptr, vals, types);
  return SqlValue::notNull(base, type);
}

SqlValue buildArray(llvm::IRBuilder<>& b, const TypePtr& type, const std::vector<SqlValue>& vals,
                    const NestedArenaFn& arena) {
  const int64_t n = static_cast<int64_t>(vals.size());
  const bool withNulls = anyNullable(vals);
  llvm::Value* base =
      arenaAlloc(b, arena(), b.getInt64(kArrayHeader + 16 * n + (withNulls ? n : 0)));
  llvm::Value* slots = n ? byteOffset(b, base, b.getInt64(kArrayHeader))
                         : llvm::ConstantPointerNull::get(b.getPtrTy());
  llvm::Value* nulls = withNulls ? byteOffset(b, base, b.getInt64(kArrayHeader + 16 * n))
                                 : llvm::ConstantPointerNull::get(b.getPtrTy());
  b.CreateStore(b.getInt64(n), base);
  b.CreateStore(nulls, byteOffset(b, base, b.getInt64(8)));
  b.CreateStore(slots, byteOffset(b, base, b.getInt64(16)));
  fillSlots(b, slots, withNulls ? nulls : nullptr, vals,
            std::vector<TypePtr>(vals.size(), type->elementType()));
  return SqlValue::notNull(base, type);
}

SqlValue buildMap(llvm::IRBuilder<>& b, const Expr& e, const std::vector<SqlValue>& args,
                  const NestedArenaFn& arena) {
  const TypePtr& type = e.type;
  std::vector<SqlValue> keys, vals;
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    keys.push_back(args[i]);
    vals.push_back(args[i + 1]);
  }
  const int64_t n = static_cast<int64_t>(keys.size());
  // Spark fails the query on a NULL or repeated key (mapKeyDedupPolicy = EXCEPTION).
  raiseKernelErrorIf(b, anyMayBeNull(b, keys), "Cannot use null as map key");
  const bool withNulls = anyNullable(vals);
  llvm::Value* base = arenaAlloc(b, arena(), b.getInt64(kMapHeader + 32 * n + (withNulls ? n : 0)));
  llvm::Value* null = llvm::ConstantPointerNull::get(b.getPtrTy());
  llvm::Value* keySlots = n ? byteOffset(b, base, b.getInt64(kMapHeader)) : null;
  llvm::Value* valSlots = n ? byteOffset(b, base, b.getInt64(kMapHeader + 16 * n)) : null;
  llvm::Value* nulls = withNulls ? byteOffset(b, base, b.getInt64(kMapHeader + 32 * n)) : null;
  b.CreateStore(b.getInt64(n), base);
  b.CreateStore(keySlots, byteOffset(b, base, b.getInt64(8)));
  b.CreateStore(nulls, byteOffset(b, base, b.getInt64(16)));
  b.CreateStore(valSlots, byteOffset(b, base, b.getInt64(24)));
  fillSlots(b, keySlots, nullptr, keys, std::vector<TypePtr>(keys.size(), type->keyType()));
  fillSlots(b, valSlots, withNulls ? nulls : nullptr, vals,
            std::vector<TypePtr>(vals.size(), type->valueType()));
  if (n > 1) {
    const DataType& kt = *type->keyType();
    stdlib::NestedKind kind = toNestedType(kt, e).kind;
    if (kind == stdlib::NestedKind::Decimal && storageOf(kt) == Storage::I64)
      kind = stdlib::NestedKind::Long;
    llvm::FunctionType* ft =
        llvm::FunctionType::get(b.getInt8Ty(), {b.getPtrTy(), b.getInt32Ty()}, false);
    callC(b, "sluice_nested_map_check_keys",
          reinterpret_cast<const void*>(&sluice_nested_map_check_keys), ft,
          {base, b.getInt32(static_cast<int32_t>(kind))});
  }
  return SqlValue::notNull(base, type);
}

// element_at (1-based, negative from the end) and get_item (`a[i]`, 0-based) on arrays, and
// both on maps (by key). Out of range or a missing key gives NULL (Spark non-ANSI).
SqlValue access(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& args, bool oneBased) {
  const SqlValue& coll = args[0];
  const DataType& ct = *coll.type;
  if (ct.id() == TypeId::Null) return SqlValue::null(b.getContext(), e.type);
  if (ct.id() == TypeId::Array) {
    SqlValue idx = coerceNested(b, args[1], DataType::integer());
    return ifNotNull(b, b.CreateOr(coll.isNull, idx.isNull), ct.elementType(), [&] {
      llvm::Value* len = nestedLength(b, coll.value);
      llvm::Value* k = b.CreateSExt(idx.value, b.getInt64Ty());
      llvm::Value* pos = k;
      if (oneBased) {
        raiseKernelErrorIf(b, b.CreateICmpEQ(k, b.getInt64(0)),
                           "SQL array indices start at 1 (element_at(array, 0))");
        pos = b.CreateSelect(b.CreateICmpSGT(k, b.getInt64(0)), b.CreateSub(k, b.getInt64(1)),
                             b.CreateAdd(len, k));
      }
      llvm::Value* inRange =
          b.CreateAnd(b.CreateICmpSGE(pos, b.getInt64(0)), b.CreateICmpSLT(pos, len));
      return ifNotNull(b, b.CreateNot(inRange), ct.elementType(),
                       [&] { return arrayElement(b, coll.value, pos, ct); });
    });
  }
  if (ct.id() != TypeId::Map)
    throw CodegenError(e.fn->name + " on " + ct.toString() + " is not supported", nullptr, e.span);
  SqlValue key = coerceNested(b, args[1], ct.keyType());
  return ifNotNull(b, b.CreateOr(coll.isNull, key.isNull), ct.valueType(), [&] {
    llvm::Value* found = entryAlloca(b, b.getInt64Ty(), 1, "mapkey.found");
    b.CreateStore(b.getInt64(-1), found);
    {
      LoopBuilder loop(b, b.getInt64(0), nestedLength(b, coll.value), "mapkey");
      SqlValue k = mapKey(b, coll.value, loop.index(), ct);
      SqlValue eq = emitCompare(b, CmpOp::Eq, k, SqlValue::notNull(key.value, key.type));
      IfBuilder hit(b, eq.value, "mapkey.hit");
      b.CreateStore(loop.index(), found);
      loop.breakLoop();
      hit.end();
      loop.end();
    }
    llvm::Value* at = b.CreateLoad(b.getInt64Ty(), found, "mapkey.at");
    return ifNotNull(b, b.CreateICmpSLT(at, b.getInt64(0)), ct.valueType(),
                     [&] { return mapValue(b, coll.value, at, ct); });
  });
}

// size(): -1 for NULL (spark.sql.legacy.sizeOfNull, the non-ANSI default).
SqlValue size(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& v) {
  if (v.type->id() == TypeId::Null || v.alwaysNull())
    return SqlValue::notNull(b.getInt32(-1), e.type);
  auto len = [&] { return b.CreateTrunc(nestedLength(b, v.value), b.getInt32Ty()); };
  if (!v.mayBeNull()) return SqlValue::notNull(len(), e.type);
  IfBuilder present(b, b.CreateNot(v.isNull), "size.notnull");
  llvm::Value* n = len();
  return SqlValue::notNull(present.endMerge(n, b.getInt32(-1), "size"), e.type);
}

// map_keys / map_values: an ArrayData header over the map's own slots (no copy).
SqlValue mapPart(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& m, bool keys,
                 const NestedArenaFn& arena) {
  return ifNotNull(b, m.isNull, e.type, [&] {
    llvm::Value* base = arenaAlloc(b, arena(), b.getInt64(kArrayHeader));
    b.CreateStore(nestedLength(b, m.value), base);
    llvm::Value* nulls =
        keys ? llvm::ConstantPointerNull::get(b.getPtrTy()) : loadPtrAt(b, m.value, 16);
    b.CreateStore(nulls, byteOffset(b, base, b.getInt64(8)));
    b.CreateStore(loadPtrAt(b, m.value, keys ? 8 : 24), byteOffset(b, base, b.getInt64(16)));
    return SqlValue::notNull(base, e.type);
  });
}

// The latest window start at or before `ts`: Spark's start = ts - floorMod(ts - startTime,
// slide), correct for ts < 0 too.
llvm::Value* lastWindowStart(llvm::IRBuilder<>& b, llvm::Value* ts, const WindowSpec& spec) {
  llvm::Value* slide = b.getInt64(spec.slideMicros);
  llvm::Value* r = b.CreateSRem(b.CreateSub(ts, b.getInt64(spec.startMicros)), slide);
  r = b.CreateSelect(b.CreateICmpSLT(r, b.getInt64(0)), b.CreateAdd(r, slide), r);
  return b.CreateSub(ts, r, "window.start");
}

SqlValue windowStruct(llvm::IRBuilder<>& b, const TypePtr& type, llvm::Value* start,
                      const WindowSpec& spec, const NestedArenaFn& arena) {
  llvm::Value* end = b.CreateAdd(start, b.getInt64(spec.windowMicros), "window.end");
  const TypePtr& t = type->fields()[0].type;  // TIMESTAMP, or TIMESTAMP_NTZ over NTZ
  return buildStruct(b, type, {SqlValue::notNull(start, t), SqlValue::notNull(end, t)}, arena);
}

// The time argument of window() as micros: TIMESTAMP_NTZ as it is (its bounds are NTZ),
// anything else as TIMESTAMP.
SqlValue windowTime(llvm::IRBuilder<>& b, const SqlValue& tsArg) {
  return coerceNested(b, tsArg, isNtz(tsArg.type) ? tsArg.type : DataType::timestamp());
}

// window(ts, dur [, slide [, start]]) as a scalar: the one window containing ts. Sliding
// windows give several rows per input row; the binder turns them into a Generate
// (forEachTimeWindow), so only GROUP BY supports them.
SqlValue window(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& tsArg,
                const NestedArenaFn& arena) {
  const WindowSpec spec = windowSpecOf(e);
  if (spec.slideMicros != spec.windowMicros)
    throw CodegenError("a sliding window (" + e.toString() +
                           ": slide shorter than the window) yields several windows per row; "
                           "it is supported as a GROUP BY expression only",
                       nullptr, e.span);
  SqlValue ts = windowTime(b, tsArg);
  return ifNotNull(b, ts.isNull, e.type, [&] {
    return windowStruct(b, e.type, lastWindowStart(b, ts.value, spec), spec, arena);
  });
}

// The gap of session_window(ts, gap) in microseconds: a constant is read once here, text that
// varies per row is parsed by the stdlib (NULL when it is not an interval).
SqlValue sessionGapMicros(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const ExprPtr& gapExpr = c.e.args.at(1);
  const TypePtr micros = DataType::bigint();
  if (gapExpr->foldable()) {
    const Value v = evaluateConstant(gapExpr);
    std::optional<int64_t> us;
    if (v.isNull()) {
    } else if (gapExpr->type->id() == TypeId::String) {
      if (auto p = stdlib::parseInterval(v.asString()); p && p->months == 0)
        us = p->days * stdlib::kMicrosPerDay + p->micros;
    } else if (gapExpr->type->id() == TypeId::Interval) {
      if (v.asInterval().months == 0)
        us = v.asInterval().days * stdlib::kMicrosPerDay + v.asInterval().micros;
    } else {
      us = v.asInt();
    }
    return us ? SqlValue::notNull(b.getInt64(*us), micros) : SqlValue::null(b.getContext(), micros);
  }
  const SqlValue& gap = c.args.at(1);
  if (gap.type->id() == TypeId::DayTimeInterval) return SqlValue::of(gap.value, gap.isNull, micros);
  if (gap.type->id() != TypeId::String)
    throw CodegenError(
        "session_window's gap must be text or a day-time interval, got " + gap.type->toString(),
        nullptr, c.e.span);
  return exprgen::callIfNotNull(b, {&gap, 1}, micros, [&] {
    return exprgen::callC(b, "sluice_session_gap_micros",
                          {stringViewData(b, gap.value), stringViewLength(b, gap.value)}, micros,
                          c.arena);
  });
}

// session_window(ts, gap): the row's own session [ts, ts + gap); the aggregate merges
// overlapping ones. NULL when the time or the gap is NULL or the gap is not positive, so
// GROUP BY drops the row (Spark's SessionWindowing filter).
SqlValue sessionWindow(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  SqlValue ts = coerceNested(b, c.args.at(0), DataType::timestamp());
  SqlValue gap = sessionGapMicros(c);
  llvm::Value* none = b.CreateOr(ts.isNull, gap.isNull);
  none = b.CreateOr(none, b.CreateICmpSLE(gap.value, b.getInt64(0)), "session.none");
  return ifNotNull(b, none, c.e.type, [&] {
    const TypePtr t = DataType::timestamp();
    llvm::Value* end = b.CreateAdd(ts.value, gap.value, "session.end");
    return buildStruct(b, c.e.type, {SqlValue::notNull(ts.value, t), SqlValue::notNull(end, t)},
                       c.arena);
  });
}

// window_time(w): w.end - 1 microsecond; NULL when the window or its end is NULL.
SqlValue windowTime(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue& w = c.args.at(0);
  return ifNotNull(b, w.isNull, c.e.type, [&] {
    SqlValue end = structField(b, w.value, 1, *w.type);
    llvm::Value* t = b.CreateSub(end.value, b.getInt64(1), "window.time");
    return SqlValue::of(t, end.isNull, c.e.type);
  });
}

}  // namespace

void forEachTimeWindow(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& tsArg,
                       const NestedArenaFn& arena,
                       const std::function<void(const SqlValue&)>& each) {
  const WindowSpec spec = windowSpecOf(e);
  SqlValue ts = windowTime(b, tsArg);
  IfBuilder present(b, b.CreateNot(ts.isNull), "windows.notnull");
  llvm::Value* last = lastWindowStart(b, ts.value, spec);
  // Spark's Expand: ceil(window / slide) candidate windows, latest start first; a candidate
  // is kept when it still contains ts (when the slide does not divide the window, the
  // earliest may not).
  const int64_t candidates = (spec.windowMicros + spec.slideMicros - 1) / spec.slideMicros;
  LoopBuilder loop(b, b.getInt64(0), b.getInt64(candidates), "window");
  llvm::Value* start =
      b.CreateSub(last, b.CreateMul(loop.index(), b.getInt64(spec.slideMicros)), "window.start");
  IfBuilder contains(b,
                     b.CreateICmpSGT(b.CreateAdd(start, b.getInt64(spec.windowMicros)), ts.value),
                     "window.contains");
  each(windowStruct(b, e.type, start, spec, arena));
  contains.end();
  loop.end();
  present.end();
}

llvm::Value* nestedLength(llvm::IRBuilder<>& b, llvm::Value* arrayOrMap) {
  return loadI64At(b, arrayOrMap, 0, "len");
}

SqlValue arrayElement(llvm::IRBuilder<>& b, llvm::Value* array, llvm::Value* index,
                      const DataType& arrayType) {
  const TypePtr& et = arrayType.elementType();
  llvm::Value* v = loadSlot(b, loadPtrAt(b, array, 16, "values"), index, *et);
  llvm::Value* isNull = arrayType.containsNull() && et->id() != TypeId::Null
                            ? loadNullFlag(b, loadPtrAt(b, array, 8, "nulls"), index)
                            : b.getInt1(et->id() == TypeId::Null);
  return SqlValue::of(v, isNull, et);
}

SqlValue mapKey(llvm::IRBuilder<>& b, llvm::Value* map, llvm::Value* index,
                const DataType& mapType) {
  const TypePtr& kt = mapType.keyType();
  return SqlValue::notNull(loadSlot(b, loadPtrAt(b, map, 8, "keys"), index, *kt), kt);
}

SqlValue mapValue(llvm::IRBuilder<>& b, llvm::Value* map, llvm::Value* index,
                  const DataType& mapType) {
  const TypePtr& vt = mapType.valueType();
  llvm::Value* v = loadSlot(b, loadPtrAt(b, map, 24, "values"), index, *vt);
  llvm::Value* isNull = mapType.containsNull() && vt->id() != TypeId::Null
                            ? loadNullFlag(b, loadPtrAt(b, map, 16, "nulls"), index)
                            : b.getInt1(vt->id() == TypeId::Null);
  return SqlValue::of(v, isNull, vt);
}

SqlValue structField(llvm::IRBuilder<>& b, llvm::Value* st, int ordinal,
                     const DataType& structType) {
  const StructField& f = structType.fields().at(static_cast<size_t>(ordinal));
  llvm::Value* idx = b.getInt64(ordinal);
  llvm::Value* v = loadSlot(b, loadPtrAt(b, st, 8, "fields"), idx, *f.type);
  llvm::Value* isNull = f.nullable && f.type->id() != TypeId::Null
                            ? loadNullFlag(b, loadPtrAt(b, st, 0, "nulls"), idx)
                            : b.getInt1(f.type->id() == TypeId::Null);
  return SqlValue::of(v, isNull, f.type);
}

SqlValue compileGetField(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& input) {
  const DataType& st = *input.type;
  if (st.id() != TypeId::Struct)
    throw CodegenError("field access " + e.toString() + " on a " + st.toString(), nullptr, e.span);
  int ord = e.ordinal;
  if (ord < 0 || static_cast<size_t>(ord) >= st.fields().size()) ord = st.fieldIndex(e.field);
  if (ord < 0 || static_cast<size_t>(ord) >= st.fields().size())
    throw CodegenError("no field " + e.field + " in " + st.toString(), nullptr, e.span);
  const StructField& f = st.fields()[ord];
  if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(input.isNull))
    if (c->isOne()) return SqlValue::null(b.getContext(), f.type);
  // Without branches: a query reading many fields of one struct would otherwise give two
  // diamonds per field, which LLVM's jump threading untangles in quadratic time. A NULL
  // struct reads its fields from a zero buffer (zero payloads, as a NULL's are), and a
  // struct without a null-byte array reads its flags from the same zeros.
  const uint64_t n = st.fields().size();
  llvm::Value* zeros = zeroBytes(b, 16 * n);
  llvm::Value* known = llvm::isa<llvm::Constant>(input.isNull) ? nullptr : input.isNull;
  llvm::Value* base = known ? b.CreateSelect(known, zeros, input.value) : input.value;
  llvm::Value* fields = loadPtrAt(b, base, 8, "fields");
  if (known) fields = b.CreateSelect(known, zeros, fields);
  llvm::Value* idx = b.getInt64(ord);
  llvm::Value* v = loadSlot(b, fields, idx, *f.type);
  llvm::Value* isNull = input.isNull;
  if (f.type->id() == TypeId::Null) {
    isNull = b.getTrue();
  } else if (f.nullable) {
    llvm::Value* nulls = loadPtrAt(b, base, 0, "nulls");
    nulls = b.CreateSelect(b.CreateIsNull(nulls), zeros, nulls);
    llvm::Value* flag = b.CreateICmpNE(
        b.CreateLoad(b.getInt8Ty(), b.CreateGEP(b.getInt8Ty(), nulls, idx)), b.getInt8(0));
    isNull = b.CreateOr(isNull, flag, "field.isnull");
  }
  return SqlValue::of(v, isNull, f.type);
}

namespace {

using Emitted = std::optional<SqlValue>;

const NamedEmitter kEmitters[] = {
    {"struct",
     [](const CallSite& c) -> Emitted { return buildStruct(c.b, c.e.type, c.args, c.arena); }},
    {"named_struct",
     [](const CallSite& c) -> Emitted {
       std::vector<SqlValue> vals;  // the values after each constant name
       for (size_t i = 1; i < c.args.size(); i += 2) vals.push_back(c.args[i]);
       return buildStruct(c.b, c.e.type, vals, c.arena);
     }},
    {"array",
     [](const CallSite& c) -> Emitted { return buildArray(c.b, c.e.type, c.args, c.arena); }},
    {"map", [](const CallSite& c) -> Emitted { return buildMap(c.b, c.e, c.args, c.arena); }},
    {"element_at", [](const CallSite& c) -> Emitted { return access(c.b, c.e, c.args, true); }},
    {"get_item", [](const CallSite& c) -> Emitted { return access(c.b, c.e, c.args, false); }},
    {"size", [](const CallSite& c) -> Emitted { return size(c.b, c.e, c.args[0]); }},
    {"map_keys",
     [](const CallSite& c) -> Emitted { return mapPart(c.b, c.e, c.args[0], true, c.arena); }},
    {"map_values",
     [](const CallSite& c) -> Emitted { return mapPart(c.b, c.e, c.args[0], false, c.arena); }},
    {"window", [](const CallSite& c) -> Emitted { return window(c.b, c.e, c.args[0], c.arena); }},
    {"session_window", [](const CallSite& c) -> Emitted { return sessionWindow(c); }},
    {"window_time", [](const CallSite& c) -> Emitted { return windowTime(c); }},
};

}  // namespace

std::span<const NamedEmitter> nestedEmitters() {
  return kEmitters;
}

}  // namespace sluice
