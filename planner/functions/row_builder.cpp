// Signature texts as type rules, and the RowBuilder that turns one declaration into a row.
#include <cctype>
#include <map>
#include <stdexcept>

#include "planner/functions/evaluate.h"
#include "planner/functions/registry_rows.h"

namespace sluice::fnrow {
namespace {

struct SigType {
  std::string name;           // type name, `T`/`K`/`V`, or abstract kind
  std::vector<SigType> kids;  // array: [elem]; map: [key, value]
};

struct Param {
  SigType type;
  bool optional = false;
};

struct Signature {
  std::vector<Param> params;
  bool variadic = false;  // the last parameter repeats
  SigType result;
  int minArgs = 0, maxArgs = 0;
};

bool isVar(const std::string& n) {
  return n.size() == 1 && std::isupper(static_cast<unsigned char>(n[0]));
}

class SigParser {
 public:
  explicit SigParser(std::string_view t) : t_(t) {}

  Signature parse() {
    Signature s;
    const size_t arrow = t_.rfind("->");
    if (arrow == std::string_view::npos) bad("missing '->'");
    std::string_view params = t_.substr(0, arrow);
    SigParser rp(t_.substr(arrow + 2));
    s.result = rp.type();
    t_ = params;
    bool optional = false;
    skip();
    while (pos_ < t_.size()) {
      char c = t_[pos_];
      if (c == '[') {
        optional = true;
        ++pos_;
      } else if (c == ']' || c == ',') {
        ++pos_;
      } else if (t_.substr(pos_, 3) == "...") {
        s.variadic = true;
        pos_ += 3;
      } else {
        s.params.push_back({type(), optional});
      }
      skip();
    }
    for (const auto& p : s.params) s.minArgs += p.optional ? 0 : 1;
    s.maxArgs = s.variadic ? -1 : static_cast<int>(s.params.size());
    return s;
  }

  SigType type() {
    skip();
    SigType st;
    while (pos_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[pos_])) ||
                                t_[pos_] == '_' || t_[pos_] == '?'))
      st.name += t_[pos_++];
    if (st.name.empty()) bad("expected a type");
    skip();
    if (pos_ < t_.size() && t_[pos_] == '<') {
      ++pos_;
      st.kids.push_back(type());
      while (pos_ < t_.size() && t_[pos_] == ',') {
        ++pos_;
        st.kids.push_back(type());
      }
      if (pos_ >= t_.size() || t_[pos_] != '>') bad("expected '>'");
      ++pos_;
      skip();
    }
    return st;
  }

 private:
  void skip() {
    while (pos_ < t_.size() && t_[pos_] == ' ') ++pos_;
  }
  [[noreturn]] void bad(const std::string& what) {
    throw std::logic_error("bad function signature '" + std::string(t_) + "': " + what);
  }
  std::string_view t_;
  size_t pos_ = 0;
};

TypePtr namedType(const std::string& n) {
  static const std::map<std::string, TypePtr> types = {{"boolean", DataType::boolean()},
                                                       {"tinyint", DataType::byte()},
                                                       {"smallint", DataType::shortType()},
                                                       {"int", DataType::integer()},
                                                       {"bigint", DataType::bigint()},
                                                       {"float", DataType::floatType()},
                                                       {"double", DataType::doubleType()},
                                                       {"string", DataType::string()},
                                                       {"binary", DataType::binary()},
                                                       {"date", DataType::date()},
                                                       {"timestamp", DataType::timestamp()},
                                                       {"interval", DataType::interval()},
                                                       {"void", DataType::null()}};
  auto it = types.find(n);
  return it == types.end() ? nullptr : it->second;
}

using Bindings = std::map<std::string, TypePtr>;

std::string render(const SigType& s, const Bindings& b) {
  if (isVar(s.name)) {
    auto it = b.find(s.name);
    return it != b.end() && it->second ? it->second->toString() : "any";
  }
  if (s.name == "anytimestamp") return "timestamp or timestamp_ntz";
  if (s.kids.empty() ||
      ((s.name == "array" || s.name == "map") && isVar(s.kids[0].name) && !b.count(s.kids[0].name)))
    return s.name;
  std::string out = s.name + "<";
  for (size_t i = 0; i < s.kids.size(); ++i) out += (i ? "," : "") + render(s.kids[i], b);
  return out + ">";
}

