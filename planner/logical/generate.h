#pragma once
// Generate: applies a generator (explode, posexplode, inline, json_tuple, ...) to each child
// row and joins the produced rows to it (LATERAL VIEW semantics). With `outer`, a row whose
// generator yields nothing is kept once with NULL generator columns.
#include "planner/logical/logical_plan.h"

namespace sluice {

class Generate : public PlanNode<Generate> {
 public:
  static constexpr PlanKind kKind = PlanKind::Generate;
  Generate(ExprPtr generator, bool outer, std::vector<Attribute> generatorOutput, PlanPtr child)
      : PlanNode(kKind, {std::move(child)}),
        generator(std::move(generator)),
        outer(outer),
        generatorOutput(std::move(generatorOutput)) {}

  ExprPtr generator;                       ///< a Call of a Generator function
  bool outer;                              ///< explode_outer / LATERAL VIEW OUTER
  std::vector<Attribute> generatorOutput;  ///< columns the generator adds
  /// Child columns carried to the output; empty list + `keepAllChildOutput` keeps them all.
  /// Column pruning narrows this (Spark's `unrequiredChildIndex`).
  std::vector<Attribute> childOutput;
  bool keepAllChildOutput = true;

  std::vector<Attribute> output() const override {
    std::vector<Attribute> out = keepAllChildOutput ? child()->output() : childOutput;
    out.insert(out.end(), generatorOutput.begin(), generatorOutput.end());
    return out;
  }
  std::vector<ExprPtr> expressions() const override { return {generator}; }
  std::string nodeName() const override { return "Generate"; }
  std::string argString() const override {
    std::string s = generator->toString() + ", " + (outer ? "true" : "false") + ", " +
                    attrList(generatorOutput);
    if (!keepAllChildOutput) s += ", keep " + attrList(childOutput);
    return s;
  }

 protected:
  void setExpressions(std::vector<ExprPtr> exprs) override { generator = exprs.at(0); }
};

}  // namespace sluice
