#pragma once
// An independent implementation of the Nexmark queries the benchmark runs, straight over the
// generated events (no SQL): the expected result rows, each as "col|col|...", sorted.
#include <string>
#include <vector>

#include "bench/nexmark/nexmark_generator.h"

namespace nexmark {

/// The expected rows of query `name` (q0-q8) over `e`. The windowed queries (q4-q7) emit a
/// window once the final watermark passes its end, as the availableNow run does.
std::vector<std::string> reference(const std::string& name, const Events& e);

}  // namespace nexmark