// Pass 1: checks the kind of complex arguments and collects the types bound to variables.
bool bind(const SigType& s, const TypePtr& actual,
          std::map<std::string, std::vector<TypePtr>>& vars) {
  if (isVar(s.name)) {
    vars[s.name].push_back(actual);
    return true;
  }
  const TypeId id = actual->id();
  if (s.name == "array" || s.name == "map" || s.name == "struct") {
    if (id == TypeId::Null) return true;
    if (s.name == "array" && id == TypeId::Array)
      return s.kids.empty() || bind(s.kids[0], actual->elementType(), vars);
    if (s.name == "map" && id == TypeId::Map)
      return s.kids.empty() || (bind(s.kids[0], actual->keyType(), vars) &&
                                bind(s.kids[1], actual->valueType(), vars));
    return s.name == "struct" && id == TypeId::Struct;
  }
  return true;
}

// Pass 2: the type the argument must have (nullptr: not acceptable).
TypePtr target(const SigType& s, const TypePtr& actual, const Bindings& b) {
  const TypeId id = actual->id();
  if (isVar(s.name)) {
    auto it = b.find(s.name);
    return it == b.end() ? actual : it->second;
  }
  if (s.name == "any" || s.name == "struct") return actual;
  if (s.name == "array") {
    if (s.kids.empty()) return actual;
    const TypePtr elem = id == TypeId::Array ? actual->elementType() : DataType::null();
    TypePtr e = target(s.kids[0], elem, b);
    return e ? DataType::arrayOf(e, id == TypeId::Array ? actual->containsNull() : true) : nullptr;
  }
  if (s.name == "map") {
    if (s.kids.empty()) return actual;
    const bool m = id == TypeId::Map;
    TypePtr k = target(s.kids[0], m ? actual->keyType() : DataType::null(), b);
    TypePtr v = target(s.kids[1], m ? actual->valueType() : DataType::null(), b);
    return k && v ? DataType::mapOf(k, v, m ? actual->containsNull() : true) : nullptr;
  }
  if (s.name == "numeric") {
    if (actual->isNumeric()) return actual;
    return id == TypeId::String || id == TypeId::Null ? DataType::doubleType() : nullptr;
  }
  if (s.name == "integral") {
    if (actual->isIntegral()) return actual;
    if (id == TypeId::Null) return DataType::integer();
    return id == TypeId::String ? DataType::bigint() : nullptr;
  }
  if (s.name == "decimal") {
    if (id == TypeId::Decimal) return actual;
    if (actual->isIntegral()) return DataType::decimalFor(*actual);
    return id == TypeId::Null || id == TypeId::String || actual->isFractional()
               ? DataType::decimal(38, 18)
               : nullptr;
  }
  if (s.name == "anytimestamp") {  // Spark's AnyTimestampType: TIMESTAMP or TIMESTAMP_NTZ
    if (id == TypeId::Timestamp) return actual;
    return canImplicitCast(actual, DataType::timestamp()) ? DataType::timestamp() : nullptr;
  }
  TypePtr c = namedType(s.name);
  if (!c) throw std::logic_error("unknown type '" + s.name + "' in a function signature");
  return canImplicitCast(actual, c) ? c : nullptr;
}

TypePtr resultType(const SigType& s, const Bindings& b) {
  if (s.name == "?") return nullptr;
  if (isVar(s.name)) {
    auto it = b.find(s.name);
    return it == b.end() ? DataType::null() : it->second;
  }
  if (s.name == "array") return DataType::arrayOf(resultType(s.kids.at(0), b));
  if (s.name == "map")
    return DataType::mapOf(resultType(s.kids.at(0), b), resultType(s.kids.at(1), b));
  TypePtr c = namedType(s.name);
  if (!c) throw std::logic_error("bad result type '" + s.name + "' in a function signature");
  return c;
}

