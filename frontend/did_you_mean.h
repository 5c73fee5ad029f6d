#pragma once
// "Did you mean" hints for misspelled names (options, formats, settings).
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

/// The candidate closest to `name` (ASCII case-insensitive edit distance), or "" when none is
/// close enough to be a plausible typo (at most 3 edits, and at most a third of the name).
std::string closestMatch(std::string_view name, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" for closestMatch's answer, or "".
std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace sluice
