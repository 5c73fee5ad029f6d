#include "sluice/engine.h"

#include "frontend/parser.h"
#include "planner/catalog/catalog.h"
#include "planner/session/explain.h"
#include "planner/session/statement_planner.h"

namespace sluice {

struct Engine::Impl {
  Catalog catalog;
  StatementPlanner planner{catalog};

  ast::Script parse(const std::string& sql, const ScriptOptions& o) {
    auto file = std::make_shared<SourceFile>();
    file->name = o.name;
    file->text = substituteVariables(sql, o.defines, o.name);
    return parseScript(file);
  }
};

Engine::Engine() : impl_(std::make_unique<Impl>()) {}
Engine::~Engine() = default;

const char* Engine::version() {
  return "0.1.0";
}

void Engine::set(const std::string& key, const std::string& value) {
  impl_->catalog.set(key, value);
}

void Engine::check(const std::string& sql, const ScriptOptions& options) {
  ast::Script script = impl_->parse(sql, options);
  for (const auto& s : script.statements) impl_->planner.plan(*s, script.file);
}

std::string Engine::explain(const std::string& sql, ExplainLevel level,
                            const ScriptOptions& options) {
  ast::Script script = impl_->parse(sql, options);
  std::string out;
  for (const auto& s : script.statements) {
    PlannedStatement p = impl_->planner.plan(*s, script.file);
    ast::ExplainMode mode =
        level == ExplainLevel::Extended ? ast::ExplainMode::Extended : ast::ExplainMode::Simple;
    if (s->kind == ast::StatementKind::Explain) mode = s->explainMode;
    if (!p.query && s->kind != ast::StatementKind::Explain) continue;
    const LineCol lc = script.file->lineCol(s->span.begin);
    if (!out.empty()) out += "\n";
    out += "-- " + script.file->name + ":" + std::to_string(lc.line) + "\n";
    out += explainText(s->kind == ast::StatementKind::Explain ? *s->explained : *s, p, mode);
  }
  return out;
}

std::string Engine::execute(const std::string& sql, const ScriptOptions& options) {
  ast::Script script = impl_->parse(sql, options);
  std::string out;
  for (const auto& s : script.statements) {
    PlannedStatement p = impl_->planner.plan(*s, script.file);
    if (s->kind == ast::StatementKind::Explain) {
      out += explainText(*s->explained, p, s->explainMode);
      continue;
    }
    if (s->kind == ast::StatementKind::Set && !s->setHasValue) out += p.message + "\n";
    if (p.query)
      throw ExecutionError(
          "executing queries needs the code generator, which this build does not have yet; "
          "use `sluice explain` to see the plan",
          script.file, s->span);
  }
  return out;
}

}  // namespace sluice
