// Spark SQL variable substitution (`${name}`, `${hiveconf:name}`, `${sluice:name}`) on the
// raw text, before lexing: as in Spark, references inside string literals are replaced too.
#include <string_view>

#include "frontend/parser.h"

namespace sluice {

std::string substituteVariables(const std::string& text,
                                const std::map<std::string, std::string>& defines,
                                const std::string& fileName) {
  auto fail = [&](std::string message, size_t begin, size_t end) {
    auto file = std::make_shared<SourceFile>(SourceFile{fileName, text});
    throw ParseError(std::move(message), std::move(file),
                     SourceSpan::of(static_cast<uint32_t>(begin), static_cast<uint32_t>(end)));
  };
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '$' || i + 1 >= text.size() || text[i + 1] != '{') {
      out += text[i++];
      continue;
    }
    const size_t close = text.find('}', i + 2);
    if (close == std::string::npos) fail("unterminated variable reference '${'", i, i + 2);
    std::string_view name = std::string_view(text).substr(i + 2, close - i - 2);
    for (const std::string_view prefix : {"hiveconf:", "sluice:"}) {
      if (name.starts_with(prefix)) {
        name.remove_prefix(prefix.size());
        break;
      }
    }
    if (name.empty()) fail("empty variable name in '${}'", i, close + 1);
    const auto it = defines.find(std::string(name));
    if (it == defines.end()) {
      fail("undefined variable '" + std::string(name) + "' (define it with --define " +
               std::string(name) + "=...)",
           i, close + 1);
    }
    out += it->second;
    i = close + 1;
  }
  return out;
}

}  // namespace sluice
