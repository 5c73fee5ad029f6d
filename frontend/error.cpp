#include "frontend/error.h"

#include <algorithm>

namespace sluice {

const char* phaseName(Phase p) {
  switch (p) {
    case Phase::Parse:
      return "ParseError";
    case Phase::Analysis:
      return "AnalysisError";
    case Phase::Plan:
      return "PlanError";
    case Phase::Codegen:
      return "CodegenError";
    case Phase::Execution:
      return "ExecutionError";
  }
  return "Error";
}

Error::Error(Phase phase, std::string message, SourceFilePtr file, SourceSpan span)
    : std::runtime_error(message),
      phase_(phase),
      message_(std::move(message)),
      file_(std::move(file)),
      span_(span) {}

void Error::locate(SourceFilePtr file, SourceSpan span) {
  // Keep what the error already knows; fill in only what is missing.
  if (!file_) file_ = std::move(file);
  if (!span_.known) span_ = span;
}

std::string Error::render() const {
  if (!file_) return "error: " + message_;
  if (!span_.known) return file_->name + ": error: " + message_;
  const LineCol lc = file_->lineCol(span_.begin);
  std::string out = file_->name + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col) +
                    ": error: " + message_ + "\n";
  const std::string_view line = file_->lineText(span_.begin);
  out += "  ";
  out += line;
  out += "\n  ";
  // Keep tabs so the caret lines up under the offending token.
  for (uint32_t i = 0; i + 1 < lc.col && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  out += '^';
  const uint32_t width = span_.end > span_.begin ? span_.end - span_.begin : 1;
  const uint32_t room = line.size() >= lc.col ? static_cast<uint32_t>(line.size()) - lc.col + 1 : 1;
  for (uint32_t i = 1; i < std::min(width, room); ++i) out += '~';
  return out;
}

}  // namespace sluice
