#include "frontend/did_you_mean.h"

#include <algorithm>
#include <cstdint>

#include "frontend/text.h"

namespace sluice {

std::string closestMatch(std::string_view name, const std::vector<std::string>& candidates) {
  const std::string a = asciiLower(name);
  std::string best;
  size_t bestDistance = SIZE_MAX;
  for (const auto& c : candidates) {
    const std::string b = asciiLower(c);
    // Optimal string alignment distance: Levenshtein plus swaps of adjacent characters
    // ('kafak' is one edit from 'kafka').
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
      for (size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min(
            {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    const std::vector<size_t>& row = d[a.size()];
    if (row[b.size()] < bestDistance) {
      bestDistance = row[b.size()];
      best = c;
    }
  }
  // A typo changes a few characters; more than a third of the name is another word.
  const size_t limit = std::max<size_t>(1, std::min<size_t>(3, a.size() / 3));
  return bestDistance <= limit ? best : "";
}

std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  const std::string m = closestMatch(name, candidates);
  return m.empty() ? "" : " (did you mean '" + m + "'?)";
}

}  // namespace sluice
