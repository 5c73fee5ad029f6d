#include "stdlib/datetime.h"

#include <absl/time/time.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "stdlib/strings.h"
#include "stdlib/timestamp_ntz.h"

namespace sluice::stdlib {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// Spark trims whitespace and ISO control characters before parsing datetimes.
std::string_view trimControl(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

// Reads between min and max digits at s[i]; false if fewer than min.
bool readDigits(std::string_view s, size_t& i, int min, int max, int64_t* v) {
  int n = 0;
  int64_t acc = 0;
  while (i < s.size() && n < max && isDigit(s[i])) {
    acc = acc * 10 + (s[i++] - '0');
    ++n;
  }
  *v = acc;
  return n >= min;
}

bool validDate(int64_t y, int64_t m, int64_t d) {
  return m >= 1 && m <= 12 && d >= 1 &&
         d <= static_cast<int64_t>(daysInMonth(y, static_cast<unsigned>(m)));
}

// Parses the date prefix `[+-]yyyy[-[m]m[-[d]d]]`; leaves i after it.
bool parseDatePart(std::string_view s, size_t& i, int64_t* days) {
  bool neg = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
  int64_t y, m = 1, d = 1;
  if (!readDigits(s, i, 4, 7, &y)) return false;
  if (neg) y = -y;
  if (i < s.size() && s[i] == '-') {
    ++i;
    if (!readDigits(s, i, 1, 2, &m)) return false;
    if (i < s.size() && s[i] == '-') {
      ++i;
      if (!readDigits(s, i, 1, 2, &d)) return false;
    }
  }
  if (!validDate(y, m, d)) return false;
  *days = daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

const char* const kMonthShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kMonthLong[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};
const char* const kDayShort[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const char* const kDayLong[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                "Friday", "Saturday", "Sunday"};

// Matches one of `names` case-insensitively at s[i]; returns its index or -1.
int matchName(std::string_view s, size_t& i, const char* const* names, int n) {
  for (int k = 0; k < n; ++k) {
    const size_t len = std::strlen(names[k]);
    if (i + len <= s.size() && equalsIgnoreCase(s.substr(i, len), names[k])) {
      i += len;
      return k;
    }
  }
  return -1;
}

// Parses `+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss` (sign at s[i]).
bool parseOffset(std::string_view s, size_t& i, int64_t* seconds, bool requireAll) {
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
  const bool neg = s[i++] == '-';
  int64_t h = 0, m = 0, sec = 0;
  if (!readDigits(s, i, 1, 2, &h)) return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!readDigits(s, i, 2, 2, &m)) return false;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!readDigits(s, i, 2, 2, &sec)) return false;
    }
  } else if (i + 1 < s.size() && isDigit(s[i]) && isDigit(s[i + 1])) {
    readDigits(s, i, 2, 2, &m);
  }
  if (requireAll && i != s.size()) return false;
  if (h > 18 || m > 59 || sec > 59) return false;
  *seconds = (neg ? -1 : 1) * (h * 3600 + m * 60 + sec);
  return true;
}

int64_t toEpochMicros(int64_t days, int64_t h, int64_t mi, int64_t s, int64_t us) {
  return days * kMicrosPerDay + h * kMicrosPerHour + mi * kMicrosPerMinute + s * kMicrosPerSecond +
         us;
}

std::string pad(int64_t v, int width) {
  char buf[32];
  if (v < 0) {
    std::snprintf(buf, sizeof buf, "-%0*lld", width, static_cast<long long>(-v));
  } else {
    std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  }
  return buf;
}

// An offset as the pattern letters X (Z for zero) and x print it: count 1 `+hh[mm]`, 2 `+hhmm`,
// 3 `+hh:mm`, 4 `+hhmm[ss]`, 5 `+hh:mm[:ss]`.
std::string offsetText(int32_t offset, bool zForZero, int count) {
  if (offset == 0 && zForZero) return "Z";
  const int32_t a = offset < 0 ? -offset : offset;
  const int h = a / 3600, m = a / 60 % 60, sec = a % 60;
  std::string out = (offset < 0 ? "-" : "+") + pad(h, 2);
  const bool colon = count == 3 || count == 5;
  if (count == 1) {
    if (m) out += pad(m, 2);
    return out;
  }
  out += (colon ? ":" : "") + pad(m, 2);
  if (count >= 4 && sec) out += (colon ? ":" : "") + pad(sec, 2);
  return out;
}

}  // namespace