Resolution resolveWith(const Signature& sig, const ResolveContext& ctx) {
  const size_t n = ctx.args.size();
  if (static_cast<int>(n) < sig.minArgs || (sig.maxArgs >= 0 && static_cast<int>(n) > sig.maxArgs))
    ctx.fail(-1, "function " + ctx.name + " does not accept " + std::to_string(n) + " arguments");
  auto paramOf = [&](size_t i) -> const Param& {
    return sig.params[std::min(i, sig.params.size() - 1)];
  };
  std::map<std::string, std::vector<TypePtr>> vars;
  std::map<std::string, std::vector<size_t>> varArgs;  // which argument bound each entry
  for (size_t i = 0; i < n; ++i) {
    std::map<std::string, std::vector<TypePtr>> local;
    if (!bind(paramOf(i).type, ctx.type(i), local)) failArg(ctx, i, render(paramOf(i).type, {}));
    for (auto& [k, v] : local)
      for (auto& t : v) {
        vars[k].push_back(t);
        varArgs[k].push_back(i);
      }
  }
  Bindings b;
  for (const auto& [k, types] : vars) {
    TypePtr acc = types[0];
    for (size_t j = 1; j < types.size(); ++j) {
      TypePtr next = commonType(acc, types[j]);
      if (!next) failArg(ctx, varArgs[k][j], acc->toString());
      acc = next;
    }
    b[k] = acc;
  }
  Resolution r;
  r.argTypes.resize(n);
  for (size_t i = 0; i < n; ++i) {
    TypePtr t = target(paramOf(i).type, ctx.type(i), b);
    if (!t) failArg(ctx, i, render(paramOf(i).type, b));
    if (!t->equals(*ctx.type(i))) r.argTypes[i] = t;
  }
  r.result = resultType(sig.result, b);
  return r;
}

}  // namespace

TypeRule sig(std::string_view text) {
  auto s = std::make_shared<Signature>(SigParser(text).parse());
  return [s](const ResolveContext& ctx) { return resolveWith(*s, ctx); };
}

std::pair<int, int> sigArity(std::string_view text) {
  Signature s = SigParser(text).parse();
  return {s.minArgs, s.maxArgs};
}

RowBuilder::RowBuilder(FunctionRegistry& r, std::string name, FunctionKind kind,
                       std::string signature)
    : r_(r) {
  def_.name = std::move(name);
  def_.kind = kind;
  def_.nulls = kind == FunctionKind::Scalar ? NullBehavior::Propagates : NullBehavior::Custom;
  const size_t arrow = signature.rfind("->");
  std::string params = signature.substr(0, arrow);
  while (!params.empty() && params.back() == ' ') params.pop_back();
  def_.signature = def_.name + "(" + params + ") -> " + signature.substr(arrow + 3);
  std::tie(def_.minArgs, def_.maxArgs) = sigArity(signature);
  def_.resolve = sig(signature);
}

RowBuilder::~RowBuilder() noexcept(false) {
  r_.add(std::move(def_), std::move(aliases_));
}

RowBuilder& RowBuilder::then(std::function<void(const ResolveContext&, Resolution&)> post) {
  def_.resolve = [base = def_.resolve, post = std::move(post)](const ResolveContext& ctx) {
    Resolution r = base(ctx);
    post(ctx, r);
    return r;
  };
  return *this;
}

void failArg(const ResolveContext& ctx, size_t i, const std::string& expected) {
  ctx.fail(static_cast<int>(i), "function " + ctx.name + " expects " + expected + ", got " +
                                    ctx.type(i)->toString() + " for argument " +
                                    std::to_string(i + 1));
  throw std::logic_error("ResolveContext::fail returned");
}

const DataType& arrayArg(const ResolveContext& ctx, size_t i) {
  if (ctx.type(i)->id() != TypeId::Array) failArg(ctx, i, "an array");
  return *ctx.type(i);
}

const DataType& mapArg(const ResolveContext& ctx, size_t i) {
  if (ctx.type(i)->id() != TypeId::Map) failArg(ctx, i, "a map");
  return *ctx.type(i);
}

void markNullable(Resolution& r) {
  r.nullableOverride = true;
  r.nullable = true;
}

Value constArg(const ResolveContext& ctx, size_t i, const std::string& what) {
  if (!ctx.args[i]->foldable())
    ctx.fail(static_cast<int>(i), "function " + ctx.name + " expects " + what + " for argument " +
                                      std::to_string(i + 1));
  return evaluateConstant(ctx.args[i]);
}

const stdlib::Zone& zoneOf(const Expr& call) {
  return stdlib::Zone::of(call.timeZone);
}

bool anyNullable(const std::vector<ExprPtr>& args) {
  for (const auto& a : args)
    if (a->nullable) return true;
  return false;
}

double toDouble(const Value& v, const DataType& type) {
  switch (type.id()) {
    case TypeId::Float:
    case TypeId::Double:
      return v.asDouble();
    case TypeId::Decimal: {
      double d = static_cast<double>(v.asDecimal());
      for (int i = 0; i < type.scale(); ++i) d /= 10;
      return d;
    }
    default:
      return static_cast<double>(v.asInt());
  }
}

}  // namespace sluice::fnrow
