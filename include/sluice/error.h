#pragma once
// sluice's error types (ParseError, AnalysisError, PlanError, CodegenError, ExecutionError),
// all derived from sluice::Error. See frontend/error.h for the members.
#include "frontend/error.h"
