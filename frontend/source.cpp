#include "frontend/source.h"

#include <algorithm>

namespace sluice {

SourceSpan SourceSpan::cover(SourceSpan a, SourceSpan b) {
  if (!a.known) return b;
  if (!b.known) return a;
  return SourceSpan::of(std::min(a.begin, b.begin), std::max(a.end, b.end));
}

LineCol SourceFile::lineCol(uint32_t offset) const {
  LineCol lc;
  const uint32_t stop = std::min<uint32_t>(offset, text.size());
  for (uint32_t i = 0; i < stop; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      lc.col = 1;
    } else {
      ++lc.col;
    }
  }
  return lc;
}

std::string_view SourceFile::lineText(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, text.size());
  size_t b = 0;
  if (offset > 0) {
    const size_t nl = text.rfind('\n', offset - 1);
    b = nl == std::string::npos ? 0 : nl + 1;
  }
  size_t e = text.find('\n', b);
  if (e == std::string::npos) e = text.size();
  return std::string_view(text).substr(b, e - b);
}

}  // namespace sluice
