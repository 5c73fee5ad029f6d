// to_char / to_varchar with a number format (number_format.h): the format's tokens are walked
// left to right, each writing its part of the value; a sign then moves left past the spaces
// that padded the digits, so it sits next to the first digit ("  -12", not "-  12").
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "stdlib/number_format.h"

namespace sluice::stdlib {
namespace {

enum class Tok { Digits, Sep, Point, Dollar, S, MI, Open, Close };
struct Token {
  Tok kind;
  int digits = 0;      ///< Digits: how many positions
  bool exact = false;  ///< Digits: a 0-sequence before the point (pads with zeros)
};

std::vector<Token> tokenize(const std::string& f) {
  std::vector<Token> out;
  bool afterPoint = false;
  for (size_t i = 0; i < f.size();) {
    const char c = f[i];
    if (c == '0' || c == '9') {
      const size_t start = i;
      while (i < f.size() && (f[i] == '0' || f[i] == '9')) ++i;
      out.push_back({Tok::Digits, static_cast<int>(i - start), c == '0' && !afterPoint});
    } else if (c == '.' || c == 'D') {
      out.push_back({Tok::Point}), afterPoint = true, ++i;
    } else if (c == ',' || c == 'G') {
      out.push_back({Tok::Sep}), ++i;
    } else if (c == '$') {
      out.push_back({Tok::Dollar}), ++i;
    } else if (c == 'S') {
      out.push_back({Tok::S}), ++i;
    } else if (f.compare(i, 2, "MI") == 0) {
      out.push_back({Tok::MI}), i += 2;
    } else {  // "PR": the only other token NumberFormat::parse lets through
      out.insert(out.begin(), Token{Tok::Open});
      out.push_back({Tok::Close}), i += 2;
    }
  }
  return out;
}

// Appends `c`, then moves it left past the spaces before it.
void appendPulledLeft(std::string& r, char c) {
  r += c;
  for (size_t i = r.size() - 1; i >= 1 && r[i - 1] == ' ' && r[i] == c; --i)
    std::swap(r[i - 1], r[i]);
}

// Appends a space, moving it left past a sign or '<' before it (the sign then touches the
// digits that follow).
void appendSpaceBeforeSign(std::string& r) {
  r += ' ';
  for (size_t i = r.size() - 1;
       i >= 1 && r[i] == ' ' && (r[i - 1] == '+' || r[i - 1] == '-' || r[i - 1] == '<'); --i)
    std::swap(r[i - 1], r[i]);
}

// A decimal point with no digit after it is dropped (replaced by a space, as Spark does).
void blankLonePoint(std::string& r) {
  const size_t i = r.find('.');
  if (i != std::string::npos && (i + 1 == r.size() || r[i + 1] == ' ')) r[i] = ' ';
}

}  // namespace

std::string formatNumber(std::string_view format, __int128 unscaled, int scale) {
  (void)NumberFormat::parse(format);  // throws Spark's INVALID_FORMAT for a bad format
  std::string f(format);
  for (char& c : f) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::vector<Token> tokens = tokenize(f);
  const bool negative = unscaled < 0;
  // The value's digits without sign, split at the point: no leading zeros before it, no
  // trailing zeros after it.
  unsigned __int128 mag = negative ? -static_cast<unsigned __int128>(unscaled) : unscaled;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  } while (mag != 0);
  if (static_cast<int>(digits.size()) <= scale)
    digits.insert(0, static_cast<size_t>(scale + 1) - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - static_cast<size_t>(scale));
  std::string frac = digits.substr(digits.size() - static_cast<size_t>(scale));
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  int wholeSlots = 0, fracSlots = 0;
  bool afterPoint = false;
  for (const Token& t : tokens) {
    if (t.kind == Tok::Point) afterPoint = true;
    if (t.kind == Tok::Digits) (afterPoint ? fracSlots : wholeSlots) += t.digits;
  }
  if (static_cast<int>(whole.size()) > wholeSlots || static_cast<int>(frac.size()) > fracSlots) {
    whole.assign(static_cast<size_t>(wholeSlots), '#');
    frac.assign(static_cast<size_t>(fracSlots), '#');
  }
  whole.insert(0, static_cast<size_t>(wholeSlots) - whole.size(), ' ');
  frac.append(static_cast<size_t>(fracSlots) - frac.size(), '0');

  std::string r;
  size_t wi = 0, fi = 0;
  afterPoint = false;
  for (const Token& t : tokens) {
    switch (t.kind) {
      case Tok::Digits:
        for (int k = 0; k < t.digits; ++k) {
          if (afterPoint) {
            r += frac[fi++];
          } else {
            const char c = whole[wi++];
            if (c != ' ')
              r += c;
            else if (t.exact)
              r += '0';
            else
              appendSpaceBeforeSign(r);
          }
        }
        break;
      case Tok::Sep:
        if (!r.empty() && std::isdigit(static_cast<unsigned char>(r.back())))
          r += ',';
        else
          appendSpaceBeforeSign(r);
        break;
      case Tok::Point:
        // No digit before the point: the last padding space becomes the integer part's 0.
        if (!r.empty() && r.back() == ' ') r.back() = '0';
        r += '.';
        afterPoint = true;
        break;
      case Tok::Dollar:
        r += '$';
        break;
      case Tok::S:
        blankLonePoint(r);
        appendPulledLeft(r, negative ? '-' : '+');
        break;
      case Tok::MI:
        if (negative) {
          blankLonePoint(r);
          appendPulledLeft(r, '-');
        } else {
          r += ' ';
        }
        break;
      case Tok::Open:
        if (negative) r += '<';
        break;
      case Tok::Close:
        blankLonePoint(r);
        if (negative)
          appendPulledLeft(r, '>');
        else
          r += "  ";
        break;
    }
  }
  blankLonePoint(r);
  if (r.empty() || r == "+" || r == "-") return "0";
  return r;
}

}  // namespace sluice::stdlib
