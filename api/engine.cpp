#include "sluice/engine.h"

#include "codegen/query_compiler.h"
#include "frontend/parser.h"
#include "planner/catalog/catalog.h"
#include "planner/session/explain.h"
#include "planner/session/statement_planner.h"
#include "runtime/batch_executor.h"

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

  int optLevel() const {
    auto v = catalog.get("sluice.codegen.optLevel");
    return v && v->size() == 1 && (*v)[0] >= '0' && (*v)[0] <= '3' ? (*v)[0] - '0' : 2;
  }

  // EXPLAIN's text; CODEGEN mode appends the optimized IR of every pipeline (planner/
  // stays LLVM-free, so the codegen part is added here).
  std::string explain(const ast::Statement& stmt, const PlannedStatement& p,
                      ast::ExplainMode mode) {
    std::string out = explainText(stmt, p, mode);
    if (mode != ast::ExplainMode::Codegen || !p.query) return out;
    out += "\n== Generated Code ==\n";
    if (!p.query->physical) return out + "(none: " + p.query->physicalError + ")\n";
    try {
      return out + compileQuery(*p.query->physical, optLevel()).irText();
    } catch (const CodegenError& e) {
      return out + "(none: " + e.message() + ")\n";
    }
  }

  // Compiles and runs a planned SELECT.
  Table run(const ast::Statement& s, const PlannedStatement& p, const SourceFilePtr& file) {
    try {
      if (s.kind != ast::StatementKind::Query)
        throw ExecutionError(
            "running INSERT and streaming queries needs the streaming runtime, which is not "
            "built yet; use `sluice explain` to see the plan");
      if (!p.query->physical) throw ExecutionError(p.query->physicalError);
      const PhysicalPlan& plan = *p.query->physical;
      CompiledQuery compiled = compileQuery(plan, optLevel());
      return runBatch(plan, compiled);
    } catch (Error& e) {
      e.locate(file, s.span);
      throw;
    }
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
    ast::ExplainMode mode = level == ExplainLevel::Codegen    ? ast::ExplainMode::Codegen
                            : level == ExplainLevel::Extended ? ast::ExplainMode::Extended
                                                              : ast::ExplainMode::Simple;
    if (s->kind == ast::StatementKind::Explain) mode = s->explainMode;
    if (!p.query && s->kind != ast::StatementKind::Explain) continue;
    const LineCol lc = script.file->lineCol(s->span.begin);
    if (!out.empty()) out += "\n";
    out += "-- " + script.file->name + ":" + std::to_string(lc.line) + "\n";
    out += impl_->explain(s->kind == ast::StatementKind::Explain ? *s->explained : *s, p, mode);
  }
  return out;
}

std::string Engine::execute(const std::string& sql, const ScriptOptions& options) {
  ast::Script script = impl_->parse(sql, options);
  std::string out;
  for (const auto& s : script.statements) {
    PlannedStatement p = impl_->planner.plan(*s, script.file);
    if (s->kind == ast::StatementKind::Explain) {
      out += impl_->explain(*s->explained, p, s->explainMode);
      continue;
    }
    if (s->kind == ast::StatementKind::Set && !s->setHasValue) out += p.message + "\n";
    if (!p.query) continue;
    const Table t = impl_->run(*s, p, script.file);
    switch (options.resultFormat) {
      case ResultFormat::Table:
        out += t.show();
        break;
      case ResultFormat::Csv:
        out += t.toCsv();
        break;
      case ResultFormat::Json:
        out += t.toJsonLines();
        break;
    }
  }
  return out;
}

Table Engine::query(const std::string& sql, const ScriptOptions& options) {
  ast::Script script = impl_->parse(sql, options);
  std::optional<Table> result;
  for (const auto& s : script.statements) {
    PlannedStatement p = impl_->planner.plan(*s, script.file);
    result.reset();
    if (p.query && s->kind != ast::StatementKind::Explain) result = impl_->run(*s, p, script.file);
  }
  if (!result) throw ExecutionError("Engine::query needs a script that ends in a SELECT");
  return *result;
}

}  // namespace sluice
