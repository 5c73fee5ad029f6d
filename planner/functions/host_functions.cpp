#include "planner/functions/host_functions.h"

#include "frontend/error.h"
#include "frontend/text.h"
#include "planner/functions/registry.h"

namespace sluice {
namespace {

// The set the engine planning on this thread registered (nullptr outside Engine calls).
thread_local const HostFunctionSet* current = nullptr;

std::string signatureText(const HostFunctionSpec& s) {
  std::string out = s.name + "(";
  for (size_t i = 0; i < s.argTypes.size(); ++i) out += (i ? ", " : "") + s.argTypes[i]->toString();
  return out + ") -> " + s.resultType->toString();
}

}  // namespace

const FunctionDef* HostFunctionSet::add(const HostFunctionSpec& spec) {
  const std::string name = asciiLower(spec.name);
  const HostFunctionScope builtinsOnly(nullptr);  // find() would see host rows too
  if (FunctionRegistry::builtins().find(name))
    throw AnalysisError("cannot register host function '" + spec.name +
                        "': a builtin function has that name (choose another name)");
  auto def = std::make_unique<FunctionDef>();
  def->name = name;
  def->kind = FunctionKind::Scalar;
  bool seesNull = false;
  for (bool b : spec.argSeesNull) seesNull = seesNull || b;
  // With no NULL-aware parameter a NULL argument gives NULL without a call (Spark's rule for
  // primitive UDF parameters); otherwise the function decides.
  def->nulls = seesNull ? NullBehavior::Custom : NullBehavior::Propagates;
  def->signature = signatureText(spec);
  def->minArgs = def->maxArgs = static_cast<int>(spec.argTypes.size());
  def->emitter = "host";      // codegen/host_function_binding.cpp
  def->symbol = spec.symbol;  // the host binding the emitter calls
  def->deterministic = spec.deterministic;
  const std::vector<TypePtr> argTypes = spec.argTypes;
  const TypePtr result = spec.resultType;
  const std::string sig = def->signature;
  const bool propagates = !seesNull;
  const bool resultNullable = spec.resultNullable;
  // Spark's ImplicitCastInputTypes: arguments are implicitly cast to the declared types.
  def->resolve = [argTypes, result, sig, propagates, resultNullable](const ResolveContext& c) {
    Resolution r;
    r.result = result;
    for (size_t i = 0; i < c.args.size(); ++i) {
      if (!canImplicitCast(c.type(i), argTypes[i]))
        c.fail(static_cast<int>(i), "argument " + std::to_string(i + 1) + " of " + c.name +
                                        " must be " + argTypes[i]->toString() + ", got " +
                                        c.type(i)->toString() + " (" + sig + ")");
      r.argTypes.push_back(argTypes[i]);
    }
    if (!propagates || resultNullable) {
      r.nullableOverride = true;
      bool anyNullable = false;
      for (const auto& a : c.args) anyNullable = anyNullable || a->nullable;
      r.nullable = resultNullable || (propagates && anyNullable) || !propagates;
    }
    return r;
  };
  rows_.push_back(std::move(def));
  byName_[name] = rows_.back().get();
  return rows_.back().get();
}

const FunctionDef* HostFunctionSet::find(const std::string& name) const {
  auto it = byName_.find(asciiLower(name));
  return it == byName_.end() ? nullptr : it->second;
}

HostFunctionScope::HostFunctionScope(const HostFunctionSet* set) : previous_(current) {
  current = set;
}

HostFunctionScope::~HostFunctionScope() {
  current = previous_;
}

const FunctionDef* findHostFunction(const std::string& name) {
  return current ? current->find(name) : nullptr;
}

std::vector<std::string> hostFunctionNames() {
  std::vector<std::string> out;
  if (current)
    for (const auto& [name, row] : current->byName()) out.push_back(name);
  return out;
}

}  // namespace sluice
