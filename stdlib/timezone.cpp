#include "stdlib/timezone.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "absl/time/civil_time.h"

namespace sluice::stdlib {
namespace {

constexpr int64_t kMicros = 1000000;

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool digit(char c) {
  return c >= '0' && c <= '9';
}

// java.time.ZoneOffset.of: +h, +hh, +hh:mm, +hhmm, +hh:mm:ss, +hhmmss, at most 18 hours.
// Spark first rewrites `+h:` to `+0h:` (DateTimeUtils.getZoneId), so +1:30 is accepted too.
bool parseOffsetId(std::string_view s, int32_t* seconds) {
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return false;
  const int sign = s[0] == '-' ? -1 : 1;
  std::string t(s.substr(1));
  if (t.size() >= 2 && digit(t[0]) && t[1] == ':') t = "0" + t;
  int h = 0, m = 0, sec = 0;
  auto two = [&](size_t at, int* v) {
    if (at + 2 > t.size() || !digit(t[at]) || !digit(t[at + 1])) return false;
    *v = (t[at] - '0') * 10 + (t[at + 1] - '0');
    return true;
  };
  switch (t.size()) {
    case 1:
      if (!digit(t[0])) return false;
      h = t[0] - '0';
      break;
    case 2:
      if (!two(0, &h)) return false;
      break;
    case 4:
      if (!two(0, &h) || !two(2, &m)) return false;
      break;
    case 5:
      if (!two(0, &h) || t[2] != ':' || !two(3, &m)) return false;
      break;
    case 6:
      if (!two(0, &h) || !two(2, &m) || !two(4, &sec)) return false;
      break;
    case 8:
      if (!two(0, &h) || t[2] != ':' || !two(3, &m) || t[5] != ':' || !two(6, &sec)) return false;
      break;
    default:
      return false;
  }
  if (h > 18 || m > 59 || sec > 59 || (h == 18 && (m || sec))) return false;
  *seconds = sign * (h * 3600 + m * 60 + sec);
  return true;
}

// java.time.ZoneId.SHORT_IDS.
const char* shortId(std::string_view id) {
  static const std::map<std::string_view, const char*> ids = {
      {"ACT", "Australia/Darwin"},
      {"AET", "Australia/Sydney"},
      {"AGT", "America/Argentina/Buenos_Aires"},
      {"ART", "Africa/Cairo"},
      {"AST", "America/Anchorage"},
      {"BET", "America/Sao_Paulo"},
      {"BST", "Asia/Dhaka"},
      {"CAT", "Africa/Harare"},
      {"CNT", "America/St_Johns"},
      {"CST", "America/Chicago"},
      {"CTT", "Asia/Shanghai"},
      {"EAT", "Africa/Addis_Ababa"},
      {"ECT", "Europe/Paris"},
      {"IET", "America/Indiana/Indianapolis"},
      {"IST", "Asia/Kolkata"},
      {"JST", "Asia/Tokyo"},
      {"MIT", "Pacific/Apia"},
      {"NET", "Asia/Yerevan"},
      {"NST", "Pacific/Auckland"},
      {"PLT", "Asia/Karachi"},
      {"PNT", "America/Phoenix"},
      {"PRT", "America/Puerto_Rico"},
      {"PST", "America/Los_Angeles"},
      {"SST", "Pacific/Guadalcanal"},
      {"VST", "Asia/Ho_Chi_Minh"},
      {"EST", "-05:00"},
      {"MST", "-07:00"},
      {"HST", "-10:00"},
  };
  auto it = ids.find(id);
  return it == ids.end() ? nullptr : it->second;
}

// A region id as java.time accepts it: [A-Za-z][A-Za-z0-9~/._+-]+.
bool regionSyntax(std::string_view id) {
  if (id.size() < 2 || !((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= 'a' && id[0] <= 'z')))
    return false;
  for (char c : id)
    if (!(digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '~' || c == '/' ||
          c == '.' || c == '_' || c == '+' || c == '-'))
      return false;
  // Never a path outside the zone database, never Abseil's own "localtime".
  return id.find("..") == std::string_view::npos && id != "localtime";
}

}  // namespace

std::string formatOffsetId(int32_t seconds, bool zForZero) {
  if (seconds == 0 && zForZero) return "Z";
  const int32_t a = seconds < 0 ? -seconds : seconds;
  char buf[16];
  if (a % 60)
    std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", seconds < 0 ? '-' : '+', a / 3600,
                  a / 60 % 60, a % 60);
  else
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", seconds < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  return buf;
}

