#pragma once
// Spark's number format strings (to_number / try_to_number): `[MI|S] [$] [0|9|G|,]* [.|D]
// [0|9]* [$] [PR|MI|S]`, case-insensitive. A 0/9 sequence matches up to that many digits; a
// 0 before the decimal point requires at least the digits from it to the point; grouping
// separators must sit where the format puts them for the input's number of digits; '$' is
// required where given; S takes an optional '+' or '-', MI an optional '-', PR optional
// wrapping angle brackets for a negative number.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::stdlib {

class NumberFormat {
 public:
  /// The format of `text`; throws std::invalid_argument (Spark's INVALID_FORMAT.* text) when
  /// it breaks the structure above.
  static NumberFormat parse(std::string_view text);
  /// decimal(precision, scale) of the result: all digits of the format, those after the point.
  int precision() const { return intDigits_ + fracDigits_; }
  int scale() const { return fracDigits_; }
  /// The unscaled decimal value of `input`, or nullopt when it does not match the format.
  std::optional<__int128> read(std::string_view input) const;

 private:
  enum class Sign { None, S, MI, PR };
  Sign sign_ = Sign::None;
  bool signFirst_ = false;
  bool dollarFirst_ = false, dollarLast_ = false;
  bool point_ = false;
  int intDigits_ = 0, fracDigits_ = 0, minIntDigits_ = 0;
  std::vector<int> groups_;  ///< separator positions, as digits to their right
};

/// to_char(number, format) / to_varchar: `unscaled` x 10^-scale written with `format` (checked
/// by NumberFormat::parse, which throws for a bad one) as Spark's ToCharacter writes it: digit
/// positions a 0-sequence before the point pads with zeros and a 9-sequence with spaces,
/// separators only between digits, S / MI / PR signs, and '#' in every digit position when the
/// value has more digits than the format on either side of the point.
std::string formatNumber(std::string_view format, __int128 unscaled, int scale);

/// Spark's INVALID_FORMAT.MISMATCH_INPUT text.
std::string numberMismatchMessage(std::string_view input, std::string_view format);

}  // namespace sluice::stdlib
