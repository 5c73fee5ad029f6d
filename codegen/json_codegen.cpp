#include "codegen/json_codegen.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "codegen/call_emitters.h"
#include "codegen/ir/control_flow.h"
#include "codegen/nested_build.h"
#include "codegen/nested_ir.h"
#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/functions/evaluate.h"
#include "planner/functions/function.h"
#include "planner/nested_type.h"
#include "stdlib/json_abi.h"

namespace sluice {
namespace {

namespace sl = stdlib;

// Descriptors live for the whole process: compiled kernels hold their addresses as constants
// and a kernel may outlive the query compiler that built it. Interning by (type, options)
// bounds the total by the number of distinct call sites ever compiled, which is small.
template <typename T>
const T& intern(const std::string& key, const std::function<std::unique_ptr<T>()>& make) {
  static std::mutex mu;
  static std::unordered_map<std::string, std::unique_ptr<T>> table;
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = table[key];
  if (!slot) slot = make();
  return *slot;
}

// The constant options map of argument `i` as (lower-case key, value) pairs.
std::vector<std::pair<std::string, std::string>> optionsOf(const Expr& e, size_t i) {
  std::vector<std::pair<std::string, std::string>> out;
  if (e.args.size() <= i) return out;
  Value m = evaluateConstant(e.args[i]);
  if (m.isNull()) return out;
  const auto& l = m.asList();
  for (size_t k = 0; k + 1 < l.size(); k += 2)
    if (!l[k].isNull() && !l[k + 1].isNull())
      out.emplace_back(asciiLower(l[k].asString()), l[k + 1].asString());
  return out;
}

std::string optionsKey(const std::vector<std::pair<std::string, std::string>>& opts) {
  std::string key;
  for (const auto& [k, v] : opts) key += k + '\x1f' + v + '\x1e';
  return key;
}

sl::DateTimePattern pattern(const std::string& p, const Expr& e) {
  std::string err;
  auto c = sl::DateTimePattern::compile(p, &err);
  if (!c) throw CodegenError("invalid datetime pattern '" + p + "': " + err, nullptr, e.span);
  return *c;
}

bool isTrue(const std::string& v) {
  return asciiLower(v) == "true";
}

// The zone of a JSON call: its timeZone option, else the session zone it was bound in.
std::string jsonZone(const Expr& e, const std::vector<std::pair<std::string, std::string>>& opts) {
  for (const auto& [k, v] : opts)
    if (k == "timezone") return v;
  return e.timeZone;
}

// Names of the descriptors in generated code: everything the descriptor is built from (the
// zone too), so calls that differ get different globals.
std::string guardKey(const JsonGuard* g) {
  return g ? '\x1d' + std::to_string(g->field) + '\x1f' + g->value : std::string();
}

std::string readSpecKey(const Expr& e, const JsonGuard* g = nullptr) {
  const auto opts = optionsOf(e, 2);
  return "from_json\x1d" + e.type->toString() + '\x1d' + optionsKey(opts) + '\x1d' +
         jsonZone(e, opts) + guardKey(g);
}

std::string writeSpecKey(const Expr& e) {
  const auto opts = optionsOf(e, 1);
  return "to_json\x1d" + e.args[0]->type->toString() + '\x1d' + optionsKey(opts) + '\x1d' +
         jsonZone(e, opts);
}

const sl::JsonReadSpec& readSpec(const Expr& e, const JsonGuard* g = nullptr) {
  auto opts = optionsOf(e, 2);
  const std::string zone = jsonZone(e, opts);
  return intern<sl::JsonReadSpec>(
      e.type->toString() + '\x1d' + optionsKey(opts) + '\x1d' + zone + guardKey(g), [&]() {
        auto s = std::make_unique<sl::JsonReadSpec>();
        if (g) {
          s->guardField = g->field;
          s->guardValue = g->value;
        }
        s->type = toNestedType(*e.type, e);
        s->zone = &sl::Zone::of(zone);
        for (const auto& [k, v] : opts) {
          if (k == "mode")
            s->failFast = asciiLower(v) == "failfast";
          else if (k == "timestampformat")
            s->timestampFormat = pattern(v, e);
          else if (k == "dateformat")
            s->dateFormat = pattern(v, e);
          else if (k == "allowcomments")
            s->parse.allowComments = isTrue(v);
          else if (k == "allowunquotedfieldnames")
            s->parse.allowUnquotedFieldNames = isTrue(v);
          else if (k == "allowsinglequotes")
            s->parse.allowSingleQuotes = isTrue(v);
          else if (k == "allownumericleadingzeros")
            s->parse.allowNumericLeadingZeros = isTrue(v);
          else if (k == "allownonnumericnumbers")
            s->parse.allowNonNumericNumbers = isTrue(v);
          else if (k == "allowbackslashescapinganycharacter")
            s->parse.allowBackslashEscapingAnyCharacter = isTrue(v);
          else if (k == "allowunquotedcontrolchars")
            s->parse.allowUnquotedControlChars = isTrue(v);
        }
        return s;
      });
}

const sl::JsonWriteSpec& writeSpec(const Expr& e) {
  auto opts = optionsOf(e, 1);
  const DataType& t = *e.args[0]->type;
  const std::string zone = jsonZone(e, opts);
  return intern<sl::JsonWriteSpec>(t.toString() + '\x1d' + optionsKey(opts) + '\x1d' + zone, [&]() {
    auto s = std::make_unique<sl::JsonWriteSpec>();
    s->type = toNestedType(t, e);
    s->zone = &sl::Zone::of(zone);
    for (const auto& [k, v] : opts) {
      if (k == "timestampformat")
        s->timestampFormat = pattern(v, e);
      else if (k == "dateformat")
        s->dateFormat = pattern(v, e);
      else if (k == "ignorenullfields")
        s->ignoreNullFields = isTrue(v);
    }
    return s;
  });
}

// `status` (an i8 alloca, with a guard) receives the call's return: 2 = rejected.
SqlValue fromJson(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& args,
                  const NestedArenaFn& arena, const JsonGuard* guard = nullptr,
                  llvm::Value* status = nullptr) {
  if (args[0].type->id() == TypeId::Null) return SqlValue::null(b.getContext(), e.type);
  SqlValue in = coerceNested(b, args[0], DataType::string());
  const sl::JsonReadSpec& spec = readSpec(e, guard);
  return ifNotNull(b, in.isNull, e.type, [&] {
    llvm::Value* out = entryAlloca(b, b.getPtrTy(), 1, "from_json.out");
    llvm::Type* p = b.getPtrTy();
    llvm::FunctionType* ft =
        llvm::FunctionType::get(b.getInt8Ty(), {p, p, p, b.getInt64Ty(), p}, false);
    llvm::Value* isNull =
        callC(b, "sluice_json_from_json", reinterpret_cast<const void*>(&sluice_json_from_json), ft,
              {constPtr(b, &spec, readSpecKey(e, guard)), arena(), stringViewData(b, in.value),
               stringViewLength(b, in.value), out});
    if (status) b.CreateStore(isNull, status);
    llvm::Value* v = b.CreateLoad(p, out, "from_json");
    return SqlValue::of(v, b.CreateICmpNE(isNull, b.getInt8(0)), e.type);
  });
}

SqlValue toJson(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& args,
                const NestedArenaFn& arena) {
  if (args[0].type->id() == TypeId::Null) return SqlValue::null(b.getContext(), e.type);
  const sl::JsonWriteSpec& spec = writeSpec(e);
  return ifNotNull(b, args[0].isNull, e.type, [&] {
    llvm::Type* sv = stringViewType(b.getContext());
    llvm::Value* out = entryAlloca(b, sv, 1, "to_json.out");
    llvm::Type* p = b.getPtrTy();
    llvm::FunctionType* ft = llvm::FunctionType::get(b.getVoidTy(), {p, p, p, p}, false);
    callC(b, "sluice_json_to_json", reinterpret_cast<const void*>(&sluice_json_to_json), ft,
          {constPtr(b, &spec, writeSpecKey(e)), arena(), args[0].value, out});
    return SqlValue::notNull(b.CreateLoad(sv, out, "to_json"), e.type);
  });
}

SqlValue getJsonObject(llvm::IRBuilder<>& b, const Expr& e, std::vector<SqlValue>& args,
                       const NestedArenaFn& arena) {
  for (const auto& a : args)
    if (a.type->id() == TypeId::Null) return SqlValue::null(b.getContext(), e.type);
  SqlValue json = coerceNested(b, args[0], DataType::string());
  SqlValue path = coerceNested(b, args[1], DataType::string());
  return ifNotNull(b, b.CreateOr(json.isNull, path.isNull), e.type, [&] {
    llvm::Type* sv = stringViewType(b.getContext());
    llvm::Value* out = entryAlloca(b, sv, 1, "get_json_object.out");
    b.CreateStore(llvm::Constant::getNullValue(sv), out);
    llvm::Type* p = b.getPtrTy();
    llvm::Type* i64 = b.getInt64Ty();
    llvm::FunctionType* ft = llvm::FunctionType::get(b.getInt8Ty(), {p, p, i64, p, i64, p}, false);
    llvm::Value* r = callC(b, "sluice_json_get_json_object",
                           reinterpret_cast<const void*>(&sluice_json_get_json_object), ft,
                           {arena(), stringViewData(b, json.value), stringViewLength(b, json.value),
                            stringViewData(b, path.value), stringViewLength(b, path.value), out});
    return SqlValue::of(b.CreateLoad(sv, out, "get_json_object"), b.CreateICmpNE(r, b.getInt8(0)),
                        e.type);
  });
}

}  // namespace

sl::NestedType toNestedType(const DataType& t, const Expr& where) {
  if (auto n = nestedTypeOf(t)) return std::move(*n);
  throw CodegenError("values of type " + t.toString() + " in " + where.toString() +
                         " are not supported by the code generator yet",
                     nullptr, where.span);
}

namespace {

// from_json reads JSON objects into maps with string keys only, at any depth of the schema.
void checkMapKeys(const DataType& t, const Expr& e) {
  if (t.id() == TypeId::Map && t.keyType()->id() != TypeId::String)
    throw CodegenError(
        "from_json reads JSON objects into maps with string keys only, got " + t.toString(),
        nullptr, e.span);
  for (const auto& f : t.fields()) checkMapKeys(*f.type, e);
  if (t.id() == TypeId::Array) checkMapKeys(*t.elementType(), e);
  if (t.id() == TypeId::Map) checkMapKeys(*t.valueType(), e);
}

using Emitted = std::optional<SqlValue>;

// json_array_length / json_object_keys: NULL for text that is not a JSON array / object.
Emitted jsonArrayLength(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue s = c.coerce(c.args[0], DataType::string());
  return ifNotNull(b, s.isNull, c.e.type, [&] {
    return nestedbuild::callNamed(c, "sluice_json_array_length",
                                  {stringViewData(b, s.value), stringViewLength(b, s.value)},
                                  c.e.type);
  });
}

Emitted jsonObjectKeys(const CallSite& c) {
  llvm::IRBuilder<>& b = c.b;
  const SqlValue s = c.coerce(c.args[0], DataType::string());
  return ifNotNull(b, s.isNull, c.e.type, [&] {
    return nestedbuild::callNamed(c, "sluice_json_object_keys",
                                  {stringViewData(b, s.value), stringViewLength(b, s.value)},
                                  c.e.type);
  });
}

const NamedEmitter kEmitters[] = {
    {"from_json",
     [](const CallSite& c) -> Emitted {
       checkMapKeys(*c.e.type, c.e);
       return fromJson(c.b, c.e, c.args, c.arena);
     }},
    {"to_json", [](const CallSite& c) -> Emitted { return toJson(c.b, c.e, c.args, c.arena); }},
    {"get_json_object",
     [](const CallSite& c) -> Emitted { return getJsonObject(c.b, c.e, c.args, c.arena); }},
    {"json_array_length", jsonArrayLength},
    {"json_object_keys", jsonObjectKeys},
};

}  // namespace

std::span<const NamedEmitter> jsonEmitters() {
  return kEmitters;
}

std::optional<JsonGuard> jsonGuardOf(const Expr& call, ExprId id, const Expr& condition) {
  if (call.kind != ExprKind::Call || !call.fn || call.fn->name != "from_json" ||
      call.type->id() != TypeId::Struct)
    return std::nullopt;
  for (const auto& [k, v] : optionsOf(call, 2))
    if (k == "mode" && asciiLower(v) == "failfast") return std::nullopt;
  // The first conjunct only: Spark's And stops at a FALSE left side, so no other conjunct
  // (which might raise an error) is evaluated for the rows the guard drops either.
  const Expr* c = &condition;
  while (c->kind == ExprKind::Call && c->fn && c->fn->name == "and" && c->args.size() == 2)
    c = c->args[0].get();
  if (c->kind != ExprKind::Call || !c->fn || c->fn->name != "=" || c->args.size() != 2)
    return std::nullopt;
  const Expr* field = c->args[0].get();
  const Expr* lit = c->args[1].get();
  if (field->kind == ExprKind::Literal) std::swap(field, lit);
  if (field->kind != ExprKind::GetField || field->ordinal < 0 ||
      field->args[0]->kind != ExprKind::ColumnRef || field->args[0]->attr.id != id ||
      field->type->id() != TypeId::String || lit->kind != ExprKind::Literal ||
      lit->value.isNull() || lit->type->id() != TypeId::String)
    return std::nullopt;
  return JsonGuard{field->ordinal, lit->value.asString()};
}

GuardedJson compileGuardedFromJson(llvm::IRBuilder<>& b, const Expr& call, const SqlValue& json,
                                   const NestedArenaFn& arena, const JsonGuard& guard) {
  checkMapKeys(*call.type, call);
  llvm::Value* status = entryAlloca(b, b.getInt8Ty(), 1, "from_json.status");
  b.CreateStore(b.getInt8(0), status);
  std::vector<SqlValue> args{json};
  SqlValue v = fromJson(b, call, args, arena, &guard, status);
  llvm::Value* rejected =
      b.CreateICmpEQ(b.CreateLoad(b.getInt8Ty(), status), b.getInt8(2), "from_json.rejected");
  return {v, rejected};
}

std::vector<SqlValue> compileJsonTuple(llvm::IRBuilder<>& b, const Expr& e, const SqlValue& json,
                                       const NestedArenaFn& arena) {
  const size_t n = e.args.size() - 1;
  std::vector<std::string> names;
  std::vector<bool> nullName(n, false);
  std::string key;
  for (size_t i = 0; i < n; ++i) {
    const ExprPtr& a = e.args[i + 1];
    if (!a->foldable())
      throw CodegenError("json_tuple field names must be constants in sluice, got " + a->toString(),
                         nullptr, a->span);
    Value v = evaluateConstant(a);
    nullName[i] = v.isNull();
    names.push_back(v.isNull() ? std::string() : v.asString());
    key += names.back() + '\x1e';
  }
  const auto& spec = intern<std::vector<std::string>>(
      key, [&] { return std::make_unique<std::vector<std::string>>(names); });
  llvm::Type* sv = stringViewType(b.getContext());
  llvm::Value* outs = entryAlloca(b, sv, n, "json_tuple.out");
  llvm::Value* nulls = entryAlloca(b, b.getInt8Ty(), n, "json_tuple.nulls");
  // NULL input: every column NULL (defined payloads, so the loads below are never undef).
  for (size_t i = 0; i < n; ++i) {
    b.CreateStore(llvm::Constant::getNullValue(sv), b.CreateConstGEP1_64(sv, outs, i));
    b.CreateStore(b.getInt8(1), b.CreateConstGEP1_64(b.getInt8Ty(), nulls, i));
  }
  if (json.type->id() != TypeId::Null && !json.alwaysNull()) {
    SqlValue in = coerceNested(b, json, DataType::string());
    IfBuilder present(b, b.CreateNot(in.isNull), "json_tuple.notnull");
    llvm::Type* p = b.getPtrTy();
    llvm::FunctionType* ft =
        llvm::FunctionType::get(b.getVoidTy(), {p, p, p, b.getInt64Ty(), p, p}, false);
    callC(b, "sluice_json_tuple", reinterpret_cast<const void*>(&sluice_json_tuple), ft,
          {constPtr(b, &spec, "json_tuple\x1d" + key), arena(), stringViewData(b, in.value),
           stringViewLength(b, in.value), outs, nulls});
    present.end();
  }
  std::vector<SqlValue> out;
  for (size_t i = 0; i < n; ++i) {
    if (nullName[i]) {
      out.push_back(SqlValue::null(b.getContext(), DataType::string()));
      continue;
    }
    llvm::Value* v = b.CreateLoad(sv, b.CreateConstGEP1_64(sv, outs, i), "json_tuple.c");
    llvm::Value* isNull = b.CreateICmpNE(
        b.CreateLoad(b.getInt8Ty(), b.CreateConstGEP1_64(b.getInt8Ty(), nulls, i)), b.getInt8(0));
    out.push_back(SqlValue::of(v, isNull, DataType::string()));
  }
  return out;
}

}  // namespace sluice
