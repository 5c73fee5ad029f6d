#pragma once
// Source text and positions: every AST node and every user-facing error points into a
// SourceFile through a SourceSpan, so errors can print `file:line:col` and a caret.
// Public because sluice::Error (error.h) carries them.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sluice/export.h"

namespace sluice {

/// A half-open byte range [begin, end) in a SourceFile. Default-constructed spans are
/// "unknown" and print no location.
struct SLUICE_API SourceSpan {
  uint32_t begin = 0;  ///< first byte
  uint32_t end = 0;    ///< one past the last byte
  bool known = false;  ///< false for synthesized nodes without a source position

  /// The known span [b, e).
  static SourceSpan of(uint32_t b, uint32_t e) { return SourceSpan{b, e, true}; }
  /// The smallest span covering both (either may be unknown).
  static SourceSpan cover(SourceSpan a, SourceSpan b);
};

/// 1-based line and column of a byte offset.
struct LineCol {
  uint32_t line = 1;  ///< 1-based line number
  uint32_t col = 1;   ///< 1-based column (bytes)
};

/// A named query text (a file, `<string>` for API input). Shared by all spans into it.
struct SLUICE_API SourceFile {
  std::string name;  ///< shown in error locations
  std::string text;  ///< the text after `${var}` substitution

  /// The 1-based line and column of byte `offset` of `text`.
  LineCol lineCol(uint32_t offset) const;
  /// The full text of the line containing `offset`, without its newline.
  std::string_view lineText(uint32_t offset) const;
};

/// How errors and AST nodes share a SourceFile.
using SourceFilePtr = std::shared_ptr<const SourceFile>;

}  // namespace sluice
