#include "runtime/stream/state_schema_check.h"

#include <set>

#include "frontend/error.h"
#include "planner/streaming/state_schema.h"
#include "runtime/checkpoint/file_io.h"

namespace sluice {
namespace fs = std::filesystem;

namespace {

const char* kAdvice =
    "; the checkpoint's state was written by a different query: revert the change, or start "
    "the query with a new checkpointLocation (its state starts empty)";

bool isNumber(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

fs::path stateSchemaFile(const fs::path& stateRoot, int64_t operatorId) {
  return stateRoot / std::to_string(operatorId) / "_metadata" / "schema";
}

void checkStateSchemas(const StreamingPlan& plan, const fs::path& stateRoot,
                       const RestartPlan& restart) {
  const std::vector<StateOperatorSchema> current = stateSchemas(plan);
  const std::string query = "streaming query '" + plan.spec.name + "'";
  std::set<int64_t> ids;
  std::vector<const StateOperatorSchema*> unrecorded;
  for (const StateOperatorSchema& c : current) {
    ids.insert(c.operatorId);
    const fs::path file = stateSchemaFile(stateRoot, c.operatorId);
    if (!fs::exists(file)) {
      // Committed batches but no state for this operator: it is new in the query.
      if (restart.stateVersion > 0 && !fs::exists(stateRoot / std::to_string(c.operatorId)))
        throw ExecutionError(query + " cannot restart from its checkpoint: it has a new " +
                             c.describe() + " whose state the checkpoint (" +
                             std::to_string(restart.stateVersion) + " batches) does not have" +
                             kAdvice);
      unrecorded.push_back(&c);
      continue;
    }
    auto stored = StateOperatorSchema::parse(readWholeFile(file));
    if (!stored)
      throw ExecutionError("corrupt state schema file " + file.string() +
                           " (not a sluice state schema)");
    stored->operatorId = c.operatorId;  // the file's directory names it, not its text
    const std::string why = stateSchemaIncompatibility(*stored, c);
    if (!why.empty())
      throw ExecutionError(query + " cannot use the state of " + stored->describe() + " in " +
                           file.string() + ": " + why + kAdvice);
  }
  if (fs::exists(stateRoot))
    for (const auto& e : fs::directory_iterator(stateRoot)) {
      const std::string name = e.path().filename().string();
      if (!isNumber(name) || ids.count(std::stoll(name))) continue;
      const fs::path file = e.path() / "_metadata" / "schema";
      if (!fs::exists(file)) continue;
      auto stored = StateOperatorSchema::parse(readWholeFile(file));
      if (stored) stored->operatorId = std::stoll(name);
      throw ExecutionError(query + " cannot restart from its checkpoint: it no longer has " +
                           (stored ? stored->describe() : "state operator " + name) +
                           ", whose state is in " + e.path().string() + kAdvice);
    }
  for (const StateOperatorSchema* c : unrecorded) {
    const fs::path file = stateSchemaFile(stateRoot, c->operatorId);
    fs::create_directories(file.parent_path());
    writeFileAtomically(file, c->serialize());
  }
}

}  // namespace sluice
