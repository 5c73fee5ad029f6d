#pragma once
// Typed errors, one per compiler phase. Every error that comes from query text carries the
// span it refers to and renders like a compiler diagnostic:
//   nest.sql:3:14: error: cannot resolve column 'zip' ...
//     SELECT zip FROM t
//            ^~~
#include <stdexcept>
#include <string>

#include "frontend/source.h"

namespace sluice {

/// The compiler phase an error comes from.
enum class Phase { Parse, Analysis, Plan, Codegen, Execution };

/// Spark-style class name of a phase ("ParseError", "AnalysisError", ...).
const char* phaseName(Phase p);

/// Base class of all sluice errors. `what()` is the plain message; `render()` adds the
/// location, the source line and a caret when the error points into query text.
class Error : public std::runtime_error {
 public:
  Error(Phase phase, std::string message, SourceFilePtr file = nullptr, SourceSpan span = {});

  Phase phase() const { return phase_; }                   ///< which phase failed
  const std::string& message() const { return message_; }  ///< message without location
  const SourceSpan& span() const { return span_; }         ///< where in the query text, if known
  const SourceFilePtr& file() const { return file_; }      ///< the query text, if known

  /// `file:line:col: error: message` + source line + caret (or `error: message` alone).
  std::string render() const;

  /// Fills in the file and/or span when the error does not know them yet.
  void locate(SourceFilePtr file, SourceSpan span);

 private:
  Phase phase_;
  std::string message_;
  SourceFilePtr file_;
  SourceSpan span_;
};

/// Malformed query text (lexer, parser, schema strings).
class ParseError : public Error {
 public:
  ParseError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Parse, std::move(m), std::move(f), s) {}
};

/// Well-formed text that does not mean anything: unknown names, type errors, streaming misuse.
class AnalysisError : public Error {
 public:
  AnalysisError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Analysis, std::move(m), std::move(f), s) {}
};

/// Planning failures (optimizer integrity, physical planning).
class PlanError : public Error {
 public:
  PlanError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Plan, std::move(m), std::move(f), s) {}
};

/// Code generation and JIT failures.
class CodegenError : public Error {
 public:
  CodegenError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Codegen, std::move(m), std::move(f), s) {}
};

/// Run-time failures (sources, sinks, checkpoints, bad data under FAILFAST).
class ExecutionError : public Error {
 public:
  ExecutionError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Execution, std::move(m), std::move(f), s) {}
};

}  // namespace sluice
