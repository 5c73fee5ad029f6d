#pragma once
// Project: computes its named expressions and binds each output column to its value.
#include "codegen/translators/translator.h"
#include "planner/physical/phys_project.h"

namespace sluice {

class ProjectTranslator : public OperatorTranslator {
 public:
  explicit ProjectTranslator(const PhysProject& project)
      : OperatorTranslator(project), project_(project) {}
  void consume(PipelineContext& ctx) override;

 private:
  const PhysProject& project_;
};

}  // namespace sluice