bool localToUtc(std::string_view zone, int64_t localMicros, int64_t* utc) {
  const Zone* z = Zone::findCached(zone);
  if (!z) return false;
  *utc = z->toUtc(localMicros);
  return true;
}

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t floorMod(int64_t a, int64_t b) {
  return a - floorDiv(a, b) * b;
}

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilDate civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool isLeapYear(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned daysInMonth(int64_t y, unsigned m) {
  static const unsigned len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeapYear(y) ? 29 : len[m - 1];
}

bool parseDate(std::string_view s, int64_t* days) {
  s = trimControl(s);
  size_t i = 0;
  if (!parseDatePart(s, i, days)) return false;
  return i == s.size() || s[i] == ' ' || s[i] == 'T';
}

namespace {

// CAST(string AS TIMESTAMP)'s text up to the zone: the wall-clock time as micros read as UTC
// and the zone text after it (empty when there is none).
bool parseLocalTimestamp(std::string_view s, int64_t* local, std::string_view* zonePart) {
  s = trimControl(s);
  size_t i = 0;
  int64_t days;
  if (!parseDatePart(s, i, &days)) return false;
  int64_t h = 0, mi = 0, sec = 0, us = 0;
  if (i < s.size() && (s[i] == ' ' || s[i] == 'T')) {
    ++i;
    if (i < s.size() && isDigit(s[i])) {
      if (!readDigits(s, i, 1, 2, &h)) return false;
      if (i >= s.size() || s[i] != ':') return false;
      ++i;
      if (!readDigits(s, i, 1, 2, &mi)) return false;
      if (i < s.size() && s[i] == ':') {
        ++i;
        if (!readDigits(s, i, 1, 2, &sec)) return false;
        if (i < s.size() && s[i] == '.') {
          ++i;
          int n = 0;
          while (i < s.size() && isDigit(s[i])) {
            if (n < 6) us = us * 10 + (s[i] - '0');
            ++n;
            ++i;
          }
          for (int k = n; k < 6; ++k) us *= 10;
        }
      }
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  *local = toEpochMicros(days, h, mi, sec, us);
  if (i < s.size() && s[i] == ' ') ++i;
  *zonePart = s.substr(i);
  return true;
}

}  // namespace

bool parseTimestamp(std::string_view s, int64_t* micros, const Zone& zone) {
  int64_t local;
  std::string_view zonePart;
  if (!parseLocalTimestamp(s, &local, &zonePart)) return false;
  if (zonePart.empty()) {
    *micros = zone.toUtc(local);
    return true;
  }
  return localToUtc(zonePart, local, micros);
}

bool parseTimestampNtz(std::string_view s, int64_t* micros, bool allowZone) {
  int64_t local, ignored;
  std::string_view zonePart;
  if (!parseLocalTimestamp(s, &local, &zonePart)) return false;
  // A zone suffix must still be a zone (Spark's parser reads it), but does not move the time.
  if (!zonePart.empty() && (!allowZone || !localToUtc(zonePart, local, &ignored))) return false;
  *micros = local;
  return true;
}

bool zoneOffsetSeconds(std::string_view zone, int64_t utcMicros, int64_t* offsetSeconds) {
  const Zone* z = Zone::findCached(zone);
  if (!z) return false;
  *offsetSeconds = z->offsetSeconds(utcMicros);
  return true;
}

std::string formatDate(int64_t days) {
  const CivilDate c = civilFromDays(days);
  // Years past 9999 carry a `+`, as Spark's (java.time's) formatter prints them.
  return (c.year > 9999 ? "+" : "") + pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2);
}

std::string formatTimestamp(int64_t utcMicros, const Zone& zone) {
  const int64_t micros = zone.toLocal(utcMicros);
  const int64_t days = floorDiv(micros, kMicrosPerDay);
  const int64_t rem = floorMod(micros, kMicrosPerDay);
  const int64_t secs = rem / kMicrosPerSecond, frac = rem % kMicrosPerSecond;
  std::string out = formatDate(days) + " " + pad(secs / 3600, 2) + ":" + pad(secs / 60 % 60, 2) +
                    ":" + pad(secs % 60, 2);
  if (frac) {
    std::string f = pad(frac, 6);
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

// ---------------------------------------------------------------- patterns

std::optional<DateTimePattern> DateTimePattern::compile(std::string_view p, std::string* error) {
  DateTimePattern out;
  static const std::string_view kLetters = "yMLdDHhKkmsSaEzVXxZu";
  for (size_t i = 0; i < p.size();) {
    const char c = p[i];
    if (c == '\'') {
      Token t;
      ++i;
      if (i < p.size() && p[i] == '\'') {  // '' is a single quote
        t.literal = "'";
        ++i;
      } else {
        for (;;) {
          if (i >= p.size()) {
            if (error) *error = "unterminated quote in datetime pattern '" + std::string(p) + "'";
            return std::nullopt;
          }
          if (p[i] == '\'') {
            if (i + 1 < p.size() && p[i + 1] == '\'') {
              t.literal += '\'';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          t.literal += p[i++];
        }
      }
      out.tokens_.push_back(std::move(t));
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      if (kLetters.find(c) == std::string_view::npos || c == 'u') {
        if (error)
          *error = "Fail to recognize '" + std::string(p) +
                   "' pattern in the DateTimeFormatter: "
                   "illegal pattern letter '" +
                   std::string(1, c) + "'";
        return std::nullopt;
      }
      Token t;
      t.letter = c;
      while (i < p.size() && p[i] == c) {
        ++t.count;
        ++i;
      }
      out.tokens_.push_back(std::move(t));
    } else {
      Token t;
      t.literal = std::string(1, c);
      ++i;
      out.tokens_.push_back(std::move(t));
    }
  }
  return out;
}

bool DateTimePattern::parse(std::string_view s, int64_t* micros, const Zone& sessionZone) const {
  int64_t year = 1970, month = 1, day = 1, doy = -1, hour = 0, minute = 0, second = 0, frac = 0;
  int ampm = -1;
  bool hour12 = false;
  std::string zone;
  int64_t offset = 0;
  bool hasOffset = false;
  size_t i = 0;
  for (size_t k = 0; k < tokens_.size(); ++k) {
    const Token& t = tokens_[k];
    if (!t.letter) {
      if (s.substr(i, t.literal.size()) != t.literal) return false;
      i += t.literal.size();
      continue;
    }
    // Adjacent numeric fields (yyyyMMdd) need fixed widths.
    const bool nextNumeric =
        k + 1 < tokens_.size() && tokens_[k + 1].letter &&
        std::string_view("yMdDHhKkmsS").find(tokens_[k + 1].letter) != std::string_view::npos;
    auto num = [&](int64_t* v, int minW, int maxW) { return readDigits(s, i, minW, maxW, v); };
    const int fixedOr = t.count >= 2 ? t.count : (nextNumeric ? 1 : 2);
    switch (t.letter) {
      case 'y':
        if (t.count == 2) {
          if (!num(&year, 2, 2)) return false;
          year += 2000;
        } else {
          bool neg = false;
          if (i < s.size() && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
          if (!num(&year, t.count, nextNumeric ? t.count : 9)) return false;
          if (neg) year = -year;
        }
        break;
      case 'M':
      case 'L':
        if (t.count >= 3) {
          int m = matchName(s, i, t.count == 3 ? kMonthShort : kMonthLong, 12);
          if (m < 0) return false;
          month = m + 1;
        } else if (!num(&month, t.count, fixedOr)) {
          return false;
        }
        break;
      case 'd':
        if (!num(&day, t.count, fixedOr)) return false;
        break;
      case 'D':
        if (!num(&doy, t.count, t.count >= 3 ? 3 : 3)) return false;
        break;
      case 'H':
      case 'k':
        if (!num(&hour, t.count, fixedOr)) return false;
        if (t.letter == 'k' && hour == 24) hour = 0;
        break;
      case 'h':
      case 'K':
        if (!num(&hour, t.count, fixedOr)) return false;
        hour12 = true;
        if (t.letter == 'h' && (hour < 1 || hour > 12)) return false;
        if (hour == 12) hour = 0;
        break;
      case 'm':
        if (!num(&minute, t.count, fixedOr)) return false;
        break;
      case 's':
        if (!num(&second, t.count, fixedOr)) return false;
        break;
      case 'S': {
        int64_t v;
        const size_t start = i;
        if (!num(&v, t.count, t.count)) return false;
        int n = static_cast<int>(i - start);
        while (n > 6) {
          v /= 10;
          --n;
        }
        for (; n < 6; ++n) v *= 10;
        frac = v;
        break;
      }
      case 'a': {
        static const char* const names[] = {"AM", "PM"};
        ampm = matchName(s, i, names, 2);
        if (ampm < 0) return false;
        break;
      }
      case 'E':
        if (matchName(s, i, t.count >= 4 ? kDayLong : kDayShort, 7) < 0) return false;
        break;
      case 'z':
      case 'V': {
        const size_t start = i;
        while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '/' ||
                                s[i] == '_' || s[i] == '+' || s[i] == '-' || s[i] == ':'))
          ++i;
        zone = std::string(s.substr(start, i - start));
        if (zone.empty()) return false;
        break;
      }
      case 'X':
      case 'x':
      case 'Z':
        if (t.letter == 'X' && i < s.size() && s[i] == 'Z') {
          ++i;
          offset = 0;
        } else if (!parseOffset(s, i, &offset, false)) {
          return false;
        }
        hasOffset = true;
        break;
      default:
        return false;
    }
  }
  if (i != s.size()) return false;
  if (hour12 && ampm == 1) hour += 12;
  if (hour > 23 || minute > 59 || second > 59) return false;
  int64_t days;
  if (doy >= 0) {
    if (doy < 1 || doy > (isLeapYear(year) ? 366 : 365)) return false;
    days = daysFromCivil(year, 1, 1) + doy - 1;
  } else {
    if (!validDate(year, month, day)) return false;
    days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  }
  const int64_t local = toEpochMicros(days, hour, minute, second, frac);
  if (hasOffset) {
    *micros = local - offset * kMicrosPerSecond;
    return true;
  }
  if (!zone.empty()) return localToUtc(zone, local, micros);
  *micros = sessionZone.toUtc(local);
  return true;
}

std::string DateTimePattern::format(int64_t utcMicros, const Zone& zone) const {
  const int32_t offset = zone.offsetSeconds(utcMicros);
  const int64_t micros = utcMicros + offset * kMicrosPerSecond;
  const int64_t days = floorDiv(micros, kMicrosPerDay);
  const int64_t rem = floorMod(micros, kMicrosPerDay);
  const CivilDate c = civilFromDays(days);
  const int64_t hour = rem / kMicrosPerHour, minute = rem / kMicrosPerMinute % 60,
                second = rem / kMicrosPerSecond % 60, frac = rem % kMicrosPerSecond;
  std::string out;
  for (const Token& t : tokens_) {
    if (!t.letter) {
      out += t.literal;
      continue;
    }
    switch (t.letter) {
      case 'y':
        // `yyyy` pads to 4 and signs what exceeds the pad (java.time's EXCEEDS_PAD).
        if (t.count >= 4 && c.year > 0 && std::to_string(c.year).size() > size_t(t.count))
          out += "+";
        out += t.count == 2 ? pad(floorMod(c.year, 100), 2) : pad(c.year, t.count);
        break;
      case 'M':
      case 'L':
        out += t.count == 3   ? kMonthShort[c.month - 1]
               : t.count >= 4 ? kMonthLong[c.month - 1]
                              : pad(c.month, t.count);
        break;
      case 'd':
        out += pad(c.day, t.count);
        break;
      case 'D':
        out += pad(dayOfYear(days), t.count);
        break;
      case 'H':
        out += pad(hour, t.count);
        break;
      case 'k':
        out += pad(hour == 0 ? 24 : hour, t.count);
        break;
      case 'h':
        out += pad(hour % 12 == 0 ? 12 : hour % 12, t.count);
        break;
      case 'K':
        out += pad(hour % 12, t.count);
        break;
      case 'm':
        out += pad(minute, t.count);
        break;
      case 's':
        out += pad(second, t.count);
        break;
      case 'S': {
        std::string f = pad(frac, 6) + "000";
        out += f.substr(0, static_cast<size_t>(std::min(t.count, 9)));
        for (int k = 9; k < t.count; ++k) out += '0';
        break;
      }
      case 'a':
        out += hour < 12 ? "AM" : "PM";
        break;
      case 'E': {
        const int dow = static_cast<int>(floorMod(days + 3, 7));  // 1970-01-01 was a Thursday
        out += t.count >= 4 ? kDayLong[dow] : kDayShort[dow];
        break;
      }
      case 'z':
        out += t.count >= 4 && zone.isUtc() && zone.id() == "UTC" ? "Coordinated Universal Time"
                                                                  : zone.shortName(utcMicros);
        break;
      case 'V':
        out += zone.normalizedId();
        break;
      case 'X':
      case 'x':
        out += offsetText(offset, t.letter == 'X', t.count);
        break;
      case 'Z':
        out += t.count <= 3   ? offsetText(offset, false, 2)
               : t.count == 4 ? (offset ? "GMT" + offsetText(offset, false, 3) : "GMT")
                              : offsetText(offset, true, 5);
        break;
    }
  }
  return out;
}

bool parseWithPattern(std::string_view s, std::string_view pattern, int64_t* micros,
                      const Zone& zone) {
  auto p = DateTimePattern::compile(pattern, nullptr);
  return p && p->parse(s, micros, zone);
}

bool formatWithPattern(int64_t micros, std::string_view pattern, std::string* out,
                       const Zone& zone) {
  auto p = DateTimePattern::compile(pattern, nullptr);
  if (!p) return false;
  *out = p->format(micros, zone);
  return true;
}

// ---------------------------------------------------------------- fields

int32_t yearOf(int64_t days) {
  return static_cast<int32_t>(civilFromDays(days).year);
}
int32_t monthOf(int64_t days) {
  return static_cast<int32_t>(civilFromDays(days).month);
}
int32_t dayOfMonth(int64_t days) {
  return static_cast<int32_t>(civilFromDays(days).day);
}
int32_t dayOfWeek(int64_t days) {
  return static_cast<int32_t>(floorMod(days + 4, 7)) + 1;
}
int32_t dayOfYear(int64_t days) {
  return static_cast<int32_t>(days - daysFromCivil(civilFromDays(days).year, 1, 1)) + 1;
}
int32_t quarterOf(int64_t days) {
  return (monthOf(days) - 1) / 3 + 1;
}
int32_t hourOf(int64_t micros) {
  return static_cast<int32_t>(floorMod(micros, kMicrosPerDay) / kMicrosPerHour);
}
int32_t minuteOf(int64_t micros) {
  return static_cast<int32_t>(floorMod(micros, kMicrosPerHour) / kMicrosPerMinute);
}
int32_t secondOf(int64_t micros) {
  return static_cast<int32_t>(floorMod(micros, kMicrosPerMinute) / kMicrosPerSecond);
}

int64_t addMonths(int64_t days, int32_t months) {
  const CivilDate c = civilFromDays(days);
  const int64_t total = c.year * 12 + (c.month - 1) + months;
  const int64_t y = floorDiv(total, 12);
  const unsigned m = static_cast<unsigned>(floorMod(total, 12)) + 1;
  const unsigned d = std::min(c.day, daysInMonth(y, m));
  return daysFromCivil(y, m, d);
}

int64_t timestampAddInterval(int64_t micros, int32_t months, int32_t days, int64_t us,
                             const Zone& zone) {
  // Spark's timestampAddInterval: only microseconds add to the instant; with months or days
  // everything adds to the wall-clock time.
  if (!months && !days) return micros + us;
  int64_t local = zone.toLocal(micros);
  if (months) {
    const int64_t d = floorDiv(local, kMicrosPerDay);
    local = addMonths(d, months) * kMicrosPerDay + floorMod(local, kMicrosPerDay);
  }
  return zone.toUtc(local + days * kMicrosPerDay + us);
}

int64_t dateAddInterval(int64_t days, int32_t months, int32_t addDays, int64_t us,
                        const Zone& zone) {
  if (us == 0) return addMonths(days, months) + addDays;
  const int64_t ts = timestampAddInterval(startOfDay(days, zone), months, addDays, us, zone);
  return localDateOf(ts, zone);
}

bool truncDate(std::string_view unit, int64_t days, int64_t* out) {
  const CivilDate c = civilFromDays(days);
  if (equalsIgnoreCase(unit, "year") || equalsIgnoreCase(unit, "yyyy") ||
      equalsIgnoreCase(unit, "yy")) {
    *out = daysFromCivil(c.year, 1, 1);
  } else if (equalsIgnoreCase(unit, "quarter")) {
    *out = daysFromCivil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
  } else if (equalsIgnoreCase(unit, "month") || equalsIgnoreCase(unit, "mm") ||
             equalsIgnoreCase(unit, "mon")) {
    *out = daysFromCivil(c.year, c.month, 1);
  } else if (equalsIgnoreCase(unit, "week")) {
    *out = days - floorMod(days + 3, 7);  // back to Monday
  } else {
    return false;
  }
  return true;
}

bool truncTimestamp(std::string_view unit, int64_t micros, int64_t* out, const Zone& zone) {
  const int64_t local = zone.toLocal(micros);
  const int64_t days = floorDiv(local, kMicrosPerDay);
  int64_t d;
  if (truncDate(unit, days, &d)) {
    *out = zone.toUtc(d * kMicrosPerDay);
  } else if (equalsIgnoreCase(unit, "day") || equalsIgnoreCase(unit, "dd")) {
    *out = zone.toUtc(days * kMicrosPerDay, zone.offsetSeconds(micros));
  } else if (equalsIgnoreCase(unit, "hour")) {
    // On the wall clock, keeping the offset within an overlap (ZonedDateTime.truncatedTo).
    *out = zone.toUtc(local - floorMod(local, kMicrosPerHour), zone.offsetSeconds(micros));
  } else if (equalsIgnoreCase(unit, "minute")) {
    *out = zone.toUtc(local - floorMod(local, kMicrosPerMinute), zone.offsetSeconds(micros));
  } else if (equalsIgnoreCase(unit, "second")) {
    *out = micros - floorMod(micros, kMicrosPerSecond);
  } else if (equalsIgnoreCase(unit, "millisecond")) {
    *out = micros - floorMod(micros, 1000);
  } else if (equalsIgnoreCase(unit, "microsecond")) {
    *out = micros;
  } else {
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- intervals

std::optional<IntervalValue> parseInterval(std::string_view s) {
  s = trimControl(s);
  size_t i = 0;
  auto skipSpaces = [&] {
    while (i < s.size() && s[i] == ' ') ++i;
  };
  if (s.size() >= 8 && equalsIgnoreCase(s.substr(0, 8), "interval")) {
    i = 8;
    skipSpaces();
  }
  IntervalValue out;
  bool any = false;
  __int128 months = 0, days = 0, micros = 0;
  while (i < s.size()) {
    bool neg = false;
    if (s[i] == '+' || s[i] == '-') neg = s[i++] == '-';
    skipSpaces();
    int64_t whole = 0, frac = 0;
    int fracDigits = 0;
    const size_t start = i;
    while (i < s.size() && isDigit(s[i])) {
      if (whole > INT64_MAX / 10 - 10) return std::nullopt;
      whole = whole * 10 + (s[i++] - '0');
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && isDigit(s[i])) {
        if (fracDigits < 9) {
          frac = frac * 10 + (s[i] - '0');
          ++fracDigits;
        }
        ++i;
      }
    }
    if (i == start) return std::nullopt;
    skipSpaces();
    const size_t ustart = i;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
    std::string unit = asciiLower(s.substr(ustart, i - ustart));
    if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
    skipSpaces();
    // micros per unit (0: month-based)
    int64_t per = 0, monthsPer = 0;
    if (unit == "year" || unit == "yr" || unit == "y")
      monthsPer = 12;
    else if (unit == "month" || unit == "mon")
      monthsPer = 1;
    else if (unit == "week" || unit == "w")
      per = 7 * kMicrosPerDay;
    else if (unit == "day" || unit == "d")
      per = kMicrosPerDay;
    else if (unit == "hour" || unit == "hr" || unit == "h")
      per = kMicrosPerHour;
    else if (unit == "minute" || unit == "min" || unit == "m")
      per = kMicrosPerMinute;
    else if (unit == "second" || unit == "sec" || unit == "s")
      per = kMicrosPerSecond;
    else if (unit == "millisecond" || unit == "msec" || unit == "ms")
      per = 1000;
    else if (unit == "microsecond" || unit == "usec" || unit == "us")
      per = 1;
    else
      return std::nullopt;
    const int sign = neg ? -1 : 1;
    if (monthsPer) {
      if (fracDigits && frac) return std::nullopt;  // fractional months are ambiguous
      months += sign * static_cast<__int128>(whole) * monthsPer;
    } else if (per == kMicrosPerDay && !(fracDigits && frac)) {
      days += sign * static_cast<__int128>(whole);
    } else {
      __int128 f = frac;
      for (int k = fracDigits; k < 9; ++k) f *= 10;
      micros += sign * (static_cast<__int128>(whole) * per + f * per / 1000000000);
    }
    any = true;
  }
  if (!any) return std::nullopt;
  if (months > INT32_MAX || months < INT32_MIN || days > INT32_MAX || days < INT32_MIN ||
      micros > INT64_MAX || micros < INT64_MIN)
    return std::nullopt;
  out.months = static_cast<int32_t>(months);
  out.days = static_cast<int32_t>(days);
  out.micros = static_cast<int64_t>(micros);
  return out;
}

int64_t windowStart(int64_t ts, int64_t slideMicros, int64_t startMicros) {
  return ts - floorMod(ts - startMicros, slideMicros);
}

bool integralSecondsToMicros(int64_t seconds, int64_t* micros) {
  return !__builtin_mul_overflow(seconds, kMicrosPerSecond, micros);
}

std::optional<int64_t> fractionalSecondsToMicros(double seconds) {
  if (std::isnan(seconds) || std::isinf(seconds)) return std::nullopt;
  const double us = seconds * static_cast<double>(kMicrosPerSecond);
  // Java's (long) cast: truncation toward zero, saturating at the long range.
  if (us >= 9223372036854775807.0) return INT64_MAX;
  if (us <= -9223372036854775808.0) return INT64_MIN;
  return static_cast<int64_t>(us);
}

const char* decimalSecondsToMicros(__int128 v, int scale, int64_t* micros) {
  __int128 us = v;
  if (scale <= 6) {
    for (int i = scale; i < 6; ++i)
      if (__builtin_mul_overflow(us, 10, &us)) return "Overflow";
  } else {
    __int128 div = 1;
    for (int i = 6; i < scale; ++i) div *= 10;
    if (us % div != 0) return "Rounding necessary";
    us /= div;
  }
  if (us > INT64_MAX || us < INT64_MIN) return "Overflow";
  *micros = static_cast<int64_t>(us);
  return nullptr;
}

}  // namespace sluice::stdlib
