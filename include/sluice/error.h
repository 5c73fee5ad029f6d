#pragma once
// sluice's error types, one per compiler phase, all derived from sluice::Error (itself a
// std::runtime_error). Every error that comes from query text carries the span it refers to
// and renders like a compiler diagnostic:
//   nest.sql:3:14: error: cannot resolve column 'zip' ...
//     SELECT zip FROM t
//            ^~~
#include <stdexcept>
#include <string>
#include <utility>

#include "sluice/export.h"
#include "sluice/source.h"

namespace sluice {

/// The compiler phase an error comes from.
enum class Phase { Parse, Analysis, Plan, Codegen, Execution };

/// Spark-style class name of a phase ("ParseError", "AnalysisError", ...).
SLUICE_API const char* phaseName(Phase p);

/// Base class of all sluice errors. `what()` is the plain message; `render()` adds the
/// location, the source line and a caret when the error points into query text.
class SLUICE_API Error : public std::runtime_error {
 public:
  /// An error of `phase` saying `message`, pointing at `span` of `file` when they are known.
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
class SLUICE_API ParseError : public Error {
 public:
  /// A parse error saying `m` at span `s` of `f`.
  ParseError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Parse, std::move(m), std::move(f), s) {}
};

/// Well-formed text that does not mean anything: unknown names, type errors, streaming misuse.
class SLUICE_API AnalysisError : public Error {
 public:
  /// An analysis error saying `m` at span `s` of `f`.
  AnalysisError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Analysis, std::move(m), std::move(f), s) {}
};

/// Planning failures (optimizer integrity, physical planning).
class SLUICE_API PlanError : public Error {
 public:
  /// A planning error saying `m` at span `s` of `f`.
  PlanError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Plan, std::move(m), std::move(f), s) {}
};

/// Code generation and JIT failures.
class SLUICE_API CodegenError : public Error {
 public:
  /// A code generation error saying `m` at span `s` of `f`.
  CodegenError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Codegen, std::move(m), std::move(f), s) {}
};

/// Run-time failures (sources, sinks, checkpoints, bad data under FAILFAST).
class SLUICE_API ExecutionError : public Error {
 public:
  /// A run-time error saying `m` at span `s` of `f`.
  ExecutionError(std::string m, SourceFilePtr f = nullptr, SourceSpan s = {})
      : Error(Phase::Execution, std::move(m), std::move(f), s) {}
};

}  // namespace sluice
