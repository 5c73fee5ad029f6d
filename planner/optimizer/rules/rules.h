#pragma once
// Factories of the optimizer rules, one per file in this folder (the file is named after the
// rule in snake_case and starts with a `before => after` comment). Names are stable strings.
#include "planner/optimizer/rule.h"

namespace sluice {

RulePtr makeConstantFolding();                  ///< "ConstantFolding"
RulePtr makeBooleanSimplification();            ///< "BooleanSimplification"
RulePtr makeSimplifyConditionals();             ///< "SimplifyConditionals"
RulePtr makeNullPropagation();                  ///< "NullPropagation"
RulePtr makeSimplifyCasts();                    ///< "SimplifyCasts"
RulePtr makeLikeSimplification();               ///< "LikeSimplification"
RulePtr makeCombineFilters();                   ///< "CombineFilters"
RulePtr makeCollapseProject();                  ///< "CollapseProject"
RulePtr makeRemoveNoopOperators();              ///< "RemoveNoopOperators"
RulePtr makePushDownPredicates();               ///< "PushDownPredicates"
RulePtr makePruneFilters();                     ///< "PruneFilters"
RulePtr makeReplaceNullWithFalseInPredicate();  ///< "ReplaceNullWithFalseInPredicate"
RulePtr makeEliminateLimits();                  ///< "EliminateLimits"
RulePtr makeColumnPruning();                    ///< "ColumnPruning"
RulePtr makePruneFromJsonSchema();              ///< "PruneFromJsonSchema"
RulePtr makePushFiltersIntoFileScans();         ///< "PushFiltersIntoFileScans"
RulePtr makeStreamingTopOneDedup();             ///< "StreamingTopOneDedup"
RulePtr makeRewritePredicateSubquery();          ///< "RewritePredicateSubquery"
RulePtr makeRewriteCorrelatedScalarSubquery();   ///< "RewriteCorrelatedScalarSubquery"
RulePtr makeRewriteUncorrelatedScalarSubquery(); ///< "RewriteUncorrelatedScalarSubquery"
RulePtr makeReplaceIntersectWithSemiJoin();     ///< "ReplaceIntersectWithSemiJoin"
RulePtr makeReplaceExceptWithAntiJoin();        ///< "ReplaceExceptWithAntiJoin"
RulePtr makeRewriteExceptAll();                 ///< "RewriteExceptAll"
RulePtr makeRewriteIntersectAll();              ///< "RewriteIntersectAll"

}  // namespace sluice
