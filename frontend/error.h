#pragma once
// Typed errors, one per compiler phase (ParseError, AnalysisError, PlanError, CodegenError,
// ExecutionError): public types, defined in include/sluice/error.h so that hosts can catch
// what the engine throws; implemented in frontend/error.cpp.
#include "frontend/source.h"
#include "sluice/error.h"
