#include "stdlib/number_format.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace sluice::stdlib {
namespace {

[[noreturn]] void invalid(std::string_view fmt, const std::string& why) {
  throw std::invalid_argument("[INVALID_FORMAT] The format is invalid: '" + std::string(fmt) +
                              "'. " + why);
}

bool isDigit(char c) {
  return c == '0' || c == '9';
}

}  // namespace

NumberFormat NumberFormat::parse(std::string_view text) {
  std::string f(text);
  for (char& c : f) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  NumberFormat nf;
  size_t i = 0;
  auto takes = [&](std::string_view tok) {
    if (f.compare(i, tok.size(), tok) != 0) return false;
    i += tok.size();
    return true;
  };
  if (takes("MI"))
    nf.sign_ = Sign::MI, nf.signFirst_ = true;
  else if (takes("S"))
    nf.sign_ = Sign::S, nf.signFirst_ = true;
  nf.dollarFirst_ = takes("$");
  // The integer part: digits and grouping separators, each separator between digits.
  std::string whole;
  while (i < f.size() && (isDigit(f[i]) || f[i] == ',' || f[i] == 'G'))
    whole += f[i] == 'G' ? ',' : f[i], ++i;
  if (!whole.empty() &&
      (whole.front() == ',' || whole.back() == ',' || whole.find(",,") != std::string::npos))
    invalid(text, "There must be a 0 or 9 to the left and right of each grouping separator.");
  for (size_t k = whole.size(), digits = 0; k-- > 0;) {
    if (whole[k] == ',') {
      nf.groups_.push_back(static_cast<int>(digits));
    } else {
      ++digits;
      if (whole[k] == '0') nf.minIntDigits_ = static_cast<int>(digits);
    }
  }
  nf.intDigits_ = static_cast<int>(std::count_if(whole.begin(), whole.end(), isDigit));
  if (takes(".") || takes("D")) {
    nf.point_ = true;
    while (i < f.size() && isDigit(f[i])) ++nf.fracDigits_, ++i;
    if (i < f.size() && (f[i] == ',' || f[i] == 'G'))
      invalid(text, "Thousands separators (, or G) may not appear after the decimal point.");
  }
  if (!nf.dollarFirst_) nf.dollarLast_ = takes("$");
  if (nf.sign_ == Sign::None) {
    if (takes("PR"))
      nf.sign_ = Sign::PR;
    else if (takes("MI"))
      nf.sign_ = Sign::MI;
    else if (takes("S"))
      nf.sign_ = Sign::S;
  }
  if (i < f.size())
    invalid(text, "Found the unexpected '" + std::string(text.substr(i)) +
                      "'; the structure of the format string must match: [MI|S] [$] "
                      "[0|9|G|,]* [.|D] [0|9]* [$] [PR|MI|S].");
  if (nf.precision() == 0) invalid(text, "The format string requires at least one number digit.");
  if (nf.precision() > 38) invalid(text, "The format has more than 38 digits.");
  return nf;
}

std::optional<__int128> NumberFormat::read(std::string_view s) const {
  bool negative = false;
  if (sign_ == Sign::PR && s.size() >= 2 && s.front() == '<' && s.back() == '>') {
    negative = true;
    s = s.substr(1, s.size() - 2);
  }
  auto sign = [&](char c) {
    if (c == '-' && (sign_ == Sign::S || sign_ == Sign::MI)) return negative = true;
    return c == '+' && sign_ == Sign::S;
  };
  if (signFirst_ && !s.empty() && sign(s.front())) s.remove_prefix(1);
  if (!signFirst_ && sign_ != Sign::PR && !s.empty() && sign(s.back())) s.remove_suffix(1);
  if (dollarFirst_) {
    if (s.empty() || s.front() != '$') return std::nullopt;
    s.remove_prefix(1);
  }
  if (dollarLast_) {
    if (s.empty() || s.back() != '$') return std::nullopt;
    s.remove_suffix(1);
  }
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (dot != std::string_view::npos && !point_) return std::nullopt;
  // Separators where the format puts them for this many digits, nowhere else.
  std::vector<int> seps;
  int digits = 0;
  for (size_t k = whole.size(); k-- > 0;) {
    if (whole[k] == ',') {
      if (digits == 0 || k == 0) return std::nullopt;
      seps.push_back(digits);
    } else if (std::isdigit(static_cast<unsigned char>(whole[k]))) {
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  std::vector<int> expected;
  for (int g : groups_)
    if (g < digits) expected.push_back(g);
  if (seps != expected || digits > intDigits_ || digits < minIntDigits_) return std::nullopt;
  if (static_cast<int>(frac.size()) > fracDigits_ || (digits == 0 && frac.empty()))
    return std::nullopt;
  __int128 v = 0;
  for (char c : whole)
    if (c != ',') v = v * 10 + (c - '0');
  for (int k = 0; k < fracDigits_; ++k) {
    if (k < static_cast<int>(frac.size()) && !std::isdigit(static_cast<unsigned char>(frac[k])))
      return std::nullopt;
    v = v * 10 + (k < static_cast<int>(frac.size()) ? frac[k] - '0' : 0);
  }
  return negative ? -v : v;
}

std::string numberMismatchMessage(std::string_view input, std::string_view format) {
  return "[INVALID_FORMAT.MISMATCH_INPUT] The input '" + std::string(input) +
         "' does not match the format '" + std::string(format) +
         "'. Use `try_to_number` to tolerate malformed input and return NULL instead.";
}

}  // namespace sluice::stdlib
