#pragma once
// An independent implementation of the Nexmark queries the benchmark runs, straight over the
// generated events (no SQL): the expected result rows, each as "col|col|...", sorted.
#include <string>
#include <vector>

#include "bench/nexmark/nexmark_generator.h"

namespace nexmark {

/// The expected rows of query `name` (q0, q1, q2, q3, q8) over `e`.
std::vector<std::string> reference(const std::string& name, const Events& e);

}  // namespace nexmark
