// Feeds every prefix of every sample query file, and thousands of random token edits of
// them, through the parser, analyzer and optimizer. Each must succeed or fail with a
// sluice::Error carrying a location — never crash, hang or throw anything else.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "sluice/engine.h"

namespace sluice {
namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::filesystem::path> sampleFiles() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(SLUICE_SOURCE_DIR "/samples"))
    if (e.path().extension() == ".sql") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

ScriptOptions options() {
  ScriptOptions o;
  o.name = "sample.sql";
  o.defines = {{"bootstrap", "127.0.0.1:9092"},
               {"checkpoints", "/tmp/c"},
               {"archive", "/tmp/a"},
               {"threshold", "10"},
               {"trigger", "availableNow"}};
  return o;
}

// Runs check() and reports anything other than success or a located sluice::Error.
void checkClean(const std::string& text, const std::string& what) {
  try {
    Engine engine;
    engine.check(text, options());
  } catch (const Error& e) {
    const std::string r = e.render();
    EXPECT_FALSE(r.empty()) << what;
    EXPECT_TRUE(e.file() != nullptr && e.span().known)
        << what << ": error without a location: " << r;
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": non-sluice exception: " << e.what() << "\n--- input ---\n" << text;
  } catch (...) {
    ADD_FAILURE() << what << ": unknown exception\n--- input ---\n" << text;
  }
}

// Splits SQL into rough tokens (words, quoted strings, single punctuation, whitespace).
std::vector<std::string> tokens(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i + 1;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isalnum(c) || c == '_' || c == '$') {
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
    } else if (c == '\'') {
      while (j < s.size() && s[j] != '\'') ++j;
      if (j < s.size()) ++j;
    } else if (std::isspace(c)) {
      while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    }
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

TEST(Robustness, EveryPrefixOfEverySample) {
  for (const auto& path : sampleFiles()) {
    const std::string text = readFile(path);
    for (size_t n = 0; n <= text.size(); ++n)
      checkClean(text.substr(0, n), path.filename().string() + " prefix " + std::to_string(n));
  }
}

TEST(Robustness, RandomTokenEdits) {
  std::mt19937 rng(20261123);
  for (const auto& path : sampleFiles()) {
    const auto toks = tokens(readFile(path));
    for (int round = 0; round < 1500; ++round) {
      auto t = toks;
      const int edits = 1 + static_cast<int>(rng() % 3);
      for (int k = 0; k < edits && !t.empty(); ++k) {
        const size_t i = rng() % t.size(), j = rng() % t.size();
        switch (rng() % 4) {
          case 0:
            t.erase(t.begin() + static_cast<long>(i));
            break;
          case 1:
            t.insert(t.begin() + static_cast<long>(i), t[j]);
            break;
          case 2:
            std::swap(t[i], t[j]);
            break;
          default:
            t[i] = t[j];
            break;
        }
      }
      std::string text;
      for (const auto& x : t) text += x;
      checkClean(text, path.filename().string() + " edit round " + std::to_string(round));
    }
  }
}

TEST(Robustness, RandomBytes) {
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    std::string s;
    const size_t n = rng() % 200;
    for (size_t i = 0; i < n; ++i) s += static_cast<char>(rng() % 256);
    checkClean(s, "random bytes round " + std::to_string(round));
  }
}

}  // namespace
}  // namespace sluice
