#include "planner/streaming/state_schema.h"

#include <regex>
#include <sstream>

#include "planner/functions/function.h"

namespace sluice {
namespace {

// Expression text without attribute ids (ids shift when the query text changes elsewhere).
std::string text(const ExprPtr& e) {
  static const std::regex ids("#[0-9]+");
  return std::regex_replace(e->toString(), ids, "");
}

StateColumn column(const ExprPtr& e) {
  return {text(stripAlias(e)), e->type->toString()};
}

std::vector<StateColumn> columns(const std::vector<Attribute>& attrs, const std::string& prefix) {
  std::vector<StateColumn> out;
  for (const auto& a : attrs) out.push_back({prefix + a.name, a.type->toString()});
  return out;
}

StateOperatorSchema aggregate(const StatefulOperator& s) {
  StateOperatorSchema out;
  out.operatorId = s.operatorId;
  out.operatorName = s.op->sessionKey ? "sessionWindowStateStoreSaveExec" : "stateStoreSave";
  for (const auto& k : s.op->keys) out.key.push_back(column(k));
  for (const auto& f : s.op->functions) {
    std::string sig = f->fn ? f->fn->name : "?";
    sig += "(";
    for (size_t i = 0; i < f->args.size(); ++i)
      sig += (i ? ", " : "") + f->args[i]->type->toString();
    sig += "): " + f->type->toString();
    out.value.push_back({text(f), sig});
  }
  return out;
}

StateOperatorSchema keyed(const KeyedStateOperator& k) {
  StateOperatorSchema out;
  out.operatorId = k.operatorId;
  if (auto* j = dynamic_cast<const PhysStreamJoin*>(k.op)) {
    out.operatorName = "symmetricHashJoin";
    out.detail = joinKindName(j->type);
    for (const auto& e : j->leftKeys) out.key.push_back(column(e));
    out.value = columns(j->left()->output(), "left.");
    for (auto& c : columns(j->right()->output(), "right.")) out.value.push_back(c);
  } else if (auto* d = dynamic_cast<const PhysStreamDedup*>(k.op)) {
    out.operatorName = "dedupe";
    const auto in = d->child()->output();
    for (size_t i : d->keys) out.key.push_back({in[i].name, in[i].type->toString()});
    if (d->eventTimeColumn) out.value.push_back({"eventTime", "timestamp"});
  }
  return out;
}

std::string side(const std::vector<StateColumn>& cols) {
  std::string s;
  for (size_t i = 0; i < cols.size(); ++i) s += (i ? ", " : "") + cols[i].name + " " + cols[i].type;
  return s;
}

}  // namespace

std::string StateOperatorSchema::describe() const {
  std::string s = "state operator " + std::to_string(operatorId) + " (" + operatorName;
  if (!detail.empty()) s += " " + detail;
  return s + ", key [" + side(key) + "])";
}

std::string StateOperatorSchema::serialize() const {
  std::string s = "v1\noperator\t" + operatorName + "\ndetail\t" + detail + "\n";
  for (const auto& c : key) s += "key\t" + c.name + "\t" + c.type + "\n";
  for (const auto& c : value) s += "value\t" + c.name + "\t" + c.type + "\n";
  return s;
}

std::optional<StateOperatorSchema> StateOperatorSchema::parse(const std::string& t) {
  std::istringstream in(t);
  std::string line;
  if (!std::getline(in, line) || line != "v1") return std::nullopt;
  StateOperatorSchema out;
  while (std::getline(in, line)) {
    const size_t a = line.find('\t');
    if (a == std::string::npos) return std::nullopt;
    const std::string tag = line.substr(0, a), rest = line.substr(a + 1);
    if (tag == "operator") {
      out.operatorName = rest;
    } else if (tag == "detail") {
      out.detail = rest;
    } else if (tag == "key" || tag == "value") {
      const size_t b = rest.find('\t');
      if (b == std::string::npos) return std::nullopt;
      (tag == "key" ? out.key : out.value).push_back({rest.substr(0, b), rest.substr(b + 1)});
    } else {
      return std::nullopt;
    }
  }
  if (out.operatorName.empty()) return std::nullopt;
  return out;
}

std::vector<StateOperatorSchema> stateSchemas(const StreamingPlan& plan) {
  std::vector<StateOperatorSchema> out;
  for (const auto& s : plan.stateful) out.push_back(aggregate(s));
  for (const auto& k : plan.keyed) out.push_back(keyed(k));
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.operatorId < b.operatorId; });
  return out;
}

std::string stateSchemaIncompatibility(const StateOperatorSchema& stored,
                                       const StateOperatorSchema& current) {
  if (stored.operatorName != current.operatorName || stored.detail != current.detail)
    return "the checkpoint holds the state of a " + stored.operatorName +
           (stored.detail.empty() ? "" : " " + stored.detail) + ", the query now has a " +
           current.operatorName + (current.detail.empty() ? "" : " " + current.detail) + " there";
  auto compare = [](const char* what, const std::vector<StateColumn>& was,
                    const std::vector<StateColumn>& now) -> std::string {
    for (size_t i = 0; i < std::max(was.size(), now.size()); ++i) {
      if (i >= was.size())
        return std::string("new ") + what + " column " + now[i].name + " " + now[i].type;
      if (i >= now.size())
        return std::string(what) + " column " + was[i].name + " " + was[i].type + " was removed";
      if (!(was[i] == now[i]))
        return std::string(what) + " column " + std::to_string(i + 1) + " was " + was[i].name +
               " " + was[i].type + ", now " + now[i].name + " " + now[i].type;
    }
    return "";
  };
  std::string why = compare("key", stored.key, current.key);
  if (why.empty()) why = compare("value", stored.value, current.value);
  return why;
}

}  // namespace sluice
