#include "api/host_functions.h"

#include <atomic>
#include <cctype>

#include "codegen/host_binding.h"
#include "frontend/error.h"
#include "frontend/parser.h"
#include "frontend/text.h"
#include "planner/functions/registry.h"
#include "planner/type_conversion.h"
#include "stdlib/abi_types.h"
#include "stdlib/kernel_error.h"

namespace sluice {

namespace host_detail {
void reportFailure(const char* what) noexcept {
  try {
    raiseKernelError(std::string("host function failed: ") + what);
  } catch (...) {  // out of memory while reporting: the kernel error slot stays as it was
  }
}

char* allocateResult(StringArena* arena, size_t n) noexcept { return arena->allocate(n); }
}  // namespace host_detail

namespace {

bool isOut(CType t) {
  return t == CType::OutString || outPointee(t) != CType::Void;
}

// The SQL type a C type carries by default.
TypePtr defaultType(CType t) {
  switch (t) {
    case CType::U8:
      return DataType::boolean();
    case CType::I8:
      return DataType::byte();
    case CType::I16:
      return DataType::shortType();
    case CType::I32:
      return DataType::integer();
    case CType::I64:
      return DataType::bigint();
    case CType::F32:
      return DataType::floatType();
    case CType::F64:
      return DataType::doubleType();
    case CType::Bytes:
    case CType::OutString:
      return DataType::string();
    default:
      return nullptr;
  }
}

// Whether C type `c` can carry SQL type `t` (an explicit signature's choice).
bool carries(CType c, const DataType& t) {
  switch (c) {
    case CType::I32:
      return t.id() == TypeId::Int || t.id() == TypeId::Date;
    case CType::I64:
      return t.id() == TypeId::Long || t.id() == TypeId::Timestamp;
    case CType::Bytes:
    case CType::OutString:
      return t.id() == TypeId::String || t.id() == TypeId::Binary;
    default: {
      TypePtr d = defaultType(c);
      return d && d->equals(t);
    }
  }
}

const char* cName(CType c) {
  switch (c) {
    case CType::U8:
      return "bool";
    case CType::I8:
      return "int8_t";
    case CType::I16:
      return "int16_t";
    case CType::I32:
      return "int32_t";
    case CType::I64:
      return "int64_t";
    case CType::F32:
      return "float";
    case CType::F64:
      return "double";
    case CType::Bytes:
    case CType::OutString:
      return "a string";
    default:
      return "an unsupported C type";
  }
}

// Splits `text` at commas outside <> and ().
std::vector<std::string> splitTopLevel(const std::string& text) {
  std::vector<std::string> out;
  int depth = 0;
  std::string cur;
  for (char ch : text) {
    if (ch == '<' || ch == '(') ++depth;
    if (ch == '>' || ch == ')') --depth;
    if (ch == ',' && depth == 0) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\n"), e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

TypePtr parseSqlType(const std::string& text, const std::string& fn) {
  auto file = std::make_shared<SourceFile>();
  file->name = "signature of " + fn;
  file->text = text;
  return toDataType(parseType(file), file);
}

// `a, b -> r` (or `-> r` for no arguments) as SQL types.
void parseSignature(const std::string& sig, const std::string& fn, std::vector<TypePtr>& args,
                    TypePtr& result) {
  const size_t arrow = sig.rfind("->");
  if (arrow == std::string::npos)
    throw AnalysisError("host function " + fn + ": signature '" + sig +
                        "' must have the form 'type, type -> type'");
  std::string params = trim(sig.substr(0, arrow));
  if (params.size() >= 2 && params.front() == '(' && params.back() == ')')
    params = trim(params.substr(1, params.size() - 2));
  if (!params.empty())
    for (const auto& p : splitTopLevel(params)) args.push_back(parseSqlType(trim(p), fn));
  result = parseSqlType(trim(sig.substr(arrow + 2)), fn);
}

void checkName(const std::string& name) {
  bool ok = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!ok)
    throw AnalysisError("cannot register host function '" + name +
                        "': the name must be letters, digits and '_', not starting with a digit");
}

}  // namespace

HostFunctionSpec hostFunctionSpec(const std::string& name, const HostFunction& fn,
                                  const FunctionOptions& options, const std::string& symbol) {
  checkName(name);
  if (!fn.entry) throw AnalysisError("cannot register host function '" + name + "': no function");
  HostFunctionSpec spec;
  spec.name = name;
  spec.symbol = symbol;
  spec.deterministic = options.deterministic;
  spec.argSeesNull = fn.argSeesNull;
  spec.resultNullable = fn.resultNullable;
  // The C type of each SQL argument and of the result, walking the parameters as the code
  // generator marshals them (codegen/host_function_binding.h).
  std::vector<CType> argC;
  CType resultC = fn.signature.result;
  const auto& p = fn.signature.params;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == CType::Arena) continue;
    if (isOut(p[i])) {
      resultC = p[i] == CType::OutString ? CType::OutString : outPointee(p[i]);
      continue;
    }
    argC.push_back(p[i]);
    if (p[i] == CType::Bytes) ++i;                                                     // the length
    if (argC.size() <= fn.argSeesNull.size() && fn.argSeesNull[argC.size() - 1]) ++i;  // NULL flag
  }
  if (argC.size() != fn.argSeesNull.size())
    throw AnalysisError("host function " + name + ": its C signature does not match its arguments");
  if (options.signature.empty()) {
    for (CType c : argC) spec.argTypes.push_back(defaultType(c));
    spec.resultType = defaultType(resultC);
  } else {
    parseSignature(options.signature, name, spec.argTypes, spec.resultType);
    if (spec.argTypes.size() != argC.size())
      throw AnalysisError("host function " + name + ": signature '" + options.signature + "' has " +
                          std::to_string(spec.argTypes.size()) +
                          " argument(s), the C++ function takes " + std::to_string(argC.size()));
    for (size_t i = 0; i < argC.size(); ++i)
      if (!carries(argC[i], *spec.argTypes[i]))
        throw AnalysisError("host function " + name + ": argument " + std::to_string(i + 1) +
                            " is " + cName(argC[i]) + " in C++, which cannot carry SQL " +
                            spec.argTypes[i]->toString());
    if (!carries(resultC, *spec.resultType))
      throw AnalysisError("host function " + name + ": the result is " + cName(resultC) +
                          " in C++, which cannot carry SQL " + spec.resultType->toString());
  }
  for (const auto& t : spec.argTypes)
    if (!t) throw AnalysisError("host function " + name + ": unsupported parameter type");
  if (!spec.resultType) throw AnalysisError("host function " + name + ": unsupported result type");
  return spec;
}

void registerHostFunction(HostFunctionSet& set, const std::string& name, const HostFunction& fn,
                          const FunctionOptions& options) {
  // A fresh symbol per registration: engines and re-registrations never share one.
  static std::atomic<int64_t> next{0};
  const std::string symbol = "host_" + asciiLower(name) + "_" + std::to_string(++next);
  HostFunctionSpec spec = hostFunctionSpec(name, fn, options, symbol);
  const HostFunctionScope none(nullptr);
  if (FunctionRegistry::builtins().find(name))
    throw AnalysisError("cannot register host function '" + name +
                        "': a builtin function has that name (choose another name)");
  registerHostBinding(
      HostBinding{symbol, asciiLower(name), fn.entry, fn.signature, fn.argSeesNull});
  set.add(spec);
}

}  // namespace sluice