std::string systemZoneId() {
  auto valid = [](std::string id) -> std::string {
    while (!id.empty() && (id.back() == '\n' || id.back() == ' ')) id.pop_back();
    if (!id.empty() && id[0] == ':') id.erase(0, 1);
    return !id.empty() && Zone::find(id) ? id : std::string();
  };
  if (const char* tz = std::getenv("TZ"))
    if (std::string id = valid(tz); !id.empty()) return id;
  if (std::FILE* f = std::fopen("/etc/timezone", "r")) {
    char buf[128] = {};
    const size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    if (std::string id = valid(std::string(buf, n)); !id.empty()) return id;
  }
  char link[512] = {};
  const ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
  if (n > 0) {
    const std::string path(link, static_cast<size_t>(n));
    const size_t at = path.find("zoneinfo/");
    if (at != std::string::npos)
      if (std::string id = valid(path.substr(at + 9)); !id.empty()) return id;
  }
  return "UTC";
}

const Zone* Zone::find(std::string_view id) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<Zone>, std::less<>> zones;
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = zones.find(id); it != zones.end()) return it->second.get();
  std::unique_ptr<Zone> z(new Zone());
  z->id_ = std::string(id);
  std::string_view rest = id;
  if (const char* mapped = shortId(id)) rest = mapped;
  int32_t off = 0;
  if (rest == "Z") {
    z->normalized_ = "Z";
  } else if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
    if (!parseOffsetId(rest, &off)) return nullptr;
    z->offset_ = off;
    z->normalized_ = formatOffsetId(off, true);
  } else {
    // UTC, GMT, UT alone or with an offset: fixed zones that keep their prefix in their id.
    bool prefixed = false;
    for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
      if (rest.substr(0, prefix.size()) != prefix) continue;
      const std::string_view tail = rest.substr(prefix.size());
      if (tail.empty()) {
        z->normalized_ = std::string(prefix);
      } else if (tail[0] == '+' || tail[0] == '-') {
        if (!parseOffsetId(tail, &off)) return nullptr;
        z->offset_ = off;
        z->normalized_ = std::string(prefix) + (off ? formatOffsetId(off, false) : "");
      } else {
        continue;  // UTC... as a region id (e.g. "UCT")
      }
      prefixed = true;
      break;
    }
    if (!prefixed) {
      if (!regionSyntax(rest) || !absl::LoadTimeZone(std::string(rest), &z->tz_)) return nullptr;
      z->fixed_ = false;
      z->normalized_ = std::string(rest);
    }
  }
  const Zone* out = z.get();
  zones.emplace(std::string(id), std::move(z));
  return out;
}

const Zone* Zone::findCached(std::string_view id) {
  thread_local std::string lastId;
  thread_local const Zone* last = nullptr;
  if (last && id.size() == lastId.size() && std::memcmp(id.data(), lastId.data(), id.size()) == 0)
    return last;
  const Zone* z = find(id);
  if (z) {
    lastId.assign(id.data(), id.size());
    last = z;
  }
  return z;
}

const Zone& Zone::utc() {
  static const Zone* z = find("UTC");
  return *z;
}

const Zone& Zone::of(std::string_view id) {
  if (id.empty()) return utc();
  const Zone* z = findCached(id);
  if (!z) throw std::invalid_argument("Invalid time zone id: '" + std::string(id) + "'");
  return *z;
}

int32_t Zone::offsetSeconds(int64_t utcMicros) const {
  if (fixed_) return offset_;
  return tz_.At(absl::FromUnixSeconds(floorDiv(utcMicros, kMicros))).offset;
}

int64_t Zone::toUtc(int64_t localMicros) const {
  if (fixed_) return localMicros - offset_ * kMicros;
  const int64_t secs = floorDiv(localMicros, kMicros);
  const int64_t frac = localMicros - secs * kMicros;
  const absl::CivilSecond cs = absl::CivilSecond(1970, 1, 1, 0, 0, 0) + secs;
  // `pre` reads the wall-clock time with the offset before a transition: a time in a gap moves
  // forward by the gap, a time in an overlap takes the earlier (summer) offset, as java.time.
  const absl::TimeZone::TimeInfo ti = tz_.At(cs);
  return absl::ToUnixSeconds(ti.pre) * kMicros + frac;
}

int64_t Zone::toUtc(int64_t localMicros, int32_t preferredOffset) const {
  if (fixed_) return localMicros - offset_ * kMicros;
  const int64_t secs = floorDiv(localMicros, kMicros);
  const int64_t frac = localMicros - secs * kMicros;
  const absl::CivilSecond cs = absl::CivilSecond(1970, 1, 1, 0, 0, 0) + secs;
  const absl::TimeZone::TimeInfo ti = tz_.At(cs);
  if (ti.kind == absl::TimeZone::TimeInfo::REPEATED && tz_.At(ti.post).offset == preferredOffset)
    return absl::ToUnixSeconds(ti.post) * kMicros + frac;
  return absl::ToUnixSeconds(ti.pre) * kMicros + frac;
}

std::string Zone::shortName(int64_t utcMicros) const {
  if (fixed_) return normalized_;
  return tz_.At(absl::FromUnixSeconds(floorDiv(utcMicros, kMicros))).zone_abbr;
}

}  // namespace sluice::stdlib
