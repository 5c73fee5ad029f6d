// EXPLAIN of the Nest sample: the optimizations the sample exists to show, checked on the
// plan structure, plus a golden file of the whole `explain --extended` text.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "frontend/parser.h"
#include "planner/functions/function.h"
#include "planner/logical/all.h"
#include "planner/session/statement_planner.h"
#include "sluice/engine.h"

namespace sluice {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::map<std::string, std::string> kNestDefines = {{"bootstrap", "127.0.0.1:9092"},
                                                         {"checkpoints", "/tmp/ckpt"},
                                                         {"archive", "/tmp/archive"},
                                                         {"threshold", "1000"},
                                                         {"trigger", "availableNow"}};

// Plans every statement of the Nest sample; returns the planned streaming query `name`.
PlannedStatement planNest(Catalog& catalog, ast::Script& script, const std::string& name) {
  auto file = std::make_shared<SourceFile>();
  file->name = "nest.sql";
  file->text = substituteVariables(readFile(SLUICE_SOURCE_DIR "/samples/nest/nest.sql"),
                                  kNestDefines, "nest.sql");
  script = parseScript(file);
  StatementPlanner planner(catalog);
  PlannedStatement found;
  for (const auto& s : script.statements) {
    auto p = planner.plan(*s, file);
    if (p.streaming && p.streaming->name == name) found = p;
  }
  return found;
}

bool contains(const PlanPtr& p, PlanKind k) {
  bool hit = false;
  visitPlan(p, [&](const PlanPtr& n) { hit = hit || n->kind() == k; });
  return hit;
}

TEST(NestExplain, FilterBelowJoinProjectsCollapsedSchemaPruned) {
  Catalog catalog;
  ast::Script script;
  PlannedStatement stats = planNest(catalog, script, "camera_stats");
  ASSERT_TRUE(stats.query);
  const PlanPtr plan = stats.query->optimized.plan;
  SCOPED_TRACE(treeString(plan));

  // The has_person filter sits on the stream side below the join.
  const Join* join = nullptr;
  visitPlan(plan, [&](const PlanPtr& n) {
    if (auto* j = as<Join>(n)) join = j;
  });
  ASSERT_NE(join, nullptr);
  bool filterOnPerson = false;
  visitPlan(join->left(), [&](const PlanPtr& n) {
    if (auto* f = as<Filter>(n))
      filterOnPerson =
          filterOnPerson || f->condition->toString().find("has_person") != std::string::npos;
  });
  EXPECT_TRUE(filterOnPerson);

  // No Project directly on top of another Project.
  visitPlan(plan, [&](const PlanPtr& n) {
    if (n->kind() == PlanKind::Project) {
      EXPECT_NE(n->child()->kind(), PlanKind::Project);
    }
  });

  // from_json parses only the fields the query reads.
  std::string schema;
  visitPlan(plan, [&](const PlanPtr& n) {
    for (const auto& e : n->expressions())
      visit(e, [&](const ExprPtr& x) {
        if (x->kind == ExprKind::Call && x->fn->name == "from_json")
          schema = x->args[1]->value.asString();
        return true;
      });
  });
  ASSERT_FALSE(schema.empty());
  for (const char* kept : {"cameras", "device_id", "has_person", "start_time"})
    EXPECT_NE(schema.find(kept), std::string::npos) << kept << " missing from " << schema;
  for (const char* pruned : {"thermostats", "structures", "metadata", "snapshot_url", "has_sound",
                             "activity_zones", "smoke_co_alarms"})
    EXPECT_EQ(schema.find(pruned), std::string::npos) << pruned << " kept in " << schema;
}

TEST(NestExplain, ArchiveKeepsWholeCameraSchema) {
  Catalog catalog;
  ast::Script script;
  PlannedStatement archive = planNest(catalog, script, "camera_archiver");
  ASSERT_TRUE(archive.query);
  const std::string text = treeString(archive.query->optimized.plan);
  EXPECT_NE(text.find("snapshot_url"), std::string::npos);
  EXPECT_EQ(text.find("thermostats"), std::string::npos) << text;
  EXPECT_TRUE(contains(archive.query->optimized.plan, PlanKind::Generate));
}

// The whole `explain --extended` text, compared with a golden file. Regenerate with
// SLUICE_UPDATE_GOLDEN=1 after an intended change and review the diff.
TEST(NestExplain, GoldenExtendedText) {
  Engine engine;
  ScriptOptions o;
  o.name = "nest.sql";
  o.defines = kNestDefines;
  std::string text = engine.explain(readFile(SLUICE_SOURCE_DIR "/samples/nest/nest.sql"),
                                    ExplainLevel::Extended, o);
  // Column ids depend on how many were allocated before; normalize them.
  std::string norm;
  for (size_t i = 0; i < text.size(); ++i) {
    norm += text[i];
    if (text[i] == '#') {
      norm += 'N';
      while (i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) ++i;
    }
  }
  const std::string golden = SLUICE_SOURCE_DIR "/tests/golden/nest_explain_extended.txt";
  if (std::getenv("SLUICE_UPDATE_GOLDEN")) {
    std::ofstream(golden) << norm;
  }
  EXPECT_EQ(norm, readFile(golden)) << "update with SLUICE_UPDATE_GOLDEN=1 if intended";
}

}  // namespace
}  // namespace sluice
